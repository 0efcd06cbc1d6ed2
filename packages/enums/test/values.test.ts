import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  ASSET_TYPES,
  BRANDS,
  BRANDS_BY_ASSET_TYPE,
  BRAND_LABELS,
  DEFAULT_LANGUAGE,
  LANGUAGES,
} from "../src/index.js";

// Read the inputs independently of the generator, so these tests catch a generator that drifts.
const spec = JSON.parse(
  readFileSync(new URL("../../../spec/openapi-supplier-auth-v2.json", import.meta.url), "utf8"),
);
const data = JSON.parse(readFileSync(new URL("../../../spec/brands.json", import.meta.url), "utf8")) as {
  brands: Record<string, { label: string; asset_types: string[] }>;
};
const schemas = spec.components.schemas;

describe("values match the spec", () => {
  test.each([
    ["BRANDS", BRANDS, schemas.Brand.enum],
    ["ASSET_TYPES", ASSET_TYPES, schemas.AssetType.enum],
    ["LANGUAGES", LANGUAGES, schemas.Language.enum],
  ])("%s is the spec's enum, in spec order", (_name, actual, expected) => {
    expect([...actual]).toEqual(expected);
  });

  test("DEFAULT_LANGUAGE is the spec's Language default", () => {
    expect(DEFAULT_LANGUAGE).toBe(schemas.Language.default);
  });

  test("BRANDS_BY_ASSET_TYPE places every brand as the data file says", () => {
    for (const assetType of ASSET_TYPES) {
      const expected = BRANDS.filter((b) => data.brands[b]?.asset_types.includes(assetType));
      expect([...BRANDS_BY_ASSET_TYPE[assetType]]).toEqual(expected);
    }
    const placed = new Set(Object.values(BRANDS_BY_ASSET_TYPE).flat());
    expect([...placed].sort()).toEqual([...BRANDS].sort());
  });

  test("the starting table of issue #2: 24 heat-pump and 32 PV brands", () => {
    expect(BRANDS_BY_ASSET_TYPE.hp).toHaveLength(24);
    expect(BRANDS_BY_ASSET_TYPE.pv).toHaveLength(32);
    expect(BRANDS_BY_ASSET_TYPE.hp).toContain("saunier-duval");
    expect(BRANDS_BY_ASSET_TYPE.pv).toContain("solaredge");
  });

  test("BRAND_LABELS has the data file's label for every brand", () => {
    expect(Object.keys(BRAND_LABELS)).toEqual([...BRANDS]);
    for (const brand of BRANDS) expect(BRAND_LABELS[brand]).toBe(data.brands[brand]?.label);
  });
});

describe("values are frozen at run time", () => {
  test.each([
    ["BRANDS", BRANDS],
    ["ASSET_TYPES", ASSET_TYPES],
    ["LANGUAGES", LANGUAGES],
    ["BRANDS_BY_ASSET_TYPE", BRANDS_BY_ASSET_TYPE],
    ["BRANDS_BY_ASSET_TYPE.hp", BRANDS_BY_ASSET_TYPE.hp],
    ["BRANDS_BY_ASSET_TYPE.pv", BRANDS_BY_ASSET_TYPE.pv],
    ["BRAND_LABELS", BRAND_LABELS],
  ])("%s", (_name, value) => {
    expect(Object.isFrozen(value)).toBe(true);
    expect(() => {
      "use strict";
      (value as unknown as string[]).push?.("x");
      (value as Record<string, unknown>)["x"] = 1;
    }).toThrow(TypeError);
  });
});
