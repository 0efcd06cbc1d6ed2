import { describe, expect, test } from "vitest";
import {
  ASSET_TYPE_LABELS,
  ASSET_TYPES,
  LANGUAGE_LABELS,
  LANGUAGES,
  assetTypeLabel,
  languageLabel,
  type AssetType,
  type Language,
} from "../src/index.js";

describe("assetTypeLabel", () => {
  test.each(ASSET_TYPES.flatMap((assetType) => LANGUAGES.map((language) => [assetType, language] as const)))(
    "%s has a non-empty label in %s",
    (assetType, language) => {
      const label = assetTypeLabel(assetType, language);
      expect(label.trim()).not.toBe("");
      expect(label).not.toBe(assetType);
      expect(label).toBe(ASSET_TYPE_LABELS[assetType][language]);
    },
  );

  test.each([
    ["hp", "nl", "Warmtepomp"],
    ["hp", "en", "Heat pump"],
    ["hp", "fr", "Pompe à chaleur"],
    ["hp", "es", "Bomba de calor"],
    ["pv", "nl", "Omvormer voor zonnepanelen"],
    ["pv", "en", "PV solar inverter"],
    ["pv", "fr", "Onduleur photovoltaïque"],
    ["pv", "es", "Inversor fotovoltaico"],
  ] as const)("assetTypeLabel(%s, %s) is %s", (assetType, language, label) => {
    expect(assetTypeLabel(assetType, language)).toBe(label);
  });

  test("labels differ between the asset types in every language", () => {
    for (const language of LANGUAGES) {
      const labels = ASSET_TYPES.map((assetType) => assetTypeLabel(assetType, language));
      expect(new Set(labels).size).toBe(ASSET_TYPES.length);
    }
  });

  test.each([
    ["an asset type newer than the package", "ev", "nl"],
    ["a language newer than the package", "hp", "de"],
    ["both unknown", "ev", "de"],
    ["a prototype key as asset type", "__proto__", "nl"],
    ["a prototype key as language", "hp", "toString"],
    ["an inherited key as asset type", "constructor", "en"],
  ])("%s gives the raw asset type back, not an error", (_name, assetType, language) => {
    expect(assetTypeLabel(assetType as AssetType, language as Language)).toBe(assetType);
  });
});

describe("languageLabel", () => {
  test.each([
    ["nl", "Nederlands"],
    ["en", "English"],
    ["fr", "Français"],
    ["es", "Español"],
  ] as const)("languageLabel(%s) is %s, the language's own name", (language, label) => {
    expect(languageLabel(language)).toBe(label);
  });

  test("every language has a non-empty label", () => {
    for (const language of LANGUAGES) {
      expect(languageLabel(language).trim()).not.toBe("");
      expect(languageLabel(language)).toBe(LANGUAGE_LABELS[language]);
    }
  });

  test.each([["de"], ["toString"], ["__proto__"], [""]])("%j gives the raw value back", (language) => {
    expect(languageLabel(language as Language)).toBe(language);
  });
});

describe("the tables", () => {
  test("cover exactly the spec's asset types and languages", () => {
    expect(Object.keys(ASSET_TYPE_LABELS)).toEqual([...ASSET_TYPES]);
    for (const assetType of ASSET_TYPES) {
      expect(Object.keys(ASSET_TYPE_LABELS[assetType])).toEqual([...LANGUAGES]);
    }
    expect(Object.keys(LANGUAGE_LABELS)).toEqual([...LANGUAGES]);
  });

  test("are frozen, each asset type's row too", () => {
    expect(Object.isFrozen(ASSET_TYPE_LABELS)).toBe(true);
    for (const assetType of ASSET_TYPES) expect(Object.isFrozen(ASSET_TYPE_LABELS[assetType])).toBe(true);
    expect(Object.isFrozen(LANGUAGE_LABELS)).toBe(true);
  });
});
