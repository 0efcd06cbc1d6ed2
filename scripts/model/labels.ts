import { LABELS_FILE } from "../lib/repo.ts";
import { isObject } from "./schemas.ts";
import type { CuratedLabels, Misfit } from "./types.ts";

const isLabel = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

/** Keys (dotted paths into spec/labels.json) the spec's enums need and the file lacks, or the reverse. */
interface Gaps {
  missing: string[];
  extra: string[];
}

/** Each of `expected` with its label from `table` (its own value when it has none), recording the gaps. */
function labelsFor(
  table: unknown,
  expected: readonly string[],
  path: string,
  gaps: Gaps,
): [string, string][] {
  const record = isObject(table) ? table : {};
  for (const key of Object.keys(record)) if (!expected.includes(key)) gaps.extra.push(`${path}.${key}`);
  return expected.map((key) => {
    const label = record[key];
    if (isLabel(label)) return [key, label];
    gaps.missing.push(`${path}.${key}`);
    return [key, key];
  });
}

/**
 * Reads spec/labels.json against the asset types and languages the enums package exports: every value
 * gets a label, in the enums' order. A value without a label, or a key for a value the enums lack, is a
 * misfit named by its key (`asset_types.pv.de`, `languages.de`); the value then shows as itself, as
 * the enums package's `assetTypeLabel` does for a value newer than the package. `null` when absent.
 */
export function readLabels(
  raw: unknown,
  assetTypes: readonly string[],
  languages: readonly string[],
  misfits: Misfit[],
): CuratedLabels | null {
  if (raw === null) return null;
  const data = isObject(raw) ? raw : {};
  const gaps: Gaps = { missing: [], extra: [] };
  if (!isObject(data.asset_types) || !isObject(data.languages)) {
    misfits.push({
      file: LABELS_FILE,
      kind: "bad-shape",
      subjects: [LABELS_FILE],
      message:
        'is not an object with an "asset_types" object (asset type -> language -> label) and a "languages" ' +
        "object (language -> its own name)\n    fix its shape; until then every value shows as itself.",
    });
  }
  const tables = isObject(data.asset_types) ? data.asset_types : {};
  const byAssetType = assetTypes.map((assetType): [string, [string, string][]] => {
    const path = `asset_types.${assetType}`;
    const absent = tables[assetType] === undefined;
    // A whole asset type missing is one gap, not one per language.
    if (absent) gaps.missing.push(path);
    return [
      assetType,
      labelsFor(tables[assetType], languages, path, absent ? { missing: [], extra: [] } : gaps),
    ];
  });
  for (const key of Object.keys(tables)) if (!assetTypes.includes(key)) gaps.extra.push(`asset_types.${key}`);
  const ownNames = labelsFor(data.languages, languages, "languages", gaps);
  pushGaps(gaps, assetTypes, languages, misfits);
  return { assetTypes: byAssetType, languages: ownNames };
}

function pushGaps(
  gaps: Gaps,
  assetTypes: readonly string[],
  languages: readonly string[],
  misfits: Misfit[],
): void {
  if (gaps.missing.length > 0) {
    misfits.push({
      file: LABELS_FILE,
      kind: "unlabelled",
      subjects: gaps.missing,
      message:
        `missing: ${gaps.missing.join(", ")}\n    add a non-empty label for each (asset types: ${assetTypes.join(", ")}; ` +
        `languages: ${languages.join(", ")}); until then each shows its raw value.`,
    });
  }
  if (gaps.extra.length > 0) {
    misfits.push({
      file: LABELS_FILE,
      kind: "unknown",
      subjects: gaps.extra,
      message: `not in the spec: ${gaps.extra.join(", ")}\n    remove them, or rename them to the spec's new value if upstream renamed one.`,
    });
  }
}
