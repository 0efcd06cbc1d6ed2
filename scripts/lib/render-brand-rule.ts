import { generatedHeader } from "./generated-header.ts";
import type { BrandData, SpecEnums } from "./brand-data.ts";
import { BRANDS_FILE } from "./repo.ts";

/** Where the brand rule's type table lives, relative to the repo root. */
export const BRAND_RULE_FILE = "packages/types/src/generated/brand-rule.ts";

/**
 * Renders `BrandsByAssetType`: for each asset type, the union of its brands (curated in
 * spec/brands.json), in the spec's order. packages/types builds the brand-coupled request type on it,
 * and checks it against the spec's `AssetType` and `Brand`. An asset type with no brand gets `never`.
 * Call only when the brand data has no gaps.
 */
export function renderBrandRule(enums: SpecEnums, data: BrandData): string {
  const rows = enums.assetTypes.map((assetType) => {
    const brands = enums.brands.filter((brand) => data.brands[brand]?.asset_types.includes(assetType));
    const union = brands.length === 0 ? "never" : brands.map((brand) => JSON.stringify(brand)).join(" | ");
    return `  ${JSON.stringify(assetType)}: ${union};`;
  });
  return [
    generatedHeader({ from: BRANDS_FILE }),
    "/**",
    ` * The brands valid for each asset type (curated in ${BRANDS_FILE}), as types: a brand listed under`,
    " * several asset types appears in each. `CheckedCreateLinkSessionRequest` is built on it.",
    " */",
    "export interface BrandsByAssetType {",
    ...rows,
    "}",
    "",
  ].join("\n");
}
