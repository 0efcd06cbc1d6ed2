export { createNoxTestServer, type NoxTestServer, type NoxTestServerOptions } from "./create-test-server.js";
export type { NoxFakeOptions, NoxFakeState, RecordedRequest } from "./fake-core.js";
export {
  DEFAULT_LINK_BASE_URL,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_RECORDED_REQUESTS,
  EXPIRED_RETENTION_SECONDS,
  MAX_REFUSED_BODY_EXCERPT,
  NOX_LINK_BASE_URL,
  SESSION_TTL_SECONDS,
  TEST_API_KEY,
  TEST_SUPPLIER_NAME,
} from "./defaults.js";
export type { Fault } from "./faults.js";
export type { LinkCallback } from "@nox-energy/authenticator-types";
export type { CompletedSession, LinkChoices } from "./session-store.js";
export { validateLinkSessionRequest, type LinkSessionRequestValidation } from "./validate-request.js";
