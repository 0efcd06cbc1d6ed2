import type { Route } from "./fake-api.js";
import { toJsonSchema, type SchemaSet } from "./spec-schema.js";
import { expectation, quote, type FieldSchema, type Validation } from "./validate-request.js";

/** Where a request's parameters come from: matched path segments, the query, the headers. */
export interface ParameterSources {
  path: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Readonly<Record<string, string>>;
}

/**
 * Reads and validates a route's parameters: each value is a string on the wire, read as a number or
 * boolean where its schema says so. Messages follow the body's style: "Missing required parameters: a, b",
 * then `Invalid <name> "<value>": expected ...`, joined by "; ".
 */
export function validateParams(
  route: Route,
  sources: ParameterSources,
  set: SchemaSet,
): Validation<Record<string, unknown>> {
  const values: Record<string, unknown> = { ...sources.path };
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const param of route.parameters) {
    const raw =
      param.in === "path"
        ? sources.path[param.name]
        : param.in === "query"
          ? (sources.query.get(param.name) ?? undefined)
          : sources.headers[param.name.toLowerCase()];
    if (raw === undefined) {
      if (param.required) missing.push(param.name);
      continue;
    }
    const value = coerce(raw, toJsonSchema(param.schema) as FieldSchema, set);
    if (!set.compile(param.schema)(value)) {
      invalid.push(
        `Invalid ${param.name} ${quote(raw)}: expected ${expectation(toJsonSchema(param.schema) as FieldSchema, undefined, set)}`,
      );
      continue;
    }
    values[param.name] = value;
  }
  const messages = [
    ...(missing.length > 0 ? [`Missing required parameters: ${missing.join(", ")}`] : []),
    ...invalid,
  ];
  return messages.length > 0 ? { ok: false, error: messages.join("; ") } : { ok: true, value: values };
}

/** `raw` as its schema's type reads it: a number or boolean when the text is one, else the text. */
function coerce(raw: string, schema: FieldSchema, set: SchemaSet): unknown {
  const target = schema.$ref === undefined ? schema : ((set.resolve(schema.$ref) ?? {}) as FieldSchema);
  if ((target.type === "integer" || target.type === "number") && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) {
    return Number(raw);
  }
  if (target.type === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}
