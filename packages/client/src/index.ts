export * from "./generated/exports.js";
export { API_KEY_HEADER, createAuthMiddleware, type AuthMiddlewareOptions } from "./auth-middleware.js";
export { createNoxClient, type NoxClient } from "./create-client.js";
export type { LinkSessionBody } from "./curated/brand-rule/link-session-body.js";
export {
  NoxAbortError,
  NoxApiError,
  NoxAuthenticationError,
  NoxBadRequestError,
  NoxCallbackError,
  NoxConfigurationError,
  NoxConflictError,
  NoxConnectionError,
  NoxError,
  NoxInvalidResponseError,
  NoxNotFoundError,
  NoxPermissionDeniedError,
  NoxRateLimitError,
  NoxServerError,
  NoxTimeoutError,
  NoxUnprocessableEntityError,
  NoxValidationError,
  isNoxError,
  type NoxApiErrorDetails,
  type NoxValidationIssue,
} from "./errors.js";
export { DEFAULT_BASE_URL, SERVERS, type NoxServer, type NoxServerVariable } from "./generated/base-url.js";
export type { NoxLogger, NoxLogLevel } from "./log.js";
export type { NoxClientOptions, NoxFetchOptions, NoxRequestOptions } from "./options.js";
// openapi-fetch's middleware type, for `middleware: [...]`: a pnpm project cannot import openapi-fetch
// itself without adding it (it is the client's dependency, not the service's).
export type { Middleware } from "openapi-fetch";
export type { NoxBackoffOptions } from "./retry.js";
