import { generatedHeader } from "../lib/generated-header.ts";
import { LINK_CALLBACK_FILE, SPEC_FILE } from "../lib/repo.ts";
import { componentOwners } from "../model/enums.ts";
import type { ApiModel, GeneratedFile } from "../model/types.ts";

/** The client's bindings for its curated plug-ins (always there: the spec's names when on, contracts when off). */
export const CLIENT_CURATED_FILE = "packages/client/src/generated/curated.ts";
/** What the client re-exports from the types package and its plug-ins, for this spec. */
export const CLIENT_EXPORTS_FILE = "packages/client/src/generated/exports.ts";

/**
 * The names packages/client/src/index.ts exports itself: a types alias by one of these names is not
 * re-exported (scripts/test/client-curated.test.ts keeps this list equal to index.ts's).
 */
export const CLIENT_OWN_EXPORTS: readonly string[] = [
  "API_KEY_HEADER",
  "AuthMiddlewareOptions",
  "DEFAULT_BASE_URL",
  "LinkSessionBody",
  "Middleware",
  "NoxAbortError",
  "NoxApiError",
  "NoxApiErrorDetails",
  "NoxAuthenticationError",
  "NoxBackoffOptions",
  "NoxBadRequestError",
  "NoxCallbackError",
  "NoxClient",
  "NoxClientOptions",
  "NoxConfigurationError",
  "NoxConflictError",
  "NoxConnectionError",
  "NoxError",
  "NoxFetchOptions",
  "NoxInvalidResponseError",
  "NoxLogLevel",
  "NoxLogger",
  "NoxNotFoundError",
  "NoxPermissionDeniedError",
  "NoxRateLimitError",
  "NoxRequestOptions",
  "NoxServer",
  "NoxServerError",
  "NoxServerVariable",
  "NoxTimeoutError",
  "NoxUnprocessableEntityError",
  "NoxValidationError",
  "NoxValidationIssue",
  "SERVERS",
  "createAuthMiddleware",
  "createNoxClient",
  "isNoxError",
];

/** The brand rule's request types (types package; the looser meaning when the rule does not fit). */
const BRAND_RULE_TYPES = [
  "CheckBrandForAssetType",
  "CheckedCreateLinkSessionRequest",
  "LinkSessionRequestFor",
  "UncheckedCreateLinkSessionRequest",
];

/**
 * The types-package aliases the client re-exports: those of the component schemas its methods take and
 * return directly (parameter, request body and response schemas), minus the client's own names. A schema
 * only nested in them, or only a webhook's, stays the types package's alone (issue #14: a webhook-only
 * schema bumps only the types). The classifier reads the same list (scripts/diff/surfaces.ts).
 */
export function clientTypeExports(model: ApiModel): string[] {
  const owners = componentOwners(model.schemas.keys());
  const own = new Set(CLIENT_OWN_EXPORTS);
  const direct = model.operations.flatMap((op) => [
    ...op.parameters.map((p) => p.schema),
    ...(op.requestBody ? [op.requestBody.schema] : []),
    ...op.responses.flatMap((r) => (r.schema ? [r.schema] : [])),
  ]);
  const names = direct.flatMap((s) => (s.kind === "ref" && owners.has(s.ref!) ? [owners.get(s.ref!)!] : []));
  return [...new Set(names)].filter((n) => !own.has(n)).sort();
}

/**
 * Renders the client's plug-in bindings (`generated/curated.ts`: the brand rule's operation, the link
 * callback's validator and type, or the plug-ins' contract types and `null` when off) and its generated
 * exports list (`generated/exports.ts`: {@link clientTypeExports}, and each plug-in's public API when it
 * is on). Hand-written code imports only these, never a spec name.
 */
export function emitClientCurated(model: ApiModel): GeneratedFile[] {
  const { plugins } = model.curated;
  const rule = plugins.brandRule ? model.curated.brandRule : null;
  const callback = plugins.linkCallback ? model.curated.linkCallback : null;
  const header = generatedHeader({
    from: [SPEC_FILE, ...(callback ? [LINK_CALLBACK_FILE] : [])].join(" and "),
    change: "the inputs (or scripts/emit/client-curated.ts)",
  });
  const curated = [
    header,
    ...(callback
      ? [
          'import { CURATED_VALIDATORS, type Validate } from "@nox-energy/authenticator-types/validators";',
          'import type { LinkCallback } from "@nox-energy/authenticator-types";',
        ]
      : ['import type { Validate } from "@nox-energy/authenticator-types/validators";']),
    "",
    "/** The operation whose body the curated brand rule types (brand tied to asset type); `never` when the rule does not fit. */",
    `export type BrandRuleOperationId = ${rule ? JSON.stringify(rule.operationId) : "never"};`,
    "",
    "/** The brand rule's request types (types package), or `never` when the rule does not fit (no method takes them then). */",
    rule
      ? 'export type { CheckBrandForAssetType, CheckedCreateLinkSessionRequest, UncheckedCreateLinkSessionRequest } from "@nox-energy/authenticator-types";'
      : "export type CheckBrandForAssetType<_Body> = never;\nexport type CheckedCreateLinkSessionRequest = never;\nexport type UncheckedCreateLinkSessionRequest = never;",
    "",
    "/** The link callback payload (spec/link-callback.schema.json), or the plug-in's contract (what it reads) when off. */",
    callback
      ? "export type { LinkCallback };"
      : "export type LinkCallback = { supplier_user_id: string; connected_at: number; [field: string]: unknown };",
    "",
    "/** The link callback's generated validator, or `null` when the plug-in is off (a function: a bundle that never parses a callback drops the validator). */",
    `export const linkCallbackValidator = (): Validate | null => ${callback ? `CURATED_VALIDATORS[${JSON.stringify(callback.name)}]` : "null"};`,
    "",
  ].join("\n");
  const own = new Set(CLIENT_OWN_EXPORTS);
  const types = [
    ...new Set([
      ...clientTypeExports(model),
      ...(rule ? BRAND_RULE_TYPES : []),
      ...(callback ? ["LinkCallback"] : []),
    ]),
  ]
    .filter((n) => !own.has(n))
    .sort();
  const exports = [
    generatedHeader({ from: SPEC_FILE, change: "the spec (or scripts/emit/client-curated.ts)" }),
    "// The types of what the methods take and return (and the plug-ins'), so a service needs one import.",
    ...(types.length > 0
      ? [`export type { ${types.join(", ")} } from "@nox-energy/authenticator-types";`]
      : []),
    ...(rule
      ? [
          "// The brand-rule plug-in (on: a request ties its brand to its asset type): form input to a checked body.",
          'export { safeLinkSessionRequest, toLinkSessionRequest, type SafeLinkSessionRequestResult } from "../curated/brand-rule/to-link-session-request.js";',
        ]
      : []),
    ...(callback
      ? [
          "// The link-callback plug-in (on: spec/link-callback.schema.json fits).",
          'export { parseLinkCallback, type ParseLinkCallbackOptions } from "../curated/link-callback/parse-link-callback.js";',
        ]
      : []),
    "",
  ].join("\n");
  return [
    { path: CLIENT_CURATED_FILE, source: curated },
    { path: CLIENT_EXPORTS_FILE, source: exports },
  ];
}
