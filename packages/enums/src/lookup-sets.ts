import { ASSET_TYPES, BRANDS, LANGUAGES } from "./generated/values.js";

// Sets make each guard O(1); marked pure so bundlers drop the ones a caller never uses.
export const BRAND_SET: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(BRANDS);
export const ASSET_TYPE_SET: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(ASSET_TYPES);
export const LANGUAGE_SET: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(LANGUAGES);
