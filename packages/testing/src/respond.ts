import { generateSync } from "json-schema-faker";
import { sample } from "openapi-sampler";
import type { Route } from "./fake-api.js";
import { propertiesOf, resolve, typeOf, type SchemaNode } from "./schema-walk.js";
import type { Validate } from "./validation.js";

/** What a generated response may draw on: the request's body and parameters, the fake's URL and clock. */
export interface ResponseInputs {
  /** The parsed request body (`undefined` without one). */
  body: unknown;
  /** The request body's schema: only the fields it declares are echoed (every field when it declares none). */
  bodySchema: unknown;
  /** Path, query and header parameters by name, as validated. */
  params: Readonly<Record<string, unknown>>;
  /** The fake's base URL: where `format: uri` values point. */
  url: string;
  /** Unix seconds. */
  now: number;
}

/** The schemas a response is sampled from and the validator its answer must pass. */
export interface SampleSource {
  /** The route table's component schemas (`#/components/schemas/<name>`). */
  components: Readonly<Record<string, unknown>>;
  /** The answer's generated validator, when the fake has one for it. */
  validate?: Validate | undefined;
}

/** A generated body and whether it passed the answer's validator (`true` when there is none). */
export interface Sampled {
  value: unknown;
  valid: boolean;
}

// How many json-schema-faker seeds to try after openapi-sampler (see the README's "How answers are made").
const FAKER_SEEDS = 10;
// A bound on nested objects the realism pass walks: the sample itself is finite, a cyclic schema is not.
const MAX_DEPTH = 8;

type Candidate = () => unknown;

interface Samplers {
  /** Candidates for a schema, best first: openapi-sampler as the spec states it, without its examples, then json-schema-faker. */
  candidates(schema: unknown): Candidate[];
  /** Per schema: the first candidate whose plain sample was valid, once one was. */
  found: WeakMap<object, number>;
}

const SAMPLERS = new WeakMap<object, Samplers>();

/** A deep copy of a JSON value (samples are cached; every answer gets its own). */
const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** `schema` without `example`/`examples` (a property so named stays): examples that break their schema are the commonest invalid sample. */
function withoutExamples(schema: unknown, map = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => withoutExamples(s));
  if (typeof schema !== "object" || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => map || (key !== "example" && key !== "examples"))
      .map(([key, value]) => [
        key,
        withoutExamples(value, !map && (key === "properties" || key === "patternProperties")),
      ]),
  );
}

/**
 * The route table's OpenAPI 3.0 form as JSON Schema 2020-12 for json-schema-faker: `$defs` for
 * components, `nullable` as a `null` type, `example` dropped.
 */
function toJsonSchema(schema: unknown, map = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s));
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!map && (key === "example" || key === "nullable" || key === "discriminator" || key === "xml"))
      continue;
    if (!map && key === "$ref" && typeof value === "string") {
      out[key] = value.replace(/^#\/components\/schemas\//, "#/$defs/");
      continue;
    }
    out[key] = toJsonSchema(
      value,
      !map && (key === "properties" || key === "patternProperties" || key === "$defs"),
    );
  }
  if (!map && (schema as SchemaNode)["nullable"] === true) {
    if (typeof out["type"] === "string") out["type"] = [out["type"], "null"];
    else if (
      out["$ref"] !== undefined ||
      out["allOf"] !== undefined ||
      out["oneOf"] !== undefined ||
      out["anyOf"] !== undefined
    ) {
      return { anyOf: [{ type: "null" }, out] };
    }
  }
  return out;
}

function samplersFor(components: Readonly<Record<string, unknown>>): Samplers {
  let samplers = SAMPLERS.get(components);
  if (samplers !== undefined) return samplers;
  const spec = { openapi: "3.0.3", components: { schemas: components } };
  let bare: object | undefined;
  let defs: unknown;
  const quiet = { skipWriteOnly: true, quiet: true } as const;
  samplers = {
    found: new WeakMap(),
    candidates: (schema) => [
      () => sample(schema as never, quiet, spec),
      () => {
        bare ??= { openapi: "3.0.3", components: { schemas: withoutExamples(components, true) } };
        return sample(withoutExamples(schema) as never, quiet, bare);
      },
      ...Array.from({ length: FAKER_SEEDS }, (_, i): Candidate => () => {
        defs ??= toJsonSchema(components, true);
        const root = { ...(toJsonSchema(withoutExamples(schema)) as object), $defs: defs };
        return generateSync(root as never, { seed: i + 1, refDepthMax: 3, maxDepth: 6 });
      }),
    ],
  };
  SAMPLERS.set(components, samplers);
  return samplers;
}

/** The body fields a response may echo: those sent that the body schema declares (every one it sent when it declares none). */
function echoable(inputs: ResponseInputs, components: Readonly<Record<string, unknown>>): Set<string> {
  const body = inputs.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return new Set();
  const declared = propertiesOf(inputs.bodySchema, components);
  const sent = Object.keys(body);
  return new Set(declared.size === 0 ? sent : sent.filter((name) => declared.has(name)));
}

/** A value the fake makes for a property its schema gives no example, default or enum for, or `undefined`. */
function realistic(schema: SchemaNode, name: string, inputs: ResponseInputs): unknown {
  const example = schema["example"] !== undefined || schema["examples"] !== undefined;
  // Today's order: the example, else the default (openapi-sampler prefers an enum's first value to it).
  if (!example && schema["default"] !== undefined) return schema["default"];
  for (const key of ["example", "examples", "default", "enum", "const"])
    if (schema[key] !== undefined) return undefined;
  const when = new Date(inputs.now * 1000).toISOString();
  switch (schema["format"]) {
    case "uri":
    case "url":
      return inputs.url;
    case "date-time":
      return when;
    case "date":
      return when.slice(0, 10);
    case "uuid":
      return crypto.randomUUID();
  }
  const type = schema["type"];
  if ((type === "integer" || type === "number") && schema["format"] === undefined && name.endsWith("_at")) {
    return inputs.now;
  }
  return undefined;
}

/** One change the fake makes to a sample: echo a request value, or make a value realistic. */
type Overlay = { path: readonly string[]; value: unknown };

/** The changes for `value` (a sample of `schema`): echoes at the top, realistic values at every depth. */
function overlaysOf(
  value: unknown,
  schema: unknown,
  inputs: ResponseInputs,
  components: Readonly<Record<string, unknown>>,
): Overlay[] {
  const overlays: Overlay[] = [];
  const walk = (node: unknown, nodeSchema: unknown, path: string[], depth: number) => {
    if (depth > MAX_DEPTH || typeof node !== "object" || node === null) return;
    if (Array.isArray(node)) {
      const items = resolve(nodeSchema, components)["items"];
      node.forEach((item, i) => walk(item, items, [...path, String(i)], depth + 1));
      return;
    }
    for (const [name, property] of propertiesOf(nodeSchema, components)) {
      if (!Object.hasOwn(node, name)) continue;
      const made = realistic(resolve(property, components), name, inputs);
      if (made !== undefined) overlays.push({ path: [...path, name], value: made });
      else walk((node as Record<string, unknown>)[name], property, [...path, name], depth + 1);
    }
  };
  walk(value, schema, [], 0);
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const fields = echoable(inputs, components);
    for (const name of propertiesOf(schema, components).keys()) {
      if (fields.has(name))
        overlays.push({ path: [name], value: (inputs.body as Record<string, unknown>)[name] });
      else if (Object.hasOwn(inputs.params, name))
        overlays.push({ path: [name], value: inputs.params[name] });
    }
  }
  return overlays;
}

function apply(value: unknown, overlays: readonly Overlay[]): unknown {
  for (const { path, value: replacement } of overlays) {
    let node = value as Record<string, unknown>;
    for (const part of path.slice(0, -1)) node = node[part] as Record<string, unknown>;
    // defineProperty: a property named `__proto__` stays an own property.
    Object.defineProperty(node, path.at(-1)!, {
      value: replacement,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return value;
}

/**
 * A JSON response body for `schema` (issue #14, decision 7): a sample from openapi-sampler (the spec's
 * examples, defaults and enums first), with today's rules on top (a top-level property named like a
 * request body field or a parameter echoes it; a `uri` is the fake's URL, a `date-time` now, a `uuid`
 * fresh, an integer `*_at` now in Unix seconds), then `finish` (a plug-in's fields), then checked by
 * the answer's validator. When it fails, the overlays that broke it are dropped; when the sample itself
 * fails, the next candidate is tried: openapi-sampler without the spec's examples, then
 * json-schema-faker with ten seeds. `valid: false` only when none passes.
 */
export function sampleJson(
  schema: unknown,
  inputs: ResponseInputs,
  source: SampleSource,
  finish: (value: unknown) => unknown = (value) => value,
): Sampled {
  const samplers = samplersFor(source.components);
  const key = typeof schema === "object" && schema !== null ? schema : undefined;
  const candidates = samplers.candidates(schema);
  const validate = source.validate ?? (() => true);
  let first: unknown;
  for (let i = key === undefined ? 0 : (samplers.found.get(key) ?? 0); i < candidates.length; i++) {
    let plain: unknown;
    try {
      plain = candidates[i]!();
    } catch {
      continue;
    }
    const overlays = overlaysOf(plain, schema, inputs, source.components);
    const whole = finish(apply(copy(plain), overlays));
    first ??= whole;
    if (validate(whole)) {
      if (key !== undefined) samplers.found.set(key, i);
      return { value: whole, valid: true };
    }
    if (!validate(finish(copy(plain)))) continue;
    if (key !== undefined) samplers.found.set(key, i);
    // Keep each overlay that keeps the body valid, in order: an echo of a value the response schema refuses is dropped.
    const kept: Overlay[] = [];
    for (const overlay of overlays)
      if (validate(finish(apply(copy(plain), [...kept, overlay])))) kept.push(overlay);
    return { value: finish(apply(copy(plain), kept)), valid: true };
  }
  return { value: first ?? null, valid: false };
}

/** A text body (`text/*`, XML): the schema's sample as text, XML for an object schema of an XML media type. */
export function sampleText(
  schema: unknown,
  mediaType: string,
  components: Readonly<Record<string, unknown>>,
): string {
  const spec = { openapi: "3.0.3", components: { schemas: components } };
  if (schema == null) return "";
  try {
    const xml = /xml/i.test(mediaType) && typeOf(schema, components) !== "string";
    const value = sample(
      schema as never,
      { skipWriteOnly: true, quiet: true, ...(xml && { format: "xml" }) },
      spec,
    );
    return typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    return "";
  }
}

/** The bytes of a binary answer: a short, recognisable placeholder. */
export const BINARY_SAMPLE = "NOX test server: binary content\n";

/** A header value for `schema`, as text (a sample, a `uri` the fake's URL). */
export function sampleHeader(
  schema: unknown,
  inputs: ResponseInputs,
  components: Readonly<Record<string, unknown>>,
): string {
  const made = realistic(resolve(schema, components), "", inputs);
  if (made !== undefined) return String(made);
  const spec = { openapi: "3.0.3", components: { schemas: components } };
  try {
    const value = sample(schema as never, { quiet: true }, spec);
    return Array.isArray(value)
      ? value.join(",")
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  } catch {
    return "";
  }
}

/** Whether `route` answers JSON (the kind a sampled body is validated for). */
export const answersJson = (route: Route) => route.success?.kind === "json" && route.success.schema != null;
