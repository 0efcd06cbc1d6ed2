import { generatedHeader } from "../lib/generated-header.ts";
import { BRANDS_FILE, SPEC_FILE } from "../lib/repo.ts";
import { CURATED_ENUMS } from "../model/curated.ts";
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

/** The naming rule's plural: `BRAND` -> `BRANDS`, `STATUS` -> `STATUSES`, `CATEGORY` -> `CATEGORIES`. */
export function plural(word: string): string {
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
  e: { name: string; values: readonly unknown[]; default?: unknown; typed: boolean },
  what: string,
): string[] {
  const names = enumExportNames(e.name);
  const set = `${names.values}_SET`;
  const typed = e.typed ? ` satisfies readonly ${e.name}[]` : "";
  const lines = [
    `/** Every value of ${what}, in spec order. */`,
    `export const ${names.values} = /* @__PURE__ */ Object.freeze(${list(e.values)} as const${typed});`,
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
  if (e.default !== undefined && e.values.includes(e.default)) {
    lines.push(
      `/** The value the server uses when a request omits it (${what}'s default). */`,
      `export const ${names.default} = ${literal(e.default)} as const satisfies ${e.name};`,
    );
  }
  return [...lines, ""];
}

/** What the curated exports need when the spec lacks their enum: values from spec/brands.json, or none. */
function fallbacks(model: ApiModel, present: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  const from = (name: string, values: readonly string[]) =>
    renderEnum({ name, values, typed: false }, `\`${name}\` (not in the spec; from ${BRANDS_FILE})`);
  if (!present.has(CURATED_ENUMS.brand))
    lines.push(
      ...from(
        CURATED_ENUMS.brand,
        model.curated.brands.map((b) => b.brand),
      ),
    );
  if (!present.has(CURATED_ENUMS.assetType))
    lines.push(...from(CURATED_ENUMS.assetType, model.curated.assetTypes));
  if (!present.has(CURATED_ENUMS.language)) lines.push(...from(CURATED_ENUMS.language, []));
  const language = model.enums.find((e) => e.named && e.name === CURATED_ENUMS.language);
  if (language?.default === undefined || !language.values.includes(language.default)) {
    lines.push(
      "/** The language the server uses when a request omits `language`: the spec names none. */",
      `export const DEFAULT_LANGUAGE: ${CURATED_ENUMS.language} | undefined = undefined;`,
      "",
    );
  }
  return lines;
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
    `} as const satisfies Readonly<Record<${CURATED_ENUMS.assetType}, readonly ${CURATED_ENUMS.brand}[]>>);`,
    "",
  ];
}

/**
 * Renders a values constant and a guard for every enum in the model (named by the rule in
 * spec/README.md), the curated brand table, and fallbacks for curated exports whose enum the spec
 * lacks (so the package keeps building and the misfit is named, not fatal).
 */
export function emitEnums(model: ApiModel): GeneratedFile[] {
  const usable = model.enums.filter((e: EnumInfo) => /^[A-Za-z_$][\w$]*$/.test(e.name));
  const named = usable.filter((e) => e.named).map((e) => e.name);
  const present = new Set(named);
  const header = [generatedHeader({ from: `${SPEC_FILE} and ${BRANDS_FILE}` })];
  if (named.length > 0) {
    header.push(
      `import type { ${[...named].sort().join(", ")} } from "${TYPES_PACKAGE}";`,
      "",
      `export type { ${[...named].sort().join(", ")} };`,
      "",
    );
  }
  const body = usable.flatMap((e) =>
    renderEnum(
      { ...e, typed: e.named },
      e.named ? `the spec's \`${e.name}\` enum` : `\`${e.name}\` (inline at ${e.pointer})`,
    ),
  );
  const source = [...header, ...body, ...fallbacks(model, present), ...brandTable(model)].join("\n");
  return [{ path: VALUES_FILE, source }, emitLabels(model)];
}

function emitLabels(model: ApiModel): GeneratedFile {
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
