import { generatedHeader } from "./generated-header.ts";
import { BRANDS_FILE, SPEC_FILE } from "./repo.ts";
import type { BrandData, SpecEnums } from "./brand-data.ts";

/** Where the generated enum values live, relative to the repo root. */
export const VALUES_FILE = "packages/enums/src/generated/values.ts";
/** Brand labels sit in a module of their own so bundlers drop them when `brandLabel` is unused. */
export const LABELS_FILE = "packages/enums/src/generated/brand-labels.ts";

const literal = (value: unknown): string => JSON.stringify(value);
const list = (values: readonly string[]): string => `[${values.map(literal).join(", ")}]`;

/**
 * Renders BRANDS, ASSET_TYPES, LANGUAGES, DEFAULT_LANGUAGE and BRANDS_BY_ASSET_TYPE.
 * Values keep the spec's order; each is typed against packages/types with `satisfies`,
 * so a spec/enum mismatch is a compile error rather than a silent drift.
 */
export function renderValues(enums: SpecEnums, data: BrandData): string {
  const byAssetType = enums.assetTypes.map((assetType) => {
    const brands = enums.brands.filter((brand) => data.brands[brand]?.asset_types.includes(assetType));
    return `  ${literal(assetType)}: /* @__PURE__ */ Object.freeze(${list(brands)} as const),`;
  });
  return [
    generatedHeader({ from: `${SPEC_FILE} and ${BRANDS_FILE}` }),
    `import type { AssetType, Brand, Language } from "@nox-energy/authenticator-types";`,
    "",
    "/** Every brand in the spec's `Brand` enum, in spec order. */",
    `export const BRANDS = /* @__PURE__ */ Object.freeze(${list(enums.brands)} as const satisfies readonly Brand[]);`,
    "",
    "/** Every asset type in the spec's `AssetType` enum. */",
    `export const ASSET_TYPES = /* @__PURE__ */ Object.freeze(${list(enums.assetTypes)} as const satisfies readonly AssetType[]);`,
    "",
    "/** Every language in the spec's `Language` enum. */",
    `export const LANGUAGES = /* @__PURE__ */ Object.freeze(${list(enums.languages)} as const satisfies readonly Language[]);`,
    "",
    "/** The language the server uses when a request omits `language` (the spec's default). */",
    `export const DEFAULT_LANGUAGE = ${literal(enums.defaultLanguage)} as const satisfies Language;`,
    "",
    `/** The brands valid for each asset type (curated in ${BRANDS_FILE}), in spec order. */`,
    "export const BRANDS_BY_ASSET_TYPE = /* @__PURE__ */ Object.freeze({",
    ...byAssetType,
    "} as const satisfies Readonly<Record<AssetType, readonly Brand[]>>);",
    "",
  ].join("\n");
}

/** Renders BRAND_LABELS: each brand's display name in its own spelling. */
export function renderBrandLabels(enums: SpecEnums, data: BrandData): string {
  const entries = enums.brands.map((brand) => `  ${literal(brand)}: ${literal(data.brands[brand]?.label)},`);
  return [
    generatedHeader({ from: BRANDS_FILE }),
    `import type { Brand } from "@nox-energy/authenticator-types";`,
    "",
    "/** Each brand's display label, in the manufacturer's own spelling. */",
    "export const BRAND_LABELS = /* @__PURE__ */ Object.freeze({",
    ...entries,
    "} as const satisfies Readonly<Record<Brand, string>>);",
    "",
  ].join("\n");
}
