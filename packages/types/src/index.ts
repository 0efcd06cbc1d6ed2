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
