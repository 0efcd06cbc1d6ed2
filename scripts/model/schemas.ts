import { child, ModelError } from "./errors.ts";
import type { Property, Schema, SchemaKind } from "./types.ts";

type Json = Record<string, unknown>;

const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)$/;
const PRIMITIVES = new Set(["string", "integer", "number", "boolean", "null", "array", "object"]);
/** Keywords the model does not represent; meeting one is an error naming where, never a guess. */
const UNSUPPORTED = [
  "not",
  "if",
  "then",
  "else",
  "patternProperties",
  "prefixItems",
  "dependentSchemas",
  "dependentRequired",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
  "$dynamicRef",
  "propertyNames",
];
// The constraints whose value is a number (pattern and uniqueItems are not).
const NUMBER_KEYS = [
  "multipleOf",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
] as const;

/** The constraints a Schema carries as plain values, besides minimum/maximum and their exclusive flags. */
export const CONSTRAINT_KEYWORDS = [
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
] as const;

/** Resolves a local `$ref` pointer in `document`. */
export function resolvePointer(document: unknown, ref: string, at: string): unknown {
  if (!ref.startsWith("#")) throw new ModelError(at, `$ref ${ref} points outside the document.`);
  let node: unknown = document;
  for (const part of ref.replace(/^#\/?/, "").split("/").filter(Boolean)) {
    const key = decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~");
    node = isObject(node) || Array.isArray(node) ? (node as Json)[key] : undefined;
  }
  if (node === undefined) throw new ModelError(at, `$ref ${ref} points at nothing.`);
  return node;
}

/** The component name a `$ref` names, or `null` when it points elsewhere. */
export function componentName(ref: string): string | null {
  const name = COMPONENT_REF.exec(ref)?.[1];
  return name === undefined ? null : decodeURIComponent(name).replaceAll("~1", "/").replaceAll("~0", "~");
}

/** True for a JSON object (not an array, not null). */
export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads a schema from the raw document into the model's normalised form. */
export function normaliseSchema(raw: unknown, pointer: string, document: unknown, depth = 0): Schema {
  if (raw === true || (isObject(raw) && Object.keys(raw).length === 0))
    return { kind: "any", nullable: false };
  if (!isObject(raw)) throw new ModelError(pointer, "is not a schema object.");
  if (depth > 64) throw new ModelError(pointer, "nests too deeply (a $ref cycle outside components?).");
  for (const key of UNSUPPORTED) {
    if (key in raw) {
      throw new ModelError(
        child(pointer, key),
        `the generator does not support "${key}". Describe the shape without it, or extend scripts/model/schemas.ts.`,
      );
    }
  }
  const node: Schema = { ...readShape(raw, pointer, document, depth), ...readAnnotations(raw, pointer) };
  // A null among the enum values is 3.1's way to say nullable; the model keeps one spelling.
  if (node.enum?.includes(null)) {
    node.enum = node.enum.filter((v) => v !== null);
    node.nullable = true;
  }
  return node;
}

function readShape(raw: Json, pointer: string, document: unknown, depth: number): Schema {
  if (typeof raw.$ref === "string") {
    const name = componentName(raw.$ref);
    if (name !== null) {
      resolvePointer(document, raw.$ref, pointer);
      return { kind: "ref", ref: name, nullable: raw.nullable === true };
    }
    const target = normaliseSchema(resolvePointer(document, raw.$ref, pointer), pointer, document, depth + 1);
    return raw.nullable === true ? { ...target, nullable: true } : target;
  }
  for (const combinator of ["oneOf", "anyOf"] as const) {
    if (Array.isArray(raw[combinator])) return readUnion(raw, combinator, pointer, document, depth);
  }
  if (Array.isArray(raw.allOf)) {
    const variants = raw.allOf.map((v, i) =>
      normaliseSchema(v, child(child(pointer, "allOf"), i), document, depth + 1),
    );
    if (variants.length === 1)
      return { ...variants[0]!, nullable: variants[0]!.nullable || raw.nullable === true };
    return { kind: "intersection", variants, nullable: raw.nullable === true };
  }
  const types = readTypes(raw, pointer);
  const nullable = raw.nullable === true || types.includes("null");
  const kinds = types.filter((t) => t !== "null");
  if (kinds.length > 1) {
    const variants = kinds.map((kind) => readTyped(kind as SchemaKind, raw, pointer, document, depth));
    return { kind: "union", variants, nullable };
  }
  const kind = (kinds[0] ?? inferKind(raw, types)) as SchemaKind;
  return { ...readTyped(kind, raw, pointer, document, depth), nullable };
}

function readTypes(raw: Json, pointer: string): string[] {
  const list = Array.isArray(raw.type) ? raw.type : raw.type === undefined ? [] : [raw.type];
  for (const type of list) {
    if (typeof type !== "string" || !PRIMITIVES.has(type)) {
      throw new ModelError(child(pointer, "type"), `${JSON.stringify(type)} is not a JSON Schema type.`);
    }
  }
  return list as string[];
}

/** A schema without `type`: its keywords say what it is (`properties` -> object), else anything. */
function inferKind(raw: Json, types: string[]): SchemaKind {
  if (types.includes("null")) return "null";
  if (isObject(raw.properties) || raw.additionalProperties !== undefined) return "object";
  if (raw.items !== undefined) return "array";
  const values = Array.isArray(raw.enum) ? raw.enum : "const" in raw ? [raw.const] : [];
  if (values.length > 0 && values.every((v) => typeof v === "string")) return "string";
  return "any";
}

function readUnion(
  raw: Json,
  combinator: "oneOf" | "anyOf",
  pointer: string,
  document: unknown,
  depth: number,
): Schema {
  const at = child(pointer, combinator);
  const all = (raw[combinator] as unknown[]).map((v, i) =>
    normaliseSchema(v, child(at, i), document, depth + 1),
  );
  const isNull = (s: Schema) => s.kind === "null";
  const variants = all.filter((s) => !isNull(s));
  const nullable = raw.nullable === true || all.some((s) => isNull(s) || s.nullable);
  // anyOf [X, {type: "null"}] is X made nullable: the 3.1 spelling of 3.0's `nullable: true`.
  if (variants.length === 1) return { ...variants[0]!, nullable };
  if (variants.length === 0) return { kind: "null", nullable: true };
  return { kind: "union", variants: variants.map((v) => ({ ...v, nullable: false })), combinator, nullable };
}

function readTyped(kind: SchemaKind, raw: Json, pointer: string, document: unknown, depth: number): Schema {
  const schema: Schema = { kind, nullable: false };
  if (kind === "array") {
    schema.items =
      raw.items === undefined
        ? { kind: "any", nullable: false }
        : normaliseSchema(raw.items, child(pointer, "items"), document, depth + 1);
  }
  if (kind === "object") {
    const required = new Set(Array.isArray(raw.required) ? raw.required.map(String) : []);
    if (required.size > 0) schema.requiredOrder = [...required];
    const props = isObject(raw.properties) ? raw.properties : {};
    schema.properties = Object.entries(props).map(([name, value]): Property => ({
      name,
      required: required.has(name),
      schema: normaliseSchema(value, child(child(pointer, "properties"), name), document, depth + 1),
    }));
    const extra = raw.additionalProperties;
    if (typeof extra === "boolean") schema.additionalProperties = extra;
    else if (extra !== undefined) {
      schema.additionalProperties = normaliseSchema(
        extra,
        child(pointer, "additionalProperties"),
        document,
        depth + 1,
      );
    }
  }
  return schema;
}

/** Values, bounds and documentation, with 3.1's numeric exclusive bounds read as 3.0's flags. */
function readAnnotations(raw: Json, pointer: string): Partial<Schema> {
  const out: Partial<Schema> = {};
  if (Array.isArray(raw.enum)) out.enum = raw.enum;
  else if ("const" in raw) out.enum = [raw.const];
  if (out.enum !== undefined && out.enum.filter((v) => v !== null).length === 0) {
    throw new ModelError(child(pointer, "enum"), "is empty; an enum needs at least one value.");
  }
  if (typeof raw.format === "string") out.format = raw.format;
  if ("default" in raw) out.default = raw.default;
  for (const key of NUMBER_KEYS) if (typeof raw[key] === "number") out[key] = raw[key];
  if (typeof raw.minimum === "number") out.minimum = raw.minimum;
  if (typeof raw.maximum === "number") out.maximum = raw.maximum;
  if (typeof raw.exclusiveMinimum === "number")
    Object.assign(out, { minimum: raw.exclusiveMinimum, exclusiveMinimum: true });
  else if (raw.exclusiveMinimum === true) out.exclusiveMinimum = true;
  if (typeof raw.exclusiveMaximum === "number")
    Object.assign(out, { maximum: raw.exclusiveMaximum, exclusiveMaximum: true });
  else if (raw.exclusiveMaximum === true) out.exclusiveMaximum = true;
  if (typeof raw.pattern === "string") out.pattern = raw.pattern;
  if (raw.uniqueItems === true) out.uniqueItems = true;
  if (typeof raw.title === "string") out.title = raw.title;
  if (typeof raw.description === "string") out.description = raw.description;
  if ("example" in raw) out.example = raw.example;
  else if (Array.isArray(raw.examples) && raw.examples.length > 0) out.example = raw.examples[0];
  if (raw.deprecated === true) out.deprecated = true;
  if (raw.readOnly === true) out.readOnly = true;
  if (raw.writeOnly === true) out.writeOnly = true;
  return out;
}
