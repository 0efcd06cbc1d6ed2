// Replaced at build time by tsup `define` with packages/client/package.json's version (and by vitest in tests).
declare const __NOX_CLIENT_VERSION__: string | undefined;

/** This package's version, as published. */
export const VERSION: string =
  typeof __NOX_CLIENT_VERSION__ === "string" ? __NOX_CLIENT_VERSION__ : "0.0.0-dev";

/** The User-Agent sent with every request: this package and version, plus Node's version when on Node. */
export function userAgent(): string {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return `nox-authenticator-client/${VERSION}${node === undefined ? "" : ` node/${node}`}`;
}
