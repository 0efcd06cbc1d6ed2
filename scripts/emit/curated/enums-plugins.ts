import { generatedHeader } from "../../lib/generated-header.ts";
import { BRANDS_FILE, LABELS_FILE, SPEC_FILE } from "../../lib/repo.ts";
import { CURATED_ENUMS, findEnum } from "../../model/curated.ts";
import type { ApiModel, GeneratedFile } from "../../model/types.ts";
import { enumExportNames, exportedEnums } from "../enums.ts";

/** The names the enums package's curated plug-ins (src/curated/) import: always there, on or off. */
export const ENUMS_BINDINGS_FILE = "packages/enums/src/generated/curated-bindings.ts";
/** What the enums package exports of its curated plug-ins: only those that are on. */
export const ENUMS_EXPORTS_FILE = "packages/enums/src/generated/curated-exports.ts";

const literal = (value: unknown): string => JSON.stringify(value);

/**
 * One spec enum a plug-in reads (`Brand`, `AssetType`, `Language`): re-exported from values.ts when the
 * spec has it as a string enum; else the plug-in's contract (`string`), `fallback` values and a guard.
 */
function enumBinding(model: ApiModel, name: string, fallback: readonly string[], from: string): string[] {
  const names = enumExportNames(name);
  if (findEnum(model.enums, name) !== null && exportedEnums(model).enums.some((e) => e.name === name)) {
    return [
      `export { ${names.values}, ${names.guard} } from "./values.js";`,
      `export type { ${name} } from "./values.js";`,
    ];
  }
  const type = fallback.length === 0 ? "string" : `(typeof ${names.values})[number]`;
  return [
    `// The spec has no \`${name}\` string enum: ${from}.`,
    `export const ${names.values} = /* @__PURE__ */ Object.freeze(${literal(fallback)} as const);`,
    `export type ${name} = ${type};`,
    `const ${names.values}_SET: ReadonlySet<unknown> = /* @__PURE__ */ new Set<unknown>(${names.values});`,
    `export function ${names.guard}(value: unknown): value is ${name} {`,
    `  return ${names.values}_SET.has(value);`,
    "}",
  ];
}

/** `DEFAULT_LANGUAGE`: the spec's Language default, or `undefined` (typed `Language | undefined`). */
function defaultLanguage(model: ApiModel): string[] {
  const language = model.enums.find((e) => e.named && e.name === CURATED_ENUMS.language);
  const name = enumExportNames(CURATED_ENUMS.language).default;
  if (language?.default !== undefined && language.values.includes(language.default)) {
    return [`export { ${name} } from "./values.js";`];
  }
  return [
    "// The spec names no default language.",
    `export const ${name}: ${CURATED_ENUMS.language} | undefined = undefined;`,
  ];
}

function bindings(model: ApiModel): string {
  const { brands, labels } = model.curated.plugins;
  const { brand: B, assetType: A, language: L } = CURATED_ENUMS;
  const lines = [
    generatedHeader({ from: `${SPEC_FILE}, ${BRANDS_FILE} and ${LABELS_FILE}` }),
    "// The names the curated plug-ins (src/curated/) import. A plug-in that is on gets the spec's names; one",
    "// that is off gets its own contract types and empty data, so the package still type-checks. Only",
    "// ./curated-exports.ts makes a plug-in public, and only when it is on.",
    "",
    `// brands plug-in: ${brands ? "on" : `off (no \`${B}\` string enum in the spec)`}.`,
    ...(brands
      ? [
          `export { BRANDS_BY_ASSET_TYPE } from "./values.js";`,
          `export { BRAND_LABELS } from "./brand-labels.js";`,
          ...enumBinding(model, B, [], "unused"),
        ]
      : [
          ...enumBinding(model, B, [], "the plug-in is off, so no value is one"),
          `export const BRANDS_BY_ASSET_TYPE: Readonly<Record<string, readonly ${B}[]>> = /* @__PURE__ */ Object.freeze({});`,
          `export const BRAND_LABELS: Readonly<Record<${B}, string>> = /* @__PURE__ */ Object.freeze({});`,
        ]),
    "",
    ...enumBinding(
      model,
      A,
      brands ? model.curated.assetTypes : [],
      brands ? `the asset types ${BRANDS_FILE} places brands under` : "none",
    ),
    "",
    ...enumBinding(model, L, [], "none"),
    ...defaultLanguage(model),
    "",
    `// labels plug-in: ${labels ? "on" : "off"}.`,
    ...(labels
      ? [`export { ASSET_TYPE_LABELS, LANGUAGE_LABELS } from "./labels.js";`]
      : [
          `export const ASSET_TYPE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = /* @__PURE__ */ Object.freeze({});`,
          `export const LANGUAGE_LABELS: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({});`,
        ]),
    "",
  ];
  return lines.join("\n");
}

/** Each plug-in's public API: the names it exports and the module they come from. */
const PLUGIN_EXPORTS = {
  brands: [
    ["./brand-labels.js", ["BRAND_LABELS"]],
    ["../curated/brands/brands-by-asset-type.js", ["assetTypesFor", "brandsFor"]],
    ["../curated/brands/brand-label.js", ["brandLabel"]],
    ["../curated/brands/guards.js", ["isBrandForAssetType", "type BrandFor"]],
    ["../curated/brands/brand-options.js", ["brandOptions", "type BrandOption"]],
  ],
  labels: [
    ["./labels.js", ["ASSET_TYPE_LABELS", "LANGUAGE_LABELS"]],
    ["../curated/labels/labels.js", ["assetTypeLabel", "languageLabel"]],
  ],
} as const satisfies Record<string, readonly (readonly [string, readonly string[]])[]>;

/** The plug-in exports that would clash with a spec enum's export of the same name (those are left out). */
export function enumsExportClashes(model: ApiModel): string[] {
  const { names } = exportedEnums(model);
  names.delete("BRANDS_BY_ASSET_TYPE");
  return Object.values(PLUGIN_EXPORTS)
    .flat()
    .flatMap(([, list]) => list.map((n) => n.replace(/^type /, "")))
    .filter((n) => names.has(n));
}

function exports(model: ApiModel): string {
  const clashes = new Set(enumsExportClashes(model));
  const lines = [
    generatedHeader({ from: `${SPEC_FILE} and spec/'s curated data` }),
    "// The curated plug-ins' public API, for those that fit the spec (spec/README.md#curated-plug-ins).",
    "",
  ];
  let any = false;
  for (const [plugin, modules] of Object.entries(PLUGIN_EXPORTS)) {
    const on = model.curated.plugins[plugin as keyof typeof PLUGIN_EXPORTS];
    lines.push(`// ${plugin}: ${on ? "on" : "off"}.`);
    if (!on) continue;
    for (const [from, names] of modules) {
      const kept = names.filter((n) => !clashes.has(n.replace(/^type /, "")));
      if (kept.length === 0) continue;
      any = true;
      lines.push(`export { ${kept.join(", ")} } from "${from}";`);
    }
  }
  if (!any) lines.push("export {};");
  return [...lines, ""].join("\n");
}

/**
 * Renders the enums package's plug-in boundary: the bindings its curated modules import (the spec's names
 * when a plug-in is on, its contract when off) and the exports module that makes each plug-in that is on
 * public. A plug-in name that clashes with a spec enum's export is left out.
 */
export function emitEnumsPlugins(model: ApiModel): GeneratedFile[] {
  return [
    { path: ENUMS_BINDINGS_FILE, source: bindings(model) },
    { path: ENUMS_EXPORTS_FILE, source: exports(model) },
  ];
}
