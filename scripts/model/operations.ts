import { child, problem, warn } from "./errors.ts";
import { isObject, normaliseSchema, resolveExampleRef, resolveRef, type ReadContext } from "./schemas.ts";
import type {
  Credential,
  Media,
  MediaKind,
  Operation,
  Parameter,
  ParameterLocation,
  ParameterStyle,
  RequestBody,
  Response,
  Schema,
} from "./types.ts";

type Json = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const LOCATIONS = new Set(["path", "query", "header", "cookie"]);
const STYLES = new Set([
  "form",
  "simple",
  "matrix",
  "label",
  "spaceDelimited",
  "pipeDelimited",
  "deepObject",
]);
const ANY: Schema = { kind: "any", nullable: false };

/**
 * Headers the client sets itself whatever the operation: framing, the user agent and cookies. A header
 * parameter by one of these names (or by the name of the operation's credential header) is dropped from
 * what the client takes, with a warning.
 */
export const CLIENT_HEADERS: ReadonlySet<string> = new Set([
  "accept",
  "authorization",
  "connection",
  "content-length",
  "content-type",
  "cookie",
  "host",
  "transfer-encoding",
  "user-agent",
]);

/**
 * Names the client's own members take (and JavaScript's): an operation whose method name would be one of
 * these gets a number instead (`toJSON2`), with a warning.
 */
export const CLIENT_MEMBERS: ReadonlySet<string> = new Set([
  "baseUrl",
  "toJSON",
  "constructor",
  "then",
  "catch",
  "finally",
  "__proto__",
  "hasOwnProperty",
  "toString",
  "valueOf",
  ...METHODS.map((m) => m.toUpperCase()),
]);

/** Follows a `$ref` (parameters, bodies, responses, path items, examples) to the object it names. */
function deref(
  context: ReadContext,
  node: unknown,
  pointer: string,
): { value: Json; pointer: string } | null {
  let value = node;
  let at = pointer;
  for (let hops = 0; isObject(value) && typeof value.$ref === "string"; hops++) {
    if (hops > 20) {
      problem(context.diagnostics, at, "$ref chain too long (a cycle?).");
      return null;
    }
    at = value.$ref;
    value = resolveRef(context, value.$ref, pointer);
    if (value === undefined) return null;
  }
  if (!isObject(value)) {
    problem(context.diagnostics, pointer, "is not an object.");
    return null;
  }
  return { value, pointer: at };
}

/** `createSupplierLinkSession`, `create-supplier_link session` -> `createSupplierLinkSession`. */
export function camelCase(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words
    .map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1)))
    .join("");
  if (joined === "") return "operation";
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** How a body of `mediaType` travels (`application/problem+json` is json; `text/*` and XML are text). */
export function mediaKind(mediaType: string): MediaKind {
  const type = mediaType.split(";")[0]!.trim().toLowerCase();
  if (/^application\/(.+\+)?json$/.test(type) || type.endsWith("+json") || type === "*/*json") return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type.startsWith("multipart/")) return "multipart";
  if (type.startsWith("text/") || /[/+]xml$/.test(type)) return "text";
  return "binary";
}

function readExamples(context: ReadContext, raw: unknown, at: string): Record<string, unknown> | undefined {
  if (!isObject(raw)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(raw)) {
    const example = deref(context, entry, child(at, name));
    if (example === null || !("value" in example.value)) continue;
    out[name] = resolveExampleRef(context, example.value.value, child(child(at, name), "value"));
  }
  return out;
}

/** Every media type of a `content` map, in the spec's order. */
function readContent(context: ReadContext, content: unknown, at: string): Media[] {
  if (!isObject(content)) return [];
  return Object.entries(content).flatMap(([mediaType, raw]): Media[] => {
    const mediaAt = child(at, mediaType);
    if (!isObject(raw)) {
      problem(context.diagnostics, mediaAt, "is not a media type object.");
      return [];
    }
    const examples = readExamples(context, raw.examples, child(mediaAt, "examples"));
    const example =
      "example" in raw
        ? resolveExampleRef(context, raw.example, child(mediaAt, "example"))
        : examples === undefined
          ? undefined
          : Object.values(examples)[0];
    return [
      {
        mediaType,
        kind: mediaKind(mediaType),
        ...(raw.schema !== undefined && {
          schema: normaliseSchema(raw.schema, child(mediaAt, "schema"), context),
        }),
        ...(example !== undefined && { example }),
        ...(examples !== undefined && Object.keys(examples).length > 0 && { examples }),
      },
    ];
  });
}

/** The JSON media type when there is one, else the first listed. */
function pickMedia(media: readonly Media[]): Media | undefined {
  return media.find((m) => /^application\/(.+\+)?json\b/.test(m.mediaType)) ?? media[0];
}

function defaultStyle(location: ParameterLocation): ParameterStyle {
  return location === "query" || location === "cookie" ? "form" : "simple";
}

function readParameter(context: ReadContext, raw: unknown, pointer: string): Parameter | null {
  const found = deref(context, raw, pointer);
  if (found === null) return null;
  const { value: p, pointer: at } = found;
  if (typeof p.name !== "string" || typeof p.in !== "string" || !LOCATIONS.has(p.in)) {
    problem(
      context.diagnostics,
      at,
      "is not a parameter with a name and an `in` of path, query, header or cookie.",
    );
    return null;
  }
  const location = p.in as ParameterLocation;
  const content = isObject(p.content) ? Object.entries(p.content)[0] : undefined;
  const rawSchema = p.schema ?? (isObject(content?.[1]) ? content[1].schema : undefined) ?? {};
  const schemaAt =
    p.schema === undefined && content !== undefined
      ? child(child(child(at, "content"), content[0]), "schema")
      : child(at, "schema");
  const style =
    typeof p.style === "string" && STYLES.has(p.style) ? (p.style as ParameterStyle) : defaultStyle(location);
  return {
    // HTTP header names are case-insensitive; one spelling keeps `X-Api-Key` and `x-api-key` equal.
    name: location === "header" ? p.name.toLowerCase() : p.name,
    in: location,
    required: p.required === true || location === "path",
    schema: normaliseSchema(rawSchema, schemaAt, context),
    ...(typeof p.description === "string" && { description: p.description }),
    deprecated: p.deprecated === true,
    style,
    explode: typeof p.explode === "boolean" ? p.explode : style === "form",
    ...(p.schema === undefined && content !== undefined && { mediaType: content[0] }),
  };
}

function readRequestBody(context: ReadContext, raw: unknown, pointer: string): RequestBody | undefined {
  if (raw === undefined) return undefined;
  const found = deref(context, raw, pointer);
  if (found === null) return undefined;
  const { value: body, pointer: at } = found;
  const media = readContent(context, body.content, child(at, "content"));
  const chosen = pickMedia(media);
  if (chosen === undefined) {
    warn(
      context.diagnostics,
      "empty-content",
      child(at, "content"),
      "a request body without a media type is read as no body.",
    );
    return undefined;
  }
  return {
    required: body.required === true,
    mediaType: chosen.mediaType,
    kind: chosen.kind,
    schema: chosen.schema ?? { ...ANY },
    ...(typeof body.description === "string" && { description: body.description }),
    media,
  };
}

function readResponse(context: ReadContext, status: string, raw: unknown, pointer: string): Response | null {
  const found = deref(context, raw, pointer);
  if (found === null) return null;
  const { value: response, pointer: at } = found;
  const media = readContent(context, response.content, child(at, "content"));
  const chosen = pickMedia(media);
  const headers = Object.entries(isObject(response.headers) ? response.headers : {}).flatMap(([name, h]) => {
    const header = deref(context, h, child(child(at, "headers"), name));
    if (header === null) return [];
    const { value, pointer: hAt } = header;
    return [
      {
        name: name.toLowerCase(),
        required: value.required === true,
        schema: normaliseSchema(value.schema ?? {}, child(hAt, "schema"), context),
        ...(typeof value.description === "string" && { description: value.description }),
      },
    ];
  });
  return {
    status,
    description: typeof response.description === "string" ? response.description : "",
    ...(chosen && { mediaType: chosen.mediaType, kind: chosen.kind }),
    ...(chosen?.schema !== undefined && { schema: chosen.schema }),
    ...(chosen?.example !== undefined && { example: chosen.example }),
    headers,
    media,
  };
}

/** Security alternatives with each scheme resolved to where its credential goes. */
function readSecurity(
  context: ReadContext,
  raw: unknown,
  schemes: Readonly<Record<string, Credential>>,
  pointer: string,
): Credential[][] {
  if (!Array.isArray(raw)) return [];
  return raw.map((requirement, i) =>
    Object.entries(isObject(requirement) ? requirement : {}).flatMap(([name, scopes]) => {
      const scheme = schemes[name];
      if (scheme === undefined) {
        problem(
          context.diagnostics,
          child(pointer, i),
          `names security scheme "${name}", which components.securitySchemes lacks.`,
        );
        return [];
      }
      const listed = Array.isArray(scopes) ? scopes.map(String) : [];
      return [listed.length > 0 ? { ...scheme, scopes: listed } : scheme];
    }),
  );
}

/**
 * The statuses that count as success: the documented 2xx (and `2XX`); else the documented 3xx; else none.
 */
export function successStatuses(responses: readonly Response[]): string[] {
  const of = (digit: string) =>
    responses.map((r) => r.status).filter((s) => new RegExp(`^${digit}(\\d\\d|XX)$`, "i").test(s));
  const ok = of("2");
  return ok.length > 0 ? ok : of("3");
}

/** The headers an operation's credentials travel in (lower-cased): API key headers, `authorization` for the rest. */
function credentialHeaders(security: readonly (readonly Credential[])[]): Set<string> {
  const headers = new Set<string>();
  for (const credential of security.flat()) {
    if (credential.type === "apiKey" && credential.in === "header" && credential.name !== undefined)
      headers.add(credential.name);
    else if (credential.type !== "apiKey" && credential.type !== "mutualTLS") headers.add("authorization");
  }
  return headers;
}

/** Which list an operation comes from: `paths` (the client calls it) or a webhooks map (the supplier receives it). */
interface Source {
  /** `#/paths`, `#/webhooks` or `#/x-webhooks`. */
  at: string;
  webhook: boolean;
}

/** Reads every operation of `paths` (or of a webhooks map), in document order. */
export function readOperations(
  context: ReadContext,
  schemes: Readonly<Record<string, Credential>>,
  methodNames: Readonly<Record<string, readonly string[]>>,
  source: Source = { at: "#/paths", webhook: false },
): Operation[] {
  const document = context.document as Json;
  const key = source.at.slice(2);
  const items = isObject(document[key]) ? (document[key] as Json) : {};
  const found: [Json, string, string][] = [];
  for (const [path, rawItem] of Object.entries(items)) {
    const item = deref(context, rawItem, child(source.at, path));
    if (item === null) continue;
    if (!source.webhook && item.value.servers !== undefined)
      serversIgnored(context, child(item.pointer, "servers"));
    found.push([item.value, item.pointer, path]);
  }
  const reserved = source.webhook ? new Set<string>() : documentCredentialHeaders(document, found, schemes);
  const operations: Operation[] = [];
  for (const [item, itemAt, path] of found) {
    for (const method of METHODS) {
      if (!isObject(item[method])) continue;
      const at = child(itemAt, method);
      operations.push(readOperation(context, item, method, path, at, schemes, methodNames, source, reserved));
    }
  }
  return operations;
}

/**
 * Every header some operation's credential travels in. One rule for the model, the client and the fake: a
 * header parameter by one of these names is never a parameter, whichever operation declares it (the
 * client refuses to let a parameter set a header its key travels in, so the method must not offer it).
 */
function documentCredentialHeaders(
  document: Json,
  items: readonly (readonly [Json, string, string])[],
  schemes: Readonly<Record<string, Credential>>,
): Set<string> {
  const requirements = [document.security];
  for (const [item] of items)
    for (const method of METHODS)
      if (isObject(item[method])) requirements.push((item[method] as Json).security);
  const used = requirements.flatMap((raw) =>
    Array.isArray(raw) ? raw.flatMap((r) => (isObject(r) ? Object.keys(r) : [])) : [],
  );
  return credentialHeaders([used.flatMap((name) => (schemes[name] ? [schemes[name]] : []))]);
}

function serversIgnored(context: ReadContext, at: string): void {
  warn(
    context.diagnostics,
    "operation-servers",
    at,
    "servers given for a path or an operation are ignored: every call goes to the client's base URL.",
  );
}

function readOperation(
  context: ReadContext,
  item: Json,
  method: string,
  path: string,
  at: string,
  schemes: Readonly<Record<string, Credential>>,
  methodNames: Readonly<Record<string, readonly string[]>>,
  source: Source,
  reserved: ReadonlySet<string>,
): Operation {
  const op = item[method] as Json;
  const document = context.document as Json;
  const operationId = typeof op.operationId === "string" ? op.operationId : camelCase(`${method} ${path}`);
  const own = camelCase(operationId);
  const [curated, ...extra] = source.webhook ? [] : (methodNames[operationId] ?? []);
  if (!source.webhook && op.servers !== undefined) serversIgnored(context, child(at, "servers"));
  // Path-item parameters first; an operation's parameter of the same name and location replaces one.
  const params = new Map<string, [Parameter, string]>();
  const list = (raw: unknown, where: string) =>
    Array.isArray(raw)
      ? raw.flatMap((p, i): [Parameter, string][] => {
          const parameter = readParameter(context, p, child(where, i));
          return parameter === null ? [] : [[parameter, child(where, i)]];
        })
      : [];
  const itemAt = at.slice(0, at.lastIndexOf("/"));
  for (const entry of [
    ...list(item.parameters, child(itemAt, "parameters")),
    ...list(op.parameters, child(at, "parameters")),
  ]) {
    params.set(`${entry[0].in} ${entry[0].name}`, entry);
  }
  const responses = Object.entries(isObject(op.responses) ? op.responses : {}).flatMap(
    ([status, r]) => readResponse(context, status, r, child(child(at, "responses"), status)) ?? [],
  );
  const requestBody = readRequestBody(context, op.requestBody, child(at, "requestBody"));
  const security = readSecurity(context, op.security ?? document.security, schemes, child(at, "security"));
  const { kept, dropped } = source.webhook
    ? { kept: [...params.values()].map(([p]) => p), dropped: [] }
    : dropParameters(context, [...params.values()], security, reserved);
  return {
    operationId,
    methodName: curated ?? own,
    aliases: [...new Set([...(curated !== undefined && curated !== own ? [own] : []), ...extra])].filter(
      (n) => n !== curated,
    ),
    method: method.toUpperCase(),
    path,
    ...(typeof op.summary === "string" && { summary: op.summary }),
    ...(typeof op.description === "string" && { description: op.description }),
    deprecated: op.deprecated === true,
    tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
    parameters: kept,
    ...(requestBody && { requestBody }),
    responses,
    security,
    successStatuses: successStatuses(responses),
    droppedParameters: dropped,
    ...(source.webhook && { webhook: path }),
  };
}

/** Leaves out (warned) the parameters the client cannot take: cookies, and headers it sets itself. */
function dropParameters(
  context: ReadContext,
  parameters: readonly (readonly [Parameter, string])[],
  security: readonly (readonly Credential[])[],
  reserved: ReadonlySet<string>,
): { kept: Parameter[]; dropped: Parameter[] } {
  const credentials = credentialHeaders(security);
  const kept: Parameter[] = [];
  const dropped: Parameter[] = [];
  for (const [p, at] of parameters) {
    const why =
      p.in === "cookie"
        ? "a cookie parameter, which the client does not send"
        : p.in === "header" && credentials.has(p.name)
          ? `header "${p.name}", which carries the operation's credential (the client sets it)`
          : p.in === "header" && reserved.has(p.name)
            ? `header "${p.name}", which carries another operation's credential (the client never lets a parameter set it)`
            : p.in === "header" && CLIENT_HEADERS.has(p.name)
              ? `header "${p.name}", which the client sets itself`
              : null;
    if (why === null) kept.push(p);
    else {
      dropped.push(p);
      warn(context.diagnostics, "dropped-parameter", at, `${why}, is left out of the method's input.`);
    }
  }
  return { kept, dropped };
}

/**
 * Gives each operation a method name no other operation and no client member takes: a clash gets a
 * number (`getPet2`), with a warning; an alias that clashes is left out, with a warning.
 */
export function disambiguateMethodNames(context: ReadContext, operations: readonly Operation[]): Operation[] {
  const taken = new Set<string>(CLIENT_MEMBERS);
  const clash = (op: Operation, message: string) =>
    warn(
      context.diagnostics,
      "method-name-collision",
      child(child("#/paths", op.path), op.method.toLowerCase()),
      message,
    );
  return operations.map((op) => {
    let methodName = op.methodName;
    if (taken.has(methodName)) {
      let n = 2;
      while (taken.has(`${op.methodName}${n}`)) n++;
      methodName = `${op.methodName}${n}`;
      clash(
        op,
        `method name "${op.methodName}" is taken (by another operation or the client); this operation's is "${methodName}".`,
      );
    }
    taken.add(methodName);
    const aliases = op.aliases.filter((alias) => {
      if (!taken.has(alias)) {
        taken.add(alias);
        return true;
      }
      clash(op, `alias "${alias}" is taken (by another operation or the client); it is left out.`);
      return false;
    });
    return methodName === op.methodName && aliases.length === op.aliases.length
      ? op
      : { ...op, methodName, aliases };
  });
}
