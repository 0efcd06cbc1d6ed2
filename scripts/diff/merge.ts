import mergeAllOf from "json-schema-merge-allof";
import { isDeepStrictEqual } from "node:util";
import type { Property, Schema } from "../model/types.ts";

type Json = Record<string, unknown>;

/** Equal values merge; different ones make the whole `allOf` unmergeable (it is then compared as written). */
function sameOrRefuse(values: unknown[]): unknown {
  const first = JSON.stringify(values[0]);
  if (values.every((v) => JSON.stringify(v) === first)) return values[0];
  throw new Error("values differ");
}

/** Keywords json-schema-merge-allof has no rule for: docs take the first, the rest must agree. */
const RESOLVERS = {
  defaultResolver: sameOrRefuse,
  examples: (values: unknown[][]) => values.flat(),
};

/**
 * Merges a JSON Schema whose `allOf` members are resolved (no `$ref`) with json-schema-merge-allof;
 * `null` when they cannot be merged (conflicting types, keywords that disagree).
 */
export function mergeMembers(root: Json): Json | null {
  try {
    return mergeAllOf(root as never, { resolvers: RESOLVERS as never }) as Json;
  } catch {
    return null;
  }
}

/** The keys of an object member the model-level merge understands; any other makes it keep the allOf. */
const OBJECT_KEYS = new Set([
  "kind",
  "nullable",
  "properties",
  "requiredOrder",
  "additionalProperties",
  "title",
  "description",
  "example",
  "deprecated",
]);

/**
 * `schema` with its `allOf` merged into one object, for the detailed list (the surfaces merge the
 * resolved form with json-schema-merge-allof): members that are `$ref`s are inlined one level, the refs
 * inside them kept, so nested schemas keep every keyword the model has. Only plain object members merge
 * (properties by name, required of any member, one `additionalProperties` at most); anything else
 * (unions, conditionals, maps on both sides, ...) is compared as written, returning `schema` itself.
 */
export function mergedForm(schema: Schema, schemas: ReadonlyMap<string, Schema>): Schema {
  if (schema.kind !== "intersection" || schema.variants === undefined) return schema;
  const members = schema.variants.map((v) => (v.kind === "ref" ? schemas.get(v.ref!) : v));
  if (members.some((m) => m === undefined || m.nullable || m.kind !== "object")) return schema;
  if (members.some((m) => Object.keys(m!).some((k) => !OBJECT_KEYS.has(k)))) return schema;
  const properties = new Map<string, Property>();
  for (const m of members) {
    for (const p of m!.properties ?? []) {
      const known = properties.get(p.name);
      if (known !== undefined && !isDeepStrictEqual(known.schema, p.schema)) return schema;
      properties.set(p.name, { ...p, required: p.required || (known?.required ?? false) });
    }
  }
  const required = [...new Set(members.flatMap((m) => m!.requiredOrder ?? []))];
  for (const name of required) {
    const p = properties.get(name);
    if (p !== undefined) properties.set(name, { ...p, required: true });
  }
  const extras = members.flatMap((m) =>
    m!.additionalProperties === undefined ? [] : [m!.additionalProperties],
  );
  if (extras.length > 1) return schema;
  // In JSON Schema a member's additionalProperties also judges the other members' properties: merged
  // only when that member lists them all (then the merged object means the same).
  const owner = members.find((m) => m!.additionalProperties !== undefined);
  if (owner !== undefined && extras[0] !== true) {
    const own = new Set((owner.properties ?? []).map((p) => p.name));
    if ([...properties.keys()].some((n) => !own.has(n))) return schema;
  }
  const { variants: _v, withOwnShape: _w, kind: _k, ...own } = schema as Schema & { withOwnShape?: boolean };
  return {
    ...own,
    kind: "object",
    properties: [...properties.values()],
    ...(required.length > 0 && { requiredOrder: required }),
    ...(extras.length === 1 && { additionalProperties: extras[0]! }),
  };
}
