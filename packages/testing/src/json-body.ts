/** The deepest nesting of arrays and objects a request body may have; the spec's bodies are one level deep. */
export const MAX_JSON_DEPTH = 64;

/** A request body parsed as JSON, or why it could not be. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Parses a request body as JSON, refusing nesting deeper than {@link MAX_JSON_DEPTH} before parsing:
 * `JSON.parse` copes with 10,000 levels, but whatever walks the value next (a validator, an error message,
 * a test's `toEqual`) recurses and overflows the stack.
 */
export function parseJsonBody(text: string): JsonBody {
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    return { ok: false, error: `Request body must not be nested deeper than ${MAX_JSON_DEPTH} levels` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: "Request body must be valid JSON" };
  }
}

/** The deepest run of open `[` and `{` outside strings: linear, and exact for valid JSON. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (char === 0x5d || char === 0x7d) depth--;
  }
  return deepest;
}
