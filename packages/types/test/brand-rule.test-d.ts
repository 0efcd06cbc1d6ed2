import { describe, expectTypeOf, test } from "vitest";
import type {
  AssetType,
  Brand,
  BrandsByAssetType,
  CheckedCreateLinkSessionRequest as Checked,
  CreateSupplierLinkSessionRequest,
  LinkSessionRequestFor,
  UncheckedCreateLinkSessionRequest as Unchecked,
} from "../src/index.js";

// This package's tsconfig (the repository's base) has exactOptionalPropertyTypes on, so the
// `undefined` cases below test what they say.

const base = { user_id: "u-1", redirect_url: "https://app.example/cb" } as const;

// spec/brands.json lists no brand under both asset types today, so "fits both" is pinned on a fixture
// table of the generated shape: "panasonic" under both.
interface BothTable {
  hp: "daikin" | "panasonic";
  pv: "panasonic" | "solaredge";
}

describe("BrandsByAssetType, generated from spec/brands.json", () => {
  test("has every asset type and, together, every brand", () => {
    expectTypeOf<keyof BrandsByAssetType>().toEqualTypeOf<AssetType>();
    expectTypeOf<BrandsByAssetType[AssetType]>().toEqualTypeOf<Brand>();
  });

  test("places a heat-pump and a PV brand where the data says", () => {
    expectTypeOf<"daikin">().toExtend<BrandsByAssetType["hp"]>();
    expectTypeOf<"daikin">().not.toExtend<BrandsByAssetType["pv"]>();
    expectTypeOf<"solaredge">().toExtend<BrandsByAssetType["pv"]>();
    expectTypeOf<"solaredge">().not.toExtend<BrandsByAssetType["hp"]>();
  });
});

describe("CheckedCreateLinkSessionRequest", () => {
  test("a brand with its own asset type fits", () => {
    expectTypeOf({ ...base, asset_type: "hp", brand: "daikin" } as const).toExtend<Checked>();
    expectTypeOf({ ...base, asset_type: "pv", brand: "solaredge" } as const).toExtend<Checked>();
  });

  test("a heat-pump brand with asset_type pv (and the reverse) is an error", () => {
    // @ts-expect-error: daikin is a heat-pump brand
    const hpAsPv: Checked = { ...base, asset_type: "pv", brand: "daikin" };
    // @ts-expect-error: solaredge is a PV brand
    const pvAsHp: Checked = { ...base, asset_type: "hp", brand: "solaredge" };
    void [hpAsPv, pvAsHp];
    expectTypeOf({ ...base, asset_type: "pv", brand: "daikin" } as const).not.toExtend<Checked>();
  });

  test("brand: null, no brand, and brand/language undefined fit every asset type", () => {
    for (const asset_type of ["hp", "pv"] as const) {
      const withNull: Checked = { ...base, asset_type, brand: null };
      const without: Checked = { ...base, asset_type };
      const undefinedOptionals: Checked = { ...base, asset_type, brand: undefined, language: undefined };
      void [withNull, without, undefinedOptionals];
    }
  });

  test("a brand listed under both asset types fits both (fixture table)", () => {
    expectTypeOf({ ...base, asset_type: "hp", brand: "panasonic" } as const).toExtend<Checked<BothTable>>();
    expectTypeOf({ ...base, asset_type: "pv", brand: "panasonic" } as const).toExtend<Checked<BothTable>>();
    expectTypeOf({ ...base, asset_type: "pv", brand: "daikin" } as const).not.toExtend<Checked<BothTable>>();
  });

  test("an asset type known only as AssetType still fits with brand null (each asset type is tried)", () => {
    const assetType = "hp" as AssetType;
    const body: Checked = { ...base, asset_type: assetType, brand: null };
    void body;
  });

  test("keeps the spec's other fields, required and not", () => {
    // @ts-expect-error: user_id is required
    const noUser: Checked = { redirect_url: "https://a", asset_type: "hp" };
    // @ts-expect-error: "de" is not a language
    const badLanguage: Checked = { ...base, asset_type: "hp", language: "de" };
    // @ts-expect-error: asset_type may not be undefined (it is required)
    const noAssetType: Checked = { ...base, asset_type: undefined };
    void [noUser, badLanguage, noAssetType];
    expectTypeOf<keyof LinkSessionRequestFor<"hp">>().toEqualTypeOf<keyof CreateSupplierLinkSessionRequest>();
    expectTypeOf<LinkSessionRequestFor<"hp">["language"]>().toEqualTypeOf<
      CreateSupplierLinkSessionRequest["language"]
    >();
  });

  test("every checked request is a spec request (widened by undefined on optional fields)", () => {
    expectTypeOf<Checked>().toExtend<Unchecked>();
  });
});

describe("UncheckedCreateLinkSessionRequest", () => {
  test("takes any spec brand with any asset type, and undefined for optional fields", () => {
    expectTypeOf({ ...base, asset_type: "pv", brand: "daikin" } as const).toExtend<Unchecked>();
    const body: Unchecked = { ...base, asset_type: "hp", brand: undefined, language: undefined };
    void body;
  });

  test("still refuses what the spec refuses", () => {
    // @ts-expect-error: "acme" is not a brand
    const unknownBrand: Unchecked = { ...base, asset_type: "hp", brand: "acme" };
    // @ts-expect-error: redirect_url is required
    const noRedirect: Unchecked = { user_id: "u", asset_type: "hp" };
    // @ts-expect-error: language is not nullable
    const nullLanguage: Unchecked = { ...base, asset_type: "hp", language: null };
    void [unknownBrand, noRedirect, nullLanguage];
  });

  test("is the spec's request with `| undefined` on the optional fields only", () => {
    expectTypeOf<Unchecked>().toEqualTypeOf<{
      user_id: string;
      asset_type: AssetType;
      redirect_url: string;
      brand?: Brand | null | undefined;
      language?: CreateSupplierLinkSessionRequest["language"] | undefined;
    }>();
  });
});
