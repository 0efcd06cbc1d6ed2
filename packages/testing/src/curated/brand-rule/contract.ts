/** What the fake reads of the curated brand data (`@nox-energy/authenticator-enums`, on when the spec has a `Brand` enum). */
export interface BrandData {
  /** The brands valid for an asset type; throws for one the data does not list. */
  brandsFor(assetType: never): readonly string[];
  /** Whether the brand is valid for the asset type. */
  isBrandForAssetType(brand: unknown, assetType: unknown): boolean;
}
