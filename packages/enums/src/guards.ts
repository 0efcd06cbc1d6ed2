import type { AssetType, Brand, Language } from "@nox-energy/authenticator-types";
import { BRANDS_BY_ASSET_TYPE } from "./generated/values.js";
import { ASSET_TYPE_SET, BRAND_SET, LANGUAGE_SET } from "./lookup-sets.js";

/** The brands valid for asset type `A`, as a union of string literals. */
export type BrandFor<A extends AssetType> = (typeof BRANDS_BY_ASSET_TYPE)[A][number];

/**
 * True when `value` is one of the spec's brands.
 * @example isBrand("daikin") // true
 */
export function isBrand(value: unknown): value is Brand {
  return typeof value === "string" && BRAND_SET.has(value);
}

/** True when `value` is one of the spec's asset types (`"hp"`, `"pv"`). */
export function isAssetType(value: unknown): value is AssetType {
  return typeof value === "string" && ASSET_TYPE_SET.has(value);
}

/** True when `value` is one of the spec's languages. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && LANGUAGE_SET.has(value);
}

/**
 * True when `brand` is a brand valid for `assetType`; narrows `brand` to that asset type's brands.
 * Never throws: an unknown asset type simply has no brands.
 * @example isBrandForAssetType("daikin", "hp") // true
 */
export function isBrandForAssetType<A extends AssetType>(brand: unknown, assetType: A): brand is BrandFor<A>;
export function isBrandForAssetType(brand: unknown, assetType: unknown): boolean;
export function isBrandForAssetType(brand: unknown, assetType: unknown): boolean {
  if (!isBrand(brand) || !isAssetType(assetType)) return false;
  return (BRANDS_BY_ASSET_TYPE[assetType] as readonly string[]).includes(brand);
}
