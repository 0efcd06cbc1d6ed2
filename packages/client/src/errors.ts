import { brandErrorClasses, isBrandedInstance } from "./error-brand.js";
import { inspectNoxError } from "./inspect-error.js";
import { INSPECT } from "./redact.js";
import { printable } from "./printable.js";
import { parseRetryAfter } from "./retry-after.js";

/** One bad field of a request, and why it is bad. */
export interface NoxValidationIssue {
  /** The field's wire name (`user_id`, `brand`), or `body` for the request as a whole. */
  field: string;
  /** Why the value was refused. */
  message: string;
}

/** The base class of every error this package throws; `cause` holds the underlying error, if any. */
export class NoxError extends Error {
  override name = "NoxError";
  /** How many HTTP attempts were made before this error was thrown (0 when nothing was sent). */
  attempts = 0;
  /**
   * The call's request id, to quote to NOX support: the server's `x-request-id` when it answered with
   * one, else the one the client sent (timeouts and connection errors too); undefined when nothing was sent.
   */
  requestId: string | undefined = undefined;

  /** A plain summary for logs: name, message and the error's own fields but `headers`; never the API key. */
  toJSON(): Record<string, unknown> {
    const { headers: _headers, ...fields } = this as Record<string, unknown>;
    return { ...fields, name: this.name, message: this.message };
  }

  [INSPECT](
    _depth: number,
    options?: object,
    inspect?: (value: unknown, options?: object) => string,
  ): string {
    return inspectNoxError(this, options, inspect);
  }

  /** `instanceof` for this class and each subclass, true also for errors from another copy of this package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBrandedInstance(this, value);
  }
}

/** True when `value` is an error thrown by this package (any {@link NoxError} subclass, from any copy of it). */
export function isNoxError(value: unknown): value is NoxError {
  return value instanceof NoxError;
}

/** The client was created with options it cannot work with (no key, a bad base URL). */
export class NoxConfigurationError extends NoxError {
  override name = "NoxConfigurationError";
}

/** The request was refused before sending: nothing reached the server. */
export class NoxValidationError extends NoxError {
  override name = "NoxValidationError";
  /** Every bad field, in the order checked. */
  readonly issues: readonly NoxValidationIssue[];

  constructor(issues: readonly NoxValidationIssue[], method = "createLinkSession") {
    const list = issues.map((i) => `  - ${i.field}: ${i.message}`).join("\n");
    super(`Invalid ${method} request; nothing was sent. Fix these fields:\n${list}`);
    this.issues = issues;
  }
}

/**
 * A redirect callback NOX's `?data=` cannot be trusted: missing, not base64url JSON, a bad field, another
 * user's, or too old. Treat the user as not linked; `issues` says what was wrong, as for a request.
 */
export class NoxCallbackError extends NoxError {
  override name = "NoxCallbackError";
  /** Every problem found, in the order checked. */
  readonly issues: readonly NoxValidationIssue[];

  constructor(issues: readonly NoxValidationIssue[], options?: ErrorOptions) {
    const shown = issues.slice(0, 10).map((i) => `  - ${i.field}: ${i.message}`);
    if (issues.length > 10) shown.push(`  - and ${issues.length - 10} more`);
    super(
      `Invalid NOX link callback; do not treat the user as linked. It may be truncated, stale or forged:\n${shown.join("\n")}`,
      options,
    );
    this.issues = issues;
  }
}

/** What the server's response told us, for {@link NoxApiError}. */
export interface NoxApiErrorDetails {
  status: number;
  headers: Headers;
  /** The server's `error` message, when the body was `{ "error": string }`. */
  serverMessage: string | undefined;
  /** The start of a body that was not `{ "error": string }` (an HTML page from a proxy). */
  bodyExcerpt: string | undefined;
}

/** The server answered with an HTTP error (or a body the client cannot use). */
export class NoxApiError extends NoxError {
  override name = "NoxApiError";
  /** The HTTP status code. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The server's `error` message, if it sent one. */
  readonly serverMessage: string | undefined;
  /** The start of a body that was not the expected JSON, if any. */
  readonly bodyExcerpt: string | undefined;
  /** The server's request id (`x-request-id`), else the one the client sent, to quote to NOX support. */
  override requestId: string | undefined;

  constructor(message: string, details: NoxApiErrorDetails, options?: ErrorOptions) {
    const header = details.headers.get("x-request-id") ?? details.headers.get("request-id");
    // A header may hold obs-text, which fetch reads as Latin-1: U+0080-U+009F are C1 controls.
    const requestId = header === null ? undefined : printable(header);
    super(requestId === undefined ? message : `${message} (request id ${requestId})`, options);
    this.status = details.status;
    this.headers = details.headers;
    this.serverMessage = details.serverMessage;
    this.bodyExcerpt = details.bodyExcerpt;
    this.requestId = requestId;
  }
}

/** 400: the server refused the request's content. */
export class NoxBadRequestError extends NoxApiError {
  override name = "NoxBadRequestError";
}

/** 401: the API key is missing, wrong or revoked. */
export class NoxAuthenticationError extends NoxApiError {
  override name = "NoxAuthenticationError";
}

/** 403: the API key is valid but not allowed to do this. */
export class NoxPermissionDeniedError extends NoxApiError {
  override name = "NoxPermissionDeniedError";
}

/** 404: the path does not exist on this base URL. */
export class NoxNotFoundError extends NoxApiError {
  override name = "NoxNotFoundError";
}

/** 409: the request conflicts with the server's state (retried). */
export class NoxConflictError extends NoxApiError {
  override name = "NoxConflictError";
}

/** 422: the request was well-formed but could not be processed. */
export class NoxUnprocessableEntityError extends NoxApiError {
  override name = "NoxUnprocessableEntityError";
}

/** 429: too many requests (retried, honouring `Retry-After`). */
export class NoxRateLimitError extends NoxApiError {
  override name = "NoxRateLimitError";
  /** The `Retry-After` the server gave, in milliseconds (uncapped), if it gave one. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: NoxApiErrorDetails, options?: ErrorOptions) {
    super(message, details, options);
    this.retryAfterMs = parseRetryAfter(details.headers.get("retry-after"));
  }
}

/** 5xx: the server or a proxy in front of it failed (retried). */
export class NoxServerError extends NoxApiError {
  override name = "NoxServerError";
}

/** A 2xx whose body is not the expected JSON; not retried, as the session may have been created. */
export class NoxInvalidResponseError extends NoxApiError {
  override name = "NoxInvalidResponseError";
}

/** The request never got an HTTP response: DNS, refused or reset connection, TLS (retried). */
export class NoxConnectionError extends NoxError {
  override name = "NoxConnectionError";
}

/** An attempt took longer than `timeoutMs` (retried). */
export class NoxTimeoutError extends NoxConnectionError {
  override name = "NoxTimeoutError";
}

/** The caller's own `signal` aborted the call; never retried. `cause` is the signal's reason. */
export class NoxAbortError extends NoxError {
  override name = "NoxAbortError";
}

// Every class above, under its own name: what `instanceof` checks across copies of the package.
brandErrorClasses({
  NoxError,
  NoxConfigurationError,
  NoxValidationError,
  NoxCallbackError,
  NoxApiError,
  NoxBadRequestError,
  NoxAuthenticationError,
  NoxPermissionDeniedError,
  NoxNotFoundError,
  NoxConflictError,
  NoxUnprocessableEntityError,
  NoxRateLimitError,
  NoxServerError,
  NoxInvalidResponseError,
  NoxConnectionError,
  NoxTimeoutError,
  NoxAbortError,
});
