import { shown } from "./check-schema.js";
import type { NoxValidationIssue } from "./errors.js";
import type { NoxOperation } from "./operation.js";

/** What one call sends on every attempt: the path with its parameters filled in, headers, the body. */
export interface PreparedRequest {
  /** The path, each path parameter percent-encoded, then `?query` when there is one. */
  readonly path: string;
  readonly headers: Record<string, string> | undefined;
  /** The body, serialised once. */
  readonly json: string | undefined;
}

// Headers the client sets itself: a parameter must never set the key or change the request's framing.
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
// fetch resolves "." and ".." segments (also spelt %2e), so such a value would move the request elsewhere.
const DOT_SEGMENTS = new Set(["", ".", ".."]);
const LINE_BREAK = /[\r\n\0]/;
// A header value is a byte string: fetch refuses a character above U+00FF before sending anything.
const BEYOND_LATIN_1 = /[^\u0000-\u00ff]/;
// With the `u` flag a surrogate pair reads as one code point, so only an unpaired half is \p{Cs}.
const UNPAIRED = /\p{Cs}/u;
const LONE_SURROGATE = "has a lone surrogate (half of a UTF-16 pair), which no URL encoding can send";
const TEMPLATE = /\{([^{}]+)\}/g;

/** One path parameter, as a single percent-encoded segment; an issue when no encoding keeps it one. */
function segment(name: string, value: unknown, issues: NoxValidationIssue[]): string {
  const text = String(value);
  if (DOT_SEGMENTS.has(text)) {
    issues.push({
      field: name,
      message: `must not be empty, "." or "..": it would change the request's path (got ${shown(value)})`,
    });
  }
  // encodeURIComponent throws a URIError on a lone surrogate.
  if (UNPAIRED.test(text)) {
    issues.push({ field: name, message: `${LONE_SURROGATE} (got ${shown(value)})` });
    return "";
  }
  return encodeURIComponent(text);
}

function queryOf(op: NoxOperation, params: Record<string, unknown>, issues: NoxValidationIssue[]): string {
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    const value = params[p.name];
    if (p.in !== "query" || value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = String(item);
      // URLSearchParams would send U+FFFD in its place: a value other than the one given.
      if (!UNPAIRED.test(text)) query.append(p.name, text);
      else issues.push({ field: p.name, message: `${LONE_SURROGATE} (got ${shown(item)})` });
    }
  }
  const text = query.toString();
  return text === "" ? "" : `?${text}`;
}

function headersOf(
  op: NoxOperation,
  params: Record<string, unknown>,
  issues: NoxValidationIssue[],
): Record<string, string> | undefined {
  let headers: Record<string, string> | undefined;
  for (const p of op.parameters) {
    const value = params[p.name];
    if (p.in !== "header" || value === undefined || value === null) continue;
    const text = String(value);
    if (RESERVED_HEADERS.has(p.name.toLowerCase())) {
      issues.push({ field: p.name, message: "is a header the client sets itself; it cannot be a parameter" });
    } else if (LINE_BREAK.test(text)) {
      issues.push({ field: p.name, message: `must not contain a line break (got ${shown(value)})` });
    } else if (BEYOND_LATIN_1.test(text)) {
      issues.push({
        field: p.name,
        message: `must be Latin-1 text (U+0000-U+00FF): a header cannot carry other characters; encode the value first (got ${shown(value)})`,
      });
    } else (headers ??= {})[p.name] = text;
  }
  return headers;
}

/**
 * The request for `op` from its validated input (the body itself, or `{ ...parameters, body }`): path
 * parameters percent-encoded so that no value (a `/`, `?`, `#`, `..`) can change the path, query and
 * header parameters added. Problems go to `issues` (the caller throws them; nothing is sent).
 */
export function prepareRequest(
  op: NoxOperation,
  input: unknown,
  issues: NoxValidationIssue[],
): PreparedRequest {
  if (op.bodyOnly) {
    return { path: op.path, headers: undefined, json: op.hasBody ? JSON.stringify(input) : undefined };
  }
  const params = input as Record<string, unknown>;
  const path = op.path.replace(TEMPLATE, (_, name: string) => segment(name, params[name], issues));
  const body = params.body;
  return {
    path: `${path}${queryOf(op, params, issues)}`,
    headers: headersOf(op, params, issues),
    json: op.hasBody && body !== undefined ? JSON.stringify(body) : undefined,
  };
}
