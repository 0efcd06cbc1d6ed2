import { generatedHeader } from "./generated-header.ts";
import type { SpecEnums } from "./brand-data.ts";
import { SPEC_FILE } from "./repo.ts";

/** The curated UI labels, relative to the repo root. */
export const LABEL_DATA_FILE = "spec/labels.json";
/** Where the generated label tables live, relative to the repo root. */
export const UI_LABELS_FILE = "packages/enums/src/generated/labels.ts";

/** spec/labels.json: provenance, each asset type's label per language, each language's own name. */
export interface LabelData {
  provenance: Record<string, string>;
  asset_types: Record<string, unknown>;
  languages: Record<string, unknown>;
}

/** Keys (dotted paths into spec/labels.json) that the spec's enums need and the file lacks, or the reverse. */
export interface LabelDataGaps {
  /** A value in the spec's AssetType or Language enum without a non-empty label, e.g. `asset_types.pv.de`. */
  missing: string[];
  /** A key for a value the spec's enums lack, e.g. `languages.de` once upstream dropped `de`. */
  extra: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Parses spec/labels.json text, failing with the file's name when its shape is wrong. */
export function parseLabelData(text: string): LabelData {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${LABEL_DATA_FILE} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  if (!isRecord(data) || !isRecord(data.asset_types) || !isRecord(data.languages)) {
    throw new Error(
      `${LABEL_DATA_FILE} must be an object with an "asset_types" object (asset type -> language -> label) ` +
        `and a "languages" object (language -> its own name).`,
    );
  }
  return data as unknown as LabelData;
}

const isLabel = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

/** The keys of `table` that `expected` needs but lacks (or leaves blank), and those it has beyond `expected`. */
function compareKeys(table: unknown, expected: readonly string[], path: string, gaps: LabelDataGaps): void {
  const record = isRecord(table) ? table : {};
  for (const key of expected) {
    if (!isLabel(record[key])) gaps.missing.push(`${path}.${key}`);
  }
  for (const key of Object.keys(record)) {
    if (!expected.includes(key)) gaps.extra.push(`${path}.${key}`);
  }
}

/**
 * Compares the curated labels with the spec's AssetType and Language enums; `null` when every value
 * has a label and no label names a value the spec lacks.
 */
export function findLabelDataGaps(enums: SpecEnums, data: LabelData): LabelDataGaps | null {
  const gaps: LabelDataGaps = { missing: [], extra: [] };
  for (const assetType of enums.assetTypes) {
    const labels = data.asset_types[assetType];
    if (labels === undefined) gaps.missing.push(`asset_types.${assetType}`);
    else compareKeys(labels, enums.languages, `asset_types.${assetType}`, gaps);
  }
  for (const key of Object.keys(data.asset_types)) {
    if (!enums.assetTypes.includes(key)) gaps.extra.push(`asset_types.${key}`);
  }
  compareKeys(data.languages, enums.languages, "languages", gaps);
  return gaps.missing.length + gaps.extra.length === 0 ? null : gaps;
}

/** A message naming each key to add or remove, the data file, and what to do about it. */
export function describeLabelDataGaps(gaps: LabelDataGaps, enums: SpecEnums): string {
  const lines = [`${LABEL_DATA_FILE} no longer matches the spec's asset types and languages:`];
  if (gaps.missing.length > 0) {
    lines.push(
      `  - missing: ${gaps.missing.join(", ")}`,
      `    add a non-empty label for each (asset types: ${enums.assetTypes.join(", ")}; languages: ${enums.languages.join(", ")}).`,
    );
  }
  if (gaps.extra.length > 0) {
    lines.push(
      `  - not in the spec: ${gaps.extra.join(", ")}`,
      `    remove them, or rename them to the spec's new value if upstream renamed one.`,
    );
  }
  lines.push(`Edit ${LABEL_DATA_FILE} (and its provenance), then run \`pnpm generate\`.`);
  return lines.join("\n");
}

const literal = (value: unknown): string => JSON.stringify(value);

/**
 * Renders ASSET_TYPE_LABELS and LANGUAGE_LABELS in the spec's order, typed with `satisfies` against
 * packages/types so a table that no longer covers the spec's enums is a compile error.
 * Call only when {@link findLabelDataGaps} finds none.
 */
export function renderLabels(enums: SpecEnums, data: LabelData): string {
  const label = (table: unknown, key: string): string => literal((table as Record<string, unknown>)[key]);
  const perLanguage = (table: unknown): string =>
    enums.languages.map((language) => `${literal(language)}: ${label(table, language)}`).join(", ");
  const assetTypes = enums.assetTypes.map(
    (assetType) =>
      `  ${literal(assetType)}: /* @__PURE__ */ Object.freeze({ ${perLanguage(data.asset_types[assetType])} }),`,
  );
  const languages = enums.languages.map(
    (language) => `  ${literal(language)}: ${label(data.languages, language)},`,
  );
  return [
    generatedHeader({ from: `${LABEL_DATA_FILE}, checked against ${SPEC_FILE}` }),
    `import type { AssetType, Language } from "@nox-energy/authenticator-types";`,
    "",
    "/** Each asset type's display label in each language of the Authenticator UI. */",
    "export const ASSET_TYPE_LABELS = /* @__PURE__ */ Object.freeze({",
    ...assetTypes,
    "} as const satisfies Readonly<Record<AssetType, Readonly<Record<Language, string>>>>);",
    "",
    "/** Each language's name in itself (its endonym), for a language picker. */",
    "export const LANGUAGE_LABELS = /* @__PURE__ */ Object.freeze({",
    ...languages,
    "} as const satisfies Readonly<Record<Language, string>>);",
    "",
  ].join("\n");
}
