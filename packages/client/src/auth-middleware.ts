import type { Middleware } from "openapi-fetch";
import { CREDENTIAL_HEADERS, DEFAULT_CREDENTIALS } from "./generated/operations.js";
import { assertValidApiKey } from "./options.js";
import { credentialValue } from "./prepare-request.js";

/** The header the spec's API key scheme names (`x-api-key` today), or undefined when the key travels otherwise. */
export { API_KEY_HEADER } from "./generated/operations.js";

/** Options for {@link createAuthMiddleware}. */
export interface AuthMiddlewareOptions {
  /** The only origin the key is sent to (default: each request's resolved `baseUrl` origin). */
  origin?: string;
}

/**
 * An openapi-fetch middleware that adds the key (where the spec's security says: `x-api-key` today) only to requests for one origin, and
 * strips it from any other. By default that is the origin of the request's base URL as openapi-fetch
 * resolves it (which a per-call `baseUrl` overrides); pass `origin` to pin it, so that a per-call
 * `baseUrl` elsewhere goes without the key (the NOX client pins it). A request that carries the key is
 * sent with `redirect: "manual"` (unless it asked for `"error"`): fetch follows a redirect inside one
 * call, after every middleware ran, and Node's fetch keeps `x-api-key` on a hop to another host, so a
 * 3xx comes back as the response instead.
 * @example
 * ```ts
 * client.use(createAuthMiddleware(process.env.NOX_API_KEY!));
 * ```
 */
export function createAuthMiddleware(apiKey: string, options: AuthMiddlewareOptions = {}): Middleware {
  assertValidApiKey(apiKey);
  const fixed = options.origin === undefined ? undefined : `${new URL(options.origin).origin}/`;
  return {
    onRequest({ request, options: clientOptions }) {
      // A URL's serialised href starts with its origin and "/", so a prefix test is an exact origin test.
      const origin = fixed ?? `${new URL(clientOptions.baseUrl).origin}/`;
      if (!request.url.startsWith(origin)) {
        for (const name of CREDENTIAL_HEADERS) request.headers.delete(name);
        return request;
      }
      for (const c of DEFAULT_CREDENTIALS)
        if (c.in === "header") request.headers.set(c.name, credentialValue(c, apiKey));
      // A Request's redirect mode is read-only: one that would follow is rebuilt (body and signal move over).
      return request.redirect === "follow" ? new Request(request, { redirect: "manual" }) : request;
    },
  };
}
