import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  ASSET_TYPES,
  BRANDS,
  BRANDS_BY_ASSET_TYPE,
  LANGUAGES,
  isAssetType,
  isBrand,
  isBrandForAssetType,
  isLanguage,
} from "../src/index.js";

const notStrings = [undefined, null, 0, 1, true, {}, [], ["daikin"], Symbol("daikin"), 1n, () => "daikin"];

describe.each([
  ["isBrand", isBrand, BRANDS],
  ["isAssetType", isAssetType, ASSET_TYPES],
  ["isLanguage", isLanguage, LANGUAGES],
] as const)("%s", (_name, guard, values) => {
  test("accepts every value of its enum", () => {
    for (const value of values) expect(guard(value)).toBe(true);
  });

  test("rejects non-strings without throwing", () => {
    for (const value of notStrings) expect(guard(value)).toBe(false);
  });

  test("rejects near misses: case, whitespace, prototype keys", () => {
    for (const value of values) {
      expect(guard(value.toUpperCase())).toBe(false);
      expect(guard(` ${value}`)).toBe(false);
    }
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty", ""])
      expect(guard(key)).toBe(false);
  });

  test("any other string is rejected (property)", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(guard(s)).toBe((values as readonly string[]).includes(s));
      }),
    );
  });
});

describe("isBrandForAssetType", () => {
  test.each(
    ASSET_TYPES.flatMap((assetType) =>
      BRANDS.map(
        (brand) => [brand, assetType, BRANDS_BY_ASSET_TYPE[assetType].includes(brand as never)] as const,
      ),
    ),
  )("%s for %s -> %s", (brand, assetType, expected) => {
    expect(isBrandForAssetType(brand, assetType)).toBe(expected);
  });

  test("a heat-pump brand is not a PV brand and vice versa", () => {
    expect(isBrandForAssetType("daikin", "hp")).toBe(true);
    expect(isBrandForAssetType("daikin", "pv")).toBe(false);
    expect(isBrandForAssetType("solaredge", "pv")).toBe(true);
    expect(isBrandForAssetType("solaredge", "hp")).toBe(false);
  });

  test("unknown brands or asset types are false, never a throw", () => {
    expect(isBrandForAssetType("acme", "hp")).toBe(false);
    expect(isBrandForAssetType("daikin", "ev")).toBe(false);
    expect(isBrandForAssetType(null, null)).toBe(false);
    expect(isBrandForAssetType("daikin", "__proto__")).toBe(false);
  });
});
