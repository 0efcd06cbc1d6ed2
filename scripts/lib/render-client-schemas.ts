import { generatedHeader } from "./generated-header.ts";
import { SPEC_FILE } from "./repo.ts";

/** Where the client's runtime schemas live, relative to the repo root. */
export const CLIENT_SCHEMAS_FILE = "packages/client/src/generated/schemas.ts";

// The string enums the enums package exports, each as the SCREAMING_CASE plural of its component's name
// (Brand -> BRANDS, AssetType -> ASSET_TYPES): the names scripts/lib/render-enums.ts gives them.
const ENUMS_PACKAGE_COMPONENTS = ["Brand", "AssetType", "Language"];
const ENUMS_PACKAGE = "@nox-energy/authenticator-enums";
const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)$/;
const TYPES = ["string", "integer", "number", "boolean", "object", "array"];
// Only what the spec uses is interpreted, to keep the client small: add a format to check-schema.ts first.
const KEPT_FORMATS = ["uri"];
// OpenAPI's numeric formats say how wide a number is; a JavaScript number needs no check for them.
const DROPPED_FORMATS = ["int32", "int64", "float", "double"];
// Annotations: they document a schema and change nothing a value is checked against.
const ANNOTATIONS = ["description", "example", "examples", "default", "title", "deprecated"];
const NUMBERS = ["minLength", "maxLength", "minimum", "maximum"];

type Node = Record<string, unknown>;

interface SpecLike {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

interface Operation {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** `AssetType` -> `ASSET_TYPE`, `createSupplierLinkSession` -> `CREATE_SUPPLIER_LINK_SESSION`. */
export const screamingCase = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();

function fail(at: string, message: string): never {
  throw new Error(
    `${at}: ${message}. The client checks values against this schema at run time; ` +
      `extend scripts/lib/render-client-schemas.ts and packages/client/src/check-schema.ts to support it.`,
  );
}

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Renders schemas as `ClientSchema` literals: components as named constants, refs to them by name. */
class Renderer {
  readonly imports = new Set<string>();
  readonly #components: Record<string, unknown>;
  readonly #rendered = new Map<string, { at: string; source: string }>();
  readonly #visiting = new Set<string>();

  constructor(components: Record<string, unknown>) {
    this.#components = components;
  }

  /** The constant's name for component `name`, rendering it (and what it references) first. */
  component(name: string, at: string): string {
    if (!Object.hasOwn(this.#components, name))
      fail(at, `references #/components/schemas/${name}, which the spec does not define`);
    const constant = `${screamingCase(name)}_SCHEMA`;
    if (this.#rendered.has(constant)) return constant;
    if (this.#visiting.has(name)) fail(at, `the schema ${name} refers to itself`);
    this.#visiting.add(name);
    const location = `components.schemas.${name}`;
    const source = this.schema(this.#components[name], location, name);
    this.#visiting.delete(name);
    this.#rendered.set(constant, { at: location, source });
    return constant;
  }

  /** Renders a standalone schema (not in the spec's components) under `constant`. */
  standalone(constant: string, schema: unknown, at: string): void {
    this.#rendered.set(constant, { at, source: this.schema(schema, at, undefined) });
  }

  /** Every rendered constant, dependencies first. */
  get constants(): [string, { at: string; source: string }][] {
    return [...this.#rendered];
  }

  /** A `ClientSchema` expression for `node` (a constant's name when it is a plain `$ref`). */
  schema(node: unknown, at: string, name: string | undefined, orNull = false): string {
    if (!isNode(node)) fail(at, "is not a schema object");
    const { nullable, fields } = this.#normalise(node, at);
    if (fields.$ref !== undefined) {
      const ref = typeof fields.$ref === "string" ? COMPONENT_REF.exec(fields.$ref)?.[1] : undefined;
      if (ref === undefined)
        fail(at, `has $ref ${String(fields.$ref)}; only #/components/schemas/<name> is supported`);
      const constant = this.component(ref, at);
      // A nullable ref is the component inlined with the flag (not a spread, which bundlers keep).
      return nullable || orNull ? this.schema(this.#components[ref], at, ref, true) : constant;
    }
    return `{ ${this.#entries(fields, at, name, nullable || orNull).join(", ")} }`;
  }

  // Folds the three ways of allowing null into one flag, leaving the other keywords.
  #normalise(node: Node, at: string): { nullable: boolean; fields: Node } {
    const { nullable: flag = false, anyOf, ...rest } = node;
    if (typeof flag !== "boolean") fail(at, "has a nullable that is not true or false");
    let nullable = flag;
    let fields: Node = rest;
    if (anyOf !== undefined) {
      const branches = Array.isArray(anyOf) ? anyOf : [];
      const other = branches.filter((b) => !(isNode(b) && b.type === "null" && Object.keys(b).length === 1));
      if (branches.length !== 2 || other.length !== 1 || !isNode(other[0]))
        fail(at, 'has an anyOf other than [schema, { type: "null" }]');
      const inner = this.#normalise(other[0], `${at}.anyOf`);
      return { nullable: true, fields: { ...fields, ...inner.fields } };
    }
    if (Array.isArray(fields.type)) {
      const types = fields.type.filter((t) => t !== "null");
      if (types.length !== 1)
        fail(at, `has type ${JSON.stringify(fields.type)}; only [T] or [T, "null"] is supported`);
      nullable ||= types.length < fields.type.length;
      fields = { ...fields, type: types[0] };
    }
    return { nullable, fields };
  }

  #entries(fields: Node, at: string, name: string | undefined, nullable: boolean): string[] {
    const out: string[] = [];
    for (const [key, value] of Object.entries(fields)) {
      if (ANNOTATIONS.includes(key) || key.startsWith("x-")) continue;
      const here = `${at}.${key}`;
      if (key === "type") {
        if (!TYPES.includes(value as string))
          fail(here, `is ${JSON.stringify(value)}, not one of ${TYPES.join(", ")}`);
        out.push(`type: ${JSON.stringify(value)}`);
      } else if (key === "enum") {
        out.push(...this.#enum(value, here, name));
      } else if (key === "format") {
        if (DROPPED_FORMATS.includes(value as string)) continue;
        if (!KEPT_FORMATS.includes(value as string))
          fail(here, `is ${JSON.stringify(value)}; supported: ${KEPT_FORMATS.join(", ")}`);
        out.push(`format: ${JSON.stringify(value)}`);
      } else if (NUMBERS.includes(key)) {
        if (typeof value !== "number") fail(here, "is not a number");
        out.push(`${key}: ${value}`);
      } else if (key === "pattern") {
        if (typeof value !== "string") fail(here, "is not a string");
        try {
          new RegExp(value, "u");
        } catch (error) {
          fail(here, `is not an ECMAScript regular expression (${(error as Error).message})`);
        }
        out.push(`pattern: ${JSON.stringify(value)}`);
      } else if (key === "items") {
        out.push(`items: ${this.schema(value, here, undefined)}`);
      } else if (key === "required") {
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
          fail(here, "is not a list of names");
        out.push(`required: ${JSON.stringify(value)}`);
      } else if (key === "properties") {
        if (!isNode(value)) fail(here, "is not an object");
        const props = Object.entries(value).map(
          ([prop, schema]) => `${JSON.stringify(prop)}: ${this.schema(schema, `${here}.${prop}`, undefined)}`,
        );
        out.push(`properties: { ${props.join(", ")} }`);
      } else if (key === "additionalProperties") {
        // Unknown fields are refused in requests and passed in responses, whatever the schema says.
        if (value !== true && !isNode(value)) fail(here, "is not true or a schema");
        if (isNode(value) && Object.keys(value).length > 0)
          fail(here, "constrains extra properties, which is not supported");
      } else {
        fail(here, "is a keyword the client does not support");
      }
    }
    if (nullable) out.push("nullable: true");
    return out;
  }

  #enum(value: unknown, at: string, name: string | undefined): string[] {
    if (!Array.isArray(value) || value.length === 0) fail(at, "is not a non-empty list");
    if (name !== undefined && ENUMS_PACKAGE_COMPONENTS.includes(name)) {
      const constant = `${screamingCase(name)}S`;
      this.imports.add(constant);
      return [`enum: ${constant}`, `label: ${JSON.stringify(`${words(name)}s`)}`];
    }
    const label = name === undefined ? [] : [`label: ${JSON.stringify(`${words(name)}s`)}`];
    return [`enum: ${JSON.stringify(value)}`, ...label];
  }
}

/** `AssetType` -> `asset type`. */
const words = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

/** The operation's request body schema and its first 2xx response schema (`application/json`). */
function operationBodies(operation: Operation): { request?: unknown; response?: unknown } {
  const request = operation.requestBody?.content?.["application/json"]?.schema;
  const success = Object.keys(operation.responses ?? {})
    .filter((status) => /^2\d\d$/.test(status))
    .sort()
    .map((status) => operation.responses?.[status]?.content?.["application/json"]?.schema)
    .find((schema) => schema !== undefined);
  return { request, response: success };
}

/** A schema kept outside the OpenAPI spec, and the file it comes from (named in errors and the header). */
export interface StandaloneSchema {
  file: string;
  schema: unknown;
}

/**
 * Renders the client's runtime schemas (`ClientSchema`, packages/client/src/client-schema.ts): every
 * component schema as `<NAME>_SCHEMA`, each operation's JSON request body and success response as
 * `<OPERATION_ID>_REQUEST_BODY` / `_RESPONSE_BODY`, and each of `standalone` (schemas outside the spec,
 * keyed by name, e.g. `{ LinkCallback: { file, schema } }`) as `<NAME>_SCHEMA`. Enums the enums package exports are
 * imported from it rather than repeated. Throws, naming the schema's location, on a keyword it cannot check.
 */
export function renderClientSchemas(
  spec: unknown,
  standalone: Record<string, StandaloneSchema> = {},
): string {
  const doc = spec as SpecLike;
  const renderer = new Renderer(doc.components?.schemas ?? {});
  for (const name of Object.keys(doc.components?.schemas ?? {}))
    renderer.component(name, `components.schemas.${name}`);
  const operations: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (typeof operation.operationId !== "string") continue;
      const at = `paths.${path}.${method}`;
      const prefix = screamingCase(operation.operationId);
      const { request, response } = operationBodies(operation);
      for (const [suffix, schema, what] of [
        ["REQUEST_BODY", request, "request body"],
        ["RESPONSE_BODY", response, "success response body"],
      ] as const) {
        if (schema === undefined) continue;
        operations.push(
          `/** The \`${operation.operationId}\` ${what} (\`application/json\`). */`,
          `export const ${prefix}_${suffix}: ClientSchema = ${renderer.schema(schema, `${at}.${what}`, undefined)};`,
          "",
        );
      }
    }
  }
  for (const [name, { file, schema }] of Object.entries(standalone)) {
    renderer.standalone(`${screamingCase(name)}_SCHEMA`, schema, file);
  }
  const constants = renderer.constants.flatMap(([constant, { at, source }]) => [
    `/** The \`${at}\` schema. */`,
    `export const ${constant}: ClientSchema = ${source};`,
    "",
  ]);
  const imports = [...renderer.imports].sort();
  return [
    generatedHeader({
      from: [SPEC_FILE, ...Object.values(standalone).map(({ file }) => file)].join(" and "),
      change: "the spec (or scripts/lib/render-client-schemas.ts)",
    }),
    ...(imports.length > 0 ? [`import { ${imports.join(", ")} } from "${ENUMS_PACKAGE}";`] : []),
    `import type { ClientSchema } from "../client-schema.js";`,
    "",
    ...constants,
    ...operations,
  ].join("\n");
}
