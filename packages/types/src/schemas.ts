import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** A manufacturer brand the API accepts, e.g. `"daikin"` or `"solaredge"`. */
export type Brand = Schemas["Brand"];

/** A device category: `"hp"` (heat pump) or `"pv"` (PV solar inverter). */
export type AssetType = Schemas["AssetType"];

/** A language for the NOX Authenticator UI; the server defaults to `"nl"`. */
export type Language = Schemas["Language"];

/** The body of `POST /supplier/link-sessions`. */
export type CreateSupplierLinkSessionRequest = Schemas["CreateSupplierLinkSessionRequest"];

/** The link session returned by `POST /supplier/link-sessions` (201). */
export type CreateSupplierLinkSessionResponse = Schemas["CreateSupplierLinkSessionResponse"];

/** The body of every error response (400, 401): a human-readable `error` message. */
export type ErrorResponse = Schemas["ErrorResponse"];
