/**
 * Test fixtures only: the JSON Schema 2020-12 form of an OpenAPI document's component schemas, as
 * plain as the input generator (./conformance-inputs.ts) is tested on. The generator's own printer
 * (scripts/emit/json-schema.ts) is the real one; this is the minimum to read a corpus document:
 * `#/components/schemas/X` -> `#/$defs/X`, 3.0's `nullable` -> a `null` type (or an anyOf beside a
 * `$ref`), 3.0's boolean exclusive bounds -> numbers, `example`/`xml`/`x-*` dropped.
 */
import type { JsonSchema, JsonSchemaObject } from "./conformance-inputs.ts";

const MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas", "definitions"]);
const COMPONENT_REF = /^#\/components\/schemas\/(.+)$/;

function translate(node: unknown, isMap = false): unknown {
  if (Array.isArray(node)) return node.map((n) => translate(n));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isMap && (key.startsWith("x-") || key === "example" || key === "xml" || key === "nullable"))
      continue;
    if (!isMap && key === "$ref" && typeof value === "string") {
      const match = COMPONENT_REF.exec(value);
      out.$ref = match ? `#/$defs/${match[1]}` : value;
      continue;
    }
    out[key] = translate(value, !isMap && MAPS.has(key));
  }
  if (isMap) return out;
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (out[exclusive] === true) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (out[exclusive] === false) delete out[exclusive];
  }
  if ((node as { nullable?: unknown }).nullable === true) {
    if (typeof out.$ref === "string" || out.type === undefined) return { anyOf: [out, { type: "null" }] };
    const types = [out.type].flat();
    if (!types.includes("null")) out.type = [...types, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

/** `document`'s component schemas as `$defs`, and a schema per component that is `{ $ref, $defs }`. */
export function componentSchemas(document: {
  components?: { schemas?: Record<string, unknown> };
}): Record<string, JsonSchemaObject> {
  const $defs = translate(document.components?.schemas ?? {}, true) as Record<string, JsonSchema>;
  return Object.fromEntries(
    Object.keys($defs).map((name) => [
      name,
      { $ref: `#/$defs/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`, $defs },
    ]),
  );
}
