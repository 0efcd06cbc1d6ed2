import { generatedHeader } from "../lib/generated-header.ts";
import { SPEC_FILE } from "../lib/repo.ts";
import type { ApiModel, GeneratedFile } from "../model/types.ts";
import { frozen } from "./testing-routes.ts";

/** The link-session plug-in's binding: the spec's names when it fits, its own contract when not. */
export const LINK_SESSION_BINDING_FILE = "packages/testing/src/generated/link-session.ts";

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
  const plugin = model.curated.linkSession;
  const callback = model.curated.linkCallback !== null;
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
            status: Number(plugin.status),
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
  return [
    { path: LINK_SESSION_BINDING_FILE, source: binding },
    { path: EXPORTS_FILE, source: exports },
  ];
}
