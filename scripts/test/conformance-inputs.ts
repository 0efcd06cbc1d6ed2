/**
 * Inputs for the generated conformance run, derived from a plain JSON Schema 2020-12 (every `$ref` a
 * local `#/$defs/...` pointer into the schema itself): valid ones from openapi-sampler, else
 * json-schema-faker (seeded), each kept only when every given checker accepts it; invalid ones, one
 * mutation each of a valid input, kept only when the reference validator (Ajv 2020-12 with
 * ajv-formats, the JSON Schema standard) refuses it, so the schema is guaranteed to refuse it too.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { generateSync } from "json-schema-faker";
import { sample } from "openapi-sampler";

/** A JSON Schema 2020-12 (object or boolean form). */
export type JsonSchema = boolean | JsonSchemaObject;
/** The object form of a {@link JsonSchema}; only the keywords read here are named. */
export interface JsonSchemaObject {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  enum?: readonly unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  items?: JsonSchema;
  allOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  [keyword: string]: unknown;
}

/** Says whether a value is acceptable (a validator, the client's or the reference). */
export type Accepts = (value: unknown) => boolean;

/** One invalid input: what was broken, where (`body.tags[0]`), and the whole input. */
export interface InvalidInput {
  name: string;
  kind: MutationKind;
  value: unknown;
}

/** The kinds of mutation, each one change to a valid input. */
export type MutationKind =
  | "missing"
  | "wrong type"
  | "unknown field"
  | "outside the enum"
  | "too short"
  | "too long"
  | "below the minimum"
  | "above the maximum"
  | "too few items"
  | "too many items"
  | "pattern broken"
  | "format broken";

// ajv-formats is CommonJS with a default export; under NodeNext its namespace is the module.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Formats ajv-formats checks and an invalid string for each. */
const BROKEN_FORMAT: Readonly<Record<string, string>> = {
  "date-time": "not a date-time",
  date: "2024-13-45",
  time: "25:61",
  email: "not an email",
  uuid: "not-a-uuid",
  uri: "not a uri",
  "uri-reference": "\\\\not a uri-reference",
  hostname: "not a hostname!",
  ipv4: "999.1.1.1",
  ipv6: "not:an:ipv6",
  byte: "not base64!",
  "json-pointer": "no-leading-slash",
  regex: "([unclosed",
};

const DEFS_ID = "https://corpus.invalid/defs";
/** One Ajv per `$defs` object: the definitions are compiled once, each root schema beside them. */
const referenceAjv = new WeakMap<object, Ajv2020>();

/** `node` (outside `$defs`) with each local `#/$defs/...` reference pointing at the shared definitions. */
function pointAtDefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pointAtDefs);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== "$defs" && key !== "$id")
      .map(([key, value]) => [
        key,
        key === "$ref" && typeof value === "string" && value.startsWith("#/$defs/")
          ? DEFS_ID + value
          : pointAtDefs(value),
      ]),
  );
}

/**
 * The reference validator of `schema`: Ajv 2020-12 with ajv-formats' formats, not strict (OpenAPI
 * keywords such as `discriminator` and unknown formats are annotations to it).
 */
export function referenceValidator(schema: JsonSchema): Accepts {
  if (typeof schema === "boolean") return () => schema;
  const defs = schema.$defs ?? {};
  let ajv = referenceAjv.get(defs);
  if (ajv === undefined) {
    ajv = new Ajv2020({ strict: false, allErrors: false, logger: false, validateFormats: true });
    addFormats(ajv);
    ajv.addSchema({ $id: DEFS_ID, $defs: defs });
    referenceAjv.set(defs, ajv);
  }
  const validate = ajv.compile(pointAtDefs(schema) as object);
  return (value) => validate(value) === true;
}

/** The formats the reference validator checks (ajv-formats' full set, plus OpenAPI's annotations). */
const KNOWN_FORMATS = new Set([
  ...Object.keys(BROKEN_FORMAT),
  "duration",
  "uri-template",
  "url",
  "iri",
  "iri-reference",
  "idn-email",
  "idn-hostname",
  "relative-json-pointer",
  "int32",
  "int64",
  "float",
  "double",
  "password",
  "binary",
]);

/**
 * The standard format a format outside JSON Schema's list is read as, when its name says it is one of
 * theirs and every value of it is a value of the standard one (`http-url` is a `uri`, `uriref` a
 * `uri-reference`); otherwise undefined (the format stays an annotation).
 */
export function standardFormatOf(format: string): string | undefined {
  if (KNOWN_FORMATS.has(format) || !/ur[il]/i.test(format)) return undefined;
  return /ref/i.test(format) ? "uri-reference" : "uri";
}

/**
 * `schema` with each non-standard format that names a standard one rewritten to it (see
 * {@link standardFormatOf}), so samples and mutations follow it: what the standard format accepts
 * the custom one may still refuse (checked by the generated validators), what it refuses the custom
 * one refuses too.
 */
export function withStandardFormats<T extends JsonSchema>(schema: T): T {
  if (typeof schema === "boolean") return schema;
  const { $defs, ...rest } = schema as JsonSchemaObject;
  const out = rewriteFormats(rest) as JsonSchemaObject;
  if ($defs === undefined) return out as T;
  // Schemas that share one `$defs` keep sharing one (the reference validator compiles it once).
  let defs = rewrittenDefs.get($defs);
  if (defs === undefined)
    rewrittenDefs.set($defs, (defs = rewriteFormats($defs) as Record<string, JsonSchema>));
  return { ...out, $defs: defs } as T;
}

const rewrittenDefs = new WeakMap<object, Record<string, JsonSchema>>();

function rewriteFormats(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteFormats);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "format" && typeof value === "string"
        ? (standardFormatOf(value) ?? value)
        : rewriteFormats(value),
    ]),
  );
}

/** A number from a seed, the same on every machine (mulberry32). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The schema as the samplers can read it. The validators' printer writes a discriminated `oneOf` as
 * `allOf: [{ if: { properties: { kind: { const } } }, then: <alternative> }, ...]` (so an error names
 * the alternative the discriminator chose); neither sampler reads `if`/`then`, so for sampling each
 * such `allOf` is the `oneOf` of its `then`s again (the validators still check the original).
 */
export function forSampling(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forSampling);
  if (node === null || typeof node !== "object") return node;
  const { allOf, ...rest } = node as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, forSampling(v)]));
  const branches = Array.isArray(allOf) ? (allOf as Record<string, unknown>[]) : null;
  const discriminated =
    branches !== null &&
    branches.length > 0 &&
    branches.every((b) => b !== null && typeof b === "object" && "if" in b && "then" in b);
  if (discriminated) return { ...out, oneOf: branches.map((b) => forSampling(b.then)) };
  return allOf === undefined ? out : { ...out, allOf: forSampling(allOf) };
}

const samplingDefs = new WeakMap<object, unknown>();

/** {@link forSampling} of a schema, its shared `$defs` rewritten once (GitHub's are megabytes). */
function samplingSchema(schema: JsonSchema): JsonSchema {
  if (typeof schema === "boolean") return schema;
  const { $defs, ...rest } = schema;
  const out = forSampling(rest) as JsonSchemaObject;
  if ($defs === undefined) return out;
  let defs = samplingDefs.get($defs);
  if (defs === undefined) samplingDefs.set($defs, (defs = forSampling($defs)));
  return { ...out, $defs: defs } as JsonSchemaObject;
}

/** Candidates, best first: openapi-sampler's (deterministic, readable), then json-schema-faker's. */
function* candidates(original: JsonSchema, full: boolean, seed: number): Generator<unknown> {
  const schema = samplingSchema(original);
  const root = typeof schema === "boolean" ? {} : schema;
  const quietly = (make: () => unknown) => {
    try {
      return { value: make() };
    } catch {
      return undefined;
    }
  };
  // readOnly properties left out first (a request should not send them), then in (when required).
  for (const skipReadOnly of [true, false]) {
    const sampled = quietly(() =>
      sample(
        root as never,
        { skipNonRequired: !full, skipReadOnly, enablePatterns: true, quiet: true },
        root,
      ),
    );
    if (sampled !== undefined) yield sampled.value;
  }
  for (let attempt = 0; attempt < 6; attempt++) {
    const faked = quietly(() =>
      generateSync(schema as never, {
        seed: seed + attempt,
        ...(full ? { alwaysFakeOptionals: true } : { optionalsProbability: 0 }),
        maxDepth: 12,
        refDepthMax: 6,
        maxDefaultItems: 2,
      }),
    );
    if (faked !== undefined) yield faked.value;
  }
}

/** What {@link validInputs} found: a required-only and a full input (each absent when none was valid). */
export interface ValidInputs {
  required?: unknown;
  full?: unknown;
  /** How many candidates were refused by a checker before these. */
  refused: number;
}

/**
 * Valid inputs for `schema`: one with only what is required, one with every property, each the first
 * candidate every checker in `accepts` accepts (the reference validator, the generated one).
 */
export function validInputs(schema: JsonSchema, accepts: readonly Accepts[], seed = 1): ValidInputs {
  const out: ValidInputs = { refused: 0 };
  for (const full of [false, true]) {
    for (const value of candidates(schema, full, seed)) {
      if (value !== undefined && accepts.every((check) => check(value))) {
        out[full ? "full" : "required"] = value;
        break;
      }
      out.refused++;
    }
  }
  return out;
}

type Path = readonly (string | number)[];

/** `body.tags[0].name`; `(root)` for the whole input. */
export const formatPath = (path: Path): string =>
  path.length === 0
    ? "(root)"
    : path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");

/** Resolves a local `#/$defs/...` (or any local JSON pointer) `$ref` against the root schema. */
function resolveRef(root: JsonSchemaObject, ref: string): JsonSchema | undefined {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  return node as JsonSchema | undefined;
}

/** Every schema object that applies at a place: `$ref`s followed, allOf/anyOf/oneOf members flattened. */
function applying(
  root: JsonSchemaObject,
  schema: JsonSchema | undefined,
  seen = new Set<object>(),
): JsonSchemaObject[] {
  if (schema === undefined || typeof schema === "boolean" || seen.has(schema)) return [];
  seen.add(schema);
  const out = [schema];
  if (typeof schema.$ref === "string") out.push(...applying(root, resolveRef(root, schema.$ref), seen));
  for (const list of [schema.allOf, schema.anyOf, schema.oneOf])
    for (const member of list ?? []) out.push(...applying(root, member, seen));
  return out;
}

const jsonType = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "array"
      : typeof value === "number" && Number.isInteger(value)
        ? "integer"
        : typeof value;

/** A value of another JSON type than every one `schemas` allow (12345 for a string, a string otherwise). */
function wrongTypeFor(schemas: readonly JsonSchemaObject[], value: unknown): unknown {
  const allowed = new Set(schemas.flatMap((s) => (s.type === undefined ? [] : [s.type].flat())));
  if (allowed.has("number")) allowed.add("integer");
  const options: unknown[] = [
    "not-a-" + (jsonType(value) === "string" ? "value" : jsonType(value)),
    12345,
    true,
    { zz: 1 },
    [1],
  ];
  return options.find((o) => !allowed.has(jsonType(o)) && jsonType(o) !== jsonType(value));
}

/** Each single mutation of `value` at `path` that the schemas there suggest. */
function* mutationsAt(
  schemas: readonly JsonSchemaObject[],
  value: unknown,
): Generator<[MutationKind, unknown, string?]> {
  const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
  if (isObject) {
    const object = value as Record<string, unknown>;
    for (const name of new Set(schemas.flatMap((s) => s.required ?? []))) {
      if (!Object.hasOwn(object, name)) continue;
      const { [name]: _, ...rest } = object;
      yield ["missing", rest, name];
    }
    yield ["unknown field", { ...object, zz_unknown_field: "x" }, "zz_unknown_field"];
  }
  yield ["wrong type", wrongTypeFor(schemas, value)];
  for (const s of schemas) {
    if (s.enum !== undefined || s.const !== undefined)
      yield ["outside the enum", typeof value === "number" ? 987654321 : "zz-not-a-value"];
    const n = (k: string) => (typeof s[k] === "number" ? (s[k] as number) : undefined);
    if (typeof value === "string") {
      const min = n("minLength");
      const max = n("maxLength");
      if (min !== undefined && min > 0) yield ["too short", value.slice(0, min - 1)];
      if (max !== undefined) yield ["too long", value.padEnd(max + 1, "x")];
      if (typeof s.pattern === "string")
        for (const broken of ["", " ", "\u0000 breaks /" + s.pattern + "/"]) yield ["pattern broken", broken];
      if (s.format !== undefined && Object.hasOwn(BROKEN_FORMAT, s.format))
        yield ["format broken", BROKEN_FORMAT[s.format]];
    }
    if (typeof value === "number") {
      const min = n("minimum") ?? n("exclusiveMinimum");
      const max = n("maximum") ?? n("exclusiveMaximum");
      if (min !== undefined) yield ["below the minimum", min - 1];
      if (max !== undefined) yield ["above the maximum", max + 1];
    }
    if (Array.isArray(value)) {
      const min = n("minItems");
      const max = n("maxItems");
      if (min !== undefined && min > 0) yield ["too few items", value.slice(0, min - 1)];
      if (max !== undefined && value.length > 0)
        yield ["too many items", Array.from({ length: max + 1 }, () => value[0])];
    }
  }
}

/** `input` with `value` at `path` (copies along the path only). */
function replaceAt(input: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(input) ? [...input] : { ...(input as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = replaceAt(copy[head!], rest, value);
  return copy;
}

/** Options for {@link invalidInputs}. */
export interface InvalidInputsOptions {
  /** At most this many of each kind (default 3), nearest the root first. */
  perKind?: number;
  /** Not deeper than this (default 4). */
  maxDepth?: number;
}

/**
 * Invalid variants of the valid `input`: one mutation each (a required field missing, a wrong type,
 * an unknown field, a value outside an enum, a bound or a format broken), found breadth-first from
 * the root, each kept only when `refuses` (the reference validator) refuses the whole input.
 */
export function invalidInputs(
  schema: JsonSchema,
  input: unknown,
  accepts: Accepts,
  options: InvalidInputsOptions = {},
): InvalidInput[] {
  const root = typeof schema === "boolean" ? {} : schema;
  const perKind = options.perKind ?? 3;
  const maxDepth = options.maxDepth ?? 4;
  const count = new Map<MutationKind, number>();
  const out: InvalidInput[] = [];
  const queue: Array<{ path: Path; value: unknown; schemas: JsonSchemaObject[] }> = [
    { path: [], value: input, schemas: applying(root, schema) },
  ];
  while (queue.length > 0) {
    const { path, value, schemas } = queue.shift()!;
    for (const [kind, mutated, key] of mutationsAt(schemas, value)) {
      if ((count.get(kind) ?? 0) >= perKind || mutated === undefined) continue;
      const name = `${formatPath(key === undefined ? path : [...path, key])}: ${kind}`;
      // One of each kind per place: the first candidate the schema refuses.
      if (out.some((bad) => bad.name === name)) continue;
      const whole = replaceAt(input, path, mutated);
      if (accepts(whole)) continue;
      count.set(kind, (count.get(kind) ?? 0) + 1);
      out.push({ name, kind, value: whole });
    }
    if (path.length >= maxDepth || value === null || typeof value !== "object") continue;
    if (Array.isArray(value)) {
      const items = schemas.flatMap((s) => applying(root, s.items as JsonSchema | undefined));
      if (value.length > 0) queue.push({ path: [...path, 0], value: value[0], schemas: items });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      const inner = schemas.flatMap((s) => applying(root, s.properties?.[key]));
      if (inner.length > 0) queue.push({ path: [...path, key], value: child, schemas: inner });
    }
  }
  return out;
}

/** A seeded sample of `count` items of `items` (all when fewer), in their original order. */
export function seededSample<T>(items: readonly T[], count: number, seed: number): T[] {
  if (items.length <= count) return [...items];
  const random = seededRandom(seed);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(random() * items.length));
  return [...picked].sort((a, b) => a - b).map((i) => items[i]!);
}
