import { BRANDS_FILE } from "./repo.ts";

/** One brand's curated facts, as spec/brands.json holds them. */
export interface BrandFacts {
  label: string;
  asset_types: string[];
}

/** The curated data file: provenance plus facts per brand. */
export interface BrandData {
  provenance: Record<string, string>;
  brands: Record<string, BrandFacts>;
}

/** Enum values the generator needs from the spec. */
export interface SpecEnums {
  brands: string[];
  assetTypes: string[];
  languages: string[];
  defaultLanguage: string;
}

/** Why the curated data and the spec disagree; each kind names the brands involved. */
export interface BrandDataGaps {
  /** In the spec's Brand enum, absent from the data file: place them under an asset type. */
  unplaced: string[];
  /** In the data file, absent from the spec: removed or renamed upstream. */
  unknown: string[];
  /** Listed with no asset type, or with one the spec's AssetType enum lacks. */
  badAssetTypes: string[];
  /** Without a non-empty display label. */
  unlabelled: string[];
}

interface SchemaLike {
  enum?: unknown[];
  default?: unknown;
}

function stringEnum(spec: unknown, name: string): { values: string[]; schema: SchemaLike } {
  const schema = (spec as { components?: { schemas?: Record<string, SchemaLike> } }).components?.schemas?.[
    name
  ];
  const values = schema?.enum;
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === "string")) {
    throw new Error(
      `The spec has no string enum at components.schemas.${name}; the generator reads brands, asset types and languages from there. ` +
        `If upstream moved it, update scripts/lib/brand-data.ts to match.`,
    );
  }
  return { values: values as string[], schema: schema ?? {} };
}

/** Reads the Brand, AssetType and Language enums (and Language's default) from a parsed spec. */
export function readSpecEnums(spec: unknown): SpecEnums {
  const brands = stringEnum(spec, "Brand").values;
  const assetTypes = stringEnum(spec, "AssetType").values;
  const language = stringEnum(spec, "Language");
  const defaultLanguage = language.schema.default;
  if (typeof defaultLanguage !== "string" || !language.values.includes(defaultLanguage)) {
    throw new Error(
      `components.schemas.Language.default is ${JSON.stringify(defaultLanguage)}, not one of its enum values; ` +
        `DEFAULT_LANGUAGE cannot be generated.`,
    );
  }
  return { brands, assetTypes, languages: language.values, defaultLanguage };
}

/** Parses spec/brands.json text, failing with the file's name when its shape is wrong. */
export function parseBrandData(text: string): BrandData {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${BRANDS_FILE} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const brands = (data as { brands?: unknown }).brands;
  if (typeof brands !== "object" || brands === null || Array.isArray(brands)) {
    throw new Error(`${BRANDS_FILE} must be an object with a "brands" object keyed by brand.`);
  }
  return data as BrandData;
}

/** Compares the curated data with the spec's enums; empty lists everywhere means they agree. */
export function findBrandDataGaps(enums: SpecEnums, data: BrandData): BrandDataGaps {
  const curated = Object.keys(data.brands);
  const gaps: BrandDataGaps = {
    unplaced: enums.brands.filter((brand) => !Object.hasOwn(data.brands, brand)),
    unknown: curated.filter((brand) => !enums.brands.includes(brand)),
    badAssetTypes: [],
    unlabelled: [],
  };
  for (const brand of curated) {
    const facts = data.brands[brand];
    const types = facts?.asset_types;
    if (
      !Array.isArray(types) ||
      types.length === 0 ||
      !types.every((t) => enums.assetTypes.includes(t)) ||
      new Set(types).size !== types.length
    ) {
      gaps.badAssetTypes.push(brand);
    }
    if (typeof facts?.label !== "string" || facts.label.trim() === "") gaps.unlabelled.push(brand);
  }
  return gaps;
}

/** True when the curated data has nothing to mend. */
export function hasNoGaps(gaps: BrandDataGaps): boolean {
  return Object.values(gaps).every((list) => list.length === 0);
}

/** A message naming each gap, the data file, and what to do about it. */
export function describeBrandDataGaps(gaps: BrandDataGaps, assetTypes: readonly string[]): string {
  const lines = [`${BRANDS_FILE} no longer matches the spec's brands:`];
  if (gaps.unplaced.length > 0) {
    lines.push(
      `  - in the spec but not placed: ${gaps.unplaced.join(", ")}`,
      `    add each under "brands" with its "label" and "asset_types" (one or more of ${assetTypes.join(", ")}).`,
    );
  }
  if (gaps.unknown.length > 0) {
    lines.push(
      `  - in the data file but not in the spec: ${gaps.unknown.join(", ")}`,
      `    remove them, or rename them to the spec's new value if upstream renamed a brand.`,
    );
  }
  if (gaps.badAssetTypes.length > 0) {
    lines.push(
      `  - without valid asset types: ${gaps.badAssetTypes.join(", ")}`,
      `    give each a non-empty, duplicate-free "asset_types" list from: ${assetTypes.join(", ")}.`,
    );
  }
  if (gaps.unlabelled.length > 0) {
    lines.push(`  - without a display label: ${gaps.unlabelled.join(", ")}`);
  }
  lines.push(`Edit ${BRANDS_FILE}, then run \`pnpm generate\`.`);
  return lines.join("\n");
}
