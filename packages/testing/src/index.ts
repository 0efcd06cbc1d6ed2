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
// Each plug-in's public API, when it fits the spec (generated: see packages/testing/README.md#plug-ins).
export * from "./generated/exports.js";
