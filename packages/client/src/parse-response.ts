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
import { excerpt } from "./excerpt.js";
import type { NoxOperation } from "./operation.js";
import type { BodyText } from "./read-body.js";
import { printable } from "./printable.js";
import { redact, redactHeaders } from "./redact.js";
import { triedNote } from "./retry.js";
import { issuesFrom } from "./validation-issues.js";

/** What a 2xx that cannot be used means for `operation`, and that it was not retried. */
function notRetried(operation: NoxOperation): string {
  return operation.effect === undefined
    ? "It was not retried"
    : `${operation.effect}, so this was not retried`;
}

/** The documented success `status` is, or for an undocumented 2xx the first documented one (what it is read as). */
export function successOf(
  operation: NoxOperation,
  status: number,
): NoxOperation["success"][number] | undefined {
  const { success } = operation;
  return success.find((s) => s.status === status) ?? (status >= 200 && status < 300 ? success[0] : undefined);
}

/** True when `status` is a success for `operation`: any 2xx, or a documented 3xx (returned as is, not followed). */
export function isSuccess(operation: NoxOperation, status: number): boolean {
  return (status >= 200 && status < 300) || operation.success.some((s) => s.status === status);
}

/**
 * The JSON body of `operation`'s success response, or a {@link NoxInvalidResponseError} when it is
 * empty, not JSON, or breaks the spec's response schema (a field missing, of the wrong type, a
 * `link_url` that is not an http(s) URL): a caller must never get `undefined` for a session, nor a
 * link to send a user to that is not one. Unknown fields and enum values pass (the response validators
 * are lenient). A success without a documented JSON body is read by the caller as its media says.
 */
export function parseSuccess(
  text: string | undefined,
  response: Response,
  apiKey: string,
  operation: NoxOperation,
): unknown {
  const documented = successOf(operation, response.status);
  const validate =
    operation.validators.responses[String(response.status)] ??
    (documented === undefined ? undefined : operation.validators.responses[String(documented.status)]);
  if (validate === undefined && !text) return undefined;
  // A 2xx the spec documents no body for (an operation with only a `default` response): JSON when it
  // is JSON, else its text; nothing to check it against.
  if (validate === undefined && operation.success.length === 0) {
    try {
      return JSON.parse(text!);
    } catch {
      return text;
    }
  }
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
    if (json === undefined) {
      const what = text.trimStart().startsWith("{") ? "a JSON object" : "JSON";
      problem = `a body that is not ${what}: "${excerpt(text, apiKey)}"`;
    } else if (validate === undefined || validate(json)) {
      return json;
    } else {
      const issues = issuesFrom(validate.errors ?? [], { root: "body" });
      const first = issues[0];
      if (first?.field === "body" && issues.length === 1) problem = `a body that ${first.message}`;
      else {
        const reasons = issues.slice(0, 3).map(({ field, message }) => `${field} ${message}`);
        problem = `a body without a valid ${issues.map(({ field }) => field).join(", ")} (${reasons.join("; ")})`;
      }
      problem = redact(problem, apiKey);
    }
  }
  const details = {
    status: response.status,
    headers: redactHeaders(response.headers, apiKey),
    serverMessage: undefined,
  };
  throw new NoxInvalidResponseError(
    `NOX answered ${response.status} with ${problem}. ${notRetried(operation)}; ` +
      `check baseUrl points at the NOX API (not a proxy or login page), and report it to NOX if it does.`,
    { ...details, bodyExcerpt: text ? excerpt(text, apiKey) : undefined },
  );
}

/**
 * The error for a 2xx whose body could not be read whole: over `maxResponseBytes`, or broken off (a
 * cut connection, bad gzip, a body that stalled until the timeout). Not retried: for an unsafe method
 * the status says the request may have taken effect.
 */
export function unreadableSuccess(
  response: Response,
  apiKey: string,
  problem: string,
  operation: NoxOperation,
  cause?: unknown,
): NoxInvalidResponseError {
  return new NoxInvalidResponseError(
    `NOX answered ${response.status} but ${problem}. ${notRetried(operation)}; ` +
      `check with NOX before ${operation.effect === undefined ? "relying on it" : "sending it again"}.`,
    {
      status: response.status,
      headers: redactHeaders(response.headers, apiKey),
      serverMessage: undefined,
      bodyExcerpt: undefined,
    },
    cause === undefined ? undefined : { cause },
  );
}

const NOT_RETRIED = "Fix the request; it was not retried.";

/** Each status the client names: its error class and what to do about it (given the attempts made). */
const BY_STATUS: Record<number, [typeof NoxApiError, (tried: string) => string]> = {
  400: [NoxBadRequestError, () => NOT_RETRIED],
  401: [
    NoxAuthenticationError,
    () => "Check that NOX_API_KEY (or the apiKey option) holds a valid supplier key for this baseUrl.",
  ],
  403: [NoxPermissionDeniedError, () => "The API key is not allowed to do this; ask NOX."],
  404: [NoxNotFoundError, () => "Check that baseUrl points at the NOX v2 API."],
  409: [NoxConflictError, (tried) => `${tried}; try again later.`],
  422: [NoxUnprocessableEntityError, () => NOT_RETRIED],
  429: [
    NoxRateLimitError,
    (tried) => `Rate limited (${tried}, honouring Retry-After); send fewer requests or raise maxRetries.`,
  ],
};

const SERVER_ERROR: [typeof NoxApiError, (tried: string) => string] = [
  NoxServerError,
  (tried) =>
    `NOX or a proxy in front of it failed (${tried}). Try again later, and quote the request id to NOX if it persists.`,
];
const REDIRECT: [typeof NoxApiError, (tried: string) => string] = [
  NoxApiError,
  () =>
    "The client does not follow redirects, so the API key never leaves baseUrl's origin, and this one was not followed. " +
    "Check baseUrl with NOX; do not point it at wherever a redirect leads.",
];
// A 404 the operation documents: what the request names does not exist (the base URL may still be wrong).
const NOT_FOUND: [typeof NoxApiError, (tried: string) => string] = [
  NoxNotFoundError,
  () => "Check the parameters you sent (and that baseUrl points at the NOX v2 API).",
];
const UNKNOWN: [typeof NoxApiError, (tried: string) => string] = [
  NoxApiError,
  () => "This status is not in the NOX spec; report it to NOX.",
];

/** The `error` string of a `{ "error": string }` body, or undefined. */
function serverErrorOf(text: string): string | undefined {
  if (!text.startsWith("{")) return undefined;
  try {
    const error = (JSON.parse(text) as { error?: unknown } | null)?.error;
    return typeof error === "string" ? error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The error for a non-2xx response, from its status alone (whatever the body holds) and the start of
 * its body as read (`body.cut` when it was longer than `maxResponseBytes`); `documented` are the
 * operation's documented error statuses (a documented 404 is about what the request names). Every server-provided
 * string, header values included, has the key redacted before it is cut or transformed.
 */
export function errorFromResponse(
  response: Response,
  body: BodyText,
  apiKey: string,
  maxRetries: number,
  documented: readonly number[] = [],
): NoxApiError {
  const { status } = response;
  const headers = redactHeaders(response.headers, apiKey);
  const serverError = body.cut ? undefined : serverErrorOf(body.text.trimStart());
  const serverMessage = serverError === undefined ? undefined : printable(redact(serverError, apiKey));
  const bodyExcerpt =
    serverMessage === undefined && body.text !== "" ? excerpt(body.text, apiKey, body.cut) : undefined;
  const details: NoxApiErrorDetails = { status, headers, serverMessage, bodyExcerpt };
  const said =
    serverMessage !== undefined
      ? `: ${serverMessage}`
      : bodyExcerpt !== undefined
        ? ` with a body that is not NOX's JSON error: "${bodyExcerpt}"`
        : " with an empty body";
  const [ErrorClass, advice] =
    (status === 404 && documented.includes(404) ? NOT_FOUND : BY_STATUS[status]) ??
    (status >= 500 ? SERVER_ERROR : status >= 300 && status < 400 ? REDIRECT : UNKNOWN);
  return new ErrorClass(`NOX answered ${status}${said}. ${advice(triedNote(maxRetries))}`, details);
}
