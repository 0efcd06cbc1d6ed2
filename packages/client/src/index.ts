export type {
  CheckedCreateLinkSessionRequest,
  CreateSupplierLinkSessionRequest,
  CreateSupplierLinkSessionResponse,
  ErrorResponse,
  LinkSessionRequestFor,
  UncheckedCreateLinkSessionRequest,
  LinkCallback,
} from "@nox-energy/authenticator-types";
export { API_KEY_HEADER, createAuthMiddleware, type AuthMiddlewareOptions } from "./auth-middleware.js";
export { createNoxClient, type LinkSessionBody, type NoxClient } from "./create-client.js";
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
export { DEFAULT_BASE_URL } from "./generated/base-url.js";
export type { NoxLogger, NoxLogLevel } from "./log.js";
export type { NoxClientOptions, NoxRequestOptions } from "./options.js";
export { parseLinkCallback, type ParseLinkCallbackOptions } from "./parse-link-callback.js";
export type { NoxBackoffOptions } from "./retry.js";
