import { child, problem, warn, type Diagnostics } from "./errors.ts";
import type { Conditional, Discriminator, Property, Schema, SchemaKind } from "./types.ts";

type Json = Record<string, unknown>;

/** What reading a schema needs: the document its `$ref`s point into, its version, and where problems go. */
export interface ReadContext {
  document: unknown;
  /** `3.0` (siblings of `$ref` are ignored, `nullable` is a keyword) or `3.1` (JSON Schema 2020-12). */
  version: "3.0" | "3.1";
  diagnostics: Diagnostics;
}

const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)$/;
const PRIMITIVES = new Set(["string", "integer", "number", "boolean", "null", "array", "object"]);
// The constraints whose value is a number (pattern and uniqueItems are not).
const NUMBER_KEYS = [
  "multipleOf",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "minContains",
  "maxContains",
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
  "minContains",
  "maxContains",
] as const;

/**
 * The formats the validators know (JSON Schema 2020-12's, ajv-formats', OpenAPI's); any other is kept on
 * the schema with an `unknown-format` warning and not checked.
 */
export const KNOWN_FORMATS: ReadonlySet<string> = new Set([
  "date-time",
  "date",
  "time",
  "duration",
  "email",
  "idn-email",
  "hostname",
  "idn-hostname",
  "ipv4",
  "ipv6",
  "uri",
  "uri-reference",
  "iri",
  "iri-reference",
  "uri-template",
  "uuid",
  "json-pointer",
  "relative-json-pointer",
  "regex",
  "int32",
  "int64",
  "float",
  "double",
  "byte",
  "binary",
  "password",
]);

const OBJECT_KEYS = [
  "properties",
  "additionalProperties",
  "required",
  "patternProperties",
  "propertyNames",
  "unevaluatedProperties",
  "minProperties",
  "maxProperties",
  "dependentRequired",
  "dependentSchemas",
];
const ARRAY_KEYS = [
  "items",
  "prefixItems",
  "contains",
  "minItems",
  "maxItems",
  "uniqueItems",
  "unevaluatedItems",
];

/** Resolves a local `$ref` pointer in `document`; `undefined` (and a problem) when it points at nothing. */
export function resolveRef(context: ReadContext, ref: string, at: string): unknown {
  if (!ref.startsWith("#")) {
    problem(
      context.diagnostics,
      at,
      `$ref ${ref} points outside the document; vendor a self-contained spec.`,
    );
    return undefined;
  }
  let node: unknown = context.document;
  for (const part of ref.replace(/^#\/?/, "").split("/").filter(Boolean)) {
    const key = decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~");
    node = isObject(node) || Array.isArray(node) ? (node as Json)[key] : undefined;
  }
  if (node === undefined) problem(context.diagnostics, at, `$ref ${ref} points at nothing.`);
  return node;
}

/**
 * An example value that is only a `$ref` to `#/components/examples/*` (as GitHub writes them, though
 * OpenAPI reads example values literally) replaced by that example's `value`; any other value as is.
 */
export function resolveExampleRef(context: ReadContext, value: unknown, at: string): unknown {
  if (!isObject(value) || typeof value.$ref !== "string" || Object.keys(value).length !== 1) return value;
  if (!value.$ref.startsWith("#/components/examples/")) return value;
  const target = resolveRef(context, value.$ref, at);
  return isObject(target) ? target.value : undefined;
}

/** The component name a `$ref` names, or `null` when it points elsewhere. */
export function componentName(ref: string): string | null {
  const name = COMPONENT_REF.exec(ref)?.[1];
  return name === undefined ? null : decodeURIComponent(name).replaceAll("~1", "/").replaceAll("~0", "~");
}

/** True for a JSON object (not an array, not null). */
export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const ANY: Schema = { kind: "any", nullable: false };

/**
 * Reads a schema from the raw document into the model's normalised form. A construct it cannot read is a
 * problem in `context.diagnostics` (the node then reads as anything, so reading goes on and every problem
 * is reported at once).
 */
export function normaliseSchema(raw: unknown, pointer: string, context: ReadContext, depth = 0): Schema {
  if (raw === true) return { ...ANY };
  if (raw === false) return { kind: "never", nullable: false };
  if (!isObject(raw)) {
    problem(context.diagnostics, pointer, "is not a schema (an object or a boolean).");
    return { ...ANY };
  }
  if (Object.keys(raw).length === 0) return { ...ANY };
  if (depth > 64) {
    problem(context.diagnostics, pointer, "nests too deeply (a $ref cycle outside components?).");
    return { ...ANY };
  }
  if (typeof raw.$dynamicRef === "string") {
    warn(
      context.diagnostics,
      "dynamic-ref",
      child(pointer, "$dynamicRef"),
      "$dynamicRef is read as a schema that accepts anything.",
    );
  }
  if (
    context.version === "3.0" &&
    raw.nullable === true &&
    raw.type === undefined &&
    typeof raw.$ref !== "string"
  ) {
    warn(
      context.diagnostics,
      "nullable-without-type",
      child(pointer, "nullable"),
      "`nullable: true` without `type` (OpenAPI 3.0.3 gives it no effect) is read as nullable, as openapi-typescript does.",
    );
  }
  if (typeof raw.$ref === "string") return readRef(raw, pointer, context, depth);
  const node: Schema = {
    ...readShape(raw, pointer, context, depth),
    ...readApplicators(raw, pointer, context, depth),
    ...constrain(raw),
    ...describe(raw),
  };
  if (node.example !== undefined) {
    const example = resolveExampleRef(context, node.example, child(pointer, "example"));
    if (example === undefined) delete node.example;
    else node.example = example;
  }
  if (typeof node.format === "string" && !KNOWN_FORMATS.has(node.format)) {
    warn(
      context.diagnostics,
      "unknown-format",
      child(pointer, "format"),
      `format "${node.format}" is not one the validators know; it is kept and not checked.`,
    );
  }
  return node;
}

/** Keywords that give a schema its own shape beside its combinators (the rest apply at any level). */
const SHAPE_KEYS = ["type", "enum", "const", ...OBJECT_KEYS, ...ARRAY_KEYS].filter(
  (k) => k !== "unevaluatedProperties" && k !== "unevaluatedItems",
);

/** True when `raw` has a keyword that shapes it besides its combinators. */
const hasOwnShape = (raw: Json): boolean => SHAPE_KEYS.some((k) => raw[k] !== undefined);

function readShape(raw: Json, pointer: string, context: ReadContext, depth: number): Schema {
  const parts: Schema[] = [];
  if (Array.isArray(raw.allOf)) {
    raw.allOf.forEach((v, i) =>
      parts.push(normaliseSchema(v, child(child(pointer, "allOf"), i), context, depth + 1)),
    );
  } else if (raw.allOf !== undefined) problem(context.diagnostics, child(pointer, "allOf"), "is not a list.");
  for (const combinator of ["oneOf", "anyOf"] as const) {
    if (Array.isArray(raw[combinator])) parts.push(readUnion(raw, combinator, pointer, context, depth));
    else if (raw[combinator] !== undefined)
      problem(context.diagnostics, child(pointer, combinator), "is not a list.");
  }
  const nullable = raw.nullable === true;
  if (parts.length === 0) return readOwn(raw, pointer, context, depth);
  const own = hasOwnShape(raw) ? readOwn(raw, pointer, context, depth) : null;
  if (own === null && parts.length === 1) {
    const only = parts[0]!;
    return { ...only, nullable: only.nullable || nullable, ...unevaluatedOf(raw, pointer, context, depth) };
  }
  return {
    kind: "intersection",
    variants: own === null ? parts : [own, ...parts],
    nullable: nullable || (own?.nullable ?? false),
    ...(own !== null && { withOwnShape: true }),
    // Position matters for these two: they see what every member evaluated, so they stay outside.
    ...evaluated(own),
    ...(own === null && unevaluatedOf(raw, pointer, context, depth)),
  };
}

/** `unevaluatedProperties`/`unevaluatedItems` of a schema whose own shape is read elsewhere (or absent). */
function unevaluatedOf(raw: Json, pointer: string, context: ReadContext, depth: number): Partial<Schema> {
  const out: Partial<Schema> = {};
  for (const key of ["unevaluatedProperties", "unevaluatedItems"] as const) {
    if (raw[key] !== undefined) out[key] = boolOrSchema(raw[key], child(pointer, key), context, depth);
  }
  return out;
}

/** Moves `unevaluatedProperties`/`unevaluatedItems` from the own shape to the intersection around it. */
function evaluated(own: Schema | null): Partial<Schema> {
  if (own === null) return {};
  const out: Partial<Schema> = {};
  if (own.unevaluatedProperties !== undefined) {
    out.unevaluatedProperties = own.unevaluatedProperties;
    delete own.unevaluatedProperties;
  }
  if (own.unevaluatedItems !== undefined) {
    out.unevaluatedItems = own.unevaluatedItems;
    delete own.unevaluatedItems;
  }
  return out;
}

/**
 * A `$ref`, with its siblings: in 3.0 they are ignored (warned) but for `nullable` and descriptions; in 3.1
 * constraining siblings make an intersection of the siblings' shape and the reference (JSON Schema 2020-12).
 */
function readRef(raw: Json, pointer: string, context: ReadContext, depth: number): Schema {
  const ref = raw.$ref as string;
  const name = componentName(ref);
  let target: Schema;
  if (name !== null) {
    resolveRef(context, ref, pointer);
    target = { kind: "ref", ref: name, nullable: false };
  } else {
    const resolved = resolveRef(context, ref, pointer);
    target = resolved === undefined ? { ...ANY } : normaliseSchema(resolved, pointer, context, depth + 1);
  }
  const nullable = raw.nullable === true || target.nullable;
  const constraining = Object.keys(raw).filter((k) => !DESCRIBING.has(k) && !k.startsWith("x-"));
  if (constraining.length === 0) return { ...target, nullable, ...describe(raw) };
  if (context.version === "3.0") {
    warn(
      context.diagnostics,
      "ref-siblings",
      pointer,
      `keywords beside \`$ref\` are ignored, as OpenAPI 3.0 says (${constraining.join(", ")}).`,
    );
    return { ...target, nullable, ...describe(raw) };
  }
  const siblings = Object.fromEntries(Object.entries(raw).filter(([k]) => constraining.includes(k)));
  const rest = normaliseSchema(siblings, pointer, context, depth + 1);
  return {
    kind: "intersection",
    variants: [rest, target],
    withOwnShape: true,
    nullable: raw.nullable === true,
    ...describe(raw),
  };
}

/** The schema's own shape: `type` (or what its keywords imply) with the keywords of that type. */
function readOwn(raw: Json, pointer: string, context: ReadContext, depth: number): Schema {
  const types = readTypes(raw, pointer, context);
  const nullable = raw.nullable === true || types.includes("null");
  const kinds = types.filter((t) => t !== "null");
  let node: Schema;
  if (kinds.length > 1) {
    const variants = kinds.map((kind) => readTyped(kind as SchemaKind, raw, pointer, context, depth));
    node = { kind: "union", variants, nullable };
  } else {
    const kind = (kinds[0] ?? inferKind(raw, types)) as SchemaKind;
    node = { ...readTyped(kind, raw, pointer, context, depth), nullable };
  }
  // A null among the enum values is 3.1's way to say nullable; the model keeps one spelling.
  const values = readEnum(raw, pointer, context);
  if (values !== undefined) {
    node.enum = values.filter((v) => v !== null);
    if (values.includes(null)) node.nullable = true;
  }
  return node;
}

function readTypes(raw: Json, pointer: string, context: ReadContext): string[] {
  const list = Array.isArray(raw.type) ? raw.type : raw.type === undefined ? [] : [raw.type];
  const types: string[] = [];
  for (const type of list) {
    if (typeof type !== "string" || !PRIMITIVES.has(type)) {
      problem(
        context.diagnostics,
        child(pointer, "type"),
        `${JSON.stringify(type)} is not a JSON Schema type.`,
      );
    } else types.push(type);
  }
  return types;
}

/**
 * A schema without `type`: `properties` (or another map keyword) says object, `items` array, an enum its
 * values' type; else anything (its other keywords then still apply, as JSON Schema reads them).
 */
function inferKind(raw: Json, types: string[]): SchemaKind {
  if (types.includes("null")) return "null";
  if (["properties", "additionalProperties", "patternProperties"].some((k) => raw[k] !== undefined))
    return "object";
  if (raw.items !== undefined || raw.prefixItems !== undefined) return "array";
  const values = (Array.isArray(raw.enum) ? raw.enum : "const" in raw ? [raw.const] : []).filter(
    (v) => v !== null,
  );
  if (values.length > 0) {
    if (values.every((v) => typeof v === "string")) return "string";
    if (values.every((v) => typeof v === "boolean")) return "boolean";
    if (values.every((v) => Number.isInteger(v))) return "integer";
    if (values.every((v) => typeof v === "number")) return "number";
  }
  return "any";
}

function readUnion(
  raw: Json,
  combinator: "oneOf" | "anyOf",
  pointer: string,
  context: ReadContext,
  depth: number,
): Schema {
  const at = child(pointer, combinator);
  const all = (raw[combinator] as unknown[]).map((v, i) =>
    normaliseSchema(v, child(at, i), context, depth + 1),
  );
  const isNull = (s: Schema) => s.kind === "null";
  const variants = all.filter((s) => !isNull(s));
  const nullable = all.some((s) => isNull(s) || s.nullable);
  const discriminator = readDiscriminator(raw, pointer, context);
  // anyOf [X, {type: "null"}] is X made nullable: the 3.1 spelling of 3.0's `nullable: true`.
  if (variants.length === 1 && discriminator === undefined) return { ...variants[0]!, nullable };
  if (variants.length === 0) return { kind: "null", nullable: true };
  return {
    kind: "union",
    variants: variants.map((v) => ({ ...v, nullable: false })),
    combinator,
    nullable,
    ...(discriminator && { discriminator }),
  };
}

/** `discriminator` with its mapping read to component names (a non-component target is dropped, warned). */
function readDiscriminator(raw: Json, pointer: string, context: ReadContext): Discriminator | undefined {
  const d = raw.discriminator;
  if (d === undefined) return undefined;
  const at = child(pointer, "discriminator");
  if (!isObject(d) || typeof d.propertyName !== "string") {
    problem(context.diagnostics, at, "is not a discriminator with a `propertyName`.");
    return undefined;
  }
  const out: Discriminator = { propertyName: d.propertyName };
  if (isObject(d.mapping)) {
    const mapping: Record<string, string> = {};
    for (const [tag, target] of Object.entries(d.mapping)) {
      const name =
        typeof target !== "string" ? null : target.startsWith("#") ? componentName(target) : target;
      if (name === null) {
        warn(
          context.diagnostics,
          "discriminator-mapping",
          child(child(at, "mapping"), tag),
          "maps to something other than a component schema; the entry is ignored.",
        );
      } else {
        if ((target as string).startsWith("#"))
          resolveRef(context, target as string, child(child(at, "mapping"), tag));
        mapping[tag] = name;
      }
    }
    out.mapping = mapping;
  }
  return out;
}

const read = (raw: unknown, at: string, context: ReadContext, depth: number) =>
  normaliseSchema(raw, at, context, depth + 1);

/** A boolean or a schema (`additionalProperties`, `unevaluated*`). */
function boolOrSchema(raw: unknown, at: string, context: ReadContext, depth: number): boolean | Schema {
  return typeof raw === "boolean" ? raw : read(raw, at, context, depth);
}

function readTyped(
  kind: SchemaKind,
  raw: Json,
  pointer: string,
  context: ReadContext,
  depth: number,
): Schema {
  const schema: Schema = { kind, nullable: false };
  // Without a type, object and array keywords still apply (to values of that type), as JSON Schema says.
  const untyped = kind === "any";
  if (kind === "array" || (untyped && ARRAY_KEYS.some((k) => raw[k] !== undefined)))
    readArray(schema, raw, pointer, context, depth);
  if (kind === "object" || (untyped && OBJECT_KEYS.some((k) => raw[k] !== undefined)))
    readObject(schema, raw, pointer, context, depth);
  return schema;
}

function readArray(schema: Schema, raw: Json, pointer: string, context: ReadContext, depth: number): void {
  // 2020-12 tuples; a 3.0-era `items: [...]` list means the same.
  const tuple = Array.isArray(raw.prefixItems)
    ? raw.prefixItems
    : Array.isArray(raw.items)
      ? raw.items
      : null;
  if (tuple !== null) {
    const key = Array.isArray(raw.prefixItems) ? "prefixItems" : "items";
    schema.prefixItems = tuple.map((v, i) => read(v, child(child(pointer, key), i), context, depth));
  }
  const items = Array.isArray(raw.items) ? raw.additionalItems : raw.items;
  if (items !== undefined) schema.items = read(items, child(pointer, "items"), context, depth);
  else if (tuple === null && schema.kind === "array") schema.items = { ...ANY };
  if (raw.contains !== undefined)
    schema.contains = read(raw.contains, child(pointer, "contains"), context, depth);
  if (raw.unevaluatedItems !== undefined)
    schema.unevaluatedItems = boolOrSchema(
      raw.unevaluatedItems,
      child(pointer, "unevaluatedItems"),
      context,
      depth,
    );
}

function readObject(schema: Schema, raw: Json, pointer: string, context: ReadContext, depth: number): void {
  const required = new Set(Array.isArray(raw.required) ? raw.required.map(String) : []);
  if (required.size > 0) schema.requiredOrder = [...required];
  const props = isObject(raw.properties) ? raw.properties : {};
  schema.properties = Object.entries(props).map(([name, value]): Property => ({
    name,
    required: required.has(name),
    schema: read(value, child(child(pointer, "properties"), name), context, depth),
  }));
  if (raw.additionalProperties !== undefined) {
    schema.additionalProperties = boolOrSchema(
      raw.additionalProperties,
      child(pointer, "additionalProperties"),
      context,
      depth,
    );
  }
  if (isObject(raw.patternProperties)) {
    schema.patternProperties = Object.entries(raw.patternProperties).map(([pattern, value]) => ({
      pattern,
      schema: read(value, child(child(pointer, "patternProperties"), pattern), context, depth),
    }));
  }
  if (raw.propertyNames !== undefined)
    schema.propertyNames = read(raw.propertyNames, child(pointer, "propertyNames"), context, depth);
  if (raw.unevaluatedProperties !== undefined) {
    schema.unevaluatedProperties = boolOrSchema(
      raw.unevaluatedProperties,
      child(pointer, "unevaluatedProperties"),
      context,
      depth,
    );
  }
  if (isObject(raw.dependentRequired)) {
    schema.dependentRequired = Object.fromEntries(
      Object.entries(raw.dependentRequired).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : []]),
    );
  }
  if (isObject(raw.dependentSchemas)) {
    schema.dependentSchemas = Object.fromEntries(
      Object.entries(raw.dependentSchemas).map(([k, v]) => [
        k,
        read(v, child(child(pointer, "dependentSchemas"), k), context, depth),
      ]),
    );
  }
}

/** `not`, `if`/`then`/`else`, and a `discriminator` without a union beside it (an allOf base's). */
function readApplicators(raw: Json, pointer: string, context: ReadContext, depth: number): Partial<Schema> {
  const out: Partial<Schema> = {};
  if (raw.not !== undefined) out.not = read(raw.not, child(pointer, "not"), context, depth);
  if (raw.if !== undefined) {
    const conditional: Conditional = { if: read(raw.if, child(pointer, "if"), context, depth) };
    if (raw.then !== undefined) conditional.then = read(raw.then, child(pointer, "then"), context, depth);
    if (raw.else !== undefined) conditional.else = read(raw.else, child(pointer, "else"), context, depth);
    out.conditional = conditional;
  }
  if (!Array.isArray(raw.oneOf) && !Array.isArray(raw.anyOf)) {
    const discriminator = readDiscriminator(raw, pointer, context);
    if (discriminator) out.discriminator = discriminator;
  }
  return out;
}

function readEnum(raw: Json, pointer: string, context: ReadContext): unknown[] | undefined {
  const values = Array.isArray(raw.enum) ? raw.enum : "const" in raw ? [raw.const] : undefined;
  if (values !== undefined && values.length === 0) {
    problem(context.diagnostics, child(pointer, "enum"), "is empty; an enum needs at least one value.");
    return undefined;
  }
  return values;
}

/** Keywords that only describe a schema: kept beside a 3.0 `$ref`, and on the outside of an intersection. */
const DESCRIBING = new Set([
  "$ref",
  "$comment",
  "$schema",
  "$id",
  "$anchor",
  "$dynamicAnchor",
  "title",
  "description",
  "default",
  "example",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "nullable",
  "externalDocs",
  "xml",
  "discriminator",
]);

/** Format, bounds and other value constraints, with 3.1's numeric exclusive bounds read as 3.0's flags. */
function constrain(raw: Json): Partial<Schema> {
  const out: Partial<Schema> = {};
  if (typeof raw.format === "string") out.format = raw.format;
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
  if (typeof raw.contentMediaType === "string") out.contentMediaType = raw.contentMediaType;
  if (typeof raw.contentEncoding === "string") out.contentEncoding = raw.contentEncoding;
  return out;
}

/** Documentation and the default (3.1's `examples` list read as its first value, 3.0's `example`). */
function describe(raw: Json): Partial<Schema> {
  const out: Partial<Schema> = {};
  if ("default" in raw) out.default = raw.default;
  if (typeof raw.title === "string") out.title = raw.title;
  if (typeof raw.description === "string") out.description = raw.description;
  if ("example" in raw) out.example = raw.example;
  else if (Array.isArray(raw.examples) && raw.examples.length > 0) out.example = raw.examples[0];
  if (raw.deprecated === true) out.deprecated = true;
  if (raw.readOnly === true) out.readOnly = true;
  if (raw.writeOnly === true) out.writeOnly = true;
  return out;
}
