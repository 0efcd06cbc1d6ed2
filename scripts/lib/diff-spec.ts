import { diffModels } from "../diff/diff-models.ts";
import { buildModel } from "../model/build-model.ts";
import type { SpecChange } from "../diff/changes.ts";

export { LEVEL_RANK, levelsByPackage, maxLevel } from "../diff/changes.ts";
export type { ChangeLevel, PackageKey, SpecChange } from "../diff/changes.ts";

/**
 * Compares two raw OpenAPI documents (no curated data) through their models: a shorthand for
 * `diffModels(buildModel(before), buildModel(after))`, kept for callers that hold documents.
 */
export function diffSpecs(before: unknown, after: unknown): SpecChange[] {
  const model = (document: unknown) =>
    buildModel({ document, brands: null, methodNames: null, labels: null, linkCallbackSchema: null });
  return diffModels(model(before), model(after));
}
