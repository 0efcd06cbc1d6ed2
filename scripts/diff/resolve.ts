import { createHash } from "node:crypto";
import type { Schema } from "../model/types.ts";
import { mergeMembers } from "./merge.ts";

type Json = Record<string, unknown>;

/** What a resolved schema keeps besides its shape: examples (the fake embeds them), docs (the types print them). */
export interface ResolveOptions {
  examples?: boolean;
  docs?: boolean;
  /**
   * Which way the values travel, as the validators read them: in a request a readOnly property is
   * not required, in a response a writeOnly one is not (and neither keyword matters otherwise).
   * Without it, both keywords are kept as written.
   */
  direction?: "request" | "response";
}

/** `allOf` merged into one schema by json-schema-merge-allof; members it cannot merge stay an `allOf`. */
function merged(members: Json[]): Json {
  return mergeMembers({ allOf: members }) ?? { allOf: [...members].sort(byDigest) };
}

const byDigest = (a: unknown, b: unknown): number => (digest(a) < digest(b) ? -1 : 1);

const digests = new WeakMap<object, string>();

/**
 * A short stable hash of a JSON value: object keys sorted, arrays in order. Memoised per object, so a
 * subtree shared by many resolved schemas is hashed once.
 */
export function digest(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "undefined";
  const known = digests.get(value);
  if (known !== undefined) return known;
  const text = Array.isArray(value)
    ? `[${value.map(digest).join(",")}]`
    : `{${Object.keys(value)
        .sort()
        .filter((k) => (value as Json)[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${digest((value as Json)[k])}`)
        .join(",")}}`;
  const hash = text.length <= 64 ? text : createHash("sha1").update(text).digest("base64url");
  digests.set(value, hash);
  return hash;
}

/**
 * Resolves model schemas into one name-free JSON Schema form, the way a run-time check sees them:
 * every `$ref` inlined (a cycle becomes `{ $cycle: n }`, n levels up), `allOf` merged, unions' members
 * in a canonical order, nullability as a `"null"` type, and no documentation unless asked for. Two
 * schemas with the same resolved form accept the same values, whatever their components are called.
 */
export class SchemaResolver {
  readonly #schemas: ReadonlyMap<string, Schema>;
  readonly #options: ResolveOptions;
  readonly #cache = new Map<string, Json>();
  readonly #stack: string[] = [];
  // The shallowest stack entry a cycle inside the component being resolved pointed back to.
  #low = Number.POSITIVE_INFINITY;

  constructor(schemas: ReadonlyMap<string, Schema>, options: ResolveOptions = {}) {
    this.#schemas = schemas;
    this.#options = options;
  }

  /** The resolved form of component `name` (`{ $missing: name }` when the model has none). */
  component(name: string): Json {
    const at = this.#stack.indexOf(name);
    if (at >= 0) {
      this.#low = Math.min(this.#low, at);
      return { $cycle: this.#stack.length - at };
    }
    const cached = this.#cache.get(name);
    if (cached !== undefined) return cached;
    const target = this.#schemas.get(name);
    if (target === undefined) return { $missing: name };
    const depth = this.#stack.length;
    const outer = this.#low;
    this.#low = Number.POSITIVE_INFINITY;
    this.#stack.push(name);
    const out = this.resolve(target);
    this.#stack.pop();
    // Cached only when no cycle inside it leads above it: then its form does not depend on the path to it.
    if (this.#low >= depth) this.#cache.set(name, out);
    this.#low = Math.min(outer, this.#low);
    return out;
  }

  /** The resolved form of `schema`. */
  resolve(schema: Schema): Json {
    const shape = this.#shape(schema);
    const out: Json = { ...shape, ...this.#annotations(schema) };
    return schema.nullable && schema.kind !== "any" ? orNull(out) : out;
  }

  #shape(s: Schema): Json {
    switch (s.kind) {
      case "ref":
        return this.component(s.ref!);
      case "any":
        return this.#object(s, {});
      case "never":
        return { not: {} };
      case "union": {
        const members = s.variants!.map((v) => this.resolve(v)).sort(byDigest);
        return { [s.combinator ?? "anyOf"]: members };
      }
      case "intersection":
        return merged(s.variants!.map((v) => this.resolve(v)));
      case "object":
        return this.#object(s, { type: ["object"] });
      case "array":
        return { type: ["array"], items: this.resolve(s.items ?? { kind: "any", nullable: false }) };
      default:
        return { type: [s.kind] };
    }
  }

  /** Object keywords, which may also sit on a node without `type` (they then apply to objects only). */
  #object(s: Schema, out: Json): Json {
    if (s.properties === undefined && s.requiredOrder === undefined && s.additionalProperties === undefined)
      return out;
    const props = [...(s.properties ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1));
    out.properties = Object.fromEntries(props.map((p) => [p.name, this.resolve(p.schema)]));
    const exempt = new Set(props.filter((p) => this.#exempt(p.schema)).map((p) => p.name));
    const required = [
      ...new Set([...(s.requiredOrder ?? []), ...props.filter((p) => p.required).map((p) => p.name)]),
    ]
      .filter((n) => !exempt.has(n))
      .sort();
    if (required.length > 0) out.required = required;
    const extra = s.additionalProperties;
    if (typeof extra === "boolean") out.additionalProperties = extra;
    else if (extra !== undefined) out.additionalProperties = this.resolve(extra);
    return out;
  }

  /** True for a property this direction need not carry (readOnly in requests, writeOnly in responses). */
  #exempt(s: Schema): boolean {
    const key =
      this.#options.direction === "request"
        ? "readOnly"
        : this.#options.direction === "response"
          ? "writeOnly"
          : null;
    if (key === null) return false;
    const target = s.kind === "ref" ? this.#schemas.get(s.ref!) : s;
    return s[key] === true || target?.[key] === true;
  }

  #annotations(s: Schema): Json {
    const out: Json = {};
    for (const [key, value] of Object.entries(s)) {
      if (value === undefined || SHAPE_KEYS.has(key)) continue;
      const resolved = this.#keyword(key, value);
      if (resolved !== undefined) out[key] = resolved;
    }
    if (this.#options.examples && s.example !== undefined) out.examples = [s.example];
    if (s.conditional !== undefined) {
      out.if = this.resolve(s.conditional.if);
      if (s.conditional.then) out.then = this.resolve(s.conditional.then);
      if (s.conditional.else) out.else = this.resolve(s.conditional.else);
    }
    return out;
  }

  /** One keyword beside the shape, in its resolved form; `undefined` to leave it out. */
  #keyword(key: string, value: unknown): unknown {
    const schema = (v: unknown) => (typeof v === "boolean" ? v : this.resolve(v as Schema));
    switch (key) {
      case "readOnly":
      case "writeOnly":
        return this.#options.direction === undefined ? value : undefined;
      case "example":
      case "conditional":
        return undefined;
      case "title":
      case "description":
      case "deprecated":
        return this.#options.docs ? value : undefined;
      case "not":
      case "propertyNames":
      case "contains":
      case "unevaluatedItems":
      case "unevaluatedProperties":
        return schema(value);
      case "prefixItems":
        return (value as Schema[]).map((v) => this.resolve(v));
      case "patternProperties":
        return Object.fromEntries(
          (value as { pattern: string; schema: Schema }[]).map((p) => [p.pattern, this.resolve(p.schema)]),
        );
      case "dependentSchemas":
        return Object.fromEntries(
          Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, this.resolve(v)]),
        );
      case "discriminator": {
        // Mapped to shapes, not names: a renamed component behind a tag is the same discriminator.
        const d = value as { propertyName: string; mapping?: Record<string, string> };
        const mapping =
          d.mapping &&
          Object.fromEntries(
            Object.entries(d.mapping).map(([tag, name]) => [tag, digest(this.component(name))]),
          );
        return { propertyName: d.propertyName, ...(mapping && { mapping }) };
      }
      default:
        // Plain values (enum, format, bounds, default, ...), and any keyword the model learns later, as written.
        return value;
    }
  }
}

/** Keys read by the shape, or annotations that never change what a value may be. */
const SHAPE_KEYS = new Set([
  "kind",
  "nullable",
  "ref",
  "items",
  "properties",
  "requiredOrder",
  "additionalProperties",
  "variants",
  "combinator",
  "withOwnShape",
  "contentMediaType",
  "contentEncoding",
]);

/** `schema` that also admits null: a `"null"` type beside its own, or an `anyOf` with null. */
function orNull(schema: Json): Json {
  const types = schema.type;
  if (Array.isArray(types) && Object.keys(schema).every((k) => k !== "allOf" && k !== "$cycle")) {
    const out: Json = { ...schema, type: [...new Set([...types, "null"])] };
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
    return out;
  }
  return { anyOf: [schema, { type: ["null"] }].sort(byDigest) };
}
