import type { ApiModel, Media, Operation, Parameter, Response, Schema } from "../model/types.ts";
import { CONSTRAINT_KEYWORDS } from "../model/schemas.ts";

type Json = Record<string, unknown>;

/** How {@link printSchema} writes bounds: OpenAPI 3.0's boolean flags, or JSON Schema's numbers (for ajv). */
export interface PrintOptions {
  jsonSchemaBounds?: boolean;
}

const COMPONENTS = "#/components/schemas/";

/** `#/components/schemas/<name>`, the name escaped per RFC 6901. */
export const componentRef = (name: string): string =>
  `${COMPONENTS}${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;

function printBounds(s: Schema, out: Json, options: PrintOptions): void {
  for (const [bound, flag] of [
    ["minimum", "exclusiveMinimum"],
    ["maximum", "exclusiveMaximum"],
  ] as const) {
    if (s[bound] === undefined) continue;
    if (s[flag] && options.jsonSchemaBounds) out[flag] = s[bound];
    else {
      out[bound] = s[bound];
      if (s[flag]) out[flag] = true;
    }
  }
  for (const key of CONSTRAINT_KEYWORDS) {
    if (s[key] !== undefined) out[key] = s[key];
  }
}

const boolOr = (value: boolean | Schema, options: PrintOptions) =>
  typeof value === "boolean" ? value : printSchema(value, options);

function printObject(s: Schema, out: Json, options: PrintOptions): void {
  const properties = s.properties ?? [];
  const listed = s.requiredOrder ?? [];
  // Names the spec requires without listing them in `properties` are kept: they are required all the same.
  const required = [
    ...listed,
    ...properties.filter((p) => p.required && !listed.includes(p.name)).map((p) => p.name),
  ];
  if (required.length > 0) out.required = required;
  if (properties.length > 0 || (s.kind === "object" && s.additionalProperties === undefined)) {
    out.properties = Object.fromEntries(properties.map((p) => [p.name, printSchema(p.schema, options)]));
  }
  if (s.additionalProperties !== undefined)
    out.additionalProperties = boolOr(s.additionalProperties, options);
  if (s.patternProperties !== undefined) {
    out.patternProperties = Object.fromEntries(
      s.patternProperties.map((p) => [p.pattern, printSchema(p.schema, options)]),
    );
  }
  if (s.propertyNames !== undefined) out.propertyNames = printSchema(s.propertyNames, options);
  if (s.dependentRequired !== undefined) out.dependentRequired = s.dependentRequired;
  if (s.dependentSchemas !== undefined) {
    out.dependentSchemas = Object.fromEntries(
      Object.entries(s.dependentSchemas).map(([k, v]) => [k, printSchema(v, options)]),
    );
  }
}

function printArray(s: Schema, out: Json, options: PrintOptions): void {
  if (s.prefixItems !== undefined) out.prefixItems = s.prefixItems.map((v) => printSchema(v, options));
  if (s.items) out.items = printSchema(s.items, options);
  if (s.contains !== undefined) out.contains = printSchema(s.contains, options);
}

function printDiscriminator(s: Schema, out: Json): void {
  const d = s.discriminator;
  if (d === undefined) return;
  out.discriminator = {
    propertyName: d.propertyName,
    ...(d.mapping !== undefined && {
      mapping: Object.fromEntries(Object.entries(d.mapping).map(([tag, name]) => [tag, componentRef(name)])),
    }),
  };
}

/** An intersection: its own shape written back beside the rest (`allOf`, or the one union), as the spec had it. */
function printIntersection(s: Schema, out: Json, options: PrintOptions): void {
  const variants = s.variants ?? [];
  const own = s.withOwnShape ? variants[0] : undefined;
  const rest = s.withOwnShape ? variants.slice(1) : variants;
  if (own !== undefined) {
    const printed = printSchema({ ...own, nullable: false }, options);
    delete printed.nullable;
    Object.assign(out, printed);
  }
  const only = rest.length === 1 ? rest[0]! : undefined;
  if (own !== undefined && only?.kind === "union" && !only.nullable && only.combinator !== undefined) {
    out[only.combinator] = only.variants!.map((v) => printSchema(v, options));
    printDiscriminator(only, out);
  } else out.allOf = rest.map((v) => printSchema(v, options));
}

function printShape(s: Schema, out: Json, options: PrintOptions): void {
  if (s.kind === "ref") out.$ref = componentRef(s.ref!);
  else if (s.kind === "union") {
    out[s.combinator ?? "anyOf"] = s.variants!.map((v) => printSchema(v, options));
    printDiscriminator(s, out);
  } else if (s.kind === "intersection") printIntersection(s, out, options);
  else if (s.kind === "never") out.not = {};
  else if (s.kind !== "any" && s.kind !== "null") out.type = s.kind;
  if (s.format !== undefined) out.format = s.format;
  if (s.kind === "object" || s.properties !== undefined) printObject(s, out, options);
  printArray(s, out, options);
  if (s.kind !== "union") printDiscriminator(s, out);
}

/** `not`, `if`/`then`/`else`, `unevaluated*` and the content annotations: keywords 3.0 lacks, printed as 2020-12 spells them. */
function printApplicators(s: Schema, out: Json, options: PrintOptions): void {
  if (s.not !== undefined) out.not = printSchema(s.not, options);
  if (s.conditional !== undefined) {
    out.if = printSchema(s.conditional.if, options);
    if (s.conditional.then !== undefined) out.then = printSchema(s.conditional.then, options);
    if (s.conditional.else !== undefined) out.else = printSchema(s.conditional.else, options);
  }
  if (s.unevaluatedProperties !== undefined)
    out.unevaluatedProperties = boolOr(s.unevaluatedProperties, options);
  if (s.unevaluatedItems !== undefined) out.unevaluatedItems = boolOr(s.unevaluatedItems, options);
  if (s.contentMediaType !== undefined) out.contentMediaType = s.contentMediaType;
  if (s.contentEncoding !== undefined) out.contentEncoding = s.contentEncoding;
}

/**
 * One schema node in canonical OpenAPI 3.0 form: every nullable spelling (3.0's flag, 3.1's `"null"`
 * type or `anyOf` member) prints as `nullable: true`, so both versions give the same output. Keywords
 * 3.0 lacks (`prefixItems`, `patternProperties`, `not`, ...) print as JSON Schema 2020-12 spells them:
 * openapi-typescript reads them from a 3.0 document too.
 */
export function printSchema(s: Schema, options: PrintOptions = {}): Json {
  const out: Json = {};
  if (s.title !== undefined) out.title = s.title;
  printShape(s, out, options);
  if (s.enum !== undefined) out.enum = s.nullable && s.kind !== "ref" ? [...s.enum, null] : [...s.enum];
  if (s.default !== undefined) out.default = s.default;
  printBounds(s, out, options);
  printApplicators(s, out, options);
  if (s.nullable || s.kind === "null") out.nullable = true;
  if (s.description !== undefined) out.description = s.description;
  if (s.example !== undefined) out.example = s.example;
  if (s.deprecated) out.deprecated = true;
  if (s.readOnly) out.readOnly = true;
  if (s.writeOnly) out.writeOnly = true;
  return out;
}

function printContent(media: readonly Media[]): Json {
  return Object.fromEntries(
    media.map((m) => {
      const out: Json = {};
      if (m.schema) out.schema = printSchema(m.schema);
      if (m.example !== undefined) out.example = m.example;
      return [m.mediaType, out];
    }),
  );
}

function printResponse(r: Response): Json {
  const out: Json = { description: r.description };
  if (r.headers.length > 0) {
    out.headers = Object.fromEntries(
      r.headers.map((h) => [h.name, { required: h.required, schema: printSchema(h.schema) }]),
    );
  }
  if (r.media.length > 0) out.content = printContent(r.media);
  return out;
}

function printParameter(p: Parameter): Json {
  const defaultStyle = p.in === "query" || p.in === "cookie" ? "form" : "simple";
  return {
    name: p.name,
    in: p.in,
    required: p.required,
    ...(p.description !== undefined && { description: p.description }),
    ...(p.deprecated && { deprecated: true }),
    ...(p.style !== defaultStyle && { style: p.style }),
    ...(p.explode !== (p.style === "form") && { explode: p.explode }),
    schema: printSchema(p.schema),
  };
}

function printOperation(op: Operation): Json {
  const out: Json = {};
  if (op.tags.length > 0) out.tags = [...op.tags];
  if (op.summary !== undefined) out.summary = op.summary;
  if (op.description !== undefined) out.description = op.description;
  out.operationId = op.operationId;
  if (op.deprecated) out.deprecated = true;
  // Parameters the client does not take still belong to the operation's types.
  const parameters = [...op.parameters, ...op.droppedParameters];
  if (parameters.length > 0) out.parameters = parameters.map(printParameter);
  if (op.requestBody) {
    const body = op.requestBody;
    out.requestBody = {
      ...(body.description !== undefined && { description: body.description }),
      required: body.required,
      content: printContent(body.media),
    };
  }
  out.responses = Object.fromEntries(op.responses.map((r) => [r.status, printResponse(r)]));
  out.security = op.security.map((alt) =>
    Object.fromEntries(alt.map((c) => [c.scheme, [...(c.scopes ?? [])]])),
  );
  return out;
}

function printScheme(s: ApiModel["securitySchemes"][string]): Json {
  const description = s.description !== undefined ? { description: s.description } : {};
  switch (s.type) {
    case "apiKey":
      return { type: s.type, in: s.in, name: s.name, ...description };
    case "oauth2":
      return { type: s.type, flows: s.flows ?? {}, ...description };
    case "openIdConnect":
      return { type: s.type, openIdConnectUrl: s.openIdConnectUrl, ...description };
    case "http":
      return {
        type: s.type,
        ...(s.name !== undefined && { scheme: s.name }),
        ...(s.bearerFormat !== undefined && { bearerFormat: s.bearerFormat }),
      };
    default:
      return { type: s.type, ...description };
  }
}

/** Operations keyed by path (or webhook name), then method. */
function byPath(operations: readonly Operation[]): Record<string, Json> {
  const paths: Record<string, Json> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method.toLowerCase()] = printOperation(op);
  return paths;
}

/** The model as one canonical OpenAPI 3.0 document (what openapi-typescript is fed); webhooks included. */
export function printOpenApi(model: ApiModel): Json {
  return {
    openapi: "3.0.3",
    info: { ...model.info },
    servers: model.servers.map(({ variables, ...s }) => ({
      ...s,
      ...(Object.keys(variables).length > 0 && { variables }),
    })),
    paths: byPath(model.operations),
    ...(model.webhooks.length > 0 && { webhooks: byPath(model.webhooks) }),
    components: {
      schemas: Object.fromEntries([...model.schemas].map(([name, s]) => [name, printSchema(s)])),
      securitySchemes: Object.fromEntries(
        Object.entries(model.securitySchemes).map(([name, s]) => [name, printScheme(s)]),
      ),
    },
  };
}
