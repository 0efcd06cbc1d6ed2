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
import { findResponseIssues } from "./validate.js";

const EXCERPT_LENGTH = 200;

/** The start of a body as one line: tags of an HTML error page dropped, white space folded. */
function excerpt(text: string): string {
  const plain = (/^\s*</.test(text) ? text.replace(/<[^>]*>/g, " ") : text).replace(/\s+/g, " ").trim();
  return plain.length > EXCERPT_LENGTH ? `${plain.slice(0, EXCERPT_LENGTH)}…` : plain;
}

/**
 * The link session in a 2xx body, or a {@link NoxInvalidResponseError} when the body is empty, not
 * JSON, or breaks the spec's response schema (a field missing, of the wrong type, a `link_url` that is
 * not an http(s) URL): a caller must never get `undefined` for a session, nor a link to send a user to
 * that is not one.
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
      const issues = findResponseIssues(json);
      if (issues.length === 0) return json as CreateSupplierLinkSessionResponse;
      const reasons = issues.slice(0, 3).map(({ field, message }) => `${field} ${message}`);
      problem = redact(
        `a link session without a valid ${issues.map(({ field }) => field).join(", ")} (${reasons.join("; ")})`,
        apiKey,
      );
    }
  }
  const details = { status: response.status, headers: response.headers, serverMessage: undefined };
  throw new NoxInvalidResponseError(
    `NOX answered ${response.status} with ${problem}. The session may have been created, so this was not retried; ` +
      `check baseUrl points at the NOX API (not a proxy or login page), and report it to NOX if it does.`,
    { ...details, bodyExcerpt: text ? redact(excerpt(text), apiKey) : undefined },
  );
}

const NOT_RETRIED = "Fix the request; it was not retried.";

/** Each status the client names: its error class and what to do about it. */
const BY_STATUS: Record<number, [typeof NoxApiError, string]> = {
  400: [NoxBadRequestError, NOT_RETRIED],
  401: [
    NoxAuthenticationError,
    "Check that NOX_API_KEY (or the apiKey option) holds a valid supplier key for this baseUrl.",
  ],
  403: [NoxPermissionDeniedError, "The API key is not allowed to do this; ask NOX."],
  404: [NoxNotFoundError, "Check that baseUrl points at the NOX v2 API."],
  409: [NoxConflictError, "Retried; try again later."],
  422: [NoxUnprocessableEntityError, NOT_RETRIED],
  429: [
    NoxRateLimitError,
    "Rate limited: retried, honouring Retry-After; send fewer requests or raise maxRetries.",
  ],
};

/** The error for a non-2xx response; `body` is what openapi-fetch read (parsed JSON or raw text). */
export function errorFromResponse(response: Response, body: unknown, apiKey: string): NoxApiError {
  const { status, headers } = response;
  const serverError = (body as { error?: unknown } | null | undefined)?.error;
  const serverMessage = typeof serverError === "string" ? redact(serverError, apiKey) : undefined;
  const raw = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
  const bodyExcerpt = serverMessage === undefined && raw !== "" ? redact(excerpt(raw), apiKey) : undefined;
  const details: NoxApiErrorDetails = { status, headers, serverMessage, bodyExcerpt };
  const said =
    serverMessage !== undefined
      ? `: ${serverMessage}`
      : bodyExcerpt !== undefined
        ? ` with a body that is not NOX's JSON error: "${bodyExcerpt}"`
        : " with an empty body";
  const [ErrorClass, advice] =
    BY_STATUS[status] ??
    (status >= 500
      ? [
          NoxServerError,
          "NOX or a proxy in front of it failed; retried. Try again later, and quote the request id to NOX if it persists.",
        ]
      : status >= 300 && status < 400
        ? [
            NoxApiError,
            "The client does not follow redirects (so the API key never leaves baseUrl's host); " +
              `set baseUrl to the final URL: ${redact(headers.get("location") ?? "(no Location header)", apiKey)}.`,
          ]
        : [NoxApiError, "This status is not in the NOX spec; report it to NOX."]);
  return new ErrorClass(`NOX answered ${status}${said}. ${advice}`, details);
}
