/** A schema node as the route table carries it (OpenAPI 3.0 form, `#/components/schemas/X` references). */
export type SchemaNode = { readonly [key: string]: unknown };

const COMPONENT_REF = /^#\/components\/schemas\/(.+)$/;

// A bound on `$ref` chains and allOf nesting: a cyclic schema must still end.
const MAX_HOPS = 16;

const asNode = (value: unknown): SchemaNode =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as SchemaNode) : {};

/** `schema` with `$ref`s to components followed (siblings kept over the target's keywords). */
export function resolve(schema: unknown, components: Readonly<Record<string, unknown>>): SchemaNode {
  let node = asNode(schema);
  for (let hops = 0; typeof node["$ref"] === "string" && hops < MAX_HOPS; hops++) {
    const { $ref, ...siblings } = node;
    const name = COMPONENT_REF.exec($ref as string)?.[1]
      ?.replaceAll("~1", "/")
      .replaceAll("~0", "~");
    const target = name !== undefined && Object.hasOwn(components, name) ? components[name] : {};
    node = { ...asNode(target), ...siblings };
  }
  return node;
}

/** The object's properties, `allOf` members' merged in (first declaration wins), in the spec's order. */
export function propertiesOf(
  schema: unknown,
  components: Readonly<Record<string, unknown>>,
  depth = 0,
): Map<string, SchemaNode> {
  const node = resolve(schema, components);
  const found = new Map<string, SchemaNode>();
  for (const [name, property] of Object.entries(asNode(node["properties"])))
    found.set(name, asNode(property));
  if (depth < MAX_HOPS && Array.isArray(node["allOf"])) {
    for (const member of node["allOf"]) {
      for (const [name, property] of propertiesOf(member, components, depth + 1)) {
        if (!found.has(name)) found.set(name, property);
      }
    }
  }
  return found;
}

/** The JSON type a schema names first (`type`, or its first member's), or `undefined`. */
export function typeOf(
  schema: unknown,
  components: Readonly<Record<string, unknown>>,
  depth = 0,
): string | undefined {
  const node = resolve(schema, components);
  const type = node["type"];
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((t) => t !== "null") as string | undefined;
  if (depth >= MAX_HOPS) return undefined;
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const members = node[key];
    if (!Array.isArray(members)) continue;
    for (const member of members) {
      const found = typeOf(member, components, depth + 1);
      if (found !== undefined && found !== "null") return found;
    }
  }
  return node["properties"] !== undefined ? "object" : undefined;
}

/**
 * Text read as its schema's type, as a form field or a parameter travels: a number or boolean where the
 * schema says so (and the text is one), a list of such for an array, else the text itself.
 */
export function coerce(
  raw: string | readonly string[],
  schema: unknown,
  components: Readonly<Record<string, unknown>>,
): unknown {
  const type = typeOf(schema, components);
  if (type === "array") {
    const items = resolve(schema, components)["items"];
    return (typeof raw === "string" ? [raw] : raw).map((item) => coerce(item, items, components));
  }
  const text = typeof raw === "string" ? raw : (raw[0] ?? "");
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text))
    return Number(text);
  if (type === "boolean" && (text === "true" || text === "false")) return text === "true";
  if (type === "null" && text === "null") return null;
  return text;
}
