import { NoxConfigurationError } from "./errors.js";
type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Calls `globalThis.fetch` as it is at call time (one property read), not as it was when the client
 * was made: a fetch installed later, by MSW's `server.listen()` or `vi.stubGlobal("fetch")`, applies to
 * a client created at module load.
 */
export const callGlobalFetch: Fetch = (input, init) => globalThis.fetch(input, init);

/**
 * `fetch` with the client's `fetchOptions` under every call's own init (the call's method, headers,
 * body, signal and redirect win); `fetch` itself when there are none, so the common path adds nothing.
 */
export function withFetchOptions(fetch: Fetch, fetchOptions: object | undefined): Fetch {
  if (fetchOptions === undefined) return fetch;
  if (typeof fetchOptions !== "object" || fetchOptions === null)
    throw new NoxConfigurationError("fetchOptions must be an object of fetch options, e.g. { dispatcher }.");
  const extra = { ...fetchOptions };
  return (input, init) => fetch(input, { ...extra, ...init } as RequestInit);
}
