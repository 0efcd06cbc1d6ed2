import type { ApiModel, Schema } from "../model/types.ts";

/** A JSON Schema 2020-12 node, as printed (plain JSON). */
export type JsonSchema = { [keyword: string]: unknown } | boolean;

/**
 * Which way a value travels, which decides how strictly it is read:
 * - `request` (what a caller sends): unknown properties are refused (`unevaluatedProperties: false` at the
 *   use site of an object that says nothing about extra properties), enums are checked, `readOnly`
 *   properties are not required;
 * - `response` (what a server sends): lenient, so an API that grows does not break a deployed client:
 *   unknown properties pass (even where the spec says `additionalProperties: false`), enum values outside
 *   the list pass (a one-value enum, a `const`, is kept: it discriminates), `oneOf` reads as `anyOf`
 *   (overlapping branches must not fail a valid body), `writeOnly` properties are not required. Types,
 *   `required`, formats, nullability and bounds are checked in both.
 */
export type Direction = "request" | "response";

/** The model's schema (every JSON Schema 2020-12 / OpenAPI construct it reads). */
export type ModelSchema = Schema;

/** How {@link printJsonSchema} writes a schema. */
export interface PrintOptions {
  direction: Direction;
  /** The `$ref` for component `name` (with the direction's components document). */
  ref: (name: string) => string;
  /** The `$ref` for the plain copy of a discriminator base (no dispatch), for its children's `allOf`. */
  baseRef?: (name: string) => string;
  /** Component schemas by name: to see through a `$ref` when deciding whether a use site is closed. */
  components: ReadonlyMap<string, Schema>;
  /**
   * The format a string with `format` is checked as (`uri` of a curated link-session URL field ->
   * `http-url`); `undefined` keeps it. `component` is the component being printed (`null` inline).
   */
  format?: (format: string, component: string | null) => string | undefined;
  /** Keep `title`, `description`, `default`, `examples`, `deprecated`, `readOnly`, `writeOnly` (default: dropped). */
  annotations?: boolean;
  /** Print `format: binary` strings as anything (a multipart body's file parts are Blobs, not strings). */
  binaryAsAny?: boolean;
  /**
   * Stamp the annotations error messages are made from: `x-expected` (what a value must be, in words,
   * where the node cannot say it itself: a reference, a union, a component) and `x-known` (the property
   * names of a closed use site, for "did you mean"). Request-direction required strings without an
   * enum, format or pattern also get `pattern: "\\S"` (not blank: the server reads "" as missing).
   */
  messages?: boolean;
}

/** What a format's values look like, in words, for messages. */
const FORMAT_WORDS: Readonly<Record<string, string>> = {
  "http-url": 'an absolute http(s) URL, e.g. "https://app.example/cb"',
  uri: 'a URI (RFC 3986), e.g. "https://example.com/a"',
  "uri-reference": "a URI reference (RFC 3986)",
  "uri-template": "a URI template (RFC 6570)",
  url: "a URL",
  "date-time": 'an RFC 3339 date-time, e.g. "2024-01-31T12:00:00Z"',
  date: 'a date, e.g. "2024-01-31"',
  time: 'a time, e.g. "12:00:00Z"',
  duration: 'an ISO 8601 duration, e.g. "P1D"',
  email: "an email address",
  hostname: "a host name",
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  uuid: "a UUID",
  byte: "base64 text",
  regex: "a regular expression",
};
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  null: "null",
  any: "a value",
  never: "nothing (the spec allows no value here)",
};

/** `AssetType` -> `asset types`: what a message calls a long enum's values. */
const plural = (name: string): string => `${name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase()}s`;
const quoted = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(", ");
/** `a`, `a and b`, `a, b and c`. */
const listed = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;

type Json = { [keyword: string]: unknown };

/** RFC 6901 escaping of one pointer segment, then percent-encoding for a URI fragment. */
export const pointerSegment = (name: string): string =>
  encodeURIComponent(name.replaceAll("~", "~0").replaceAll("/", "~1"));

/** True when the use site of `s` should refuse unknown properties (request direction only). */
function isSilentObject(
  s: Schema,
  components: ReadonlyMap<string, Schema>,
  seen = new Set<string>(),
): boolean {
  const x = s as ModelSchema;
  if (s.kind === "ref") {
    if (seen.has(s.ref!)) return false;
    const target = components.get(s.ref!);
    return target !== undefined && isSilentObject(target, components, new Set([...seen, s.ref!]));
  }
  if (x.unevaluatedProperties !== undefined) return false;
  // An object that names no properties is free-form (`{ type: "object" }`): closing it would refuse everything.
  if (s.kind === "object" || (s.kind === "any" && s.properties !== undefined))
    return (
      (s.properties ?? []).length > 0 &&
      s.additionalProperties === undefined &&
      x.patternProperties === undefined
    );
  if (s.kind === "intersection" || (s.kind === "union" && s.combinator !== undefined)) {
    const variants = s.variants ?? [];
    // Every part must be an object that says nothing about extra properties; one that allows them
    // (additionalProperties true or a map) lets them through the whole.
    return variants.length > 0 && variants.every((v) => isSilentObject(v, components, seen));
  }
  return false;
}

const ANNOTATION_KEYS = ["title", "description", "default", "deprecated", "readOnly", "writeOnly"] as const;

/**
 * Prints model schemas as JSON Schema 2020-12 for one direction. One printer per document: it remembers
 * the component it is inside (for curated formats).
 */
export class JsonSchemaPrinter {
  readonly #o: PrintOptions;
  #component: string | null = null;

  constructor(options: PrintOptions) {
    this.#o = options;
  }

  /** A component's definition (its own root is not a use site: members of an `allOf` must not refuse each other's properties). */
  component(name: string, s: Schema): JsonSchema {
    const outer = this.#component;
    this.#component = name;
    try {
      return this.#node(s, false);
    } finally {
      this.#component = outer;
    }
  }

  /**
   * The plain copy of a discriminator base: the base without its dispatch, what its children's
   * `allOf` reference so that validating a child cannot dispatch back to the child forever.
   */
  base(name: string, s: Schema): JsonSchema {
    const { discriminator: _dropped, ...plain } = s as ModelSchema;
    return this.component(name, plain);
  }

  /** A schema at a use site (a body, a parameter, a property value, array items, map values). */
  useSite(s: Schema): JsonSchema {
    return this.#node(s, true);
  }

  /** What a value of `s` must be, in words (`one of "hp", "pv"`, `an integer, or null`), for this direction. */
  words(s: Schema, name?: string, depth = 0): string {
    const o = this.#o;
    const or = (w: string) => (s.nullable && s.kind !== "null" ? `${w}, or null` : w);
    if (depth > 4) return or("a value");
    if (s.kind === "ref")
      return or(this.words({ ...o.components.get(s.ref!)!, nullable: false }, s.ref, depth + 1));
    const keepsEnum = s.enum !== undefined && (o.direction === "request" || s.enum.length === 1);
    if (keepsEnum) {
      const values = s.enum!;
      return or(
        values.length > 8 && name !== undefined
          ? `one of the spec's ${plural(name)}`
          : values.length === 1
            ? JSON.stringify(values[0])
            : `one of ${quoted(values)}`,
      );
    }
    if (s.kind === "union" || s.kind === "intersection") {
      const parts = [...new Set((s.variants ?? []).map((v) => this.words(v, undefined, depth + 1)))];
      return or(s.kind === "union" ? parts.join(" or ") : (parts.find((p) => p !== "a value") ?? "a value"));
    }
    if (s.kind === "string" && s.format !== undefined) {
      const format = o.format?.(s.format, name ?? this.#component) ?? s.format;
      if (FORMAT_WORDS[format] !== undefined) return or(FORMAT_WORDS[format]);
    }
    if (s.kind === "object") {
      const required = (s.requiredOrder ?? []).filter(
        (n) =>
          !(s.properties ?? []).find((p) => p.name === n)?.schema[
            o.direction === "request" ? "readOnly" : "writeOnly"
          ],
      );
      if (required.length > 0) return or(`an object with ${listed(required)}`);
    }
    return or(TYPE_WORDS[s.kind] ?? "a value");
  }

  /** The property names an object (through references, unions, intersections, discriminator mappings) knows. */
  known(s: Schema, seen = new Set<string>()): string[] {
    const x = s as ModelSchema;
    if (s.kind === "ref") {
      if (seen.has(s.ref!)) return [];
      const target = this.#o.components.get(s.ref!);
      return target === undefined ? [] : this.known(target, new Set([...seen, s.ref!]));
    }
    const own = (s.properties ?? []).map((p) => p.name);
    const mapped = Object.values(x.discriminator?.mapping ?? {}).flatMap((n) =>
      this.known({ kind: "ref", ref: n, nullable: false }, seen),
    );
    const parts = (s.variants ?? []).flatMap((v) => this.known(v, seen));
    return [...new Set([...own, ...(s.requiredOrder ?? []), ...parts, ...mapped])];
  }

  /** The component's name when `s` is the root of the component being printed (for its enum's label). */
  #atComponentRoot(s: Schema): string | undefined {
    const name = this.#component;
    return name !== null && this.#o.components.get(name) === s ? name : undefined;
  }

  #node(s: Schema, useSite: boolean): JsonSchema {
    const x = s as ModelSchema;
    const o = this.#o;
    let out = this.#shape(x);
    this.#discriminate(x, out);
    this.#extras(x, out);
    if (o.annotations) {
      for (const key of ANNOTATION_KEYS) if (s[key] !== undefined) out[key] = s[key];
      if (s.example !== undefined) out.examples = [s.example];
    }
    if (s.nullable && s.kind !== "null" && s.kind !== "any") out = nullable(out);
    // Beside a nullable one's anyOf too: unevaluatedProperties sees what the passing branch evaluated.
    const closed = useSite && o.direction === "request" && isSilentObject(s, o.components);
    if (closed) out = { ...out, unevaluatedProperties: false };
    if (o.messages) {
      // Where the node cannot say what it expects itself (a reference, a union), or a component's root.
      // Unless its type says it all ("a string", "an integer, or null"): messages read the type then.
      const words = this.words(s, this.#atComponentRoot(s));
      const plain = TYPE_WORDS[s.kind];
      if (words !== plain && words !== `${plain}, or null`) out["x-expected"] = words;
      if (closed) out["x-known"] = this.known(s);
    }
    return out;
  }

  /** The node's type and its type's keywords. */
  #shape(s: ModelSchema): Json {
    const o = this.#o;
    switch (s.kind) {
      case "ref":
        return { $ref: o.ref(s.ref!) };
      case "any": {
        // Object or array keywords without a type apply to objects (arrays) only, as JSON Schema says.
        const out = this.#enumOf(s, {});
        this.#array(s, out);
        this.#object(s, out);
        return out;
      }
      case "never":
        return { not: {} };
      case "null":
        return { type: "null" };
      case "union": {
        const members = (s.variants ?? []).map((v) => this.#node(v, false));
        const oneOf = s.combinator === "oneOf" && o.direction === "request";
        return this.#enumOf(s, { [oneOf ? "oneOf" : "anyOf"]: members });
      }
      case "intersection":
        return { allOf: (s.variants ?? []).map((v) => this.#member(v)) };
      default:
        break;
    }
    if (s.kind === "string" && s.format === "binary" && o.binaryAsAny) return {};
    const out: Json = { type: s.kind };
    this.#enumOf(s, out);
    if (s.kind === "string") {
      const format = s.format === undefined ? undefined : (o.format?.(s.format, this.#component) ?? s.format);
      if (format !== undefined) out.format = format;
      for (const key of ["minLength", "maxLength", "pattern"] as const)
        if (s[key] !== undefined) out[key] = s[key];
    } else if (s.kind === "integer" || s.kind === "number") {
      if (s.format !== undefined) out.format = s.format;
      numericBounds(s, out);
    } else if (s.kind === "array") {
      this.#array(s, out);
    } else if (s.kind === "object") {
      this.#object(s, out);
    }
    return out;
  }

  /** An `allOf` member: a reference to a discriminator base goes to its plain copy. */
  #member(v: Schema): JsonSchema {
    const o = this.#o;
    if (v.kind === "ref" && o.baseRef !== undefined) {
      const target = o.components.get(v.ref!) as ModelSchema | undefined;
      if (target?.discriminator !== undefined && target.kind !== "union") {
        const ref: Json = { $ref: o.baseRef(v.ref!) };
        return v.nullable ? nullable(ref) : ref;
      }
    }
    return this.#node(v, false);
  }

  #enumOf(s: Schema, out: Json): Json {
    if (s.enum === undefined) return out;
    // Responses let new values through; a one-value enum (a const) stays: it tells variants apart.
    if (this.#o.direction === "response" && s.enum.length > 1) return out;
    if (s.enum.length === 1) out.const = s.enum[0];
    else out.enum = [...s.enum];
    return out;
  }

  #array(s: ModelSchema, out: Json): void {
    if (s.prefixItems !== undefined) out.prefixItems = s.prefixItems.map((v) => this.useSite(v));
    if (s.items?.kind === "never") out.items = false;
    else if (s.items !== undefined && s.items.kind !== "any") out.items = this.useSite(s.items);
    for (const key of ["minItems", "maxItems", "minContains", "maxContains"] as const)
      if (s[key] !== undefined) out[key] = s[key];
    if (s.uniqueItems) out.uniqueItems = true;
    if (s.contains !== undefined) out.contains = this.#node(s.contains, false);
    if (s.unevaluatedItems !== undefined)
      out.unevaluatedItems =
        typeof s.unevaluatedItems === "boolean" ? s.unevaluatedItems : this.useSite(s.unevaluatedItems);
  }

  #object(s: ModelSchema, out: Json): void {
    const { direction } = this.#o;
    const props = s.properties ?? [];
    if (props.length > 0)
      out.properties = Object.fromEntries(props.map((p) => [p.name, this.property(p.schema, p.required)]));
    // A readOnly property is the server's to set (not required in a request); writeOnly the caller's.
    const skip = new Set(
      props
        .filter((p) => (direction === "request" ? p.schema.readOnly : p.schema.writeOnly))
        .map((p) => p.name),
    );
    const order = s.requiredOrder ?? props.filter((p) => p.required).map((p) => p.name);
    const required = [...new Set([...order, ...props.filter((p) => p.required).map((p) => p.name)])].filter(
      (n) => !skip.has(n),
    );
    if (required.length > 0) out.required = required;
    const extra = s.additionalProperties;
    if (extra === false && direction === "request") out.additionalProperties = false;
    else if (typeof extra === "object" && extra.kind !== "any")
      out.additionalProperties = this.useSite(extra);
    if (s.patternProperties !== undefined)
      out.patternProperties = Object.fromEntries(
        s.patternProperties.map(({ pattern, schema }) => [pattern, this.useSite(schema)]),
      );
    if (s.propertyNames !== undefined) out.propertyNames = this.#node(s.propertyNames, false);
    for (const key of ["minProperties", "maxProperties"] as const)
      if (s[key] !== undefined) out[key] = s[key];
    if (s.dependentRequired !== undefined) out.dependentRequired = s.dependentRequired;
    if (s.dependentSchemas !== undefined)
      out.dependentSchemas = Object.fromEntries(
        Object.entries(s.dependentSchemas).map(([k, v]) => [k, this.#node(v, false)]),
      );
    if (
      s.unevaluatedProperties !== undefined &&
      !(direction === "response" && s.unevaluatedProperties === false)
    )
      out.unevaluatedProperties =
        typeof s.unevaluatedProperties === "boolean"
          ? s.unevaluatedProperties
          : this.useSite(s.unevaluatedProperties);
  }

  /**
   * A property's value. In a request a required plain string (no enum, format or pattern) must not be
   * blank: the server reads `""` as missing (`pattern: "\\S"`, which messages call a non-empty string).
   */
  property(s: Schema, required: boolean): JsonSchema {
    const out = this.useSite(s);
    const plain =
      s.kind === "string" && s.enum === undefined && s.format === undefined && s.pattern === undefined;
    if (this.#o.messages && this.#o.direction === "request" && required && plain && typeof out === "object")
      return {
        ...out,
        pattern: "\\S",
        "x-expected": s.nullable ? "a non-empty string, or null" : "a non-empty string",
      };
    return out;
  }

  /** Keywords that apply to any type (`not`, `if`/`then`/`else`). */
  #extras(s: ModelSchema, out: Json): void {
    if (s.not !== undefined) out.not = this.#node(s.not, false);
    const c = s.conditional;
    if (c !== undefined) {
      out.if = this.#node(c.if, false);
      if (c.then !== undefined) out.then = this.#node(c.then, false);
      if (c.else !== undefined) out.else = this.#node(c.else, false);
    }
  }

  /**
   * OpenAPI's discriminator, translated (Ajv's own `discriminator` keyword refuses the usual OpenAPI
   * styles): the tag is required, in requests one of the mapping's values, and each mapping entry is
   * `if: { tag: const } then: { $ref }`. On a `oneOf`/`anyOf` of references the dispatch replaces the
   * union (so overlapping branches do not fail a tagged body); on an object base (the allOf-inheritance
   * style) it is added to the base, whose children reference its plain copy.
   */
  #discriminate(s: ModelSchema, out: Json): void {
    const d = s.discriminator;
    if (d === undefined) return;
    const mapping = this.#mappingOf(s);
    if (mapping.length === 0) return;
    const tag = d.propertyName;
    const dispatch = mapping.map(([value, name]) => ({
      if: { properties: { [tag]: { const: value } }, required: [tag] },
      then: { $ref: this.#o.ref(name) },
    }));
    if (s.kind === "union") {
      delete out.oneOf;
      delete out.anyOf;
      out.type = "object";
    }
    out.required = [...new Set([...((out.required as string[] | undefined) ?? []), tag])];
    if (this.#o.direction === "request") {
      const tagSchema = { enum: mapping.map(([value]) => value) };
      out.properties = { ...((out.properties as Json | undefined) ?? {}), [tag]: tagSchema };
      if (s.kind !== "union" && s.properties?.some((p) => p.name === tag)) {
        // The base's own tag schema (a string) still applies beside the list of tags.
        const own = this.useSite(s.properties.find((p) => p.name === tag)!.schema);
        (out.properties as Json)[tag] = { allOf: [own, tagSchema] };
      }
    }
    out.allOf = [...((out.allOf as unknown[] | undefined) ?? []), ...dispatch];
  }

  /** The discriminator's `[tag value, component]` pairs: the explicit mapping, then implicit ones. */
  #mappingOf(s: ModelSchema): [string, string][] {
    const d = s.discriminator!;
    const pairs: [string, string][] = Object.entries(d.mapping ?? {});
    const mapped = new Set(pairs.map(([, name]) => name));
    const implicit =
      s.kind === "union"
        ? (s.variants ?? []).flatMap((v) => (v.kind === "ref" ? [v.ref!] : []))
        : this.#childrenOf(s);
    for (const name of implicit) if (!mapped.has(name)) pairs.push([name, name]);
    // A union with inline members cannot dispatch them by name: leave it a plain union.
    if (s.kind === "union" && (s.variants ?? []).some((v) => v.kind !== "ref")) return [];
    return pairs;
  }

  /** Components whose `allOf` references the base being printed (the implicit mapping of the inheritance style). */
  #childrenOf(base: Schema): string[] {
    const name = [...this.#o.components].find(([, s]) => s === base)?.[0] ?? this.#component;
    if (name === null || name === undefined) return [];
    return [...this.#o.components]
      .filter(
        ([, s]) => s.kind === "intersection" && s.variants?.some((v) => v.kind === "ref" && v.ref === name),
      )
      .map(([child]) => child);
  }
}

/** `x` or null: a type list when `x` has one type, else `anyOf [x, null]`. */
function nullable(x: Json): Json {
  if (
    typeof x.type === "string" &&
    x.$ref === undefined &&
    x.allOf === undefined &&
    x.not === undefined &&
    x.if === undefined
  ) {
    const out: Json = { ...x, type: [x.type, "null"] };
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    if ("const" in out) {
      out.enum = [out.const, null];
      delete out.const;
    }
    return out;
  }
  return { anyOf: [x, { type: "null" }] };
}

/** Bounds in 2020-12 form: 3.0's boolean exclusive flags become numeric exclusive bounds. */
function numericBounds(s: Schema, out: Json): void {
  if (s.minimum !== undefined) out[s.exclusiveMinimum ? "exclusiveMinimum" : "minimum"] = s.minimum;
  if (s.maximum !== undefined) out[s.exclusiveMaximum ? "exclusiveMaximum" : "maximum"] = s.maximum;
  if (s.multipleOf !== undefined) out.multipleOf = s.multipleOf;
}

/** The components a discriminator base's children reference through their `allOf` (they need a plain copy). */
export function discriminatorBases(schemas: ReadonlyMap<string, Schema>): string[] {
  return [...schemas]
    .filter(([, s]) => (s as ModelSchema).discriminator !== undefined && s.kind !== "union")
    .map(([name]) => name);
}

/** Every component a set of schemas references, transitively. */
export function referencedComponents(
  roots: readonly Schema[],
  schemas: ReadonlyMap<string, Schema>,
): Set<string> {
  const seen = new Set<string>();
  const visit = (s: Schema | boolean | undefined): void => {
    if (s === undefined || typeof s === "boolean") return;
    if (s.kind === "ref") {
      if (seen.has(s.ref!)) return;
      seen.add(s.ref!);
      visit(schemas.get(s.ref!));
      return;
    }
    const x = s as ModelSchema;
    for (const child of [
      s.items,
      s.additionalProperties,
      x.not,
      x.conditional?.if,
      x.conditional?.then,
      x.conditional?.else,
      x.propertyNames,
      x.contains,
      x.unevaluatedProperties,
      x.unevaluatedItems,
      ...(s.variants ?? []),
      ...(s.properties ?? []).map((p) => p.schema),
      ...(x.prefixItems ?? []),
      ...(x.patternProperties ?? []).map((p) => p.schema),
      ...Object.values(x.dependentSchemas ?? {}),
    ])
      visit(child as Schema | boolean | undefined);
    for (const name of Object.values(x.discriminator?.mapping ?? {}))
      visit({ kind: "ref", ref: name, nullable: false });
  };
  roots.forEach(visit);
  return seen;
}

/** Options for {@link printComponents}. */
export interface ComponentsOptions extends Omit<
  PrintOptions,
  "ref" | "baseRef" | "components" | "direction"
> {
  /** The base of the components' `$id`s: component `X` is `<id>/X`. */
  id: string;
  /** The base of the plain copies of discriminator bases (default `<id>-base`). */
  baseId?: string;
}

/**
 * The model's component schemas for `direction`, each its own JSON Schema document (`$id` `<id>/<name>`,
 * so a validator compiler compiles each once, however many roots reference it), and the plain copies of
 * discriminator bases (see {@link JsonSchemaPrinter.base}).
 */
export function printComponents(
  model: Pick<ApiModel, "schemas">,
  direction: Direction,
  options: ComponentsOptions,
): { documents: Json[]; printer: JsonSchemaPrinter } {
  const baseId = options.baseId ?? `${options.id}-base`;
  const printer = new JsonSchemaPrinter({
    ...options,
    direction,
    components: model.schemas,
    ref: (name) => `${options.id}/${pointerSegment(name)}`,
    baseRef: (name) => `${baseId}/${pointerSegment(name)}`,
  });
  const asObject = (s: JsonSchema): Json => (typeof s === "boolean" ? (s ? {} : { not: {} }) : s);
  const documents = [...model.schemas].map(([name, s]) => ({
    $id: `${options.id}/${pointerSegment(name)}`,
    ...asObject(printer.component(name, s)),
  }));
  for (const name of discriminatorBases(model.schemas))
    documents.push({
      $id: `${baseId}/${pointerSegment(name)}`,
      ...asObject(printer.base(name, model.schemas.get(name)!)),
    });
  return { documents, printer };
}
