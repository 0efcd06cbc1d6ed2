import { authenticate } from "./credentials.js";
import { handleLinkPage, LINK_PAGE_PATH } from "./curated/link-session/link-page.js";
import type { SessionStore } from "./curated/link-session/session-store.js";
import { EXPIRED_RETENTION_SECONDS } from "./defaults.js";
import type { FakeApi, Route } from "./fake-api.js";
import { hooksFor, type HookContext } from "./plugins.js";
import { readBody } from "./read-body.js";
import { readParams } from "./read-params.js";
import { fillPath, readRuleFor, type ResourceStore } from "./resource-store.js";
import { BINARY_SAMPLE, sampleHeader, sampleJson, sampleText, type ResponseInputs } from "./respond.js";
import { matchRoute } from "./route-match.js";
import { quote } from "./validation-messages.js";

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
  /** The body's bytes, when the transport kept them (multipart bodies are parsed from them). */
  bodyBytes?: Uint8Array;
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
  /** Where sessions are kept and completed (the link-session plug-in). */
  store: SessionStore;
  /** The routes served, their schemas, validators and plug-in data. */
  api: FakeApi;
  /** What POST routes created, for GET routes to read. */
  resources: ResourceStore;
  /** The fake's base URL (ending in `basePath`): where `format: uri` values point. */
  url: string;
}

export { LINK_PAGE_PATH };

/** Every path template the fake serves, below `basePath`: each route's (once), and the link page's when it has one. */
export function routePaths(api: FakeApi): string[] {
  const paths = new Set(api.routes.map((route) => route.path));
  if (api.linkSession !== null) paths.add(LINK_PAGE_PATH);
  return [...paths];
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

/**
 * Answers one request as NOX would: a body over the size limit is 413; `GET {basePath}/ui?token=...`
 * completes a session (302 to its `redirect_url`) when the link-session plug-in is on; a route's method
 * and path (see ./route-match.ts) are served by {@link serveRoute}. A known path with another method is
 * 405 with `Allow`; others are 404.
 */
export async function handleRequest(call: IncomingCall, config: HandlerConfig): Promise<Reply> {
  if (call.bodyTooLarge === true) {
    return jsonReply(413, {
      error: `Request body is larger than ${config.maxBodyBytes} bytes, the most this NOX test server accepts`,
    });
  }
  if (config.api.linkSession !== null && call.pathname === `${config.basePath}${LINK_PAGE_PATH}`) {
    return handleLinkPage(call, config.store, config.now());
  }
  const below = call.pathname.startsWith(`${config.basePath}/`)
    ? call.pathname.slice(config.basePath.length)
    : "";
  const match = matchRoute(config.api.routes, call.method, below);
  if (match.kind === "none") {
    const served = config.api.routes.map((r) => `${r.method} ${config.basePath}${r.path}`);
    const list =
      served.length > 12
        ? `${served.slice(0, 12).join(", ")} and ${served.length - 12} more`
        : served.join(", ");
    return jsonReply(404, {
      error: `Not found: ${call.method} ${call.pathname}. The NOX test server serves ${list}`,
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
 * One operation: the credentials where its security says they travel (401 with the spec's message),
 * the parameters and the body against the generated validators (400 in the spec's style), a plug-in's
 * check, then the answer: a GET reading a created resource (see ./resource-store.ts) returns it or 404;
 * otherwise the documented success with a body sampled from its schema (./respond.ts), shaped by a
 * plug-in's hook if any. A POST's JSON answer is kept as a created resource.
 */
async function serveRoute(
  route: Route,
  path: Record<string, string>,
  call: IncomingCall,
  config: HandlerConfig,
): Promise<Reply> {
  const supplier = authenticate(route, call, config.apiKeys);
  if (supplier === undefined) return jsonReply(401, { error: route.errors["401"] ?? INVALID_API_KEY });
  const validators = config.api.validators[route.operationId];
  const components = config.api.components;
  const query = new URLSearchParams(call.search);
  const params = readParams(route, { path, query, headers: call.headers }, validators?.params, components);
  if (!params.ok) return jsonReply(400, { error: params.error });
  const hooks = hooksFor(route, config.api);
  const hint = (body: unknown) => hooks.map((h) => h.hint?.(body)).find((h) => h !== undefined);
  const body = await readBody(route, call, validators?.body, components, hint);
  if (!body.ok) return jsonReply(400, { error: body.error });
  const problem =
    body.value === undefined ? undefined : hooks.map((h) => h.check?.(body.value)).find(Boolean);
  if (problem !== undefined) return jsonReply(400, { error: problem });

  const now = config.now();
  const rule = readRuleFor(route, config.api.routes, components);
  if (rule !== undefined) {
    // Keyed by supplier too: one supplier's key must never read another's resources.
    const found = config.resources.find(
      `${supplier}\n${fillPath(rule.collection, params.value)}`,
      rule.property,
      path[rule.parameter] ?? "",
      now,
    );
    if (found === undefined) {
      return jsonReply(404, {
        error: route.errors["404"] ?? `No resource with ${rule.parameter} ${quote(path[rule.parameter])}`,
      });
    }
    return jsonReply(route.success?.status ?? 200, found);
  }
  return answer(route, { supplier, now, body: body.value, params: params.value, hooks }, config);
}

/** The success answer: sampled, echoing the request, shaped by the plug-ins, checked by its validator. */
function answer(
  route: Route,
  request: {
    supplier: string;
    now: number;
    body: unknown;
    params: Readonly<Record<string, unknown>>;
    hooks: ReturnType<typeof hooksFor>;
  },
  config: HandlerConfig,
): Reply {
  const success = route.success;
  // No 2xx or 3xx documented: nothing to say but that it worked.
  if (success === null) return { status: 204, headers: {}, body: "" };
  const inputs: ResponseInputs = {
    body: request.body,
    bodySchema: route.body?.schema ?? null,
    params: request.params,
    url: config.url,
    now: request.now,
  };
  const components = config.api.components;
  const headers: Record<string, string> = {};
  for (const header of success.headers)
    headers[header.name] = sampleHeader(header.schema, inputs, components);
  const location = headers["location"];
  if (success.status >= 300 && success.status < 400 && (!location || !URL.canParse(location, config.url))) {
    // A redirect needs somewhere to go: the documented header's sample, else the request's own URL.
    headers["location"] = `${config.url}${fillPath(route.path, request.params)}`;
  }

  if (success.kind === null || success.mediaType === null)
    return { status: success.status, headers, body: "" };
  const mediaType = success.mediaType.includes("*") ? "application/octet-stream" : success.mediaType;
  if (success.kind === "text") {
    return {
      status: success.status,
      headers: { ...headers, "content-type": mediaType },
      body: sampleText(success.schema, mediaType, components),
    };
  }
  if (success.kind !== "json") {
    return {
      status: success.status,
      headers: { ...headers, "content-type": mediaType },
      body: BINARY_SAMPLE,
    };
  }
  const context: HookContext = {
    supplier: request.supplier,
    now: request.now,
    token: config.token(),
    linkBaseUrl: config.linkBaseUrl,
    store: config.store,
    api: config.api,
  };
  const shape = (value: unknown) =>
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? request.hooks.reduce<Record<string, unknown>>(
          (acc, hook) => hook.shape?.(acc, request.body, context) ?? acc,
          value as Record<string, unknown>,
        )
      : value;
  const validate = config.api.validators[route.operationId]?.responses[success.documented];
  // When no sample passes (a schema nothing can meet), the best one is sent all the same.
  const { value } = sampleJson(success.schema, inputs, { components, validate }, shape);
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const hook of request.hooks) hook.created?.(value as Record<string, unknown>, context);
    if (route.method === "POST") {
      const record = value as Record<string, unknown>;
      const evictAt =
        request.hooks.map((h) => h.evictAt?.(record)).find((t) => t !== undefined) ??
        request.now + EXPIRED_RETENTION_SECONDS;
      config.resources.add(
        `${request.supplier}\n${fillPath(route.path, request.params)}`,
        value,
        request.now,
        evictAt,
      );
    }
  }
  const contentType = mediaType === "application/octet-stream" ? "application/json" : mediaType;
  // Serialised here: jsonReply sends a string as-is, and a JSON string answer must be quoted.
  return {
    status: success.status,
    headers: { ...headers, "content-type": contentType },
    body: JSON.stringify(value) ?? "null",
  };
}
