export type { $defs, components, operations, paths, webhooks } from "./generated/openapi.js";
export type { LinkCallback } from "./generated/link-callback.js";
export type {
  AssetType,
  Brand,
  CreateSupplierLinkSessionRequest,
  CreateSupplierLinkSessionResponse,
  ErrorResponse,
  Language,
} from "./schemas.js";
export type {
  BrandTable,
  CheckedCreateLinkSessionRequest,
  LinkSessionRequestFor,
  UncheckedCreateLinkSessionRequest,
} from "./brand-rule.js";
export type { BrandsByAssetType } from "./generated/brand-rule.js";
