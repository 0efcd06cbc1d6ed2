import { generatedHeader } from "../lib/generated-header.ts";
import { LINK_CALLBACK_FILE, SPEC_FILE } from "../lib/repo.ts";
import { CURATED_ENUMS } from "../model/curated.ts";
import { child, ModelError } from "../model/errors.ts";
import type { ApiModel, GeneratedFile, Operation, Schema } from "../model/types.ts";
import { CONSTRAINT_KEYWORDS } from "../model/schemas.ts";

/** Where the client's runtime schemas live, relative to the repo root. */
export const CLIENT_SCHEMAS_FILE = "packages/client/src/generated/schemas.ts";

// The curated enums the enums package always exports (as the SCREAMING_CASE plural of the name:
// Brand -> BRANDS); the client's brand rule finds its properties by these very arrays.
const ENUMS_PACKAGE_COMPONENTS: readonly string[] = Object.values(CURATED_ENUMS);
const ENUMS_PACKAGE = "@nox-energy/authenticator-enums";
const TYPES = ["string", "integer", "number", "boolean", "object", "array", "any"];
// Only what the spec uses is interpreted, to keep the client small: add a format to check-schema.ts first.
const KEPT_FORMATS = ["uri"];
// OpenAPI's numeric formats say how wide a number is; a JavaScript number needs no check for them.
const DROPPED_FORMATS = ["int32", "int64", "float", "double"];
// The constraints check-schema.ts interprets; any other the model carries is refused by name, so a
// keyword the model learns later fails generation instead of being dropped from the client's checks.
const CHECKED = new Set<string>(["minLength", "maxLength", "pattern"]);
const UNCHECKED = [
  "exclusiveMinimum",
  "exclusiveMaximum",
  ...CONSTRAINT_KEYWORDS.filter((key) => !CHECKED.has(key)),
  // JSON Schema 2020-12 keywords the model reads (issue #14) that check-schema.ts does not interpret.
  "not",
  "conditional",
  "patternProperties",
  "propertyNames",
  "prefixItems",
  "contains",
  "dependentRequired",
  "dependentSchemas",
  "unevaluatedProperties",
  "unevaluatedItems",
  "discriminator",
] as const;

/** `AssetType` -> `ASSET_TYPE`, `createSupplierLinkSession` -> `CREATE_SUPPLIER_LINK_SESSION`. */
export const screamingCase = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();

/** `AssetType` -> `asset type`. */
const words = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

function fail(at: string, message: string): never {
  throw new ModelError(
    at,
    `${message}. The client checks values against this schema at run time; ` +
      "extend scripts/emit/client-schemas.ts and packages/client/src/check-schema.ts to support it.",
  );
}

/** Renders model schemas as `ClientSchema` literals: components as named constants, refs to them by name. */
class Renderer {
  readonly imports = new Set<string>();
  readonly #schemas: ReadonlyMap<string, Schema>;
  readonly #rendered = new Map<string, { what: string; source: string }>();
  readonly #visiting = new Set<string>();

  constructor(schemas: ReadonlyMap<string, Schema>) {
    this.#schemas = schemas;
  }

  /** The constant's name for component `name`, rendering it (and what it references) first. */
  component(name: string, at: string): string {
    const constant = `${screamingCase(name)}_SCHEMA`;
    if (this.#rendered.has(constant)) return constant;
    if (this.#visiting.has(name)) fail(at, `the schema ${name} refers to itself`);
    this.#visiting.add(name);
    const source = this.schema(this.#schemas.get(name)!, child("#/components/schemas", name), name);
    this.#visiting.delete(name);
    this.#rendered.set(constant, { what: `components.schemas.${name}`, source });
    return constant;
  }

  /** Renders a schema kept outside the spec under `constant`. */
  standalone(constant: string, schema: Schema, file: string): void {
    this.#rendered.set(constant, { what: file, source: this.schema(schema, `${file}#`, undefined) });
  }

  /** Every rendered constant, dependencies first. */
  get constants(): [string, { what: string; source: string }][] {
    return [...this.#rendered];
  }

  /** A `ClientSchema` expression for `schema` (a constant's name when it is a plain reference). */
  schema(schema: Schema, at: string, name: string | undefined, orNull = false): string {
    if (schema.kind === "ref") {
      const constant = this.component(schema.ref!, at);
      // A nullable ref is the component inlined with the flag (not a spread, which bundlers keep).
      const nullable = schema.nullable || orNull;
      return nullable ? this.schema(this.#schemas.get(schema.ref!)!, at, schema.ref, true) : constant;
    }
    return `{ ${this.#entries(schema, at, name, schema.nullable || orNull).join(", ")} }`;
  }

  #entries(schema: Schema, at: string, name: string | undefined, nullable: boolean): string[] {
    if (schema.kind === "union") {
      if (schema.combinator === "oneOf") fail(child(at, "oneOf"), "is a keyword the client does not support");
      if (schema.combinator === "anyOf") fail(at, 'has an anyOf other than [schema, { type: "null" }]');
      fail(at, `has more than one type (${schema.variants!.map((v) => v.kind).join(", ")})`);
    }
    if (schema.kind === "intersection") fail(child(at, "allOf"), "is a keyword the client does not support");
    if (!TYPES.includes(schema.kind)) fail(at, `has type ${schema.kind}, not one of ${TYPES.join(", ")}`);
    for (const key of UNCHECKED) {
      if (schema[key] !== undefined) fail(child(at, key), "is a keyword the client does not support");
    }
    const out: string[] = schema.kind === "any" ? [] : [`type: ${JSON.stringify(schema.kind)}`];
    if (schema.enum !== undefined) out.push(...this.#enum(schema.enum, name));
    if (schema.format !== undefined && !DROPPED_FORMATS.includes(schema.format)) {
      if (!KEPT_FORMATS.includes(schema.format))
        fail(
          child(at, "format"),
          `is ${JSON.stringify(schema.format)}; supported: ${KEPT_FORMATS.join(", ")}`,
        );
      out.push(`format: ${JSON.stringify(schema.format)}`);
    }
    for (const key of ["minLength", "maxLength"] as const)
      if (schema[key] !== undefined) out.push(`${key}: ${schema[key]}`);
    if (schema.pattern !== undefined)
      out.push(`pattern: ${JSON.stringify(checkPattern(schema.pattern, at))}`);
    for (const key of ["minimum", "maximum"] as const)
      if (schema[key] !== undefined) out.push(`${key}: ${schema[key]}`);
    if (schema.items !== undefined)
      out.push(`items: ${this.schema(schema.items, child(at, "items"), undefined)}`);
    out.push(...this.#object(schema, at));
    if (nullable) out.push("nullable: true");
    return out;
  }

  #object(schema: Schema, at: string): string[] {
    const out: string[] = [];
    if (schema.requiredOrder !== undefined) out.push(`required: ${JSON.stringify(schema.requiredOrder)}`);
    if (schema.properties !== undefined && schema.properties.length > 0) {
      const props = schema.properties.map(
        (p) =>
          `${JSON.stringify(p.name)}: ${this.schema(p.schema, child(child(at, "properties"), p.name), undefined)}`,
      );
      out.push(`properties: { ${props.join(", ")} }`);
    }
    // Unknown fields are refused in requests and passed in responses, whatever the schema says.
    const extra = schema.additionalProperties;
    if (typeof extra === "object" && extra.kind !== "any")
      fail(child(at, "additionalProperties"), "constrains extra properties, which is not supported");
    return out;
  }

  #enum(values: readonly unknown[], name: string | undefined): string[] {
    if (name !== undefined && ENUMS_PACKAGE_COMPONENTS.includes(name)) {
      const constant = `${screamingCase(name)}S`;
      this.imports.add(constant);
      return [`enum: ${constant}`, `label: ${JSON.stringify(`${words(name)}s`)}`];
    }
    const label = name === undefined ? [] : [`label: ${JSON.stringify(`${words(name)}s`)}`];
    return [`enum: ${JSON.stringify(values)}`, ...label];
  }
}

function checkPattern(pattern: string, at: string): string {
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    fail(child(at, "pattern"), `is not an ECMAScript regular expression (${(error as Error).message})`);
  }
  return pattern;
}

/** The operation's JSON request body schema and its first 2xx JSON response schema. */
function operationBodies(op: Operation): { request?: Schema; response?: Schema } {
  const json = (mediaType: string | undefined) => mediaType === "application/json";
  const request = json(op.requestBody?.mediaType) ? op.requestBody!.schema : undefined;
  const response = op.responses
    .filter((r) => /^2\d\d$/.test(r.status) && json(r.mediaType) && r.schema !== undefined)
    .sort((a, b) => (a.status < b.status ? -1 : 1))[0]?.schema;
  return { ...(request && { request }), ...(response && { response }) };
}

function operationConstants(model: ApiModel, renderer: Renderer): string[] {
  return model.operations.flatMap((op) => {
    const at = child(child("#/paths", op.path), op.method.toLowerCase());
    const prefix = screamingCase(op.operationId);
    const { request, response } = operationBodies(op);
    return (
      [
        ["REQUEST_BODY", request, "request body"],
        ["RESPONSE_BODY", response, "success response body"],
      ] as const
    ).flatMap(([suffix, schema, what]) =>
      schema === undefined
        ? []
        : [
            `/** The \`${op.operationId}\` ${what} (\`application/json\`). */`,
            `export const ${prefix}_${suffix}: ClientSchema = ${renderer.schema(schema, at, undefined)};`,
            "",
          ],
    );
  });
}

/**
 * Renders the client's runtime schemas (`ClientSchema`, packages/client/src/client-schema.ts): every
 * component schema as `<NAME>_SCHEMA`, each operation's JSON request body and success response as
 * `<OPERATION_ID>_REQUEST_BODY` / `_RESPONSE_BODY`, and the curated link callback as
 * `LINK_CALLBACK_SCHEMA`. The curated enums are imported from the enums package rather than repeated.
 * Fails, naming the schema's JSON pointer, on a keyword the client cannot check.
 */
export function emitClientSchemas(model: ApiModel): GeneratedFile[] {
  const renderer = new Renderer(model.schemas);
  for (const name of model.schemas.keys()) renderer.component(name, child("#/components/schemas", name));
  const operations = operationConstants(model, renderer);
  const callback = model.curated.linkCallback;
  if (callback !== null)
    renderer.standalone(`${screamingCase(callback.name)}_SCHEMA`, callback.schema, LINK_CALLBACK_FILE);
  const constants = renderer.constants.flatMap(([constant, { what, source }]) => [
    `/** The \`${what}\` schema. */`,
    `export const ${constant}: ClientSchema = ${source};`,
    "",
  ]);
  const imports = [...renderer.imports].sort();
  return [
    {
      path: CLIENT_SCHEMAS_FILE,
      source: [
        generatedHeader({
          from: [SPEC_FILE, ...(callback === null ? [] : [LINK_CALLBACK_FILE])].join(" and "),
          change: "the spec (or scripts/emit/client-schemas.ts)",
        }),
        ...(imports.length > 0 ? [`import { ${imports.join(", ")} } from "${ENUMS_PACKAGE}";`] : []),
        `import type { ClientSchema } from "../client-schema.js";`,
        "",
        ...constants,
        ...operations,
      ].join("\n"),
    },
  ];
}
