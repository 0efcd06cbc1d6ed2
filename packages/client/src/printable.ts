// C0 controls, DEL, C1 controls (U+0080-U+009F: a terminal reads U+009B as CSI), and the two Unicode line
// breaks: each can forge a log line or rewrite a terminal. Global and stateless in use (replace resets it).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const SHORT: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * `text` with every control character written as a visible escape (`\n`, `\r`, `\t`, else `\u001b`
 * style), so a string a server (or a forged callback) controls cannot add a line to a log or send a
 * terminal escape sequence. Applied to every server-controlled string before it reaches a message, an
 * error's fields or a log line.
 */
export function printable(text: string): string {
  return text.replace(
    CONTROL,
    (char) => SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
