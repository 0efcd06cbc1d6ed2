import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { didYouMean, issuesFrom } from "../src/validation-issues.js";
import { compileValidator, NON_BLANK } from "./compile-validator.js";

// Keywords today's spec does not use, compiled as the generator prints them for a request (annotations
// included), so the translation of every keyword's error is pinned (was check-schema.test.ts).
const ACCOUNT = compileValidator({
  type: "object",
  required: ["code", "age", "tags"],
  properties: {
    code: { type: "string", minLength: 2, maxLength: 4, pattern: "^[A-Z]+$" },
    age: { type: "integer", minimum: 0, maximum: 150 },
    score: { type: ["number", "null"], exclusiveMinimum: 0 },
    tags: {
      type: "array",
      items: { type: "string", enum: ["alpha", "beta"], "x-expected": 'one of "alpha", "beta"' },
      uniqueItems: true,
    },
    flag: { type: "boolean" },
    nested: {
      type: "object",
      required: ["id"],
      properties: { id: NON_BLANK },
      unevaluatedProperties: false,
      "x-known": ["id"],
      "x-expected": "an object with id",
    },
  },
  unevaluatedProperties: false,
  "x-known": ["code", "age", "score", "tags", "flag", "nested"],
  "x-expected": "an object with code, age and tags",
});
const GOOD = { code: "AB", age: 30, tags: ["alpha"] };

const issuesOf = (value: unknown): [string, string][] =>
  ACCOUNT(value) ? [] : issuesFrom(ACCOUNT.errors ?? [], { root: "body" }).map((i) => [i.field, i.message]);

describe("issuesFrom: Ajv's errors as NoxValidationIssues", () => {
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
    ["an exclusive bound", { given: { score: 0 }, want: [["score", /must be more than 0 \(got 0\)/]] }],
    [
      "a string for a nullable number",
      { given: { score: "x" }, want: [["score", /a number, or null \(got "x"\)/]] },
    ],
    ["a string for a boolean", { given: { flag: "yes" }, want: [["flag", /must be true or false/]] }],
    [
      "bad array items, each by index",
      {
        given: { tags: ["alpha", "gamma", 1] },
        want: [
          ["tags[1]", /one of "alpha", "beta"/],
          ["tags[2]", /got 1/],
        ],
      },
    ],
    ["a repeated item", { given: { tags: ["alpha", "alpha"] }, want: [["tags", /must not repeat items/]] }],
    [
      "a nested object's field",
      { given: { nested: {} }, want: [["nested.id", /is required: a non-empty string/]] },
    ],
    [
      "a nested unknown field",
      { given: { nested: { id: "x", idd: 1 } }, want: [["nested.idd", /did you mean "id"/]] },
    ],
    [
      "an enum value one letter off",
      { given: { tags: ["alpah"] }, want: [["tags[0]", /\(got "alpah"\): did you mean "alpha"\?$/]] },
    ],
  ])("%s", (_name, { given, want }) => {
    const issues = issuesOf({ ...GOOD, ...given });
    expect(issues.map(([field]) => field)).toEqual(want.map(([field]) => field));
    want.forEach(([, message], i) => expect(issues[i]?.[1]).toMatch(message));
  });

  test("missing fields come in the schema's property order, then unknown ones, each once", () => {
    expect(issuesOf({ lang: 1 }).map(([f]) => f)).toEqual(["code", "age", "tags", "lang"]);
  });

  test("a value of the wrong type at the root is named by the root, with what it must be", () => {
    expect(issuesOf("x")).toEqual([["body", 'must be an object with code, age and tags (got "x")']]);
  });

  test("an anyOf every alternative refused at the value itself is one issue, in the alternatives' words", () => {
    const brand = compileValidator({
      type: "object",
      properties: {
        brand: {
          anyOf: [{ type: "string", enum: ["daikin", "vaillant"] }, { type: "null" }],
          "x-expected": "one of the spec's brands, or null",
        },
      },
    });
    expect(brand({ brand: "dakin" })).toBe(false);
    expect(issuesFrom(brand.errors!, { root: "body" })).toEqual([
      { field: "brand", message: 'must be one of the spec\'s brands, or null (got "dakin")' },
    ]);
  });

  test("a short enum value gets no guess (two letters are always close)", () => {
    expect(didYouMean("ev", ["hp", "pv"], true)).toBe("");
    expect(didYouMean("dakin", ["daikin"], true)).toBe(': did you mean "daikin"?');
  });

  test("a prefix puts fields under it (a body inside params)", () => {
    expect(ACCOUNT({ ...GOOD, age: "x" })).toBe(false);
    expect(issuesFrom(ACCOUNT.errors!, { root: "body", prefix: "body" })[0]?.field).toBe("body.age");
  });

  test("property: never throws, whatever the value", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (v) => {
        issuesOf(v);
        issuesOf({ ...GOOD, nested: v, tags: [v] });
      }),
      { numRuns: 500 },
    );
  });
});
