export type { $defs, components, operations, paths, webhooks } from "./generated/openapi.js";
export type * from "./generated/aliases.js";
export type { LinkCallback } from "./generated/link-callback.js";
export type {
  BrandTable,
  CheckedCreateLinkSessionRequest,
  LinkSessionRequestFor,
  UncheckedCreateLinkSessionRequest,
} from "./brand-rule.js";
export type { BrandsByAssetType } from "./generated/brand-rule.js";
