/**
 * The length of a string in Unicode code points (a surrogate pair counts once), as JSON Schema's
 * `minLength`/`maxLength` count it: ajv's runtime helper (MIT), ported so the generated validators
 * need no ajv at run time.
 */
export default function ucs2length(value: string): number {
  const length = value.length;
  let count = 0;
  let pos = 0;
  while (pos < length) {
    count++;
    const code = value.charCodeAt(pos++);
    if (code >= 0xd800 && code <= 0xdbff && pos < length) {
      // A high surrogate followed by a low one is one code point.
      if ((value.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++;
    }
  }
  return count;
}
