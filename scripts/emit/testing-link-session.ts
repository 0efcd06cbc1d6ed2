import { generatedHeader } from "../lib/generated-header.ts";
import { METHOD_NAMES_FILE, SPEC_FILE } from "../lib/repo.ts";
import type { ApiModel, GeneratedFile, Misfit, Schema } from "../model/types.ts";
import { frozen } from "./testing-routes.ts";

/** The client method the link-session plug-in shapes (curated in spec/method-names.json). */
const LINK_SESSION_METHOD = "createLinkSession";

/** The request fields the fake's plug-in reads, and the response fields that make an answer a link session. */
export const LINK_SESSION_CONTRACT = {
  request: ["user_id", "redirect_url"],
  response: ["link_url", "link_token"],
} as const;

/** The fake's link-session plug-in, as it fits the model: which operation, its components, its success status. */
export interface FakeLinkSession {
  operationId: string;
  request: string;
  response: string;
  status: number;
  defaultLanguage: string | null;
}

/** A component object behind one `$ref`, or `undefined`. */
function component(schema: Schema, model: ApiModel): { name: string; schema: Schema } | undefined {
  if (schema.kind !== "ref" || schema.nullable || schema.ref === undefined) return undefined;
  const target = model.schemas.get(schema.ref);
  return target?.kind === "object" ? { name: schema.ref, schema: target } : undefined;
}

const lacks = (schema: Schema, names: readonly string[]) =>
  names.filter((name) => !(schema.properties ?? []).some((p) => p.name === name));

/**
 * The fake's link-session plug-in fit (issue #14, decision 5): the model's link-session operation (the
 * one spec/method-names.json names `createLinkSession`, JSON in and out) whose request and response are
 * component objects with the contract's fields. A misfit is named (the model's `curated.misfits`, so
 * `generate --check` fails on it) and the plug-in is off; nothing is refused.
 */
export function fakeLinkSessionOf(model: ApiModel): FakeLinkSession | null {
  const found = model.curated.plugins.linkSession ? model.curated.linkSession : null;
  const why = (() => {
    if (found === null) {
      const named = model.operations.some(
        (o) => o.methodName === LINK_SESSION_METHOD || o.aliases.includes(LINK_SESSION_METHOD),
      );
      return named ? `the ${LINK_SESSION_METHOD} operation does not take and answer JSON.` : undefined;
    }
    const request = component(found.request, model);
    const response = component(found.response, model);
    if (request === undefined || response === undefined) {
      return `${found.operationId}'s request body and success response must each be a component object schema.`;
    }
    const missing = [
      ...lacks(request.schema, LINK_SESSION_CONTRACT.request).map((n) => `${request.name}.${n}`),
      ...lacks(response.schema, LINK_SESSION_CONTRACT.response).map((n) => `${response.name}.${n}`),
    ];
    return missing.length > 0 ? `${found.operationId} lacks ${missing.join(", ")}.` : null;
  })();
  if (why !== null) {
    if (why !== undefined) reportMisfit(model, why);
    return null;
  }
  const op = model.operations.find((o) => o.operationId === found!.operationId)!;
  const request = component(found!.request, model)!;
  const language = request.schema.properties?.find((p) => p.name === "language")?.schema;
  const languageDefault =
    language?.default ??
    (language?.kind === "ref" ? model.schemas.get(language.ref ?? "")?.default : undefined);
  return {
    operationId: found!.operationId,
    request: request.name,
    response: component(found!.response, model)!.name,
    status: Number(op.successStatuses[0]),
    defaultLanguage: typeof languageDefault === "string" ? languageDefault : null,
  };
}

/**
 * Names the fake's misfit in the model's misfits (printed by `pnpm generate`, failing `--check`). An
 * emitter has no other channel for one; pushed once per model.
 */
function reportMisfit(model: ApiModel, why: string): void {
  const misfits = model.curated.misfits as Misfit[];
  if (misfits.some((m) => m.kind === "fake-link-session")) return;
  misfits.push({
    file: METHOD_NAMES_FILE,
    kind: "fake-link-session",
    subjects: [LINK_SESSION_METHOD],
    message: `the testing package's link-session plug-in (sessions, the link page, completeSession, validateLinkSessionRequest) is off: ${why}`,
  });
}

/** The link-session plug-in's binding: the spec's names when it fits, its own contract when not. */
export const LINK_SESSION_BINDING_FILE = "packages/testing/src/generated/link-session.ts";

/** The brands plug-in's binding: the enums package's brand data when the spec has it, `null` when not. */
export const BRANDS_BINDING_FILE = "packages/testing/src/generated/brands.ts";

/** What the testing package exports besides its generic API: each plug-in's public names, when it fits. */
export const EXPORTS_FILE = "packages/testing/src/generated/exports.ts";

const CONTRACT = "../curated/link-session/contract.js";
const schemaType = (name: string) => `components["schemas"][${JSON.stringify(name)}]`;

/**
 * Renders the fake's plug-in bindings (issue #14, decision 5). The hand-written link-session plug-in
 * (`packages/testing/src/curated/link-session/`) imports only `generated/link-session.ts`: with the
 * plug-in on (`model.curated.linkSession`) its types alias the spec's request, response and callback and
 * `LINK_SESSION` says which operation it shapes; off, they are the plug-in's own contract types and
 * `LINK_SESSION` is `null`, so the package builds for any spec. `generated/exports.ts` re-exports the
 * plug-in's public API only when it is on. A misfit is named by the model, never a refusal here.
 */
export function emitTestingLinkSession(model: ApiModel): GeneratedFile[] {
  const plugin = fakeLinkSessionOf(model);
  const callback = plugin !== null && model.curated.plugins.linkCallback;
  const header = generatedHeader({
    from: `${SPEC_FILE} and spec/method-names.json`,
    change: "the spec or the curated data (or scripts/emit/testing-link-session.ts)",
  });
  const specTypes = [
    ...(plugin ? ["components"] : []),
    ...(callback ? ["LinkCallback as SpecLinkCallback"] : []),
  ];
  const contract = [
    "LinkSessionPlugin",
    ...(plugin ? [] : ["LinkSessionContract", "LinkSessionRequestContract"]),
    ...(callback ? [] : ["LinkCallbackContract"]),
  ];
  const binding = [
    header,
    ...(specTypes.length > 0
      ? [`import type { ${specTypes.join(", ")} } from "@nox-energy/authenticator-types";`]
      : []),
    `import type { ${contract.join(", ")} } from "${CONTRACT}";`,
    "",
    plugin
      ? `/** The link-session plug-in's request: the spec's \`${plugin.request}\`. */`
      : "/** The link-session plug-in is off for this spec (see `pnpm generate`'s misfits): its own request contract. */",
    `export type LinkSessionRequest = ${plugin ? schemaType(plugin.request) : "LinkSessionRequestContract"};`,
    "",
    plugin
      ? `/** A link session as the fake answers it: the spec's \`${plugin.response}\`. */`
      : "/** A link session as the plug-in's contract describes it (the fake makes none for this spec). */",
    `export type LinkSession = ${plugin ? schemaType(plugin.response) : "LinkSessionContract"};`,
    "",
    callback
      ? "/** The callback NOX sends to `redirect_url` as `?data=`: the types package's `LinkCallback` (spec/link-callback.schema.json). */"
      : "/** The callback NOX sends to `redirect_url` as `?data=`, as the plug-in's contract describes it. */",
    `export type LinkCallback = ${callback ? "SpecLinkCallback" : "LinkCallbackContract"};`,
    "",
    "/** The operation the link-session plug-in shapes, or `null` when the spec does not fit it. */",
    `export const LINK_SESSION: LinkSessionPlugin | null = ${
      plugin
        ? frozen({
            operationId: plugin.operationId,
            status: plugin.status,
            defaultLanguage: plugin.defaultLanguage,
          })
        : "null"
    };`,
    "",
  ].join("\n");
  const exports = [
    header,
    plugin
      ? [
          "// The link-session plug-in fits this spec: its public API.",
          'export type { CompletedSession, LinkChoices } from "../curated/link-session/session-store.js";',
          'export type { LinkCallback } from "./link-session.js";',
          "export {",
          "  validateLinkSessionRequest,",
          "  type LinkSessionRequestValidation,",
          '} from "../curated/link-session/validate-request.js";',
        ].join("\n")
      : "// No plug-in fits this spec: the package exports its generic API only.\nexport {};",
    "",
  ].join("\n");
  const brands = [
    header,
    ...(model.curated.plugins.brands
      ? ['import { brandsFor, isBrandForAssetType } from "@nox-energy/authenticator-enums";']
      : []),
    'import type { BrandData } from "../curated/brand-rule/contract.js";',
    "",
    model.curated.plugins.brands
      ? "/** The curated brand data (spec/brands.json over the spec's `Brand` enum), from the enums package. */"
      : "/** The spec has no `Brand` enum: no brand data (the link page accepts any brand). */",
    `export const BRAND_DATA: BrandData | null = ${model.curated.plugins.brands ? "{ brandsFor, isBrandForAssetType }" : "null"};`,
    "",
  ].join("\n");
  return [
    { path: LINK_SESSION_BINDING_FILE, source: binding },
    { path: BRANDS_BINDING_FILE, source: brands },
    { path: EXPORTS_FILE, source: exports },
  ];
}
