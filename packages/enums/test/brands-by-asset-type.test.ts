import { describe, expect, test } from "vitest";
import {
  ASSET_TYPES,
  BRANDS,
  BRANDS_BY_ASSET_TYPE,
  assetTypesFor,
  brandsFor,
  type Brand,
} from "../src/index.js";

describe("brandsFor", () => {
  test.each(ASSET_TYPES)("%s returns BRANDS_BY_ASSET_TYPE's frozen list", (assetType) => {
    expect(brandsFor(assetType)).toBe(BRANDS_BY_ASSET_TYPE[assetType]);
    expect(Object.isFrozen(brandsFor(assetType))).toBe(true);
  });

  test.each([["ev"], [""], ["HP"], ["__proto__"], [undefined], [null]])(
    "throws a TypeError naming the valid asset types for %j",
    (bad) => {
      expect(() => brandsFor(bad as never)).toThrow(TypeError);
      expect(() => brandsFor(bad as never)).toThrow(/expected one of hp, pv.*isAssetType/);
    },
  );
});

describe("assetTypesFor", () => {
  test("every brand maps back to exactly the asset types that list it", () => {
    for (const brand of BRANDS) {
      const expected = ASSET_TYPES.filter((t) =>
        (BRANDS_BY_ASSET_TYPE[t] as readonly Brand[]).includes(brand),
      );
      expect([...assetTypesFor(brand)]).toEqual(expected);
      expect(assetTypesFor(brand).length).toBeGreaterThan(0);
      expect(Object.isFrozen(assetTypesFor(brand))).toBe(true);
    }
  });

  test.each([
    ["daikin", ["hp"]],
    ["solaredge", ["pv"]],
    ["saunier-duval", ["hp"]],
  ] as const)("%s -> %j", (brand, expected) => {
    expect(assetTypesFor(brand)).toEqual(expected);
  });

  test("throws a TypeError with what to do for an unknown brand", () => {
    expect(() => assetTypesFor("acme" as Brand)).toThrow(TypeError);
    expect(() => assetTypesFor("acme" as Brand)).toThrow(
      /isBrand\(\).*upgrade @nox-energy\/authenticator-enums/,
    );
    expect(() => assetTypesFor("constructor" as Brand)).toThrow(TypeError);
  });
});
