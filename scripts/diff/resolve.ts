import { createHash } from "node:crypto";
import { CONSTRAINT_KEYWORDS } from "../model/schemas.ts";
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

const BOUNDS = [
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  ...CONSTRAINT_KEYWORDS,
] as const;

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
        return {};
      case "union": {
        const members = s.variants!.map((v) => this.resolve(v)).sort(byDigest);
        return { [s.combinator ?? "anyOf"]: members };
      }
      case "intersection":
        return merged(s.variants!.map((v) => this.resolve(v)));
      case "object": {
        const out: Json = { type: ["object"] };
        const props = [...(s.properties ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1));
        out.properties = Object.fromEntries(props.map((p) => [p.name, this.resolve(p.schema)]));
        const required = props.filter((p) => p.required && !this.#exempt(p.schema)).map((p) => p.name);
        if (required.length > 0) out.required = required;
        const extra = s.additionalProperties;
        if (typeof extra === "boolean") out.additionalProperties = extra;
        else if (extra !== undefined) out.additionalProperties = this.resolve(extra);
        return out;
      }
      case "array":
        return { type: ["array"], items: this.resolve(s.items ?? { kind: "any", nullable: false }) };
      default:
        return { type: [s.kind] };
    }
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
    if (s.enum !== undefined) out.enum = [...s.enum];
    if (s.format !== undefined) out.format = s.format;
    if (s.default !== undefined) out.default = s.default;
    for (const key of BOUNDS) if (s[key] !== undefined) out[key] = s[key];
    if (this.#options.direction === undefined) {
      if (s.readOnly) out.readOnly = true;
      if (s.writeOnly) out.writeOnly = true;
    }
    if (this.#options.examples && s.example !== undefined) out.examples = [s.example];
    if (this.#options.docs) {
      if (s.title !== undefined) out.title = s.title;
      if (s.description !== undefined) out.description = s.description;
      if (s.deprecated) out.deprecated = true;
    }
    return out;
  }
}

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
