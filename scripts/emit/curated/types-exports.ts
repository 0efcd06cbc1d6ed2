import { generatedHeader } from "../../lib/generated-header.ts";
import { SPEC_FILE } from "../../lib/repo.ts";
import type { ApiModel, GeneratedFile } from "../../model/types.ts";

/** What the types package exports of its curated plug-ins: only those that are on. */
export const TYPES_EXPORTS_FILE = "packages/types/src/generated/curated-exports.ts";

/** Each plug-in of the types package: when it is on, the module and the type names it exports. */
const PLUGINS = [
  [
    "brandRule",
    "./brand-rule.js",
    [
      "BrandsByAssetType",
      "BrandTable",
      "CheckBrandForAssetType",
      "CheckedCreateLinkSessionRequest",
      "LinkSessionRequestFor",
      "UncheckedCreateLinkSessionRequest",
    ],
  ],
  ["linkCallback", "./link-callback.js", ["LinkCallback"]],
] as const;

/**
 * Renders packages/types/src/generated/curated-exports.ts: the brand-rule and link-callback types,
 * each only when its plug-in fits the spec (the package's index.ts re-exports this module, nothing else
 * curated). A plug-in that is off is a misfit the model names.
 */
export function emitTypesExports(model: ApiModel): GeneratedFile[] {
  const lines = [
    generatedHeader({ from: `${SPEC_FILE} and spec/'s curated data` }),
    "// The curated plug-ins' types, for those that fit the spec (spec/README.md#curated-plug-ins).",
    "",
  ];
  let any = false;
  for (const [plugin, from, names] of PLUGINS) {
    const on = model.curated.plugins[plugin];
    lines.push(`// ${plugin}: ${on ? "on" : "off"}.`);
    if (on) {
      any = true;
      lines.push(`export type { ${names.join(", ")} } from "${from}";`);
    }
  }
  if (!any) lines.push("export {};");
  return [{ path: TYPES_EXPORTS_FILE, source: [...lines, ""].join("\n") }];
}
