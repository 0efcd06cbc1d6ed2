import mergeAllOf from "json-schema-merge-allof";
import { printSchema } from "../emit/print-openapi.ts";
import { normaliseSchema } from "../model/schemas.ts";
import type { Schema } from "../model/types.ts";

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
  example: (values: unknown[]) => values[0],
  deprecated: (values: unknown[]) => values.some(Boolean),
};

/**
 * Merges allOf `members` (JSON Schema or OpenAPI 3.0 form) with json-schema-merge-allof; `null` when
 * they cannot be merged (conflicting types, keywords that disagree).
 */
export function mergeMembers(root: Json): Json | null {
  try {
    return mergeAllOf(root as never, { resolvers: RESOLVERS as never }) as Json;
  } catch {
    return null;
  }
}

const FOUND = { found: true };

/**
 * `schema` with its `allOf` merged into one schema (members that are `$ref`s inlined one level, the
 * refs inside them kept), read back through the model's own reader; `schema` itself when it is no
 * intersection or its members do not merge.
 */
export function mergedForm(schema: Schema, schemas: ReadonlyMap<string, Schema>): Schema {
  if (schema.kind !== "intersection") return schema;
  const raw = printSchema(schema);
  raw.allOf = schema.variants!.map((v) => {
    const target = v.kind === "ref" ? schemas.get(v.ref!) : undefined;
    return target === undefined
      ? printSchema(v)
      : printSchema({ ...target, nullable: target.nullable || v.nullable });
  });
  const merged = mergeMembers(raw);
  if (merged === null) return schema;
  // The model's reader checks that each remaining $ref points at a component: any value will do.
  const document = {
    components: { schemas: Object.fromEntries([...schemas.keys()].map((k) => [k, FOUND])) },
  };
  try {
    return normaliseSchema(merged, "#", document);
  } catch {
    return schema;
  }
}
