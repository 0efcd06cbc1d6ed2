import { fullFormats } from "ajv-formats/dist/formats.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isHttpUrl } from "../../src/http-url.js";
import * as FORMATS from "../../src/validators/formats.js";

type Check = (value: string) => boolean;
/** ajv-formats' own check for `name`, as Ajv calls it. */
function theirs(name: string): Check {
  const def = (fullFormats as Record<string, unknown>)[name];
  if (def instanceof RegExp) return (v) => def.test(v);
  if (typeof def === "function") return def as Check;
  const validate = (def as { validate: RegExp | Check }).validate;
  return validate instanceof RegExp ? (v) => validate.test(v) : validate;
}

const SAMPLES = [
  "",
  "2024-01-31",
  "2024-02-30",
  "2024-02-29",
  "2023-02-29",
  "2024-01-31T12:00:00Z",
  "2024-01-31T12:00:00",
  "2024-01-31 23:59:60+00:00",
  "12:00:00Z",
  "23:59:60Z",
  "P1D",
  "PT",
  "https://example.com/a?b#c",
  "mailto:a@b.example",
  "javascript:alert(1)",
  "/relative/path",
  "a@b.example",
  "not an email",
  "example.com",
  "127.0.0.1",
  "::1",
  "^a+$",
  "(",
  "123e4567-e89b-12d3-a456-426614174000",
  "/a~1b",
  "#/a",
  "0/a",
  "aGVsbG8=",
  "aGVsbG8",
  "http://x.example/{id}",
  "{+path}/here",
];

describe("the runtime formats are ajv-formats' full definitions", () => {
  const names = Object.keys(FORMATS.FORMAT_EXPORTS).filter((n) => n !== "http-url" && n !== "int32");
  test.each(names)("%s agrees with ajv-formats on samples and on arbitrary strings", (name) => {
    const exported = FORMATS.FORMAT_EXPORTS[name as keyof typeof FORMATS.FORMAT_EXPORTS];
    const ours = (FORMATS as unknown as Record<string, Check>)[exported]!;
    const reference = theirs(name);
    for (const sample of SAMPLES)
      expect([name, sample, ours(sample)]).toEqual([name, sample, reference(sample)]);
    fc.assert(
      fc.property(fc.string(), (value) => ours(value) === reference(value)),
      { numRuns: 200 },
    );
  });

  test("int32 bounds a number", () => {
    expect([2 ** 31 - 1, -(2 ** 31), 2 ** 31, 1.5].map((n) => FORMATS.int32.validate(n))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  test("http-url is isHttpUrl, remembered: the same answers every time", () => {
    for (const url of [
      "https://app.example/cb",
      "javascript:alert(1)",
      "https://user@x.example/",
      "http://localhost:3000/",
    ]) {
      expect([FORMATS.httpUrl(url), FORMATS.httpUrl(url)]).toEqual([isHttpUrl(url), isHttpUrl(url)]);
    }
    fc.assert(
      fc.property(fc.webUrl(), (url) => FORMATS.httpUrl(url) === isHttpUrl(url)),
      { numRuns: 100 },
    );
  });

  test("uri is RFC 3986: a javascript: URI is a URI (http-url is what refuses it)", () => {
    expect(FORMATS.uri("javascript:alert(1)")).toBe(true);
    expect(FORMATS.httpUrl("javascript:alert(1)")).toBe(false);
  });
});
