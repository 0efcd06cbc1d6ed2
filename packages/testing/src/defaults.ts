/** The API key a test server accepts when `apiKeys` is not given. */
export const TEST_API_KEY = "nox-test-api-key";

/** The supplier name {@link TEST_API_KEY} resolves to (the spec's example supplier). */
export const TEST_SUPPLIER_NAME = "Acme Energy";

/** Where `link_url` points by default: the NOX Authenticator UI, as in the spec's example. */
export const DEFAULT_LINK_BASE_URL = "https://auth.nox.energy/ui";

/** How long a link session lives: the spec says `expires_at` is 10 minutes after creation. */
export const SESSION_TTL_SECONDS = 600;

/** The largest request body a test server reads by default (1 MiB); a larger one is answered 413. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
