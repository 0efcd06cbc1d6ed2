/**
 * An environment variable, or `undefined` when it is unset or cannot be read: there is no `process` on
 * workerd or in a browser, and Deno throws (`NotCapable`) for a variable it was not allowed to read. A
 * variable the client only falls back on must never stop a service that did not grant it.
 */
export function readEnv(name: string): string | undefined {
  try {
    const value = (globalThis as { process?: { env?: Record<string, unknown> } }).process?.env?.[name];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
