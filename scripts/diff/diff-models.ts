import { isDeepStrictEqual } from "node:util";
import { enumExportNames } from "../emit/enums.ts";
import { componentOwners, componentUsage, reachable, operationSides } from "../model/enums.ts";
import type { ApiModel } from "../model/types.ts";
import { ChangeList, SHAPE_PACKAGES, show, type PackageKey, type SpecChange } from "./changes.ts";
import { compareOperations, compareWebhooks } from "./operations.ts";
import { digest, SchemaResolver } from "./resolve.ts";
import { compareSchema } from "./schemas.ts";
import { clientTypeExports } from "../emit/client-curated.ts";
import { operationComponents, surfaceDifferences, surfacesOf, type Surfaces } from "./surfaces.ts";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** The safety net's group: a package whose surface moved in a way no classified change explains. */
export const UNEXPLAINED_GROUP = "Surface changed (not classified; review its diff)";
/** How many differing surface parts the safety net names before it says how many more. */
const NAMED_PARTS = 5;

/** Components an operation reaches: the testing package embeds those (with their examples). */
function embedded(model: ApiModel): Set<string> {
  return reachable(
    model.operations.flatMap((op) => {
      const s = operationSides(op);
      return [...s.request, ...s.response];
    }),
    model.schemas,
  );
}

/**
 * Components removed and added with the same resolved shape (docs aside), old name -> new: a rename.
 * Each pair is matched once, in spec order, so two identical new schemas do not both claim one old one.
 */
export function findRenames(before: ApiModel, after: ApiModel): Map<string, string> {
  const removed = [...before.schemas.keys()].filter((n) => !after.schemas.has(n));
  const added = [...after.schemas.keys()].filter((n) => !before.schemas.has(n));
  if (removed.length === 0 || added.length === 0) return new Map();
  const [oldShapes, newShapes] = [new SchemaResolver(before.schemas), new SchemaResolver(after.schemas)];
  const free = new Map<string, string>();
  for (const name of added) {
    const key = digest(newShapes.component(name));
    if (!free.has(key)) free.set(key, name);
  }
  const renames = new Map<string, string>();
  for (const name of removed) {
    const key = digest(oldShapes.component(name));
    const to = free.get(key);
    if (to === undefined) continue;
    renames.set(name, to);
    free.delete(key);
  }
  return renames;
}

function compareComponents(
  before: ApiModel,
  after: ApiModel,
  list: ChangeList,
  renames: ReadonlyMap<string, string>,
): void {
  const oldUsage = componentUsage(before.operations, before.schemas);
  const newUsage = componentUsage(after.operations, after.schemas);
  const [oldEmbedded, newEmbedded] = [embedded(before), embedded(after)];
  const [oldReached, newReached] = [operationComponents(before), operationComponents(after)];
  // A component no operation reaches (a webhook's, or unused) is the types package's alone.
  const shapesOf = (...names: string[]): readonly PackageKey[] =>
    names.some((n) => oldReached.has(n) || newReached.has(n)) ? SHAPE_PACKAGES : ["types"];
  const renamedTo = new Set(renames.values());
  const names = [...new Set([...before.schemas.keys(), ...after.schemas.keys()])];
  // Enums first, so the summary leads with what the enums package holds.
  names.sort(
    (x, y) =>
      Number(after.schemas.get(y)?.enum !== undefined) - Number(after.schemas.get(x)?.enum !== undefined),
  );
  for (const name of names) {
    const [a, b] = [before.schemas.get(name), after.schemas.get(name)];
    if (a === undefined) {
      if (!renamedTo.has(name)) list.add("minor", "Schema added", name, shapesOf(name));
    } else if (b === undefined) {
      const to = renames.get(name);
      // The types lose the old alias and `components["schemas"][old]`; the rest follows what each exposes.
      if (to === undefined) list.add("major", "Schema removed", name, shapesOf(name));
      else {
        const alias = componentOwners(before.schemas.keys()).get(name);
        const client =
          alias !== undefined && clientTypeExports(before).includes(alias) ? (["client"] as const) : [];
        list.add("major", "Schema renamed (same shape)", `${name} -> ${to}`, ["types", ...client]);
      }
    } else {
      const sides = new Set([oldUsage.get(name), newUsage.get(name)]);
      const usage = sides.size === 1 ? [...sides][0]! : "both";
      const docPackages: PackageKey[] =
        oldEmbedded.has(name) || newEmbedded.has(name) ? ["types", "testing"] : ["types"];
      compareSchema(
        a,
        b,
        {
          list,
          usage,
          shapes: shapesOf(name),
          docPackages,
          before: before.schemas,
          after: after.schemas,
          renames,
        },
        name,
        name,
      );
    }
  }
}

/** The enums package's exports: an enum (values constant, guard, type) added is minor, one gone is major. */
function compareEnumExports(before: ApiModel, after: ApiModel, list: ChangeList): void {
  const names = (m: ApiModel) => new Set(m.enums.map((e) => e.name).filter((n) => IDENTIFIER.test(n)));
  const [oldNames, newNames] = [names(before), names(after)];
  const subject = (name: string) => `${name} (${enumExportNames(name).values})`;
  for (const name of newNames)
    if (!oldNames.has(name)) list.add("minor", "Enums added", subject(name), ["enums"]);
  for (const name of oldNames)
    if (!newNames.has(name)) list.add("major", "Enums removed", subject(name), ["enums"]);
}

/**
 * Curated brand data: a brand leaving an asset type breaks calls that passed it; joining one is a feature.
 * It reaches the enums (the table), the types (`BrandsByAssetType`), and where the brand rule applies the
 * client (its compile-time rule and run-time check) and the fake (which checks the rule too).
 */
function compareCurated(before: ApiModel, after: ApiModel, list: ChangeList): void {
  const placement = (m: ApiModel) =>
    new Set(m.curated.brands.flatMap((b) => b.assetTypes.map((t) => `${b.brand} (${t})`)));
  const [oldPlaced, newPlaced] = [placement(before), placement(after)];
  const oldBrands = new Set(before.curated.brands.map((b) => b.brand));
  const ruled = before.curated.brandRule !== null || after.curated.brandRule !== null;
  const packages: PackageKey[] = ["enums", "types", ...(ruled ? (["client", "testing"] as const) : [])];
  for (const entry of oldPlaced) {
    if (!newPlaced.has(entry)) list.add("major", "Brand left an asset type", entry, packages);
  }
  for (const entry of newPlaced) {
    const brand = entry.slice(0, entry.indexOf(" ("));
    if (!oldPlaced.has(entry) && oldBrands.has(brand))
      list.add("minor", "Brand joined an asset type", entry, packages);
  }
  const oldLabels = new Map(before.curated.brands.map((b) => [b.brand, b.label]));
  for (const b of after.curated.brands) {
    const old = oldLabels.get(b.brand);
    if (old !== undefined && old !== b.label)
      list.add("patch", "Brand label changed", `${b.brand}: ${old} -> ${b.label}`, ["enums"]);
  }
  if (!isDeepStrictEqual(before.curated.labels, after.curated.labels))
    list.add("patch", "Labels changed", "spec/labels.json", ["enums"]);
  // Where the rule applies and which keys it ties (the operationId is only its name: compared with operations).
  const rule = (m: ApiModel) => {
    const r = m.curated.brandRule;
    return r && { request: r.request, brand: r.brand, assetType: r.assetType };
  };
  const [oldRule, newRule] = [rule(before), rule(after)];
  if (!isDeepStrictEqual(oldRule, newRule))
    list.add(
      oldRule === null ? "minor" : "major",
      "Brand rule changed",
      newRule === null
        ? "the brand rule no longer applies"
        : `${newRule.request}.${newRule.brand.key} for ${newRule.assetType.key}`,
      ["types", "client", "testing"],
    );
}

/**
 * The default server (variables at their defaults) is where every default call goes: a new one is the
 * client's major. The SERVERS table the client's `server` option picks from: a server added is minor,
 * one removed or changed (its URL, a variable's default or values) major for calls that picked it.
 */
function compareServers(before: ApiModel, after: ApiModel, list: ChangeList): void {
  const [a, b] = [before.defaultServer?.url, after.defaultServer?.url];
  if (a !== b)
    list.add("major", "Default base URL changed", `${JSON.stringify(a)} -> ${JSON.stringify(b)}`, ["client"]);
  const view = (s: ApiModel["servers"][number]) => ({ url: s.url, variables: s.variables });
  for (const [i, now] of after.servers.entries()) {
    const old = before.servers[i];
    if (old === undefined) list.add("minor", "Servers added", now.url, ["client"]);
    else if (i === after.defaultServer?.index && a !== b)
      continue; // said above
    else if (!isDeepStrictEqual(view(old), view(now)))
      list.add(
        "major",
        "Server changed",
        `servers[${i}]: ${old.url} -> ${now.url}${old.url === now.url ? " (variables)" : ""}`,
        ["client"],
      );
    // The `server` option picks a server by its description too.
    else if (old.description !== now.description)
      list.add(
        "major",
        "Server changed",
        `servers[${i}] description: ${show(old.description)} -> ${show(now.description)}`,
        ["client"],
      );
  }
  for (const old of before.servers.slice(after.servers.length))
    list.add("major", "Servers removed", old.url, ["client"]);
}

function compareMetadata(before: ApiModel, after: ApiModel, list: ChangeList): void {
  for (const key of ["title", "description", "contact", "license", "termsOfService"] as const) {
    if (!isDeepStrictEqual(before.info[key], after.info[key]))
      list.add("patch", "Metadata changed (no package affected)", `info.${key}`, []);
  }
}

/**
 * The surfaces decide who is reached: a package whose surface is equal on both sides gets no bump (its
 * consumers cannot tell the models apart), whatever the detailed list says; one whose surface moved
 * keeps the detailed list's verdict, and when no listed change reaches it, the safety net gives it a
 * patch naming the surface parts that moved, for a human to review.
 */
function gate(changes: readonly SpecChange[], surfaces: { before: Surfaces; after: Surfaces }): SpecChange[] {
  const keys = Object.keys(surfaces.after) as PackageKey[];
  const moved = new Map(keys.map((k) => [k, surfaceDifferences(surfaces.before[k], surfaces.after[k])]));
  const gated = changes.flatMap((c) => {
    const packages = c.packages.filter((p) => moved.get(p)!.length > 0);
    return packages.length === 0 && c.packages.length > 0 ? [] : [{ ...c, packages }];
  });
  for (const key of keys) {
    const parts = moved.get(key)!;
    if (parts.length === 0 || gated.some((c) => c.packages.includes(key))) continue;
    const more = parts.length > NAMED_PARTS ? ` and ${parts.length - NAMED_PARTS} more` : "";
    gated.push({
      level: "patch",
      group: UNEXPLAINED_GROUP,
      subject: `${key}: ${parts.slice(0, NAMED_PARTS).join(", ")}${more}`,
      packages: [key],
    });
  }
  return gated;
}

/**
 * Compares two models and lists every change, each with its level and the packages it reaches: a
 * detailed list (fields, enums, operations, curated data, servers), then gated by each package's
 * surface (scripts/diff/surfaces.ts): what it exposes and does at run time, computed from each model.
 */
export function diffModels(before: ApiModel, after: ApiModel): SpecChange[] {
  const list = new ChangeList();
  const renames = findRenames(before, after);
  compareEnumExports(before, after, list);
  compareComponents(before, after, list, renames);
  compareOperations(before, after, list, renames);
  compareWebhooks(before, after, list, renames);
  compareCurated(before, after, list);
  compareServers(before, after, list);
  compareMetadata(before, after, list);
  return gate(list.changes, { before: surfacesOf(before), after: surfacesOf(after) });
}
