import { generatedHeader } from "../lib/generated-header.ts";
import { LABELS_FILE, SPEC_FILE } from "../lib/repo.ts";
import { CURATED_ENUMS } from "../model/curated.ts";
import type { ApiModel, GeneratedFile } from "../model/types.ts";

/** Where the generated UI label tables live, relative to the repo root. */
export const UI_LABELS_FILE = "packages/enums/src/generated/labels.ts";

const literal = (value: unknown): string => JSON.stringify(value);

/** The types package when the spec has both enums; else values.ts, whose fallbacks always export them. */
function typesFrom(model: ApiModel): string {
  const has = (name: string) => model.enums.some((e) => e.named && e.name === name);
  return has(CURATED_ENUMS.assetType) && has(CURATED_ENUMS.language)
    ? "@nox-energy/authenticator-types"
    : "./values.js";
}

/**
 * Renders ASSET_TYPE_LABELS and LANGUAGE_LABELS from spec/labels.json (as the model's curated step
 * read it: every value labelled, in the enums' order), typed with `satisfies` against the enums so a
 * table that no longer covers them is a compile error. Nothing when spec/labels.json is absent.
 */
export function emitLabels(model: ApiModel): GeneratedFile[] {
  const labels = model.curated.labels;
  if (labels === null) return [];
  const perLanguage = (pairs: readonly (readonly [string, string])[]): string =>
    pairs.map(([language, label]) => `${literal(language)}: ${literal(label)}`).join(", ");
  const { assetType: A, language: L } = CURATED_ENUMS;
  const source = [
    generatedHeader({ from: `${LABELS_FILE}, checked against ${SPEC_FILE}` }),
    `import type { ${A}, ${L} } from "${typesFrom(model)}";`,
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
