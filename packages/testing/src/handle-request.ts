import { buildResponse } from "./build-response.js";
import { EXPIRED_RETENTION_SECONDS } from "./defaults.js";
import type { FakeApi, Route } from "./fake-api.js";
import { parseJsonBody } from "./json-body.js";
import { hookFor, linkChoicesOf } from "./link-session-route.js";
import { fillPath, readRuleFor, type ResourceStore } from "./resource-store.js";
import { matchRoute } from "./route-match.js";
import type { SessionStore } from "./session-store.js";
import type { SchemaSet } from "./spec-schema.js";
import { validateParams } from "./validate-params.js";
import { quote, validateBody } from "./validate-request.js";

/** A request as the server sees it, whichever transport brought it. */
export interface IncomingCall {
  method: string;
  /** The URL's path, without the query. */
  pathname: string;
  /** The URL's query, with its `?`, or "". */
  search: string;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string>>;
  /** The body as text; "" when it was too large to read. */
  bodyText: string;
  /** The body was over the server's `maxBodyBytes`, so the transport stopped reading it. */
  bodyTooLarge?: boolean;
}

/** A response ready for either transport to send. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Everything a request's answer depends on besides the request. */
export interface HandlerConfig {
  basePath: string;
  /** API key -> supplier name. */
  apiKeys: ReadonlyMap<string, string>;
  /** Unix seconds. */
  now: () => number;
  token: () => string;
  linkBaseUrl: string;
  /** The largest body read, in bytes (for the 413 message). */
  maxBodyBytes: number;
  /** Where sessions are kept and completed. */
  store: SessionStore;
  /** The routes served and their schemas. */
  api: FakeApi;
  /** Validators over `api.components`. */
  schemas: SchemaSet;
  /** What POST routes created, for GET routes to read. */
  resources: ResourceStore;
  /** The fake's base URL (ending in `basePath`): where `format: uri` values point. */
  url: string;
}

/** The path NOX's link page (`link_url`) is served on, below `basePath`: a GET completes the session. */
export const LINK_PAGE_PATH = "/ui";

/** Every path template the fake serves, below `basePath`: each route's (once) and the link page's. */
export function routePaths(api: FakeApi): string[] {
  return [...new Set(api.routes.map((route) => route.path)), LINK_PAGE_PATH];
}

const INVALID_API_KEY = "Invalid API key";

/**
 * An `application/json` reply; `body` is serialised, or sent as-is when it is already a string.
 * Without a body there is no content type to declare.
 */
export function jsonReply(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Reply {
  if (body === undefined) return { status, headers: { ...headers }, body: "" };
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { status, headers: { "content-type": "application/json", ...headers }, body: text };
}

/** A short HTML page, as a browser on NOX's link page would see it; `message` is escaped (it may quote the URL). */
export function htmlReply(status: number, message: string): Reply {
  const text = message.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  const body = `<!doctype html><meta charset="utf-8"><title>NOX test server</title><p>${text}</p>\n`;
  return { status, headers: { "content-type": "text/html; charset=utf-8" }, body };
}

/**
 * Answers one request as NOX would: a body over the size limit is 413; `GET {basePath}/ui?token=...`
 * completes a session (302 to its `redirect_url`); a route's method and path (see ./route-match.ts) are
 * served by {@link serveRoute}. A known path with another method is 405 with `Allow`; others are 404.
 */
export function handleRequest(call: IncomingCall, config: HandlerConfig): Reply {
  if (call.bodyTooLarge === true) {
    return jsonReply(413, {
      error: `Request body is larger than ${config.maxBodyBytes} bytes, the most this NOX test server accepts`,
    });
  }
  if (call.pathname === `${config.basePath}${LINK_PAGE_PATH}`) return handleLinkPage(call, config);
  const below = call.pathname.startsWith(`${config.basePath}/`)
    ? call.pathname.slice(config.basePath.length)
    : "";
  const match = matchRoute(config.api.routes, call.method, below);
  if (match.kind === "none") {
    const served = config.api.routes.map((r) => `${r.method} ${config.basePath}${r.path}`).join(", ");
    return jsonReply(404, {
      error: `Not found: ${call.method} ${call.pathname}. The NOX test server serves ${served}`,
    });
  }
  if (match.kind === "method") {
    const allow = match.allow.join(", ");
    return jsonReply(
      405,
      { error: `Method ${call.method} not allowed on ${call.pathname}; use ${allow}` },
      { allow },
    );
  }
  return serveRoute(match.route, match.params, call, config);
}

/**
 * One operation: the API key (401 with the spec's message), the parameters and the JSON body against
 * the spec's schemas (400 in the spec's style), then the answer: a GET reading a created resource (see
 * ./resource-store.ts) returns it or 404; otherwise the documented success status with a body built
 * from its schema (./build-response.ts), shaped by a curated hook (./link-session-route.ts) if any. A
 * POST's body is kept as a created resource.
 */
function serveRoute(
  route: Route,
  path: Record<string, string>,
  call: IncomingCall,
  config: HandlerConfig,
): Reply {
  let supplier = "";
  if (route.apiKeyHeader !== null) {
    const apiKey = call.headers[route.apiKeyHeader];
    const known = apiKey === undefined ? undefined : config.apiKeys.get(apiKey);
    if (known === undefined) return jsonReply(401, { error: route.errors["401"] ?? INVALID_API_KEY });
    supplier = known;
  }
  const query = new URLSearchParams(call.search);
  const params = validateParams(route, { path, query, headers: call.headers }, config.schemas);
  if (!params.ok) return jsonReply(400, { error: params.error });
  const hook = hookFor(route, config.api);
  const body = readBody(route, call, config);
  if (!body.ok) return jsonReply(400, { error: body.error });
  const problem = body.value === undefined ? undefined : hook?.check(body.value);
  if (problem !== undefined) return jsonReply(400, { error: problem });

  const now = config.now();
  const rule = readRuleFor(route, config.api.routes, config.schemas);
  if (rule !== undefined) {
    // Keyed by supplier too: one supplier's key must never read another's resources.
    const found = config.resources.find(
      `${supplier}\n${fillPath(rule.collection, params.value)}`,
      rule.property,
      path[rule.property] ?? "",
      now,
    );
    if (found === undefined) {
      return jsonReply(404, {
        error: route.errors["404"] ?? `No resource with ${rule.property} ${quote(path[rule.property])}`,
      });
    }
    return jsonReply(route.success.status, found);
  }
  const bodySchema = route.body?.schema ?? null;
  const inputs = { body: body.value, bodySchema, params: params.value, url: config.url, now };
  let answer = buildResponse(route.success.schema, inputs, config.schemas);
  if (hook !== undefined && typeof answer === "object" && answer !== null) {
    const context = {
      supplier,
      now,
      token: config.token(),
      linkBaseUrl: config.linkBaseUrl,
      store: config.store,
    };
    answer = hook.respond(answer as Record<string, unknown>, body.value, context);
  }
  if (route.method === "POST" && typeof answer === "object" && answer !== null) {
    const evictAt = hook?.evictAt?.(answer as Record<string, unknown>) ?? now + EXPIRED_RETENTION_SECONDS;
    config.resources.add(`${supplier}\n${fillPath(route.path, params.value)}`, answer, now, evictAt);
  }
  return jsonReply(route.success.status, answer);
}

/** The route's JSON body, parsed and validated; `undefined` for a route without one. */
function readBody(
  route: Route,
  call: IncomingCall,
  config: HandlerConfig,
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (route.body === null) return { ok: true, value: undefined };
  if (!route.body.required && call.bodyText === "") return { ok: true, value: undefined };
  const mediaType = call.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return {
      ok: false,
      error: `Content-Type must be application/json, got ${mediaType === undefined ? "none" : mediaType}`,
    };
  }
  const parsed = parseJsonBody(call.bodyText);
  if (!parsed.ok) return parsed;
  return validateBody(parsed.value, route.body.schema, config.schemas);
}

/**
 * The user opening `link_url` and finishing NOX's flow at once: 302 to `redirect_url` with `?data=`.
 * Query parameters `brand`, `device_ids` (comma-separated) and `nox_user_id` stand for the user's choices.
 */
function handleLinkPage(call: IncomingCall, config: HandlerConfig): Reply {
  if (call.method !== "GET") {
    const page = htmlReply(405, "Open this link in a browser (GET).");
    return { ...page, headers: { ...page.headers, allow: "GET" } };
  }
  const query = new URLSearchParams(call.search);
  const completion = config.store.complete(query.get("token"), linkChoicesOf(query), config.now());
  if (!completion.ok) return htmlReply(completion.status, completion.error);
  return { status: 302, headers: { location: completion.value.redirectUrl }, body: "" };
}
