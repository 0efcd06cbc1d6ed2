import type { AssetType, Brand, Language } from "@nox-energy/authenticator-types";
import { describe, expectTypeOf, test } from "vitest";
import {
  ASSET_TYPES,
  BRANDS,
  BRANDS_BY_ASSET_TYPE,
  DEFAULT_LANGUAGE,
  LANGUAGES,
  brandsFor,
  isBrand,
  isBrandForAssetType,
  type BrandFor,
} from "../src/index.js";

describe("the runtime lists cover the spec's types exactly", () => {
  test("BRANDS, ASSET_TYPES and LANGUAGES hold every value of their type and no other", () => {
    expectTypeOf<(typeof BRANDS)[number]>().toEqualTypeOf<Brand>();
    expectTypeOf<(typeof ASSET_TYPES)[number]>().toEqualTypeOf<AssetType>();
    expectTypeOf<(typeof LANGUAGES)[number]>().toEqualTypeOf<Language>();
    expectTypeOf(DEFAULT_LANGUAGE).toEqualTypeOf<"nl">();
  });

  test("BRANDS_BY_ASSET_TYPE covers every asset type and every brand", () => {
    expectTypeOf<keyof typeof BRANDS_BY_ASSET_TYPE>().toEqualTypeOf<AssetType>();
    expectTypeOf<BrandFor<"hp"> | BrandFor<"pv">>().toEqualTypeOf<Brand>();
  });

  test("everything is readonly", () => {
    // @ts-expect-error frozen, readonly tuple
    BRANDS.push("x");
    // @ts-expect-error readonly record
    BRANDS_BY_ASSET_TYPE.hp = [];
  });
});

describe("guards narrow", () => {
  test("isBrand narrows unknown to Brand", () => {
    const value: unknown = "daikin";
    if (isBrand(value)) expectTypeOf(value).toEqualTypeOf<Brand>();
  });

  test("isBrandForAssetType narrows to that asset type's brands", () => {
    const value: unknown = "daikin";
    if (isBrandForAssetType(value, "hp")) {
      expectTypeOf(value).toEqualTypeOf<BrandFor<"hp">>();
      expectTypeOf<"daikin">().toExtend<typeof value>();
      expectTypeOf<"solaredge">().not.toExtend<typeof value>();
    }
  });

  test("brandsFor returns that asset type's brands", () => {
    expectTypeOf(brandsFor("pv")).toEqualTypeOf<readonly BrandFor<"pv">[]>();
    // @ts-expect-error not an asset type
    brandsFor("ev");
  });
});
