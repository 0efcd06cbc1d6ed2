import { ERROR_EXAMPLES, OPERATION } from "./generated/schemas.js";
import { parseJsonBody } from "./json-body.js";
import { createSession } from "./session.js";
import type { LinkChoices, SessionStore } from "./session-store.js";
import { validateLinkSessionRequest } from "./validate-request.js";

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
}

/** The path NOX's link page (`link_url`) is served on, below `basePath`: a GET completes the session. */
export const LINK_PAGE_PATH = "/ui";

/** Every path the fake serves, below `basePath`: the API operation's and the link page's. */
export const ROUTE_PATHS = [OPERATION.path, LINK_PAGE_PATH] as const;

const INVALID_API_KEY = ERROR_EXAMPLES["401"];

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
 * Answers one request as NOX would: a body over the size limit is 413; `POST {basePath}/supplier/link-sessions`
 * checks the API key (401), the body (400, with the spec's message style) and creates a session (201);
 * `GET {basePath}/ui?token=...` completes a session (302 to its `redirect_url`). Other paths are 404 and
 * other methods 405 with `Allow`.
 */
export function handleRequest(call: IncomingCall, config: HandlerConfig): Reply {
  if (call.bodyTooLarge === true) {
    return jsonReply(413, {
      error: `Request body is larger than ${config.maxBodyBytes} bytes, the most this NOX test server accepts`,
    });
  }
  if (call.pathname === `${config.basePath}${LINK_PAGE_PATH}`) return handleLinkPage(call, config);
  const route = `${config.basePath}${OPERATION.path}`;
  if (call.pathname !== route) {
    return jsonReply(404, {
      error: `Not found: ${call.method} ${call.pathname}. The NOX test server serves ${OPERATION.method} ${route}`,
    });
  }
  if (call.method !== OPERATION.method) {
    return jsonReply(
      405,
      { error: `Method ${call.method} not allowed on ${route}; use ${OPERATION.method}` },
      { allow: OPERATION.method },
    );
  }
  return createLinkSession(call, config);
}

function createLinkSession(call: IncomingCall, config: HandlerConfig): Reply {
  const apiKey = call.headers[OPERATION.apiKeyHeader];
  const supplier = apiKey === undefined ? undefined : config.apiKeys.get(apiKey);
  if (supplier === undefined) return jsonReply(401, { error: INVALID_API_KEY });

  const mediaType = call.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return jsonReply(400, {
      error: `Content-Type must be application/json, got ${mediaType === undefined ? "none" : mediaType}`,
    });
  }
  const body = parseJsonBody(call.bodyText);
  if (!body.ok) return jsonReply(400, { error: body.error });
  const result = validateLinkSessionRequest(body.value);
  if (!result.ok) return jsonReply(400, { error: result.error });

  const session = createSession(result.value, {
    supplier,
    now: config.now(),
    token: config.token(),
    linkBaseUrl: config.linkBaseUrl,
  });
  config.store.add(session);
  return jsonReply(201, session);
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
  const choices: LinkChoices = {};
  const brand = query.get("brand");
  const devices = query.get("device_ids");
  const noxUserId = query.get("nox_user_id");
  if (brand !== null) choices.brand = brand;
  if (devices !== null) choices.device_ids = devices.split(",");
  if (noxUserId !== null) choices.nox_user_id = noxUserId;
  const completion = config.store.complete(query.get("token"), choices, config.now());
  if (!completion.ok) return htmlReply(completion.status, completion.error);
  return { status: 302, headers: { location: completion.value.redirectUrl }, body: "" };
}
