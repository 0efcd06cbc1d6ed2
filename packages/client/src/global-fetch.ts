type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Calls `globalThis.fetch` as it is at call time (one property read), not as it was when the client
 * was made: a fetch installed later, by MSW's `server.listen()` or `vi.stubGlobal("fetch")`, applies to
 * a client created at module load.
 */
export const callGlobalFetch: Fetch = (input, init) => globalThis.fetch(input, init);
