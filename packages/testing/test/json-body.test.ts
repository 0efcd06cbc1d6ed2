import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { MAX_JSON_DEPTH, parseJsonBody } from "../src/json-body.js";

const nested = (depth: number, open = "[", close = "]") => `${open.repeat(depth)}${close.repeat(depth)}`;

describe("parseJsonBody", () => {
  test.each([
    ["arrays at the limit", nested(MAX_JSON_DEPTH), true],
    ["arrays one past it", nested(MAX_JSON_DEPTH + 1), false],
    ["objects one past it", `${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${"}".repeat(MAX_JSON_DEPTH + 1)}`, false],
    ["brackets inside a string", JSON.stringify({ a: "[".repeat(1000) }), true],
    ["an escaped quote before brackets", JSON.stringify({ a: '\\"' + "{".repeat(1000) }), true],
  ])("%s", (_name, text, ok) => {
    const result = parseJsonBody(text);
    expect(result.ok).toBe(ok);
    if (!result.ok)
      expect(result.error).toBe(`Request body must not be nested deeper than ${MAX_JSON_DEPTH} levels`);
  });

  test("agrees with JSON.parse on any JSON within the depth limit (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), (value) => {
        const text = JSON.stringify(value);
        expect(parseJsonBody(text)).toEqual({ ok: true, value: JSON.parse(text) });
      }),
    );
  });

  test("never throws, whatever the text (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("[", "]", "{", "}", '"', "\\", "1", ",", ":") }),
        (text) => {
          const result = parseJsonBody(text);
          expect(typeof result.ok).toBe("boolean");
        },
      ),
    );
  });
});
