import { isDeepStrictEqual } from "node:util";
import { componentUsage, reachable, operationSides } from "../model/enums.ts";
import type { ApiModel, GeneratedFile } from "../model/types.ts";
import { ChangeList, SHAPE_PACKAGES, type PackageKey, type SpecChange } from "./changes.ts";
import { compareOperations } from "./operations.ts";
import { compareSchema } from "./schemas.ts";

/** Components an operation reaches: the testing package embeds those (with their docs). */
function embedded(model: ApiModel): Set<string> {
  return reachable(
    model.operations.flatMap((op) => {
      const s = operationSides(op);
      return [...s.request, ...s.response];
    }),
    model.schemas,
  );
}

function compareComponents(before: ApiModel, after: ApiModel, list: ChangeList): void {
  const oldUsage = componentUsage(before.operations, before.schemas);
  const newUsage = componentUsage(after.operations, after.schemas);
  const [oldEmbedded, newEmbedded] = [embedded(before), embedded(after)];
  const names = [...new Set([...before.schemas.keys(), ...after.schemas.keys()])];
  // Enums first, so the summary leads with what the enums package holds.
  names.sort(
    (x, y) =>
      Number(after.schemas.get(y)?.enum !== undefined) - Number(after.schemas.get(x)?.enum !== undefined),
  );
  for (const name of names) {
    const [a, b] = [before.schemas.get(name), after.schemas.get(name)];
    if (a === undefined) list.add("minor", "Schema added", name, SHAPE_PACKAGES);
    else if (b === undefined) list.add("major", "Schema removed", name, SHAPE_PACKAGES);
    else {
      const sides = new Set([oldUsage.get(name), newUsage.get(name)]);
      const usage = sides.size === 1 ? [...sides][0]! : "both";
      const docPackages: PackageKey[] =
        oldEmbedded.has(name) || newEmbedded.has(name) ? ["types", "testing"] : ["types"];
      compareSchema(
        a,
        b,
        { list, usage, docPackages, before: before.schemas, after: after.schemas },
        name,
        name,
      );
    }
  }
}

/**
 * Curated brand data: a brand leaving an asset type breaks calls that passed it; joining one is a feature.
 * Both reach the types package too: its `BrandsByAssetType` and checked request types are built on it.
 */
function compareCurated(before: ApiModel, after: ApiModel, list: ChangeList): void {
  const placement = (m: ApiModel) =>
    new Set(m.curated.brands.flatMap((b) => b.assetTypes.map((t) => `${b.brand} (${t})`)));
  const [oldPlaced, newPlaced] = [placement(before), placement(after)];
  const oldBrands = new Set(before.curated.brands.map((b) => b.brand));
  for (const entry of oldPlaced) {
    if (!newPlaced.has(entry)) list.add("major", "Brand left an asset type", entry, ["enums", "types"]);
  }
  for (const entry of newPlaced) {
    const brand = entry.slice(0, entry.indexOf(" ("));
    if (!oldPlaced.has(entry) && oldBrands.has(brand))
      list.add("minor", "Brand joined an asset type", entry, ["enums", "types"]);
  }
  const oldLabels = new Map(before.curated.brands.map((b) => [b.brand, b.label]));
  for (const b of after.curated.brands) {
    const old = oldLabels.get(b.brand);
    if (old !== undefined && old !== b.label)
      list.add("patch", "Brand label changed", `${b.brand}: ${old} -> ${b.label}`, ["enums"]);
  }
}

function compareServers(before: ApiModel, after: ApiModel, list: ChangeList): void {
  const [a, b] = [before.servers[0]?.url, after.servers[0]?.url];
  // A new default URL sends every call that relied on the default somewhere else: the client's major.
  if (a !== b)
    list.add("major", "Default base URL changed", `${JSON.stringify(a)} -> ${JSON.stringify(b)}`, ["client"]);
  else if (!isDeepStrictEqual(before.servers, after.servers))
    list.add("patch", "Metadata changed (no package affected)", "servers", []);
}

function compareMetadata(before: ApiModel, after: ApiModel, list: ChangeList): void {
  for (const key of ["title", "description", "contact", "license", "termsOfService"] as const) {
    if (!isDeepStrictEqual(before.info[key], after.info[key]))
      list.add("patch", "Metadata changed (no package affected)", `info.${key}`, []);
  }
}

/**
 * Compares two models and lists every change, each with its level and the packages it reaches.
 * With `outputs` (each model's generated files), a package whose generated files are identical
 * on both sides is dropped from every change: its published output did not move. The client is
 * exempt: its public types come from the types package, so it follows shapes it exposes.
 */
export function diffModels(
  before: ApiModel,
  after: ApiModel,
  outputs?: { before: readonly GeneratedFile[]; after: readonly GeneratedFile[] },
): SpecChange[] {
  const list = new ChangeList();
  compareComponents(before, after, list);
  compareOperations(before, after, list);
  compareCurated(before, after, list);
  compareServers(before, after, list);
  compareMetadata(before, after, list);
  if (outputs === undefined) return list.changes;
  const unchanged = (["types", "enums", "testing"] as const).filter((key) => samePackageOutput(key, outputs));
  return list.changes.map((c) => ({
    ...c,
    packages: c.packages.filter((p) => !unchanged.includes(p as never)),
  }));
}

function samePackageOutput(
  key: PackageKey,
  outputs: { before: readonly GeneratedFile[]; after: readonly GeneratedFile[] },
): boolean {
  const of = (files: readonly GeneratedFile[]) =>
    files
      .filter((f) => f.path.startsWith(`packages/${key}/`))
      .map((f) => `${f.path}\n${f.source}`)
      .sort();
  return isDeepStrictEqual(of(outputs.before), of(outputs.after));
}
