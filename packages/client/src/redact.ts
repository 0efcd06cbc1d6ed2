/** What a secret is replaced with wherever it might otherwise be shown. */
export const REDACTED = "[redacted]";

/** `text` with every occurrence of `secret` replaced by {@link REDACTED} (a server may echo the key back). */
export function redact(text: string, secret: string | undefined): string {
  return secret && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}

/** The symbol Node's `util.inspect` and `console.log` call to render an object. */
export const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * `error` as the `cause` of a NoxError: itself when neither it nor its own causes mention `secret`,
 * otherwise a plain Error with the same name and the text redacted. A custom `fetch` or a proxy agent
 * may put the key in its own error; we cannot edit someone else's object, so we do not hand it on.
 */
export function redactCause(error: unknown, secret: string): unknown {
  const mentions = (value: unknown, depth: number): boolean => {
    if (depth > 8 || value === null || value === undefined) return false;
    if (typeof value === "string") return value.includes(secret);
    if (!(value instanceof Error)) return String(value).includes(secret);
    return (
      value.message.includes(secret) ||
      (value.stack ?? "").includes(secret) ||
      mentions(value.cause, depth + 1)
    );
  };
  if (!mentions(error, 0)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const safe = new Error(`${redact(message, secret)} (original error withheld: it contained the API key)`);
  safe.name = error instanceof Error ? error.name : "Error";
  return safe;
}
