import { isBrandForAssetType } from "../curated/brands/guards.js";
import { BRANDS_BY_ASSET_TYPE, isAssetType, isBrand } from "../generated/curated-bindings.js";

/**
 * Where the curated brand rule applies in a request body: the property holding the brand and the one
 * holding the asset type (whatever the spec calls them), generated per operation from the model's
 * `curated.brandRule`.
 */
export interface BrandRuleFields {
  /** The brand property's name (`brand`). */
  readonly brand: string;
  /** The asset type property's name (`asset_type`). */
  readonly assetType: string;
  /** True when the spec lets the brand be `null` (then "or null" is a way out). */
  readonly brandNullable?: boolean;
}

/** What breaks the brand rule: the field and why, in words. */
export interface BrandRuleIssue {
  readonly field: string;
  readonly message: string;
}

const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(", ");

// Each asset type's brands as a Set, built on first use: the rule runs on every request, and a valid
// pair (the usual case) is then one Map and one Set lookup.
let allowedSets: Map<unknown, ReadonlySet<unknown>> | undefined;
function allowedFor(assetType: unknown): ReadonlySet<unknown> | undefined {
  allowedSets ??= new Map(
    Object.entries(BRANDS_BY_ASSET_TYPE as Readonly<Record<string, readonly string[]>>).map(([a, brands]) => [
      a,
      new Set(brands),
    ]),
  );
  return allowedSets.get(assetType);
}

/**
 * The curated brand-per-asset-type rule (spec/brands.json), the one place it is decided: a body whose
 * brand is one of the spec's brands and whose asset type one of its asset types breaks it when the
 * brand is not listed for that asset type. Anything else (no brand, `null`, values outside the enums,
 * not an object) is left to the schema's validator: `undefined`. The client calls it before sending
 * (unless `checkBrandForAssetType: false`), the fake on what it receives, both with this message.
 * @example brandRuleIssue({ brand: "daikin", asset_type: "pv" }, { brand: "brand", assetType: "asset_type" })
 * // { field: "brand", message: '"daikin" is not a brand for asset_type "pv"; use one of "alpha-ess", …' }
 */
export function brandRuleIssue(body: unknown, fields: BrandRuleFields): BrandRuleIssue | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const brand = (body as Record<string, unknown>)[fields.brand];
  const assetType = (body as Record<string, unknown>)[fields.assetType];
  if (allowedFor(assetType)?.has(brand) === true) return undefined;
  if (!isBrand(brand) || !isAssetType(assetType) || isBrandForAssetType(brand, assetType)) return undefined;
  const allowed = (BRANDS_BY_ASSET_TYPE as Readonly<Record<string, readonly string[]>>)[assetType] ?? [];
  return {
    field: fields.brand,
    message:
      `"${brand}" is not a brand for ${fields.assetType} "${assetType}"; ` +
      `use one of ${quoted(allowed)}${fields.brandNullable ? " or null" : ""}`,
  };
}
