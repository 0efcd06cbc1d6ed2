export type { $defs, components, operations, paths, webhooks } from "./generated/openapi.js";
export type * from "./generated/aliases.js";
export type * from "./generated/curated-exports.js";
