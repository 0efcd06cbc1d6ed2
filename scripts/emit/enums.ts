import { generatedHeader } from "../lib/generated-header.ts";
import { BRANDS_FILE, SPEC_FILE } from "../lib/repo.ts";
import { CURATED_ENUMS, findEnum } from "../model/curated.ts";
import { isTypeName } from "../model/enums.ts";
import type { ApiModel, EnumInfo, GeneratedFile } from "../model/types.ts";

/** Where the generated enum values and guards live, relative to the repo root. */
export const VALUES_FILE = "packages/enums/src/generated/values.ts";
/** Brand labels sit in a module of their own so bundlers drop them when `brandLabel` is unused. */
export const LABELS_FILE = "packages/enums/src/generated/brand-labels.ts";

const TYPES_PACKAGE = "@nox-energy/authenticator-types";
const literal = (value: unknown): string => JSON.stringify(value);
const list = (values: readonly unknown[]): string => `[${values.map(literal).join(", ")}]`;

/** `AssetType` -> `ASSET_TYPE`. */
export function screamingSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toUpperCase();
}

/**
 * The naming rule's plural: `BRAND` -> `BRANDS`, `STATUS` -> `STATUSES`, `CATEGORY` -> `CATEGORIES`. A
 * name that already reads as a plural (`ECOSYSTEMS`, from GitHub's `security-advisory-ecosystems`) gets
 * `_VALUES` rather than a doubled ending (`ECOSYSTEMSES`).
 */
export function plural(word: string): string {
  if (/[^SUI]S$/i.test(word)) return /[A-Z]$/.test(word) ? `${word}_VALUES` : `${word} values`;
  if (/(S|X|Z|CH|SH)$/.test(word)) return `${word}ES`;
  if (/[^AEIOU]Y$/.test(word)) return `${word.slice(0, -1)}IES`;
  return `${word}S`;
}

/** The exported names the rule gives an enum: values, guard and (with a default) default constant. */
export function enumExportNames(name: string): { values: string; guard: string; default: string } {
  const snake = screamingSnake(name);
  return { values: plural(snake), guard: `is${name}`, default: `DEFAULT_${snake}` };
}

function renderEnum(
  e: { name: string; values: readonly unknown[]; default?: unknown; typed: boolean; nullable?: boolean },
  what: string,
): string[] {
  const names = enumExportNames(e.name);
  const set = `${names.values}_SET`;
  const typed = e.typed ? ` satisfies readonly ${e.name}[]` : "";
  // `null` is a value too when the spec allows it (listed, or the schema is nullable).
  const values = e.nullable ? [...e.values, null] : e.values;
  const lines = [
    `/** Every value of ${what}, in spec order. */`,
    `export const ${names.values} = /* @__PURE__ */ Object.freeze(${list(values)} as const${typed});`,
  ];
  if (!e.typed)
    lines.push(`/** A value of ${what}. */`, `export type ${e.name} = (typeof ${names.values})[number];`);
  lines.push(
    `// A Set makes the guard O(1); marked pure so bundlers drop it with an unused guard.`,
    `const ${set}: ReadonlySet<unknown> = /* @__PURE__ */ new Set<unknown>(${names.values});`,
    `/** True when \`value\` is one of ${what}'s values. */`,
    `export function ${names.guard}(value: unknown): value is ${e.name} {`,
    `  return ${set}.has(value);`,
    "}",
  );
  if (e.default !== undefined && values.includes(e.default)) {
    lines.push(
      `/** The value the server uses when a request omits it (${what}'s default). */`,
      `export const ${names.default} = ${literal(e.default)} as const satisfies ${e.name};`,
    );
  }
  return [...lines, ""];
}

/** The enums values.ts exports (a usable type name each), and every name they take there. */
export function exportedEnums(model: ApiModel): { enums: EnumInfo[]; names: Set<string> } {
  const names = new Set<string>(["BRANDS_BY_ASSET_TYPE"]);
  const enums: EnumInfo[] = [];
  for (const e of model.enums) {
    if (!isTypeName(e.name)) continue;
    const exports = enumExportNames(e.name);
    const taken = [e.name, exports.values, exports.guard, `${exports.values}_SET`];
    // Two enums whose export names clash (say `FooBar` and `FooBAR`): the later one is left out.
    if (taken.some((n) => names.has(n))) continue;
    for (const n of [...taken, exports.default]) names.add(n);
    enums.push(e);
  }
  return { enums, names };
}

/** The curated brand table's asset-type key type: the spec's `AssetType`, or the curated values themselves. */
function assetTypeKey(model: ApiModel): string {
  return findEnum(model.enums, CURATED_ENUMS.assetType) !== null
    ? CURATED_ENUMS.assetType
    : model.curated.assetTypes.map(literal).join(" | ") || "never";
}

function brandTable(model: ApiModel): string[] {
  const rows = model.curated.assetTypes.map((assetType) => {
    const brands = model.curated.brands.filter((b) => b.assetTypes.includes(assetType)).map((b) => b.brand);
    return `  ${literal(assetType)}: /* @__PURE__ */ Object.freeze(${list(brands)} as const),`;
  });
  return [
    `/** The brands valid for each asset type (curated in ${BRANDS_FILE}), in spec order. */`,
    "export const BRANDS_BY_ASSET_TYPE = /* @__PURE__ */ Object.freeze({",
    ...rows,
    `} as const satisfies Readonly<Record<${assetTypeKey(model)}, readonly ${CURATED_ENUMS.brand}[]>>);`,
    "",
  ];
}

/**
 * Renders a values constant and a guard for every enum in the model (named by the rule in
 * spec/README.md; booleans, numbers and `null` included), and, with the brands plug-in on, the curated
 * brand table and labels. The curated plug-ins' bindings and exports are ./curated-bindings.ts.
 */
export function emitEnums(model: ApiModel): GeneratedFile[] {
  const { enums } = exportedEnums(model);
  const named = enums.filter((e) => e.named).map((e) => e.name);
  const brands = model.curated.plugins.brands;
  const header = [generatedHeader({ from: `${SPEC_FILE}${brands ? ` and ${BRANDS_FILE}` : ""}` })];
  if (named.length > 0) {
    header.push(
      `import type { ${[...named].sort().join(", ")} } from "${TYPES_PACKAGE}";`,
      "",
      `export type { ${[...named].sort().join(", ")} };`,
      "",
    );
  }
  const body = enums.flatMap((e) =>
    renderEnum(
      { ...e, typed: e.named },
      e.named ? `the spec's \`${e.name}\` enum` : `\`${e.name}\` (inline at ${e.pointer})`,
    ),
  );
  const source = [...header, ...body, ...(brands ? brandTable(model) : [])].join("\n");
  return [
    { path: VALUES_FILE, source: enums.length === 0 && !brands ? `${source}\nexport {};\n` : source },
    ...(brands ? [emitBrandLabels(model)] : []),
  ];
}

function emitBrandLabels(model: ApiModel): GeneratedFile {
  const entries = model.curated.brands.map((b) => `  ${literal(b.brand)}: ${literal(b.label)},`);
  const source = [
    generatedHeader({ from: BRANDS_FILE }),
    `import type { ${CURATED_ENUMS.brand} } from "./values.js";`,
    "",
    "/** Each brand's display label, in the manufacturer's own spelling. */",
    "export const BRAND_LABELS = /* @__PURE__ */ Object.freeze({",
    ...entries,
    `} as const satisfies Readonly<Record<${CURATED_ENUMS.brand}, string>>);`,
    "",
  ].join("\n");
  return { path: LABELS_FILE, source };
}
