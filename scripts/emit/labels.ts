import { generatedHeader } from "../lib/generated-header.ts";
import { LABELS_FILE, SPEC_FILE } from "../lib/repo.ts";
import { CURATED_ENUMS } from "../model/curated.ts";
import type { ApiModel, GeneratedFile } from "../model/types.ts";

/** Where the generated UI label tables live, relative to the repo root. */
export const UI_LABELS_FILE = "packages/enums/src/generated/labels.ts";

const literal = (value: unknown): string => JSON.stringify(value);

/**
 * Renders ASSET_TYPE_LABELS and LANGUAGE_LABELS from spec/labels.json (as the model's curated step
 * read it: every value labelled, in the enums' order), typed with `satisfies` against the enums so a
 * table that no longer covers them is a compile error. Nothing when the labels plug-in is off (no
 * spec/labels.json, or the spec lacks the `AssetType` or `Language` string enum).
 */
export function emitLabels(model: ApiModel): GeneratedFile[] {
  const labels = model.curated.labels;
  if (labels === null || !model.curated.plugins.labels) return [];
  const perLanguage = (pairs: readonly (readonly [string, string])[]): string =>
    pairs.map(([language, label]) => `${literal(language)}: ${literal(label)}`).join(", ");
  const { assetType: A, language: L } = CURATED_ENUMS;
  const source = [
    generatedHeader({ from: `${LABELS_FILE}, checked against ${SPEC_FILE}` }),
    `import type { ${A}, ${L} } from "@nox-energy/authenticator-types";`,
    "",
    "/** Each asset type's display label in each language of the Authenticator UI. */",
    "export const ASSET_TYPE_LABELS = /* @__PURE__ */ Object.freeze({",
    ...labels.assetTypes.map(
      ([assetType, pairs]) =>
        `  ${literal(assetType)}: /* @__PURE__ */ Object.freeze({ ${perLanguage(pairs)} }),`,
    ),
    `} as const satisfies Readonly<Record<${A}, Readonly<Record<${L}, string>>>>);`,
    "",
    "/** Each language's name in itself (its endonym), for a language picker. */",
    "export const LANGUAGE_LABELS = /* @__PURE__ */ Object.freeze({",
    ...labels.languages.map(([language, label]) => `  ${literal(language)}: ${literal(label)},`),
    `} as const satisfies Readonly<Record<${L}, string>>);`,
    "",
  ].join("\n");
  return [{ path: UI_LABELS_FILE, source }];
}
