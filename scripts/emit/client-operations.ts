import { generatedHeader } from "../lib/generated-header.ts";
import { SPEC_FILE } from "../lib/repo.ts";
import { CLIENT_HEADERS } from "../model/operations.ts";
import type { ApiModel, GeneratedFile, Operation, Parameter, Schema } from "../model/types.ts";

/** Where the client's operation table and method types live, relative to the repo root. */
export const CLIENT_OPERATIONS_FILE = "packages/client/src/generated/operations.ts";
/** Where the codecs the operations need are linked (a module of its own: the codecs import the table). */
export const CLIENT_CODECS_FILE = "packages/client/src/generated/codecs.ts";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const key = (name: string): string => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const jsdoc = (text: string): string => text.replaceAll("*/", "*\\/");

/** How a body travels: what the client serialises it as and reads it back as. */
export type MediaKind = "json" | "form" | "multipart" | "text" | "binary";

/** The kind of a media type (`application/problem+json` is JSON, `text/html` text, `image/png` binary); the model's, for a media type it did not classify. */
export function mediaKind(mediaType: string): MediaKind {
  const type = mediaType.toLowerCase().split(";")[0]!.trim();
  if (/^application\/(.+\+)?json$/.test(type)) return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type.startsWith("multipart/")) return "multipart";
  if (type.startsWith("text/") || /^application\/(.+\+)?xml$/.test(type)) return "text";
  return "binary";
}

/** Each request media other than JSON, by kind: the client's codec for it (packages/client/src/body-media.ts). */
const BODY_CODECS: Readonly<Record<Exclude<MediaKind, "json">, string>> = {
  form: "FORM_BODY",
  multipart: "MULTIPART_BODY",
  text: "TEXT_BODY",
  binary: "BINARY_BODY",
};

/**
 * `generated/codecs.ts`: the parts of the client's generic call that only some specs need, linked when
 * some operation needs them, so a bundle of a spec without parameters or without form bodies leaves
 * their code out. The parameters codec: any sent parameter, a path template or a credential in the query.
 */
function codecsSource(model: ApiModel): string {
  const parameters = model.operations.some(
    (op) =>
      sentParameters(op).length > 0 ||
      op.path.includes("{") ||
      credentialsOf(op).some((c) => c.in === "query"),
  );
  const kinds = [
    ...new Set(
      model.operations.flatMap((op) => (op.requestBody ? [mediaKind(op.requestBody.mediaType)] : [])),
    ),
  ]
    .filter((k): k is Exclude<MediaKind, "json"> => k !== "json")
    .sort();
  const bodies = kinds.map((k) => `${k}: ${BODY_CODECS[k]}`);
  return [
    generatedHeader({
      from: `${SPEC_FILE} (paths)`,
      change: "the spec (or scripts/emit/client-operations.ts)",
    }),
    ...(kinds.length > 0
      ? [`import { ${kinds.map((k) => BODY_CODECS[k]).join(", ")} } from "../body-media.js";`]
      : []),
    'import type { NoxCodecs } from "../codecs.js";',
    ...(parameters ? ['import { PARAMETERS } from "../parameters.js";'] : []),
    "",
    "/** The codecs the spec's operations need (parameter styles, request media other than JSON): only these are bundled. */",
    `export const CODECS: NoxCodecs = Object.freeze({ ${[
      ...(parameters ? ["parameters: PARAMETERS"] : []),
      `bodies: Object.freeze({ ${bodies.join(", ")} })`,
    ].join(", ")} });`,
    "",
  ].join("\n");
}

/** The success responses (the model's success rule: every documented 2xx, else every 3xx, else none). */
export function successResponses(op: Operation): Operation["responses"] {
  return op.responses.filter((r) => op.successStatuses.includes(r.status));
}

/** A status as the descriptor writes it: `201`, or a range's first digit (`2XX` -> 2). */
export const statusNumber = (status: string): number =>
  /^\d{3}$/.test(status) ? Number(status) : Number(status[0]);

/** How one credential travels, as the client's pipeline reads it. */
export interface CredentialPlacement {
  in: "header" | "query";
  name: string;
  /** `Bearer ` or `Basic ` before the value (then the value is the API key, base64 for Basic). */
  scheme?: "Bearer" | "Basic";
}

/**
 * Where an operation's credentials go: the first alternative of its security, in the spec's order. An
 * apiKey goes in its header or query parameter; HTTP bearer, OAuth 2 and OpenID Connect as
 * `Authorization: Bearer <apiKey>`; HTTP basic as `Basic base64(apiKey)`. An apiKey in a cookie is not
 * sent (the client sends no cookies).
 */
export function credentialsOf(op: Operation): CredentialPlacement[] {
  const first = op.security[0] ?? [];
  return first.flatMap((c): CredentialPlacement[] => {
    if (c.type === "apiKey") {
      if ((c.in === "header" || c.in === "query") && c.name !== undefined)
        return [{ in: c.in, name: c.in === "header" ? c.name.toLowerCase() : c.name }];
      return [];
    }
    if (c.type === "http" && c.name === "basic")
      return [{ in: "header", name: "authorization", scheme: "Basic" }];
    if (c.type === "http" || c.type === "oauth2" || c.type === "openIdConnect")
      return [{ in: "header", name: "authorization", scheme: "Bearer" }];
    return [];
  });
}

/**
 * The parameters a method takes and sends: path, query and header ones, less cookie parameters and the
 * headers (and query parameters) the client sets itself (framing, User-Agent, the credential).
 */
export function sentParameters(op: Operation): Parameter[] {
  const credentials = credentialsOf(op);
  const apiKeyHeaders = op.security
    .flat()
    .flatMap((c) => (c.type === "apiKey" && c.in === "header" && c.name ? [c.name.toLowerCase()] : []));
  return op.parameters.filter(
    (p) =>
      p.in !== "cookie" &&
      !(p.in === "header" && (CLIENT_HEADERS.has(p.name) || apiKeyHeaders.includes(p.name))) &&
      !credentials.some((c) => c.in === p.in && c.name === p.name),
  );
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
            : s.kind === "object"
              ? "Record<string, unknown>"
              : "unknown";
  return s.nullable ? `${base} | null` : base;
}

/** Why a parameter is not in the method's input (a warning), or undefined when it is. */
function droppedWhy(op: Operation, p: Parameter, sent: readonly Parameter[]): string | undefined {
  if (sent.includes(p)) return undefined;
  const where = `${op.operationId}'s ${p.in} parameter "${p.name}"`;
  return p.in === "cookie"
    ? `${where} is left out of the client's method: the client sends no cookies.`
    : `${where} is left out of the client's method: the client sets that ${p.in === "header" ? "header" : "parameter"} itself (credential, framing or User-Agent).`;
}

/** The style a parameter is serialised with: OpenAPI's defaults (form for query, simple for path and header). */
function styleOf(p: Parameter): { style: string; explode: boolean } {
  const given = p as Parameter & { style?: string; explode?: boolean };
  const style = given.style ?? (p.in === "query" ? "form" : "simple");
  return { style, explode: given.explode ?? style === "form" };
}

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

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** The brand rule's data on the operation it names: which body property is the brand, which the asset type. */
function brandRuleOf(model: ApiModel, op: Operation): string | undefined {
  const rule = model.curated.plugins.brandRule ? model.curated.brandRule : null;
  if (rule === null || rule.operationId !== op.operationId) return undefined;
  const brand = model.schemas.get(rule.request)?.properties?.find((p) => p.name === rule.brand.key);
  const nullable = brand?.schema.nullable === true;
  return `{ brand: ${JSON.stringify(rule.brand.key)}, assetType: ${JSON.stringify(rule.assetType.key)}${nullable ? ", brandNullable: true" : ""} }`;
}

/** One frozen operation descriptor, as a `NoxOperation` literal. */
function renderDescriptor(model: ApiModel, op: Operation, warnings: string[]): string {
  const sent = sentParameters(op);
  for (const p of op.parameters) {
    const why = droppedWhy(op, p, sent);
    if (why !== undefined) warnings.push(why);
  }
  const successes = successResponses(op);
  const bodyOnly = sent.length === 0;
  const body = op.requestBody;
  const parameters = sent.map((p) => {
    const { style, explode } = styleOf(p);
    return `{ name: ${JSON.stringify(p.name)}, in: ${JSON.stringify(p.in)}, required: ${p.required}, style: ${JSON.stringify(style)}, explode: ${explode} }`;
  });
  const success = successes.map((r) => {
    const kind = r.mediaType === undefined ? undefined : (r.kind ?? mediaKind(r.mediaType));
    return `{ status: ${statusNumber(r.status)}${kind ? `, kind: ${JSON.stringify(kind)}` : ""} }`;
  });
  const errors = op.responses
    .map((r) => r.status)
    .filter((s) => /^[3-5]\d\d$/.test(s) && !successes.some((r) => r.status === s));
  const credentials = credentialsOf(op).map((c) => JSON.stringify(c));
  const brandRule = brandRuleOf(model, op);
  const first = successes[0]?.status ?? "200";
  const fields = [
    `operationId: ${JSON.stringify(op.operationId)}`,
    `methodName: ${JSON.stringify(op.methodName)}`,
    `method: ${JSON.stringify(op.method)}`,
    `path: ${JSON.stringify(op.path)}`,
    `label: ${JSON.stringify(`${op.methodName} ${op.method} ${op.path}`)}`,
    `bodyOnly: ${bodyOnly}`,
    ...(body
      ? [
          `body: { kind: ${JSON.stringify(mediaKind(body.mediaType))}, mediaType: ${JSON.stringify(body.mediaType)}, required: ${body.required} }`,
        ]
      : []),
    `parameters: [${parameters.join(", ")}]`,
    `success: [${success.join(", ")}]`,
    `errors: [${errors.join(", ")}]`,
    `credentials: [${credentials.join(", ")}]`,
    `validators: OPERATION_VALIDATORS[${JSON.stringify(op.operationId)}]`,
    ...(brandRule ? [`brandRule: ${brandRule}`] : []),
    ...(SAFE.has(op.method) ? [] : [`effect: ${JSON.stringify(effectOf(op, first))}`]),
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

/** The TypeScript type a success resolves to: its JSON body's type, a string for text, an ArrayBuffer for other media. */
function resultType(op: Operation): string {
  const ops = `operations[${JSON.stringify(op.operationId)}]`;
  const types = successResponses(op).map((r) => {
    if (r.mediaType === undefined) return "undefined";
    const kind = r.kind ?? mediaKind(r.mediaType);
    if (kind === "text") return "string";
    if (kind !== "json") return "ArrayBuffer";
    return r.schema
      ? `${ops}["responses"][${r.status}]["content"][${JSON.stringify(r.mediaType)}]`
      : "unknown";
  });
  return types.length === 0 ? "undefined" : [...new Set(types)].join(" | ");
}

/** The body type a method takes: the spec's, or for binary and multipart media what fetch can send. */
function bodyType(op: Operation): string | undefined {
  const body = op.requestBody;
  if (body === undefined) return undefined;
  const ops = `operations[${JSON.stringify(op.operationId)}]`;
  const kind = body.kind ?? mediaKind(body.mediaType);
  const spec = `NonNullable<${ops}["requestBody"]>["content"][${JSON.stringify(body.mediaType)}]`;
  const own =
    kind === "binary"
      ? "Blob | ArrayBuffer | ArrayBufferView | string"
      : kind === "text"
        ? "string"
        : kind === "multipart"
          ? `Multipart<${spec}>`
          : spec;
  return `BodyOf<Bodies, ${JSON.stringify(op.operationId)}, ${own}>`;
}

/**
 * The method's signature: `(body, options?)` or `(params, options?)`, typed from the types package.
 * The operation the brand rule applies to takes its body as a type parameter `B`, so the client's
 * curated `BrandRuleArgument` can turn a wrong brand for the asset type into a compile error in words.
 */
function signature(op: Operation, name: string, brandRule: boolean): string {
  const params = sentParameters(op);
  const declared = bodyType(op);
  const body = declared && brandRule ? `BrandRuleArgument<${declared}, B>` : declared;
  const generic = declared && brandRule ? "<B extends BrandRuleInput>" : "";
  let input: string;
  if (params.length === 0)
    input = body ? `body${op.requestBody!.required ? "" : "?"}: ${body}` : "params?: Record<string, never>";
  else {
    const fields = params.map((p) => `${key(p.name)}${p.required ? "" : "?"}: ${parameterType(p.schema)}`);
    if (body) fields.push(`body${op.requestBody!.required ? "" : "?"}: ${body}`);
    const optional = params.every((p) => !p.required) && !op.requestBody?.required;
    input = `params${optional ? "?" : ""}: { ${fields.join("; ")} }`;
  }
  return `  ${name}${generic}(${input}, options?: NoxRequestOptions): Promise<${resultType(op)}>;`;
}

/**
 * Renders packages/client/src/generated/operations.ts: a frozen descriptor per operation (what the
 * client's one generic call reads: parameters and their styles, body media, success statuses and media,
 * credentials, validators, the brand rule's data), the method names (curated name and aliases ->
 * operationId), the typed interface of the methods, and the HTTP verbs the spec uses.
 */
export function emitClientOperations(model: ApiModel): GeneratedFile[] {
  const warnings: string[] = [];
  const descriptors = model.operations.map(
    (op) =>
      `  ${key(op.operationId)}: Object.freeze(${renderDescriptor(model, op, warnings)} satisfies NoxOperation),`,
  );
  for (const warning of warnings) console.warn(`warning: ${warning}`);
  const names: string[] = [];
  const members: string[] = [];
  for (const op of model.operations) {
    for (const name of [op.methodName, ...op.aliases]) {
      names.push(`  ${key(name)}: ${JSON.stringify(op.operationId)},`);
      const alias = name === op.methodName ? op.aliases[0] : op.methodName;
      members.push(...methodDoc(op, alias), signature(op, name, brandRuleOf(model, op) !== undefined));
    }
  }
  const verbs = [...new Set(model.operations.map((op) => op.method))];
  const placements = model.operations.map(credentialsOf);
  const defaults = placements.find((c) => c.length > 0) ?? [];
  const apiKeyHeader = model.operations
    .flatMap((op) => op.security.flat())
    .find((c) => c.type === "apiKey" && c.in === "header" && c.name !== undefined)?.name;
  const credentialHeaders = [
    ...new Set(placements.flat().flatMap((c) => (c.in === "header" ? [c.name] : []))),
  ];
  const source = [
    generatedHeader({
      from: `${SPEC_FILE} (paths)`,
      change: "the spec (or scripts/emit/client-operations.ts)",
    }),
    `import type { components, operations } from "@nox-energy/authenticator-types";`,
    `import { OPERATION_VALIDATORS } from "@nox-energy/authenticator-types/validators";`,
    `import type { NoxCredential, NoxOperation } from "../operation.js";`,
    `import type { NoxRequestOptions } from "../options.js";`,
    ...(model.operations.some((op) => brandRuleOf(model, op) !== undefined)
      ? [
          `import type { BrandRuleArgument, BrandRuleInput } from "../curated/brand-rule/link-session-body.js";`,
        ]
      : []),
    "",
    "// Referenced by parameter types when a parameter names a component schema.",
    "export type { components };",
    "",
    "/** Every operation the spec defines, by operationId: what the client's one generic call reads. */",
    "export const OPERATIONS = Object.freeze({",
    ...descriptors,
    "});",
    "",
    "/** The header the spec's API key scheme names (lower-case), or undefined when no operation takes a key in a header. */",
    `export const API_KEY_HEADER = ${apiKeyHeader === undefined ? "undefined" : JSON.stringify(apiKeyHeader.toLowerCase())};`,
    "",
    "/** Where `nox.<VERB>` and `createAuthMiddleware` put the key: the first secured operation's credentials. */",
    `export const DEFAULT_CREDENTIALS: readonly NoxCredential[] = Object.freeze(${JSON.stringify(defaults)});`,
    "",
    "/** Every header a credential travels in: refused in the `headers` option (it would replace or drop the key). */",
    `export const CREDENTIAL_HEADERS: readonly string[] = Object.freeze(${JSON.stringify(credentialHeaders)});`,
    "",
    "/** True when some operation needs the API key (then `apiKey` is required). */",
    `export const NEEDS_API_KEY = ${placements.some((c) => c.length > 0)};`,
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
    "/** A multipart body: each field as the spec types it, a file part also as a Blob. */",
    "type Multipart<T> = { [K in keyof T]: T[K] | Blob };",
    "",
    "/**",
    " * One method per operation. An operation whose only input is its body takes `(body, options?)`; one",
    " * with parameters takes `(params, options?)`, each parameter under its spec name, plus `body`.",
    " * `Bodies` overrides a body type by operationId (the client's curated brand rule does).",
    " */",
    "export interface NoxOperationMethods<Bodies = {}> {",
    ...members,
    "}",
    "",
  ].join("\n");
  return [
    { path: CLIENT_OPERATIONS_FILE, source },
    { path: CLIENT_CODECS_FILE, source: codecsSource(model) },
  ];
}
