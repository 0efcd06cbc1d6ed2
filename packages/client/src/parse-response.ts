import type { CreateSupplierLinkSessionResponse } from "@nox-energy/authenticator-types";
import {
  NoxApiError,
  NoxAuthenticationError,
  NoxBadRequestError,
  NoxConflictError,
  NoxInvalidResponseError,
  NoxNotFoundError,
  NoxPermissionDeniedError,
  NoxRateLimitError,
  NoxServerError,
  NoxUnprocessableEntityError,
  type NoxApiErrorDetails,
} from "./errors.js";
import { redact } from "./redact.js";
import { parseRetryAfter } from "./retry.js";

const EXCERPT_LENGTH = 200;

/** The start of a body as one line: tags of an HTML error page dropped, white space folded. */
function excerpt(text: string): string {
  const plain = (/^\s*</.test(text) ? text.replace(/<[^>]*>/g, " ") : text).replace(/\s+/g, " ").trim();
  return plain.length > EXCERPT_LENGTH ? `${plain.slice(0, EXCERPT_LENGTH)}…` : plain;
}

/** Fields every link session has, by the type the spec gives them. */
const REQUIRED_FIELDS = [
  ["link_url", "string"],
  ["link_token", "string"],
  ["supplier", "string"],
  ["supplier_user_id", "string"],
  ["redirect_url", "string"],
  ["language", "string"],
  ["asset_type", "string"],
  ["created_at", "number"],
  ["expires_at", "number"],
] as const;

/**
 * The link session in a 2xx body, or a {@link NoxInvalidResponseError} when the body is empty, not
 * JSON, or lacks a required field: a caller must never get `undefined` for a session.
 */
export function parseLinkSession(
  text: string | undefined,
  response: Response,
  apiKey: string,
): CreateSupplierLinkSessionResponse {
  let problem: string;
  if (!text) {
    problem = "an empty body";
  } else {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      problem = `a body that is not a JSON object: "${redact(excerpt(text), apiKey)}"`;
    } else {
      const record = json as Record<string, unknown>;
      if (REQUIRED_FIELDS.every(([name, type]) => typeof record[name] === type)) {
        return json as CreateSupplierLinkSessionResponse;
      }
      const missing = REQUIRED_FIELDS.filter(([name, type]) => typeof record[name] !== type);
      problem = `a link session without a valid ${missing.map(([name]) => name).join(", ")}`;
    }
  }
  const details = { status: response.status, headers: response.headers, serverMessage: undefined };
  throw new NoxInvalidResponseError(
    `NOX answered ${response.status} with ${problem}. The session may have been created, so this was not retried; ` +
      `check baseUrl points at the NOX API (not a proxy or login page), and report it to NOX if it does.`,
    { ...details, bodyExcerpt: text ? redact(excerpt(text), apiKey) : undefined },
  );
}

/** The error for a non-2xx response; `body` is what openapi-fetch read (parsed JSON or raw text). */
export function errorFromResponse(response: Response, body: unknown, apiKey: string): NoxApiError {
  const { status } = response;
  const serverError = (body as { error?: unknown } | null | undefined)?.error;
  const serverMessage = typeof serverError === "string" ? redact(serverError, apiKey) : undefined;
  const raw = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
  const bodyExcerpt = serverMessage === undefined && raw !== "" ? redact(excerpt(raw), apiKey) : undefined;
  const details: NoxApiErrorDetails = { status, headers: response.headers, serverMessage, bodyExcerpt };
  const said =
    serverMessage !== undefined
      ? `: ${serverMessage}`
      : bodyExcerpt !== undefined
        ? ` with a body that is not NOX's JSON error: "${bodyExcerpt}"`
        : " with an empty body";
  const what = `NOX answered ${status}${said}.`;
  if (status === 400) return new NoxBadRequestError(`${what} Fix the request; it was not retried.`, details);
  if (status === 401) {
    return new NoxAuthenticationError(
      `${what} Check that NOX_API_KEY (or the apiKey option) holds a valid supplier key for ${response.url ? new URL(response.url).origin : "this API"}.`,
      details,
    );
  }
  if (status === 403) {
    return new NoxPermissionDeniedError(`${what} The API key is not allowed to do this; ask NOX.`, details);
  }
  if (status === 404) {
    return new NoxNotFoundError(`${what} Check that baseUrl points at the NOX v2 API.`, details);
  }
  if (status === 409) return new NoxConflictError(`${what} Retried; try again later.`, details);
  if (status === 422) {
    return new NoxUnprocessableEntityError(`${what} Fix the request; it was not retried.`, details);
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    return new NoxRateLimitError(
      `${what} Rate limited: retried, honouring Retry-After; send fewer requests or raise maxRetries.`,
      details,
      retryAfterMs,
    );
  }
  if (status >= 500) {
    return new NoxServerError(
      `${what} NOX or a proxy in front of it failed; retried. Try again later, and quote the request id to NOX if it persists.`,
      details,
    );
  }
  if (status >= 300 && status < 400) {
    return new NoxApiError(
      `${what} The client does not follow redirects (so the API key never leaves baseUrl's host); ` +
        `set baseUrl to the final URL: ${response.headers.get("location") ?? "(no Location header)"}.`,
      details,
    );
  }
  return new NoxApiError(`${what} This status is not in the NOX spec; report it to NOX.`, details);
}
