export {
  createNoxTestServer,
  type NoxTestServer,
  type NoxTestServerOptions,
  type RecordedRequest,
} from "./create-test-server.js";
export {
  DEFAULT_LINK_BASE_URL,
  DEFAULT_MAX_BODY_BYTES,
  SESSION_TTL_SECONDS,
  TEST_API_KEY,
  TEST_SUPPLIER_NAME,
} from "./defaults.js";
export type { Fault } from "./faults.js";
export { validateLinkSessionRequest, type LinkSessionRequestValidation } from "./validate-request.js";
