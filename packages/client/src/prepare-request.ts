import type { NoxValidationIssue } from "./errors.js";
import { CREDENTIAL_HEADERS } from "./generated/operations.js";
import type { NoxCredential, NoxOperation } from "./operation.js";
import { shown } from "./validation-issues.js";

/** A request body as fetch sends it. */
export type SendableBody = string | Blob | ArrayBuffer | ArrayBufferView | FormData;

/** What one call sends on every attempt: the path with its parameters filled in, headers, the body. */
export interface PreparedRequest {
  /** The path, each path parameter percent-encoded, then `?query` when there is one. */
  readonly path: string;
  /** Header parameters and credentials (`null` un-sets a default credential the operation does not take). */
  readonly headers: Record<string, string | null> | undefined;
  /** The body, serialised once (JSON, form or text), or as given (binary, multipart's FormData). */
  readonly body: SendableBody | undefined;
}

// Headers the client sets itself: a parameter must never set the key or change the request's framing.
const RESERVED_HEADERS = new Set([
  ...CREDENTIAL_HEADERS,
  "authorization",
  "cookie",
  "host",
  "content-length",
  "content-type",
  "transfer-encoding",
  "connection",
  "user-agent",
]);
// fetch resolves "." and ".." segments (also spelt %2e), so such a value would move the request elsewhere.
const DOT_SEGMENTS = new Set(["", ".", ".."]);
const LINE_BREAK = /[\r\n\0]/;
// A header value is a byte string: fetch refuses a character above U+00FF before sending anything.
const BEYOND_LATIN_1 = /[^\u0000-\u00ff]/;
// With the `u` flag a surrogate pair reads as one code point, so only an unpaired half is \p{Cs}.
const UNPAIRED = /\p{Cs}/u;
const LONE_SURROGATE = "has a lone surrogate (half of a UTF-16 pair), which no URL encoding can send";
const TEMPLATE = /\{([^{}]+)\}/g;

type Parameter = NoxOperation["parameters"][number];

/** One value of a parameter as text; an issue when a lone surrogate makes it unsendable. */
function text(name: string, value: unknown, issues: NoxValidationIssue[], inUrl = true): string {
  const out = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  // encodeURIComponent throws a URIError on a lone surrogate; URLSearchParams would send U+FFFD.
  if (inUrl && UNPAIRED.test(out)) {
    issues.push({ field: name, message: `${LONE_SURROGATE} (got ${shown(value)})` });
    return "";
  }
  return out;
}

/**
 * A path or header parameter in OpenAPI's `simple` style (`label` and `matrix` for paths too): a list
 * comma-joined, an object as `k,v,k,v` (`k=v,k=v` exploded). Each part percent-encoded for a path.
 */
function simple(
  p: Parameter,
  value: unknown,
  issues: NoxValidationIssue[],
  encode: (s: string) => string,
  inUrl = true,
): string {
  const parts = (items: unknown[]) => items.map((v) => encode(text(p.name, v, issues, inUrl)));
  let out: string;
  if (Array.isArray(value)) out = parts(value).join(",");
  else if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    out = entries
      .map(([k, v]) => (p.explode ? `${encode(k)}=${parts([v])[0]}` : `${encode(k)},${parts([v])[0]}`))
      .join(",");
  } else out = encode(text(p.name, value, issues, inUrl));
  if (p.style === "label") return `.${out}`;
  if (p.style === "matrix") return `;${encode(p.name)}=${out}`;
  return out;
}

/** One path parameter, as a single percent-encoded segment; an issue when no encoding keeps it one. */
function segment(p: Parameter, value: unknown, issues: NoxValidationIssue[]): string {
  if (DOT_SEGMENTS.has(String(value))) {
    issues.push({
      field: p.name,
      message: `must not be empty, "." or "..": it would change the request's path (got ${shown(value)})`,
    });
  }
  return simple(p, value, issues, encodeURIComponent);
}

/** A query parameter in its style: `form` (exploded: repeated; else comma-joined), `deepObject`, space- or pipe-delimited. */
function addQuery(query: URLSearchParams, p: Parameter, value: unknown, issues: NoxValidationIssue[]): void {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (p.style === "deepObject")
      for (const [k, v] of entries) query.append(`${p.name}[${k}]`, text(p.name, v, issues));
    else if (p.explode) for (const [k, v] of entries) query.append(k, text(p.name, v, issues));
    else query.append(p.name, entries.map(([k, v]) => `${k},${text(p.name, v, issues)}`).join(","));
    return;
  }
  const items = Array.isArray(value) ? value : [value];
  const joiner = p.style === "spaceDelimited" ? " " : p.style === "pipeDelimited" ? "|" : ",";
  if (p.explode || !Array.isArray(value))
    for (const item of items) query.append(p.name, text(p.name, item, issues));
  else query.append(p.name, items.map((item) => text(p.name, item, issues)).join(joiner));
}

/** A credential's value (exported for the client's default headers): the key, `Bearer <key>`, or `Basic base64(<key>)` (the key holds `user:password`). */
export function credentialValue(c: NoxCredential, apiKey: string): string {
  if (c.scheme === "Bearer") return `Bearer ${apiKey}`;
  if (c.scheme === "Basic") return `Basic ${btoa(apiKey)}`;
  return apiKey;
}

/** The query string of the parameters and query credentials, `?...` or "". */
function queryOf(
  op: NoxOperation,
  params: Record<string, unknown>,
  apiKey: string,
  issues: NoxValidationIssue[],
): string {
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    const value = params[p.name];
    if (p.in !== "query" || value === undefined || value === null) continue;
    addQuery(query, p, value, issues);
  }
  for (const c of op.credentials)
    if (c.in === "query" && apiKey !== "") query.set(c.name, credentialValue(c, apiKey));
  const out = query.toString();
  return out === "" ? "" : `?${out}`;
}

// Per operation: whether its credentials are the client's default ones (sent as the client's own headers).
const SAME = new WeakMap<NoxOperation, boolean>();

function sameAsDefault(op: NoxOperation, defaults: readonly NoxCredential[]): boolean {
  let same = SAME.get(op);
  if (same === undefined) SAME.set(op, (same = JSON.stringify(op.credentials) === JSON.stringify(defaults)));
  return same;
}

/** The header parameters, and the credentials that travel in headers when they are not the client's default. */
function headersOf(
  op: NoxOperation,
  params: Record<string, unknown>,
  apiKey: string,
  defaults: readonly NoxCredential[],
  issues: NoxValidationIssue[],
): Record<string, string | null> | undefined {
  let headers: Record<string, string | null> | undefined;
  for (const p of op.parameters) {
    const value = params[p.name];
    if (p.in !== "header" || value === undefined || value === null) continue;
    // A header is checked as one value below: Latin-1 (a lone surrogate is not) and no line break.
    const value_ = simple(p, value, issues, (s) => s, false);
    if (RESERVED_HEADERS.has(p.name.toLowerCase())) {
      issues.push({ field: p.name, message: "is a header the client sets itself; it cannot be a parameter" });
    } else if (LINE_BREAK.test(value_)) {
      issues.push({ field: p.name, message: `must not contain a line break (got ${shown(value)})` });
    } else if (BEYOND_LATIN_1.test(value_)) {
      issues.push({
        field: p.name,
        message: `must be Latin-1 text (U+0000-U+00FF): a header cannot carry other characters; encode the value first (got ${shown(value)})`,
      });
    } else (headers ??= {})[p.name] = value_;
  }
  if (sameAsDefault(op, defaults)) return headers;
  for (const c of defaults) if (c.in === "header") (headers ??= {})[c.name] = null;
  for (const c of op.credentials)
    if (c.in === "header" && apiKey !== "") (headers ??= {})[c.name] = credentialValue(c, apiKey);
  return headers;
}

/** A form field's text: a string, a number or boolean as text, anything else as JSON. */
const formText = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);

/** The body serialised once for its media: JSON text, form-urlencoded text, FormData, or as given. */
function serialise(
  op: NoxOperation,
  body: unknown,
): { body: SendableBody | undefined; contentType?: string } {
  const media = op.body;
  if (media === undefined || body === undefined) return { body: undefined };
  // openapi-fetch sends application/json itself.
  if (media.kind === "json")
    return media.mediaType === "application/json"
      ? { body: JSON.stringify(body) }
      : { body: JSON.stringify(body), contentType: media.mediaType };
  const fields = Object.entries(body as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (media.kind === "form") {
    const form = new URLSearchParams();
    for (const [k, v] of fields)
      for (const item of Array.isArray(v) ? v : [v]) form.append(k, formText(item));
    return { body: form.toString(), contentType: media.mediaType };
  }
  if (media.kind === "multipart") {
    // No content-type: fetch writes multipart/form-data with the boundary.
    const form = new FormData();
    for (const [k, v] of fields)
      for (const item of Array.isArray(v) ? v : [v])
        form.append(k, item instanceof Blob ? item : formText(item));
    return { body: form };
  }
  return { body: body as SendableBody, contentType: media.mediaType };
}

/**
 * The request for `op` from its validated input (the body itself, or `{ ...parameters, body }`): path
 * parameters percent-encoded so that no value (a `/`, `?`, `#`, `..`) can change the path, query and
 * header parameters in their OpenAPI styles, the credentials where the spec says they travel, the body
 * serialised once for its media. Problems go to `issues` (the caller throws them; nothing is sent).
 */
export function prepareRequest(
  op: NoxOperation,
  input: unknown,
  apiKey: string,
  defaults: readonly NoxCredential[],
  issues: NoxValidationIssue[],
): PreparedRequest {
  const params = op.bodyOnly ? {} : (input as Record<string, unknown>);
  const byName = new Map(op.parameters.map((p) => [p.name, p]));
  const path = op.path.replace(TEMPLATE, (_, name: string) => {
    const p = byName.get(name) ?? { name, in: "path", required: true, style: "simple", explode: false };
    return segment(p, params[name], issues);
  });
  const { body, contentType } = serialise(op, op.bodyOnly ? input : params.body);
  let headers = headersOf(op, params, apiKey, defaults, issues);
  if (contentType !== undefined) headers = { ...headers, "content-type": contentType };
  return { path: `${path}${queryOf(op, params, apiKey, issues)}`, headers, body };
}
