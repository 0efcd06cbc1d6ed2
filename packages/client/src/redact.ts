/** What a secret is replaced with wherever it might otherwise be shown. */
export const REDACTED = "[redacted]";

/** `text` with every occurrence of `secret` replaced by {@link REDACTED} (a server may echo the key back). */
export function redact(text: string, secret: string | undefined): string {
  return secret && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}

/** The symbol Node's `util.inspect` and `console.log` call to render an object. */
export const INSPECT = Symbol.for("nodejs.util.inspect.custom");
