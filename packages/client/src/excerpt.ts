import { printable } from "./printable.js";
import { redact, redactCut } from "./redact.js";

/** The longest excerpt, in characters. */
const EXCERPT_LENGTH = 200;
/** How much of a body an excerpt is made from: a fixed bound on the work, whatever the body's size. */
const SCAN_LENGTH = 4_096;

/**
 * The start of a server's body as one line, for an error: the key redacted first (in every form, see
 * {@link redact}), then tags of an HTML error page dropped and white space folded, then cut to 200
 * characters, control characters escaped (see {@link printable}). Works on the first 4 KiB only, with patterns linear in their input. `cut` says the body
 * itself was cut (at `maxResponseBytes`), so a key it ends in the middle of is dropped too.
 */
export function excerpt(text: string, secret: string, cut = false): string {
  const head =
    cut || text.length > SCAN_LENGTH ? redactCut(text.slice(0, SCAN_LENGTH), secret) : redact(text, secret);
  // [^<>]* stops at the next "<", so each character is scanned once (/<[^>]*>/ was quadratic on "<<<<").
  const collapsed = (/^\s*</.test(head) ? head.replace(/<[^<>]*>/g, " ") : head).replace(/\s+/g, " ").trim();
  // Again after collapsing: a key with a space comes back whole from "<br>" or a line break in its place.
  const plain = printable(redact(collapsed, secret));
  return plain.length > EXCERPT_LENGTH ? `${plain.slice(0, EXCERPT_LENGTH)}…` : plain;
}
