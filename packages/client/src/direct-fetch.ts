import type { ClientOptions } from "openapi-fetch";
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
 * openapi-fetch options that send each request as `fetch(url, init)` rather than
 * `fetch(new Request(url, init))`: the same method, URL, headers, body, redirect mode and signal.
 * For a client without middleware only: a middleware would be handed a `PendingRequest`.
 */
export function directFetchOptions(fetch: Fetch): Pick<ClientOptions, "Request" | "fetch"> {
  return {
    Request: PendingRequest as unknown as typeof Request,
    fetch: ((pending: PendingRequest) => fetch(pending.url, pending.init)) as unknown as NonNullable<
      ClientOptions["fetch"]
    >,
  };
}
