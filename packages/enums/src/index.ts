export * from "./generated/values.js";
export { BRAND_LABELS } from "./generated/brand-labels.js";
export { assetTypesFor, brandsFor } from "./brands-by-asset-type.js";
export { brandLabel } from "./brand-label.js";
export { isBrandForAssetType, type BrandFor } from "./guards.js";
export { isHttpUrl } from "./http-url.js";
export { ASSET_TYPE_LABELS, LANGUAGE_LABELS } from "./generated/labels.js";
export { assetTypeLabel, languageLabel } from "./labels.js";
export { brandOptions, type BrandOption } from "./brand-options.js";
