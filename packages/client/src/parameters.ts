import type { EncodedParameters, ParameterCodec } from "./codecs.js";
import type { NoxValidationIssue } from "./errors.js";
import { CREDENTIAL_HEADERS } from "./generated/operations.js";
import type { NoxOperation } from "./operation.js";
import { credentialValue } from "./prepare-request.js";
import { issuesFrom, shown } from "./validation-issues.js";

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

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

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

/** The header parameters, each checked as one value: Latin-1 (a lone surrogate is not) and no line break. */
function headersOf(
  op: NoxOperation,
  params: Record<string, unknown>,
  issues: NoxValidationIssue[],
): Record<string, string | null> | undefined {
  let headers: Record<string, string | null> | undefined;
  for (const p of op.parameters) {
    const value = params[p.name];
    if (p.in !== "header" || value === undefined || value === null) continue;
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
  return headers;
}

/**
 * Path, query and header parameters in their OpenAPI styles: path parameters percent-encoded so that
 * no value (a `/`, `?`, `#`, `..`) can change the path; query credentials where the spec puts them.
 */
export const PARAMETERS: ParameterCodec = {
  findIssues(op, input, bodyIssues) {
    const { params: validate } = op.validators;
    const required = op.parameters.some((p) => p.required) || op.body?.required === true;
    if (input === undefined && !required) return [];
    if (!isObject(input)) {
      const names = op.parameters.filter((p) => p.required).map((p) => p.name);
      if (op.body?.required) names.push("body");
      const list = names.join(", ").replace(/, (?!.*, )/, " and ");
      return [
        {
          field: "params",
          message: `must be an object${list === "" ? "" : ` with ${list}`} (got ${shown(input)})`,
        },
      ];
    }
    const { body, ...params } = input;
    const issues =
      validate === undefined || validate(params) ? [] : issuesFrom(validate.errors ?? [], { root: "params" });
    if (op.body !== undefined) issues.push(...bodyIssues(body));
    else if (body !== undefined && !issues.some((i) => i.field === "body"))
      issues.push({ field: "body", message: "must be left out: this operation takes no body" });
    return issues;
  },

  encode(op, params, apiKey, issues): EncodedParameters {
    const byName = new Map(op.parameters.map((p) => [p.name, p]));
    const path = op.path.replace(TEMPLATE, (_, name: string) => {
      const p = byName.get(name) ?? { name, in: "path", required: true, style: "simple", explode: false };
      return segment(p, params[name], issues);
    });
    const headers = headersOf(op, params, issues);
    return { path: `${path}${queryOf(op, params, apiKey, issues)}`, headers };
  },
};
