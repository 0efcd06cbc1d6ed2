import type { Route, RouteParameter } from "./fake-api.js";
import { coerce, propertiesOf, typeOf } from "./schema-walk.js";
import type { Validate, Validation } from "./validation.js";
import { describeErrors } from "./validation-messages.js";

/** Where a request's parameters come from: matched path segments, the query, the headers. */
export interface ParameterSources {
  /** Percent-decoded path segments by parameter name. */
  path: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Readonly<Record<string, string>>;
}

type Components = Readonly<Record<string, unknown>>;

const DELIMITERS: Readonly<Record<string, string>> = {
  form: ",",
  simple: ",",
  spaceDelimited: " ",
  pipeDelimited: "|",
  label: ".",
  matrix: ",",
};

/** `k1,v1,k2,v2` (or exploded `k1=v1,k2=v2`) as an object. */
function pairs(parts: readonly string[], exploded: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (exploded) {
    for (const part of parts) {
      const at = part.indexOf("=");
      if (at > 0) out[part.slice(0, at)] = part.slice(at + 1);
    }
  } else {
    for (let i = 0; i + 1 < parts.length; i += 2) out[parts[i]!] = parts[i + 1]!;
  }
  return out;
}

/** An object's fields read from their texts, each as its property's schema says. */
function objectOf(
  fields: Readonly<Record<string, string | string[]>>,
  schema: unknown,
  components: Components,
) {
  const properties = propertiesOf(schema, components);
  // fromEntries defines own properties: a field named `__proto__` stays a field.
  return Object.fromEntries(
    Object.entries(fields).map(([key, text]) => [key, coerce(text, properties.get(key), components)]),
  );
}

/**
 * One parameter's value as its `style` and `explode` serialise it (OpenAPI 3.x "Style Values"), read
 * as its schema's type; `undefined` when it was not sent. Also the raw text, for messages.
 * @see https://spec.openapis.org/oas/v3.1.0#style-values
 */
function readOne(
  param: RouteParameter,
  sources: ParameterSources,
  components: Components,
): { value: unknown; raw: string } | undefined {
  const type = typeOf(param.schema, components);
  if (param.in === "query") {
    if (type === "object" && param.style === "deepObject") {
      const fields: Record<string, string> = {};
      const prefix = `${param.name}[`;
      for (const [key, text] of sources.query) {
        if (key.startsWith(prefix) && key.endsWith("]")) fields[key.slice(prefix.length, -1)] = text;
      }
      if (Object.keys(fields).length === 0) return undefined;
      return {
        value: objectOf(fields, param.schema, components),
        raw: new URLSearchParams(fields).toString(),
      };
    }
    if (type === "object" && param.explode) {
      const properties = propertiesOf(param.schema, components);
      const fields: Record<string, string> = {};
      for (const [key, text] of sources.query) if (properties.has(key)) fields[key] = text;
      if (Object.keys(fields).length === 0) return undefined;
      return {
        value: objectOf(fields, param.schema, components),
        raw: new URLSearchParams(fields).toString(),
      };
    }
    const all = sources.query.getAll(param.name);
    if (all.length === 0) return undefined;
    const delimiter = DELIMITERS[param.style] ?? ",";
    if (type === "array") {
      const items =
        param.explode && param.style === "form" ? all : all.flatMap((text) => text.split(delimiter));
      return { value: coerce(items, param.schema, components), raw: all.join(delimiter) };
    }
    if (type === "object") {
      return {
        value: objectOf(pairs(all[0]!.split(delimiter), false), param.schema, components),
        raw: all[0]!,
      };
    }
    return { value: coerce(all[0]!, param.schema, components), raw: all[0]! };
  }
  let text = param.in === "path" ? sources.path[param.name] : sources.headers[param.name.toLowerCase()];
  if (text === undefined) return undefined;
  const raw = text;
  // label (`.a.b`) and matrix (`;name=a,b`) prefix the value; simple has none.
  if (param.style === "label" && text.startsWith(".")) text = text.slice(1);
  if (param.style === "matrix") text = text.replace(new RegExp(`^;${escape(param.name)}=`), "");
  const delimiter =
    param.style === "label" && param.explode
      ? "."
      : param.style === "matrix" && param.explode
        ? `;${param.name}=`
        : ",";
  if (type === "array") return { value: coerce(text.split(delimiter), param.schema, components), raw };
  if (type === "object") {
    const parts = param.style === "matrix" && param.explode ? text.split(";") : text.split(delimiter);
    return { value: objectOf(pairs(parts, param.explode), param.schema, components), raw };
  }
  return { value: coerce(text, param.schema, components), raw };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Reads a route's parameters (path, query, header) as their styles serialise them, as one object by
 * name, and validates it. Messages follow the body's style: "Missing required parameters: a, b", then
 * `Invalid <name> "<as sent>": expected ...`, joined by "; ".
 */
export function readParams(
  route: Route,
  sources: ParameterSources,
  validate: Validate | undefined,
  components: Components,
): Validation<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  const raws = new Map<string, string>();
  for (const param of route.parameters) {
    const read = readOne(param, sources, components);
    if (read === undefined) continue;
    values[param.name] = read.value;
    raws.set(param.name, read.raw);
  }
  if (validate === undefined || validate(values)) {
    // Path segments the template names without a declared parameter still echo (as text).
    return { ok: true, value: { ...sources.path, ...values } };
  }
  const error = describeErrors(values, validate.errors ?? [], {
    noun: "parameters",
    raw: (field) => raws.get(field.split(/[.[]/)[0] ?? field),
  });
  return { ok: false, error };
}
