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
  return encodeURIComponent(text);
}

function queryOf(op: NoxOperation, params: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    const value = params[p.name];
    if (p.in !== "query" || value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(p.name, String(item));
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
    path: `${path}${queryOf(op, params)}`,
    headers: headersOf(op, params, issues),
    json: op.hasBody && body !== undefined ? JSON.stringify(body) : undefined,
  };
}
