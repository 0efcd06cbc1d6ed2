/** The API key a test server accepts when `apiKeys` is not given. */
export const TEST_API_KEY = "nox-test-api-key";

/** The supplier name {@link TEST_API_KEY} resolves to (the spec's example supplier). */
export const TEST_SUPPLIER_NAME = "Acme Energy";

/**
 * NOX's own link page, as in the spec's example: pass it as `linkBaseUrl` for `link_url`s on NOX's host.
 * (By default a fake points `link_url` at its own link page, which completes the session.)
 */
export const NOX_LINK_BASE_URL = "https://auth.nox.energy/ui";

/**
 * The earlier name of {@link NOX_LINK_BASE_URL}, kept so code written against it still compiles.
 * @deprecated It is no longer the default `linkBaseUrl`; use `NOX_LINK_BASE_URL`.
 */
export const DEFAULT_LINK_BASE_URL = NOX_LINK_BASE_URL;

/** Where the MSW handlers intercept by default: the spec's default server (generated), as the client's `DEFAULT_BASE_URL`. */
export { DEFAULT_BASE_URL } from "./generated/routes.js";

/** How long a link session lives: the spec says `expires_at` is 10 minutes after creation. */
export const SESSION_TTL_SECONDS = 600;

/** The largest request body a test server reads by default (1 MiB); a larger one is answered 413. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** How many requests a fake keeps by default (`maxRecordedRequests`): older ones are dropped, and counted. */
export const DEFAULT_MAX_RECORDED_REQUESTS = 1000;

/** How much of a refused request's body (answered 4xx/5xx, or dropped) a fake keeps in `bodyText`, in characters. */
export const MAX_REFUSED_BODY_EXCERPT = 1024;

/**
 * How long a fake keeps a session after its `expires_at` (so its link still answers "expired", 410), and a
 * resource a POST created with no expiry of its own after its creation, on the fake's clock; then both are
 * forgotten (the link answers 404, a GET of the resource 404).
 */
export const EXPIRED_RETENTION_SECONDS = 3600;
