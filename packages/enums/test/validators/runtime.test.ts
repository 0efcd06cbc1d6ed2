import fc from "fast-check";
import { describe, expect, test } from "vitest";
import equal from "../../src/validators/equal.js";
import ucs2length from "../../src/validators/ucs2length.js";

describe("the validators' runtime helpers", () => {
  test("ucs2length counts code points: a surrogate pair once", () => {
    expect(["", "abc", "😀", "a😀b", "\ud800", "\ud800x"].map(ucs2length)).toEqual([0, 3, 1, 3, 1, 2]);
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => ucs2length(s) === [...s].length));
  });

  test("equal is deep equality of JSON values", () => {
    expect(equal({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(equal({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(equal([1], { 0: 1 })).toBe(false);
    expect(equal(Number.NaN, Number.NaN)).toBe(true);
    fc.assert(fc.property(fc.jsonValue(), (v) => equal(v, JSON.parse(JSON.stringify(v)))));
  });
});
