import { generatedHeader } from "../lib/generated-header.ts";
import { SPEC_FILE } from "../lib/repo.ts";
import { ModelError } from "../model/errors.ts";
import type { ApiModel, GeneratedFile, Operation, Parameter, Schema } from "../model/types.ts";

/** Where the client's operation table and method types live, relative to the repo root. */
export const CLIENT_OPERATIONS_FILE = "packages/client/src/generated/operations.ts";

// The client sets these itself: a header parameter by one of these names could carry or replace the key,
// or break the request's framing.
const RESERVED_HEADERS = new Set([
  "x-api-key",
  "authorization",
  "cookie",
  "host",
  "content-length",
  "content-type",
  "transfer-encoding",
  "connection",
  "user-agent",
]);
// Only what check-schema.ts interprets is kept; OpenAPI's numeric widths need no check in JavaScript.
const KEPT_FORMATS = new Set(["uri"]);
const DROPPED_FORMATS = new Set(["int32", "int64", "float", "double"]);
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `createSupplierLinkSession`, `Brand` -> `CREATE_SUPPLIER_LINK_SESSION`, `BRAND`. */
const screamingCase = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();

const key = (name: string): string => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const jsdoc = (text: string): string => text.replaceAll("*/", "*\\/");

/** Renders model schemas as `ClientSchema` expressions, components by their constant in ./schemas.js. */
class SchemaRenderer {
  readonly imports = new Set<string>();

  render(s: Schema, at: string): string {
    if (s.kind === "ref") {
      const constant = `${screamingCase(s.ref!)}_SCHEMA`;
      this.imports.add(constant);
      return s.nullable ? `{ ...${constant}, nullable: true }` : constant;
    }
    const out: string[] = [];
    if (s.kind === "union" || s.kind === "intersection" || s.kind === "null") {
      throw new ModelError(at, `is a ${s.kind} schema, which the client's run-time check does not support.`);
    }
    if (s.kind !== "any") out.push(`type: ${JSON.stringify(s.kind)}`);
    if (s.enum) out.push(`enum: ${JSON.stringify(s.enum)}`);
    if (s.format !== undefined && !DROPPED_FORMATS.has(s.format)) {
      if (!KEPT_FORMATS.has(s.format)) throw new ModelError(at, `has format "${s.format}", unsupported.`);
      out.push(`format: ${JSON.stringify(s.format)}`);
    }
    for (const bound of ["minLength", "maxLength", "minimum", "maximum", "pattern"] as const) {
      if (s[bound] !== undefined) out.push(`${bound}: ${JSON.stringify(s[bound])}`);
    }
    if (s.items) out.push(`items: ${this.render(s.items, `${at}/items`)}`);
    if (s.kind === "object") {
      const required = (s.properties ?? []).filter((p) => p.required).map((p) => p.name);
      if (required.length > 0) out.push(`required: ${JSON.stringify(required)}`);
      const props = (s.properties ?? []).map(
        (p) => `${key(p.name)}: ${this.render(p.schema, `${at}/properties/${p.name}`)}`,
      );
      out.push(`properties: { ${props.join(", ")} }`);
    }
    if (s.nullable) out.push("nullable: true");
    return `{ ${out.join(", ")} }`;
  }
}

/** The TypeScript type of a parameter's schema (parameters are scalars or lists of them). */
function parameterType(s: Schema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const base =
    s.kind === "ref"
      ? `components["schemas"][${JSON.stringify(s.ref)}]`
      : s.kind === "integer" || s.kind === "number"
        ? "number"
        : s.kind === "string" || s.kind === "boolean"
          ? s.kind
          : s.kind === "array" && s.items
            ? `(${parameterType(s.items)})[]`
            : "unknown";
  return s.nullable ? `${base} | null` : base;
}

function checkParameter(op: Operation, p: Parameter): void {
  const at = `${SPEC_FILE}#/paths/${op.path}/${op.method.toLowerCase()}/parameters/${p.name}`;
  if (p.in === "cookie") throw new ModelError(at, "is a cookie parameter, which the client cannot send.");
  if (p.in === "header" && RESERVED_HEADERS.has(p.name)) {
    throw new ModelError(
      at,
      `is header "${p.name}", which the client sets itself (key, framing); rename it.`,
    );
  }
  if (p.name === "body" && op.requestBody) {
    throw new ModelError(at, 'is named "body", which the client uses for the request body; rename it.');
  }
}

const successOf = (op: Operation) => op.responses.find((r) => /^2\d\d$/.test(r.status));

/** `the link session may have been created`: what a failed 2xx of an unsafe method may mean. */
function effectOf(op: Operation, status: string): string {
  if (status !== "201") return "NOX may have acted on the request";
  const segment =
    op.path
      .split("/")
      .filter((s) => s !== "" && !s.startsWith("{"))
      .at(-1) ?? "resource";
  return `The ${segment.replace(/[-_]+/g, " ").replace(/s$/, "")} may have been created`;
}

/** One frozen operation descriptor, as a `NoxOperation` literal. */
function renderDescriptor(op: Operation, schemas: SchemaRenderer): string {
  const at = `${SPEC_FILE}#/paths/${op.path}/${op.method.toLowerCase()}`;
  for (const p of op.parameters) checkParameter(op, p);
  const success = successOf(op);
  if (success === undefined) throw new ModelError(`${at}/responses`, "documents no 2xx response.");
  const body = op.requestBody && schemas.render(op.requestBody.schema, `${at}/requestBody`);
  const bodyOnly = op.parameters.length === 0;
  let input: string;
  if (bodyOnly) input = body ?? '{ type: "object", properties: {} }';
  else {
    const props = op.parameters.map((p) => `${key(p.name)}: ${schemas.render(p.schema, `${at}/${p.name}`)}`);
    const required = op.parameters.filter((p) => p.required).map((p) => p.name);
    if (body !== undefined) props.push(`body: ${body}`);
    if (op.requestBody?.required) required.push("body");
    input = `{ type: "object", required: ${JSON.stringify(required)}, properties: { ${props.join(", ")} } }`;
  }
  const parameters = op.parameters.map(
    (p) => `{ name: ${JSON.stringify(p.name)}, in: ${JSON.stringify(p.in)}, required: ${p.required} }`,
  );
  const errors = op.responses.map((r) => r.status).filter((s) => /^[3-5]\d\d$/.test(s));
  const fields = [
    `operationId: ${JSON.stringify(op.operationId)}`,
    `methodName: ${JSON.stringify(op.methodName)}`,
    `method: ${JSON.stringify(op.method)}`,
    `path: ${JSON.stringify(op.path)}`,
    `label: ${JSON.stringify(`${op.methodName} ${op.method} ${op.path}`)}`,
    `safe: ${SAFE.has(op.method)}`,
    `bodyOnly: ${bodyOnly}`,
    `hasBody: ${op.requestBody !== undefined}`,
    `input: ${input}`,
    `parameters: [${parameters.join(", ")}]`,
    `success: { status: ${success.status}${success.schema ? `, schema: ${schemas.render(success.schema, `${at}/responses/${success.status}`)}` : ""} }`,
    `errors: [${errors.join(", ")}]`,
    ...(SAFE.has(op.method) ? [] : [`effect: ${JSON.stringify(effectOf(op, success.status))}`]),
  ];
  return `{ ${fields.join(", ")} }`;
}

/** The method's JSDoc: summary, description, where it goes, deprecation. */
function methodDoc(op: Operation, alias: string | undefined): string[] {
  const lines = [op.summary ?? `\`${op.method} ${op.path}\`.`];
  if (op.description) lines.push("", ...op.description.split("\n"));
  lines.push("", `\`${op.method} ${op.path}\` (operationId \`${op.operationId}\`).`);
  if (alias !== undefined) lines.push(`The same operation as \`${alias}\`.`);
  if (op.deprecated) lines.push("@deprecated The spec marks this operation deprecated.");
  return ["  /**", ...lines.map((l) => jsdoc(l === "" ? "   *" : `   * ${l}`)), "   */"];
}

/** The method's signature: `(body, options?)` or `(params, options?)`, typed from the types package. */
function signature(op: Operation, name: string): string {
  const ops = `operations[${JSON.stringify(op.operationId)}]`;
  const success = successOf(op)!;
  const result = success.schema
    ? `${ops}["responses"][${success.status}]["content"][${JSON.stringify(success.mediaType)}]`
    : "undefined";
  const bodyType =
    op.requestBody &&
    `BodyOf<Bodies, ${JSON.stringify(op.operationId)}, NonNullable<${ops}["requestBody"]>["content"][${JSON.stringify(op.requestBody.mediaType)}]>`;
  let input: string;
  if (op.parameters.length === 0) input = bodyType ? `body: ${bodyType}` : "params?: Record<string, never>";
  else {
    const fields = op.parameters.map(
      (p) => `${key(p.name)}${p.required ? "" : "?"}: ${parameterType(p.schema)}`,
    );
    if (bodyType) fields.push(`body${op.requestBody!.required ? "" : "?"}: ${bodyType}`);
    input = `params: { ${fields.join("; ")} }`;
  }
  return `  ${name}(${input}, options?: NoxRequestOptions): Promise<${result}>;`;
}

/**
 * Renders packages/client/src/generated/operations.ts: a frozen descriptor per operation (what the
 * client's one generic call reads), the method names (curated name and aliases -> operationId), the
 * typed interface of the methods, and the HTTP verbs the spec uses (`nox.GET`, `nox.POST`, ...).
 */
export function emitClientOperations(model: ApiModel): GeneratedFile[] {
  const schemas = new SchemaRenderer();
  const descriptors = model.operations.map(
    (op) =>
      `  ${key(op.operationId)}: Object.freeze(${renderDescriptor(op, schemas)} satisfies NoxOperation),`,
  );
  const names: string[] = [];
  const members: string[] = [];
  for (const op of model.operations) {
    for (const name of [op.methodName, ...op.aliases]) {
      names.push(`  ${key(name)}: ${JSON.stringify(op.operationId)},`);
      const alias = name === op.methodName ? op.aliases[0] : op.methodName;
      members.push(...methodDoc(op, alias), signature(op, name));
    }
  }
  const verbs = [...new Set(model.operations.map((op) => op.method))];
  const imports = [...schemas.imports].sort();
  const source = [
    generatedHeader({
      from: `${SPEC_FILE} (paths)`,
      change: "the spec (or scripts/emit/client-operations.ts)",
    }),
    `import type { components, operations } from "@nox-energy/authenticator-types";`,
    `import type { NoxOperation } from "../operation.js";`,
    `import type { NoxRequestOptions } from "../options.js";`,
    ...(imports.length > 0 ? [`import { ${imports.join(", ")} } from "./schemas.js";`] : []),
    "",
    "// Referenced by parameter types when a parameter names a component schema.",
    "export type { components };",
    "",
    "/** Every operation the spec defines, by operationId: what the client's one generic call reads. */",
    "export const OPERATIONS = Object.freeze({",
    ...descriptors,
    "});",
    "",
    "/** Each client method name (curated name, then the operationId's own) -> the operationId it calls. */",
    "export const METHOD_NAMES: Readonly<Record<string, keyof typeof OPERATIONS>> = Object.freeze({",
    ...names,
    "});",
    "",
    "/** The HTTP methods the spec uses, each a raw `nox.<METHOD>` (openapi-fetch's, with the key protected). */",
    `export const HTTP_METHODS = Object.freeze(${JSON.stringify(verbs)} as const);`,
    "",
    "/** An HTTP method the spec uses. */",
    "export type HttpMethod = (typeof HTTP_METHODS)[number];",
    "",
    "/** `Bodies[K]` when the client overrides operation K's body type, else `Default`. */",
    "type BodyOf<Bodies, K extends string, Default> = K extends keyof Bodies ? Bodies[K] : Default;",
    "",
    "/**",
    " * One method per operation. An operation whose only input is a JSON body takes `(body, options?)`; one",
    " * with parameters takes `(params, options?)`, each parameter under its spec name, plus `body`.",
    " * `Bodies` overrides a body type by operationId (the client's curated brand rule does).",
    " */",
    "export interface NoxOperationMethods<Bodies = {}> {",
    ...members,
    "}",
    "",
  ].join("\n");
  return [{ path: CLIENT_OPERATIONS_FILE, source }];
}
