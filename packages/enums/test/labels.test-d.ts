import type { BrandsByAssetType } from "@nox-energy/authenticator-types";
import { describe, expectTypeOf, test } from "vitest";
import {
  ASSET_TYPE_LABELS,
  LANGUAGE_LABELS,
  assetTypeLabel,
  brandOptions,
  languageLabel,
  type AssetType,
  type BrandFor,
  type BrandOption,
  type Language,
} from "../src/index.js";

describe("label tables and lookups", () => {
  test("the tables are keyed by the spec's asset types and languages, readonly", () => {
    expectTypeOf<keyof typeof ASSET_TYPE_LABELS>().toEqualTypeOf<AssetType>();
    expectTypeOf<keyof (typeof ASSET_TYPE_LABELS)["pv"]>().toEqualTypeOf<Language>();
    expectTypeOf<keyof typeof LANGUAGE_LABELS>().toEqualTypeOf<Language>();
    // @ts-expect-error frozen, readonly record
    LANGUAGE_LABELS.nl = "Dutch";
    // @ts-expect-error frozen, readonly row
    ASSET_TYPE_LABELS.hp.en = "Heatpump";
  });

  test("assetTypeLabel takes an asset type and a language; languageLabel a language", () => {
    expectTypeOf(assetTypeLabel).parameters.toEqualTypeOf<[AssetType, Language]>();
    expectTypeOf(assetTypeLabel).returns.toEqualTypeOf<string>();
    expectTypeOf(languageLabel).parameters.toEqualTypeOf<[Language]>();
    // @ts-expect-error: the language is required (a label without one would be a guess)
    assetTypeLabel("hp");
    // @ts-expect-error: "ev" is not an asset type
    assetTypeLabel("ev", "nl");
    // @ts-expect-error: "de" is not a language
    languageLabel("de");
  });
});

describe("brandOptions", () => {
  test("gives readonly options whose value is narrowed to the asset type's brands", () => {
    expectTypeOf(brandOptions("hp")).toEqualTypeOf<readonly BrandOption<"hp">[]>();
    expectTypeOf(brandOptions("pv", "fr")[0]!.value).toEqualTypeOf<BrandFor<"pv">>();
    expectTypeOf<BrandOption["label"]>().toEqualTypeOf<string>();
    // @ts-expect-error: options are readonly
    brandOptions("hp")[0]!.label = "x";
    // @ts-expect-error: "ev" is not an asset type
    brandOptions("ev");
    // @ts-expect-error: "de" is not a language
    brandOptions("hp", "de");
  });
});

describe("the types package's brand rule agrees with the runtime table", () => {
  test("BrandsByAssetType[A] is BrandFor<A> for every asset type", () => {
    expectTypeOf<BrandsByAssetType["hp"]>().toEqualTypeOf<BrandFor<"hp">>();
    expectTypeOf<BrandsByAssetType["pv"]>().toEqualTypeOf<BrandFor<"pv">>();
    expectTypeOf<{ [A in AssetType]: BrandFor<A> }>().toEqualTypeOf<BrandsByAssetType>();
  });
});
