import { isHttpUrl } from "@nox-energy/authenticator-enums";
import { Ajv, type ValidateFunction } from "ajv";
import type { Route } from "../../src/fake-api.js";
import type { OperationValidators, Validate, ValidatorTable } from "../../src/validation.js";

// For tests only: validators compiled with ajv from a hand-made route table's schemas (the fake itself
// uses the generated ones). `format: uri` is enums' isHttpUrl here, as for the spec's redirect_url.

/** A JSON value as the spec's schemas hold it. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)$/;

/** Keywords whose value maps names (of fields, of components) to schemas, rather than being a schema. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs"]);

/**
 * Adapts an OpenAPI 3.0 schema for a JSON Schema validator, in a copy.
 *
 * `#/components/schemas/X` becomes `#/$defs/X`. A `$ref` with a sibling `nullable: true` becomes
 * `anyOf: [$ref, null]`: OpenAPI 3.0 ignores `$ref` siblings and ajv's `nullable` only relaxes a `type`
 * beside it, but the spec's author means "Brand or null", as the types package reads it too.
 * `x-` extensions are dropped: they annotate, never constrain, and ajv's strict mode refuses a keyword
 * it does not know. Pass `names` when `schema` maps names to schemas (as `components.schemas` does).
 */
export function toJsonSchema(schema: Json, names = false): Json {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(item));
  if (typeof schema !== "object" || schema === null) return schema;
  const entries = Object.entries(schema as { readonly [key: string]: Json });
  // fromEntries defines own properties, so a field named `__proto__` stays a field.
  const copy: { [key: string]: Json } = Object.fromEntries(
    entries
      .filter(([key]) => names || !key.startsWith("x-"))
      .map(([key, value]) => {
        const name = key === "$ref" && typeof value === "string" ? COMPONENT_REF.exec(value)?.[1] : undefined;
        return [
          key,
          name === undefined ? toJsonSchema(value, !names && SCHEMA_MAPS.has(key)) : `#/$defs/${name}`,
        ];
      }),
  );
  if (typeof copy.$ref === "string" && copy.nullable === true) {
    const { $ref, nullable: _, ...rest } = copy;
    return { ...rest, anyOf: [{ $ref }, { type: "null" }] };
  }
  return copy;
}

/** Validators and `$ref` lookup over one set of component schemas (the generated ones, or a test's). */
export interface SchemaSet {
  /** A validator for `schema`, with every component it may reference; compiled once per schema. */
  compile(schema: Json): ValidateFunction;
  /** The component schema a `$ref` (as {@link toJsonSchema} rewrites it) points at. */
  resolve(ref: string): Json | undefined;
}

/** A {@link SchemaSet} over `components` (`components.schemas` as the spec states them). */
export function createSchemaSet(components: Readonly<Record<string, unknown>>): SchemaSet {
  let ajv: Ajv | undefined;
  let defs: { [key: string]: Json } | undefined;
  // Keyed by the schema itself: the generated schemas are frozen constants, and the server asks on every request.
  const compiled = new Map<Json, ValidateFunction>();
  return {
    compile(schema) {
      let validate = compiled.get(schema);
      if (validate === undefined) {
        ajv ??= createAjv();
        defs ??= toJsonSchema(components as Json, true) as { [key: string]: Json };
        validate = ajv.compile({ ...(toJsonSchema(schema) as object), $defs: defs });
        compiled.set(schema, validate);
      }
      return validate;
    },
    resolve(ref) {
      const name = /^#\/\$defs\/(.+)$/.exec(ref)?.[1];
      if (name === undefined || !Object.hasOwn(components, name)) return undefined;
      return toJsonSchema((components as Record<string, Json>)[name] ?? null);
    },
  };
}

/**
 * Each route's validators over `components`, compiled on first use: its parameters as one object (by
 * name), its body, and its answer's body under its status.
 */
export function compileValidators(
  routes: readonly Route[],
  components: Readonly<Record<string, unknown>>,
): ValidatorTable {
  const set = createSchemaSet(components);
  const table: Record<string, OperationValidators> = {};
  for (const route of routes) {
    let built: OperationValidators | undefined;
    Object.defineProperty(table, route.operationId, {
      enumerable: true,
      get: () => (built ??= build(route, set)),
    });
  }
  return table;
}

function build(route: Route, set: SchemaSet): OperationValidators {
  const params =
    route.parameters.length === 0
      ? undefined
      : set.compile({
          type: "object",
          properties: Object.fromEntries(route.parameters.map((p) => [p.name, p.schema])),
          required: route.parameters.filter((p) => p.required).map((p) => p.name),
        } as Json);
  const body =
    route.body === null || route.body.kind === "binary" ? undefined : set.compile(route.body.schema as Json);
  const answer = route.success;
  const responses: Record<string, Validate> =
    answer?.schema != null && answer.kind === "json"
      ? { [answer.documented]: set.compile(answer.schema as Json) }
      : {};
  return { ...(params && { params }), ...(body && { body }), responses };
}

function createAjv(): Ajv {
  // allErrors: a 400 names every missing field, as the spec's example does.
  // verbose: each error carries the schema it failed, which the 400 messages describe.
  const instance = new Ajv({ allErrors: true, strict: false, logger: false, verbose: true });
  // OpenAPI annotations ajv does not know; they describe, never constrain.
  for (const keyword of ["example", "externalDocs", "xml"]) instance.addKeyword({ keyword });
  // The client checks redirect_url with the same function, so client and fake accept the same URLs.
  instance.addFormat("uri", isHttpUrl);
  // Other OpenAPI formats a future spec may use: strict ajv refuses an unknown one, so accept them as the
  // annotations they mostly are (date-time checked loosely).
  instance.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
  for (const format of [
    "date",
    "uuid",
    "email",
    "int32",
    "int64",
    "float",
    "double",
    "byte",
    "binary",
    "password",
  ]) {
    instance.addFormat(format, true);
  }
  return instance;
}
