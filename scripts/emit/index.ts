import type { Emitter } from "../model/types.ts";
import { emitAliases } from "./aliases.ts";
import { emitBaseUrl } from "./base-url.ts";
import { emitBrandRule } from "./brand-rule.ts";
import { emitClientCurated } from "./client-curated.ts";
import { emitClientOperations } from "./client-operations.ts";
import { emitEnumsPlugins } from "./curated/enums-plugins.ts";
import { emitTypesExports } from "./curated/types-exports.ts";
import { emitEnums } from "./enums.ts";
import { emitLabels } from "./labels.ts";
import { emitLinkCallback } from "./link-callback.ts";
import { emitTestingLinkSession } from "./testing-link-session.ts";
import { emitTestingRoutes } from "./testing-routes.ts";
import { emitTypes } from "./types.ts";
import { emitValidators } from "./validators.ts";

/** Every emitter `pnpm generate` runs, one line each; each owns the files it returns. */
export const EMITTERS: readonly Emitter[] = [
  emitTypes,
  emitAliases,
  emitEnums,
  emitEnumsPlugins,
  emitBaseUrl,
  emitClientOperations,
  emitClientCurated,
  emitTestingRoutes,
  emitTestingLinkSession,
  emitLinkCallback,
  emitLabels,
  emitBrandRule,
  emitValidators,
  emitTypesExports,
];
