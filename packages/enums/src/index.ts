export * from "./generated/values.js";
export { BRAND_LABELS } from "./generated/brand-labels.js";
export { assetTypesFor, brandsFor } from "./brands-by-asset-type.js";
export { brandLabel } from "./brand-label.js";
export { isBrandForAssetType, type BrandFor } from "./guards.js";
export { isHttpUrl } from "./http-url.js";
