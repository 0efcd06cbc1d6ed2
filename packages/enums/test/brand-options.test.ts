import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  ASSET_TYPES,
  LANGUAGES,
  brandLabel,
  brandOptions,
  brandsFor,
  type AssetType,
  type Language,
} from "../src/index.js";

describe("brandOptions", () => {
  test.each(ASSET_TYPES)("%s: every brand of the asset type once, each with its brandLabel", (assetType) => {
    const options = brandOptions(assetType);
    expect(options.map((o) => o.value).sort()).toEqual([...brandsFor(assetType)].sort());
    for (const option of options)
      expect(option).toEqual({ value: option.value, label: brandLabel(option.value) });
  });

  test.each(ASSET_TYPES.flatMap((assetType) => LANGUAGES.map((language) => [assetType, language] as const)))(
    "%s in %s: sorted by label, ignoring case and accents, digits as numbers",
    (assetType, language) => {
      const labels = brandOptions(assetType, language).map((o) => o.label);
      const collator = new Intl.Collator(language, { sensitivity: "base", numeric: true });
      for (let i = 1; i < labels.length; i++) {
        expect(
          collator.compare(labels[i - 1]!, labels[i]!),
          `${labels[i - 1]} before ${labels[i]}`,
        ).toBeLessThanOrEqual(0);
      }
    },
  );

  test("sorts by label, not by value: case does not put capitals first", () => {
    // A plain sort puts "AlphaESS", "APsystems" and "SMA" before any lower-case label; a collator does not.
    const labels = brandOptions("pv", "en").map((o) => o.label);
    expect(labels.indexOf("APsystems")).toBeLessThan(labels.indexOf("Deye"));
    expect(labels.indexOf("iLumen")).toBeLessThan(labels.indexOf("JA Solar"));
    expect(labels.indexOf("iLumen")).toBeGreaterThan(labels.indexOf("Huawei"));
    // The spec lists "solis" before "solarwatt"; the dropdown does not.
    expect(labels.indexOf("Solarwatt")).toBeLessThan(labels.indexOf("Solis"));
    const hp = brandOptions("hp", "nl").map((o) => o.label);
    expect(hp[0]).toBe("alpha innotec");
    expect(hp.indexOf("NIBE")).toBeLessThan(hp.indexOf("Panasonic"));
  });

  test("defaults to DEFAULT_LANGUAGE, and a language the spec lacks sorts as the default", () => {
    expect(brandOptions("hp")).toEqual(brandOptions("hp", "nl"));
    expect(brandOptions("pv", "de" as Language)).toEqual(brandOptions("pv", "nl"));
    expect(brandOptions("pv", "__proto__" as Language)).toEqual(brandOptions("pv", "nl"));
  });

  test("returns a fresh frozen array of frozen options on every call", () => {
    const first = brandOptions("hp");
    const second = brandOptions("hp");
    expect(first).not.toBe(second);
    expect(first[0]).not.toBe(second[0]);
    expect(Object.isFrozen(first)).toBe(true);
    for (const option of first) expect(Object.isFrozen(option)).toBe(true);
    expect(() => (first as unknown as unknown[]).push({})).toThrow(TypeError);
  });

  test.each([["ev"], [""], ["HP"], ["__proto__"], ["toString"], [undefined], [null], [1]])(
    "throws a TypeError naming the valid asset types for %j",
    (bad) => {
      expect(() => brandOptions(bad as never)).toThrow(TypeError);
      expect(() => brandOptions(bad as never)).toThrow(
        /^brandOptions: .* expected one of hp, pv.*isAssetType/,
      );
    },
  );

  test("never throws for a spec asset type, whatever the language argument", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ASSET_TYPES), fc.anything(), (assetType: AssetType, language) => {
        expect(brandOptions(assetType, language as Language)).toHaveLength(brandsFor(assetType).length);
      }),
      { numRuns: 200 },
    );
  });
});
