import { printable } from "./printable.js";

/** What a secret is replaced with wherever it might otherwise be shown. */
export const REDACTED = "[redacted]";

// Characters that start an encoded character: a JSON or JS escape, a percent-escape, an HTML reference.
const ESCAPE_START = /[\\%&+]/;
// One encoded character at a given position (sticky, bounded): \uXXXX, \xHH, \" \\ \/, %HH, &#N;, &#xH;, &name;.
const ENCODED =
  /\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\(["\\/])|%([0-9a-fA-F]{2})|&#(\d{1,7});|&#[xX]([0-9a-fA-F]{1,6});|&(amp|lt|gt|quot|apos);/y;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
// The first characters of each family of escapes (\\, %, &): all mixed, then each alone, since a key can
// hold what reads as an escape of another family ("%00" in a JSON-escaped key is four characters).
const FAMILIES: readonly (readonly number[])[] = [[0x5c, 0x25, 0x26], [0x5c], [0x25], [0x26]];

/** The character an escape at `ENCODED.lastIndex` stands for, given the match. */
function decoded(match: RegExpExecArray): number {
  const [, u, x, plain, pct, dec, hex, name] = match;
  if (plain !== undefined) return plain.charCodeAt(0);
  if (name !== undefined) return (NAMED[name] as string).charCodeAt(0);
  const code = u ?? x ?? pct ?? hex;
  return code !== undefined ? Number.parseInt(code, 16) : Number(dec);
}

/** KMP failure table of `secret`: for each prefix, the length of its longest proper border. */
function failureTable(secret: string): Int32Array {
  const table = new Int32Array(secret.length);
  for (let i = 1, k = 0; i < secret.length; i++) {
    while (k > 0 && secret.charCodeAt(i) !== secret.charCodeAt(k)) k = table[k - 1] as number;
    if (secret.charCodeAt(i) === secret.charCodeAt(k)) k++;
    table[i] = k;
  }
  return table;
}

/**
 * `text` with every run of characters that decodes to `secret` replaced, where each character may be
 * written raw or encoded (any mix of the forms {@link ENCODED} reads). One pass over `text` (KMP over
 * decoded characters), so the work is linear in its length whatever it holds. With `cut`, a trailing run
 * that decodes to the start of `secret` is dropped: `text` was cut from a longer one mid-secret.
 */
function redactEncoded(text: string, secret: string, cut: boolean, starts: readonly number[]): string {
  const table = failureTable(secret);
  // at[j]: where the decoded character that matched secret[j] starts in `text`.
  const at = new Int32Array(secret.length);
  const plus = starts.includes(0x25);
  let out = "";
  let copied = 0;
  let matched = 0;
  for (let i = 0; i < text.length;) {
    const start = i;
    let code = text.charCodeAt(i);
    ENCODED.lastIndex = i;
    const match = starts.includes(code) ? ENCODED.exec(text) : null;
    if (match) {
      code = decoded(match);
      i = ENCODED.lastIndex;
    } else {
      // "+" is a space in form encoding, and itself everywhere else.
      if (plus && code === 0x2b && secret.charCodeAt(matched) === 0x20) code = 0x20;
      i++;
    }
    while (matched > 0 && code !== secret.charCodeAt(matched)) {
      const border = table[matched - 1] as number;
      at.copyWithin(0, matched - border, matched);
      matched = border;
    }
    if (code === secret.charCodeAt(matched)) at[matched++] = start;
    if (matched === secret.length) {
      out += text.slice(copied, at[0]) + REDACTED;
      copied = i;
      matched = 0;
    }
  }
  if (cut && matched > 0) return out + text.slice(copied, at[0]);
  return out + text.slice(copied);
}

/**
 * `text` with every occurrence of `secret` replaced by {@link REDACTED} (a server may echo the key back):
 * raw, JSON- or JS-escaped (`\u006e`, `\"`), percent-encoded (either case, `+` for a space), or as HTML
 * character references (`&amp;`, `&#110;`, `&#x6e;`), in any mix. Linear in the length of `text`.
 */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let out = text.includes(secret) ? text.split(secret).join(REDACTED) : text;
  if (!ESCAPE_START.test(out)) return out;
  for (const family of FAMILIES) out = redactEncoded(out, secret, false, family);
  return out;
}

/**
 * {@link redact} for the start of a longer text (a body cut at a byte limit): also drops a trailing run
 * that could be the start of `secret`, in any of its forms.
 */
export function redactCut(text: string, secret: string): string {
  let out = text.includes(secret) ? text.split(secret).join(REDACTED) : text;
  for (const family of FAMILIES) out = redactEncoded(out, secret, true, family);
  return out;
}

/**
 * A copy of `headers` with `secret` redacted from every value (a proxy may echo the key in
 * `x-request-id`); a header whose name holds it is dropped.
 */
export function redactHeaders(headers: Headers, secret: string): Headers {
  const safe = new Headers();
  headers.forEach((value, name) => {
    if (redact(name, secret) === name) safe.append(name, redact(value, secret));
  });
  return safe;
}

/** The symbol Node's `util.inspect` and `console.log` call to render an object. */
export const INSPECT = Symbol.for("nodejs.util.inspect.custom");

// How much of a cause is searched for the key: a bound, because a custom fetch's error may be huge or cyclic.
const MAX_DEPTH = 6;
const MAX_VISITS = 2_000;

/**
 * True when `value`, or anything reachable from it through own properties (enumerable or not, `cause`
 * and `stack` included), mentions `secret` in any form; also true when looking throws or the search
 * hits its bounds, since then it cannot be shown not to.
 */
function mentions(value: unknown, secret: string): boolean {
  const seen = new Set<object>();
  let visits = 0;
  const walk = (node: unknown, depth: number): boolean => {
    if (++visits > MAX_VISITS) return true;
    if (typeof node === "string") return redact(node, secret) !== node;
    if (typeof node !== "object" && typeof node !== "function") return false;
    if (node === null || seen.has(node)) return false;
    if (depth > MAX_DEPTH) return true;
    seen.add(node);
    for (const key of Reflect.ownKeys(node)) {
      if (typeof key === "string" && walk(key, depth)) return true;
      const descriptor = Reflect.getOwnPropertyDescriptor(node, key);
      // A getter is not run: it could do anything. An error's `message` and `stack` are data.
      if (descriptor && "value" in descriptor && walk(descriptor.value, depth + 1)) return true;
    }
    return false;
  };
  try {
    return walk(value, 0);
  } catch {
    return true;
  }
}

/**
 * `error` as the `cause` of a NoxError: itself when nothing in it mentions `secret` (its message, its
 * stack, its own properties, its causes), otherwise a plain Error with the same name and the message
 * redacted. A custom `fetch` or a proxy agent may put the key in its own error (a `config.headers`
 * property, say); we cannot edit someone else's object, so we do not hand it on.
 */
export function redactCause(error: unknown, secret: string): unknown {
  if (!mentions(error, secret)) return error;
  let message: string;
  let name = "Error";
  try {
    message =
      error instanceof Error ? error.message : typeof error === "string" ? error : "a non-Error value";
    if (error instanceof Error) name = error.name;
  } catch {
    message = "an unreadable error";
  }
  const safe = new Error(
    `${printable(redact(message, secret))} (original error withheld: it contained the API key)`,
  );
  safe.name = redact(name, secret);
  return safe;
}
