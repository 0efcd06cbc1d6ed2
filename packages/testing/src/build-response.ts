import { toJsonSchema, type Json, type SchemaSet } from "./spec-schema.js";

/** What a generated response may draw on: the request's body and parameters, the fake's URL and clock. */
export interface ResponseInputs {
  /** The parsed request body (`undefined` without one). */
  body: unknown;
  /** The request body's schema: only the fields it declares are echoed (every field when it declares none). */
  bodySchema: Json | null;
  /** Path, query and header parameters by name, as validated. */
  params: Readonly<Record<string, unknown>>;
  /** The fake's base URL: where `format: uri` values point. */
  url: string;
  /** Unix seconds. */
  now: number;
}

type Node = { readonly [key: string]: Json };

// A bound on nested objects and `$ref` chains: the spec's schemas are shallow, a cyclic one must still end.
const MAX_DEPTH = 8;

/**
 * A success body built from its schema: each top-level property named like a request body field or a
 * parameter echoes that value; any other value is the schema's `example`, else its `default`, else its
 * first `enum` value, else `null` when nullable, else one made from its `format` (`uri`: the fake's URL,
 * `date-time`/`date`: now, `uuid`: a random one; an integer named `*_at`: now in Unix seconds), else the
 * type's plainest value (`""`, `minimum` or 0, `false`, `[]`, an object built by these rules).
 */
export function buildResponse(schema: Json | null, inputs: ResponseInputs, set: SchemaSet): unknown {
  if (schema === null) return undefined;
  const root = resolve(toJsonSchema(schema), set, 0);
  const properties = root.properties as Node | undefined;
  if (properties === undefined) return sample(root, "", inputs, set, 0);
  const fields = echoable(inputs, set);
  // fromEntries defines own properties: a spec property named `__proto__` stays a property.
  return Object.fromEntries(
    Object.entries(properties).map(([name, property]) => {
      if (fields.has(name)) return [name, (inputs.body as Record<string, unknown>)[name]];
      if (Object.hasOwn(inputs.params, name)) return [name, inputs.params[name]];
      return [name, sample(property as Node, name, inputs, set, 1)];
    }),
  );
}

/** The body fields a response may echo: those sent that the body schema declares (a field it does not name is not a request field). */
function echoable(inputs: ResponseInputs, set: SchemaSet): Set<string> {
  const body = inputs.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return new Set();
  const declared =
    inputs.bodySchema === null ? undefined : resolve(toJsonSchema(inputs.bodySchema), set, 0).properties;
  const sent = Object.keys(body);
  return new Set(
    declared === undefined ? sent : sent.filter((name) => Object.hasOwn(declared as Node, name)),
  );
}

function resolve(schema: Json, set: SchemaSet, depth: number): Node {
  let node = (typeof schema === "object" && schema !== null && !Array.isArray(schema) ? schema : {}) as Node;
  for (let hops = depth; typeof node.$ref === "string" && hops < MAX_DEPTH; hops++) {
    const { $ref, ...siblings } = node;
    node = { ...((set.resolve($ref as string) ?? {}) as Node), ...siblings };
  }
  return node;
}

function sample(schema: Node, name: string, inputs: ResponseInputs, set: SchemaSet, depth: number): unknown {
  const node = resolve(schema, set, depth);
  if (node.example !== undefined) return node.example;
  if (node.default !== undefined) return node.default;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  const variants = (node.anyOf ?? node.oneOf) as readonly Node[] | undefined;
  const nullable = node.nullable === true || (variants ?? []).some((v) => v.type === "null");
  if (nullable) return null;
  if (variants !== undefined && variants[0] !== undefined) {
    return depth < MAX_DEPTH ? sample(variants[0], name, inputs, set, depth + 1) : null;
  }
  return fromFormat(node, name, inputs) ?? fromType(node, inputs, set, depth);
}

function fromFormat(node: Node, name: string, inputs: ResponseInputs): unknown {
  const when = new Date(inputs.now * 1000).toISOString();
  switch (node.format) {
    case "uri":
    case "url":
      return inputs.url;
    case "date-time":
      return when;
    case "date":
      return when.slice(0, 10);
    case "uuid":
      return crypto.randomUUID();
    case "email":
      return "user@example.com";
  }
  if ((node.type === "integer" || node.type === "number") && name.endsWith("_at")) return inputs.now;
  return undefined;
}

function fromType(node: Node, inputs: ResponseInputs, set: SchemaSet, depth: number): unknown {
  switch (node.type) {
    case "string":
      return "";
    case "integer":
    case "number":
      return typeof node.minimum === "number" ? node.minimum : 0;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object": {
      if (depth >= MAX_DEPTH) return {};
      const properties = (node.properties ?? {}) as Node;
      return Object.fromEntries(
        Object.entries(properties).map(([key, child]) => [
          key,
          sample(child as Node, key, inputs, set, depth + 1),
        ]),
      );
    }
    default:
      return null;
  }
}
