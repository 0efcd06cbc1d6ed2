import {
  ASSET_TYPES,
  BRANDS_BY_ASSET_TYPE,
  isAssetType,
  isBrand,
  type AssetType,
  type Brand,
} from "../../generated/curated-bindings.js";
import type { BrandFor } from "./guards.js";

// Generic over the generated table, so this module builds whatever the spec's enums are called today.
type TableAssetType = keyof typeof BRANDS_BY_ASSET_TYPE;

/**
 * The brands valid for `assetType`, in spec order (frozen).
 * @throws {TypeError} when `assetType` is not one of the spec's asset types.
 * @example brandsFor("hp").includes("daikin") // true
 */
export function brandsFor<A extends TableAssetType>(assetType: A): readonly BrandFor<A>[] {
  if (!isAssetType(assetType)) {
    throw new TypeError(
      `brandsFor: ${JSON.stringify(assetType)} is not an asset type; expected one of ${ASSET_TYPES.join(", ")}. ` +
        `Check the value with isAssetType() first when it comes from outside your code.`,
    );
  }
  return BRANDS_BY_ASSET_TYPE[assetType as A] as readonly BrandFor<A>[];
}

let assetTypesByBrand: Map<string, readonly AssetType[]> | undefined;

/**
 * The asset types `brand` is valid for (frozen; most brands have exactly one).
 * @throws {TypeError} when `brand` is not one of the spec's brands.
 * @example assetTypesFor("solaredge") // ["pv"]
 */
export function assetTypesFor(brand: Brand): readonly AssetType[] {
  if (!isBrand(brand)) {
    throw new TypeError(
      `assetTypesFor: ${JSON.stringify(brand)} is not a brand this package knows. ` +
        `Check the value with isBrand() first, or upgrade @nox-energy/authenticator-enums if NOX added it recently.`,
    );
  }
  assetTypesByBrand ??= indexByBrand();
  return assetTypesByBrand.get(brand) ?? [];
}

// Built on first use rather than at import, so importing the package costs nothing.
function indexByBrand(): Map<string, readonly AssetType[]> {
  const index = new Map<string, readonly AssetType[]>();
  for (const assetType of ASSET_TYPES) {
    for (const brand of BRANDS_BY_ASSET_TYPE[assetType as TableAssetType] as readonly Brand[]) {
      index.set(brand, Object.freeze([...(index.get(brand) ?? []), assetType]));
    }
  }
  return index;
}
