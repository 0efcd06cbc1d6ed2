import type { ClientOptions, Middleware } from "openapi-fetch";
import type { NoxClientOptions } from "./options.js";

/** A fetch with the standard signature, as the `fetch` option takes. */
type Fetch = NonNullable<NoxClientOptions["fetch"]>;

/**
 * What openapi-fetch would pass to `new Request`, kept as is, so that fetch is called with it as
 * `(url, init)` and no Request is built on the way: the platform's fetch builds the only one (handed a
 * Request, it builds a second, piping the body through a new TransformStream and wiring the signal in
 * again), and a fetch of the caller's own gets none it did not build itself (wiring the signal into a
 * Request is most of what one costs). This has what openapi-fetch reads back (`url`, `method`); no
 * middleware runs on the client that uses it, so nothing else ever sees it.
 */
class PendingRequest {
  readonly url: string;
  readonly method: string;
  readonly init: RequestInit;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.init = init;
  }
}

/**
 * A non-2xx response, handed back unread as a rejection: openapi-fetch would read the whole body of
 * an error (`response.text()`, with no limit) and parse it before the client could cap it.
 */
export class UnreadResponse {
  readonly response: Response;

  constructor(response: Response) {
    this.response = response;
  }
}

/**
 * For a client on openapi-fetch's Request path (one with the caller's middleware): hands an error
 * status back unread, as {@link directFetchOptions} does. Registered before the caller's middleware, its
 * `onResponse` runs after theirs (openapi-fetch runs them in reverse), so they still see the response.
 */
export const UNREAD_ERROR_RESPONSES: Middleware = {
  onResponse({ response }) {
    if (!response.ok) throw new UnreadResponse(response);
    return undefined;
  },
};

/**
 * openapi-fetch options that send each request as `fetch(url, init)` rather than
 * `fetch(new Request(url, init))`: the same method, URL, headers, body, redirect mode and signal.
 * A non-2xx response rejects with an {@link UnreadResponse}, its body unread; call with
 * `parseAs: "stream"` so a 2xx body is not read either. For a client without middleware only: a
 * middleware would be handed a `PendingRequest`.
 */
export function directFetchOptions(fetch: Fetch): Pick<ClientOptions, "Request" | "fetch"> {
  const send = async (pending: PendingRequest): Promise<Response> => {
    const response = await fetch(pending.url, pending.init);
    if (response.ok) return response;
    throw new UnreadResponse(response);
  };
  return {
    Request: PendingRequest as unknown as typeof Request,
    fetch: send as unknown as NonNullable<ClientOptions["fetch"]>,
  };
}
