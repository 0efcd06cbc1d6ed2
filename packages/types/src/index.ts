export type { $defs, components, operations, paths, webhooks } from "./generated/openapi.js";
export type * from "./generated/aliases.js";
export type { LinkCallback } from "./generated/link-callback.js";
export type {
  BrandsByAssetType,
  BrandTable,
  CheckedCreateLinkSessionRequest,
  LinkSessionRequestFor,
  UncheckedCreateLinkSessionRequest,
} from "./generated/brand-rule.js";
