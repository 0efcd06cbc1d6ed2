import type { ApiModel, Operation, Response, Schema } from "../model/types.ts";
import { CONSTRAINT_KEYWORDS } from "../model/schemas.ts";

type Json = Record<string, unknown>;

/** How {@link printSchema} writes bounds: OpenAPI 3.0's boolean flags, or JSON Schema's numbers (for ajv). */
export interface PrintOptions {
  jsonSchemaBounds?: boolean;
}

const COMPONENTS = "#/components/schemas/";

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

function printShape(s: Schema, out: Json, options: PrintOptions): void {
  if (s.kind === "ref") out.$ref = `${COMPONENTS}${s.ref!.replaceAll("~", "~0").replaceAll("/", "~1")}`;
  else if (s.kind === "union") out[s.combinator ?? "anyOf"] = s.variants!.map((v) => printSchema(v, options));
  else if (s.kind === "intersection") out.allOf = s.variants!.map((v) => printSchema(v, options));
  else if (s.kind !== "any" && s.kind !== "null") out.type = s.kind;
  if (s.format !== undefined) out.format = s.format;
  if (s.kind === "object") {
    const names = new Set((s.properties ?? []).map((p) => p.name));
    const listed = (s.requiredOrder ?? []).filter((n) => names.has(n));
    const required = [
      ...listed,
      ...(s.properties ?? []).filter((p) => p.required && !listed.includes(p.name)).map((p) => p.name),
    ];
    if (required.length > 0) out.required = required;
    if ((s.properties ?? []).length > 0 || s.additionalProperties === undefined) {
      out.properties = Object.fromEntries(
        (s.properties ?? []).map((p) => [p.name, printSchema(p.schema, options)]),
      );
    }
    if (typeof s.additionalProperties === "boolean") out.additionalProperties = s.additionalProperties;
    else if (s.additionalProperties) out.additionalProperties = printSchema(s.additionalProperties, options);
  }
  if (s.items) out.items = printSchema(s.items, options);
}

/**
 * One schema node in canonical OpenAPI 3.0 form: every nullable spelling (3.0's flag, 3.1's `"null"`
 * type or `anyOf` member) prints as `nullable: true`, so both versions give the same output.
 */
export function printSchema(s: Schema, options: PrintOptions = {}): Json {
  const out: Json = {};
  if (s.title !== undefined) out.title = s.title;
  printShape(s, out, options);
  if (s.enum !== undefined) out.enum = s.nullable && s.kind !== "ref" ? [...s.enum, null] : [...s.enum];
  if (s.default !== undefined) out.default = s.default;
  printBounds(s, out, options);
  if (s.nullable || s.kind === "null") out.nullable = true;
  if (s.description !== undefined) out.description = s.description;
  if (s.example !== undefined) out.example = s.example;
  if (s.deprecated) out.deprecated = true;
  if (s.readOnly) out.readOnly = true;
  if (s.writeOnly) out.writeOnly = true;
  return out;
}

function printResponse(r: Response): Json {
  const out: Json = { description: r.description };
  if (r.headers.length > 0) {
    out.headers = Object.fromEntries(
      r.headers.map((h) => [h.name, { required: h.required, schema: printSchema(h.schema) }]),
    );
  }
  if (r.mediaType !== undefined) {
    const media: Json = {};
    if (r.schema) media.schema = printSchema(r.schema);
    if (r.example !== undefined) media.example = r.example;
    out.content = { [r.mediaType]: media };
  }
  return out;
}

function printOperation(op: Operation): Json {
  const out: Json = {};
  if (op.tags.length > 0) out.tags = [...op.tags];
  if (op.summary !== undefined) out.summary = op.summary;
  if (op.description !== undefined) out.description = op.description;
  out.operationId = op.operationId;
  if (op.deprecated) out.deprecated = true;
  if (op.parameters.length > 0) {
    out.parameters = op.parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required,
      ...(p.description !== undefined && { description: p.description }),
      ...(p.deprecated && { deprecated: true }),
      schema: printSchema(p.schema),
    }));
  }
  if (op.requestBody) {
    const body = op.requestBody;
    out.requestBody = {
      ...(body.description !== undefined && { description: body.description }),
      required: body.required,
      content: { [body.mediaType]: { schema: printSchema(body.schema) } },
    };
  }
  out.responses = Object.fromEntries(op.responses.map((r) => [r.status, printResponse(r)]));
  out.security = op.security.map((alt) => Object.fromEntries(alt.map((c) => [c.scheme, []])));
  return out;
}

/** The model as one canonical OpenAPI 3.0 document (what openapi-typescript is fed). */
export function printOpenApi(model: ApiModel): Json {
  const paths: Record<string, Json> = {};
  for (const op of model.operations) (paths[op.path] ??= {})[op.method.toLowerCase()] = printOperation(op);
  const schemes = Object.fromEntries(
    Object.entries(model.securitySchemes).map(([name, s]) => [
      name,
      s.type === "apiKey"
        ? {
            type: s.type,
            in: s.in,
            name: s.name,
            ...(s.description !== undefined && { description: s.description }),
          }
        : { type: s.type, ...(s.name !== undefined && { scheme: s.name }) },
    ]),
  );
  return {
    openapi: "3.0.3",
    info: { ...model.info },
    servers: model.servers.map((s) => ({ ...s })),
    paths,
    components: {
      schemas: Object.fromEntries([...model.schemas].map(([name, s]) => [name, printSchema(s)])),
      securitySchemes: schemes,
    },
  };
}
