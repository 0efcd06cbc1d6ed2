import { BRANDS_BY_ASSET_TYPE, isAssetType, isBrand } from "../../generated/curated-bindings.js";

/** The asset types of the generated brand table (the spec's `AssetType`, or the curated ones without it). */
type TableAssetType = keyof typeof BRANDS_BY_ASSET_TYPE;

/** The brands valid for asset type `A`, as a union of string literals. */
export type BrandFor<A extends TableAssetType> = (typeof BRANDS_BY_ASSET_TYPE)[A][number];

/**
 * True when `brand` is a brand valid for `assetType`; narrows `brand` to that asset type's brands.
 * Never throws: an unknown asset type simply has no brands.
 * @example isBrandForAssetType("daikin", "hp") // true
 */
export function isBrandForAssetType<A extends TableAssetType>(
  brand: unknown,
  assetType: A,
): brand is BrandFor<A>;
export function isBrandForAssetType(brand: unknown, assetType: unknown): boolean;
export function isBrandForAssetType(brand: unknown, assetType: unknown): boolean {
  if (!isBrand(brand) || !isAssetType(assetType) || !Object.hasOwn(BRANDS_BY_ASSET_TYPE, assetType))
    return false;
  return (BRANDS_BY_ASSET_TYPE[assetType as TableAssetType] as readonly unknown[]).includes(brand);
}
