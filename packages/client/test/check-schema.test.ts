import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkSchema, type CheckMode } from "../src/check-schema.js";
import type { ClientSchema } from "../src/client-schema.js";

const REQUEST: CheckMode = { request: true };
const RESPONSE: CheckMode = { request: false };

// Keywords today's spec does not use, so the generated schemas cannot exercise them.
const ACCOUNT: ClientSchema = {
  type: "object",
  required: ["code", "age", "tags"],
  properties: {
    code: { type: "string", minLength: 2, maxLength: 4, pattern: "^[A-Z]+$" },
    age: { type: "integer", minimum: 0, maximum: 150 },
    score: { type: "number", nullable: true },
    tags: { type: "array", items: { type: "string", enum: ["a", "b"] } },
    flag: { type: "boolean" },
    nested: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
  },
};
const GOOD = { code: "AB", age: 30, tags: ["a"] };

const issuesOf = (value: unknown, mode = REQUEST): [string, string][] =>
  checkSchema(ACCOUNT, value, "body", mode).map((i) => [i.field, i.message]);

describe("checkSchema", () => {
  test.each<[string, { given: Record<string, unknown>; want: [string, RegExp][] }]>([
    ["too short", { given: { code: "A" }, want: [["code", /at least 2 characters long \(got "A"\)/]] }],
    ["too long", { given: { code: "ABCDE" }, want: [["code", /at most 4 characters long/]] }],
    ["off pattern", { given: { code: "ab" }, want: [["code", /must match \/\^\[A-Z\]\+\$\/ \(got "ab"\)/]] }],
    ["below the minimum", { given: { age: -1 }, want: [["age", /must be at least 0 \(got -1\)/]] }],
    ["above the maximum", { given: { age: 151 }, want: [["age", /must be at most 150/]] }],
    [
      "a fraction for an integer",
      { given: { age: 1.5 }, want: [["age", /must be an integer \(got 1\.5\)/]] },
    ],
    [
      "NaN for a number",
      { given: { score: Number.NaN }, want: [["score", /a number, or null \(got NaN\)/]] },
    ],
    ["a string for a boolean", { given: { flag: "yes" }, want: [["flag", /must be true or false/]] }],
    [
      "a bad array item",
      {
        given: { tags: ["a", "c", 1] },
        want: [
          ["tags[1]", /one of "a", "b"/],
          ["tags[2]", /got 1/],
        ],
      },
    ],
    [
      "a nested object's field",
      { given: { nested: {} }, want: [["nested.id", /is required: a non-empty string/]] },
    ],
    [
      "a nested unknown field",
      { given: { nested: { id: "x", idd: 1 } }, want: [["nested.idd", /did you mean "id"/]] },
    ],
  ])("%s", (_name, { given, want }) => {
    const issues = issuesOf({ ...GOOD, ...given });
    expect(issues.map(([field]) => field)).toEqual(want.map(([field]) => field));
    want.forEach(([, message], i) => expect(issues[i]?.[1]).toMatch(message));
  });

  test("a valid value has no issues, and null where nullable", () => {
    expect(issuesOf({ ...GOOD, score: null, flag: false, nested: { id: "i" } })).toEqual([]);
  });

  test("response mode: unknown fields and enum values pass, types do not", () => {
    expect(issuesOf({ ...GOOD, tags: ["z"], extra: 1 }, RESPONSE)).toEqual([]);
    expect(issuesOf({ ...GOOD, tags: [1] }, RESPONSE).map(([f]) => f)).toEqual(["tags[0]"]);
  });

  test("a required name without a property schema must be present, with any value", () => {
    const schema: ClientSchema = { type: "object", required: ["id"] };
    expect(checkSchema(schema, {}, "body", REQUEST)).toEqual([
      { field: "id", message: "is required: a value (got undefined)" },
    ]);
    expect(checkSchema(schema, { id: [1] }, "body", REQUEST)).toEqual([]);
  });

  test("an inherited or prototype-named key is judged as the caller wrote it", () => {
    const body = JSON.parse(`{"code":"AB","age":1,"tags":[],"__proto__":{"x":1}}`) as unknown;
    expect(issuesOf(body).map(([f]) => f)).toEqual(["__proto__"]);
    expect(issuesOf(Object.assign(Object.create({ inherited: 1 }) as object, GOOD))).toEqual([]);
  });

  test("a non-object schema checks the value itself under the root name", () => {
    const schema: ClientSchema = { type: "string", format: "uri", nullable: true };
    expect(checkSchema(schema, null, "url", RESPONSE)).toEqual([]);
    expect(checkSchema(schema, "ftp://x", "url", RESPONSE)[0]?.field).toBe("url");
  });

  test("property: never throws, whatever the value", () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withObjectString: true }),
        fc.boolean(),
        (v, request) => {
          checkSchema(ACCOUNT, v, "body", { request });
          checkSchema(ACCOUNT, { ...GOOD, nested: v, tags: [v] }, "body", { request });
        },
      ),
      { numRuns: 500 },
    );
  });
});
