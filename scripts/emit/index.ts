import type { Emitter } from "../model/types.ts";
import { emitAliases } from "./aliases.ts";
import { emitBaseUrl } from "./base-url.ts";
import { emitBrandRule } from "./brand-rule.ts";
import { emitClientOperations } from "./client-operations.ts";
import { emitClientSchemas } from "./client-schemas.ts";
import { emitEnumsPlugins } from "./curated/enums-plugins.ts";
import { emitTypesExports } from "./curated/types-exports.ts";
import { emitEnums } from "./enums.ts";
import { emitLabels } from "./labels.ts";
import { emitLinkCallback } from "./link-callback.ts";
import { emitTestingSchemas } from "./testing-schemas.ts";
import { emitTypes } from "./types.ts";

/** Every emitter `pnpm generate` runs, one line each; each owns the files it returns. */
export const EMITTERS: readonly Emitter[] = [
  emitTypes,
  emitAliases,
  emitEnums,
  emitEnumsPlugins,
  emitBaseUrl,
  emitClientOperations,
  emitTestingSchemas,
  emitClientSchemas,
  emitLinkCallback,
  emitLabels,
  emitBrandRule,
  emitTypesExports,
];
