import { child, ModelError } from "./errors.ts";
import { isObject, normaliseSchema, resolvePointer } from "./schemas.ts";
import type { Credential, Operation, Parameter, ParameterLocation, RequestBody, Response } from "./types.ts";

type Json = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const LOCATIONS = new Set(["path", "query", "header", "cookie"]);

/** Follows a `$ref` (parameters, bodies, responses, path items) to the object it names. */
function deref(document: unknown, node: unknown, pointer: string): { value: Json; pointer: string } {
  let value = node;
  let at = pointer;
  for (let hops = 0; isObject(value) && typeof value.$ref === "string"; hops++) {
    if (hops > 20) throw new ModelError(at, "$ref chain too long (a cycle?).");
    at = value.$ref;
    value = resolvePointer(document, value.$ref, pointer);
  }
  if (!isObject(value)) throw new ModelError(pointer, "is not an object.");
  return { value, pointer: at };
}

/** `createSupplierLinkSession`, `create-supplier_link session` -> `createSupplierLinkSession`. */
export function camelCase(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words
    .map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1)))
    .join("");
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

function readParameter(document: unknown, raw: unknown, pointer: string): Parameter {
  const { value: p, pointer: at } = deref(document, raw, pointer);
  if (typeof p.name !== "string" || typeof p.in !== "string" || !LOCATIONS.has(p.in)) {
    throw new ModelError(at, "is not a parameter with a name and an `in` of path, query, header or cookie.");
  }
  const location = p.in as ParameterLocation;
  const content = isObject(p.content) ? Object.values(p.content)[0] : undefined;
  const rawSchema = p.schema ?? (isObject(content) ? content.schema : undefined) ?? {};
  return {
    // HTTP header names are case-insensitive; one spelling keeps `X-Api-Key` and `x-api-key` equal.
    name: location === "header" ? p.name.toLowerCase() : p.name,
    in: location,
    required: p.required === true || location === "path",
    schema: normaliseSchema(rawSchema, child(at, "schema"), document),
    ...(typeof p.description === "string" && { description: p.description }),
    deprecated: p.deprecated === true,
  };
}

/** The JSON media type when there is one, else the first listed. */
function pickMedia(content: unknown): [string, Json] | undefined {
  if (!isObject(content)) return undefined;
  const entries = Object.entries(content).filter((e): e is [string, Json] => isObject(e[1]));
  return entries.find(([type]) => /^application\/(.+\+)?json\b/.test(type)) ?? entries[0];
}

function readRequestBody(document: unknown, raw: unknown, pointer: string): RequestBody | undefined {
  if (raw === undefined) return undefined;
  const { value: body, pointer: at } = deref(document, raw, pointer);
  const media = pickMedia(body.content);
  if (media === undefined) throw new ModelError(child(at, "content"), "a request body needs a media type.");
  return {
    required: body.required === true,
    mediaType: media[0],
    schema: normaliseSchema(
      media[1].schema ?? {},
      child(child(child(at, "content"), media[0]), "schema"),
      document,
    ),
    ...(typeof body.description === "string" && { description: body.description }),
  };
}

function readResponse(document: unknown, status: string, raw: unknown, pointer: string): Response {
  const { value: response, pointer: at } = deref(document, raw, pointer);
  const media = pickMedia(response.content);
  const mediaAt = media && child(child(at, "content"), media[0]);
  const headers = Object.entries(isObject(response.headers) ? response.headers : {}).map(([name, h]) => {
    const { value, pointer: hAt } = deref(document, h, child(child(at, "headers"), name));
    return {
      name: name.toLowerCase(),
      required: value.required === true,
      schema: normaliseSchema(value.schema ?? {}, child(hAt, "schema"), document),
    };
  });
  const example = media?.[1].example ?? firstExample(media?.[1].examples);
  return {
    status,
    description: typeof response.description === "string" ? response.description : "",
    ...(media && { mediaType: media[0] }),
    ...(media?.[1].schema !== undefined && {
      schema: normaliseSchema(media[1].schema, child(mediaAt!, "schema"), document),
    }),
    ...(example !== undefined && { example }),
    headers,
  };
}

function firstExample(examples: unknown): unknown {
  if (!isObject(examples)) return undefined;
  const first = Object.values(examples)[0];
  return isObject(first) ? first.value : undefined;
}

/** Security alternatives with each scheme resolved to where its credential goes. */
function readSecurity(
  raw: unknown,
  schemes: Readonly<Record<string, Credential>>,
  pointer: string,
): Credential[][] {
  if (!Array.isArray(raw)) return [];
  return raw.map((requirement, i) =>
    Object.keys(isObject(requirement) ? requirement : {}).map((name) => {
      const scheme = schemes[name];
      if (scheme === undefined) {
        throw new ModelError(
          child(pointer, i),
          `names security scheme "${name}", which components.securitySchemes lacks.`,
        );
      }
      return scheme;
    }),
  );
}

/** Reads every operation under `paths`, in document order. */
export function readOperations(
  document: Json,
  schemes: Readonly<Record<string, Credential>>,
  methodNames: Readonly<Record<string, readonly string[]>>,
): Operation[] {
  const operations: Operation[] = [];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const { value: item, pointer: itemAt } = deref(document, rawItem, child("#/paths", path));
    for (const method of METHODS) {
      if (!isObject(item[method])) continue;
      operations.push(
        readOperation(document, item, method, path, child(itemAt, method), schemes, methodNames),
      );
    }
  }
  return operations;
}

function readOperation(
  document: Json,
  item: Json,
  method: string,
  path: string,
  at: string,
  schemes: Readonly<Record<string, Credential>>,
  methodNames: Readonly<Record<string, readonly string[]>>,
): Operation {
  const op = item[method] as Json;
  const operationId = typeof op.operationId === "string" ? op.operationId : camelCase(`${method} ${path}`);
  const own = camelCase(operationId);
  const [curated, ...extra] = methodNames[operationId] ?? [];
  const params = new Map<string, Parameter>();
  const list = (raw: unknown, where: string) =>
    Array.isArray(raw) ? raw.map((p, i) => readParameter(document, p, child(where, i))) : [];
  for (const p of [
    ...list(item.parameters, child(at, "../parameters")),
    ...list(op.parameters, child(at, "parameters")),
  ]) {
    params.set(`${p.in} ${p.name}`, p);
  }
  const responses = Object.entries(isObject(op.responses) ? op.responses : {}).map(([status, r]) =>
    readResponse(document, status, r, child(child(at, "responses"), status)),
  );
  const requestBody = readRequestBody(document, op.requestBody, child(at, "requestBody"));
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
    parameters: [...params.values()],
    ...(requestBody && { requestBody }),
    responses,
    security: readSecurity(op.security ?? document.security, schemes, child(at, "security")),
  };
}
