import type { ClientOptions } from "openapi-fetch";

/**
 * What openapi-fetch would pass to `new Request`, kept as is, so that the platform's fetch builds the
 * one Request from it. Handed a Request, fetch builds a second one from it: it pipes the body through
 * a new TransformStream and wires the signal in again. This has what openapi-fetch reads back (`url`,
 * `method`); no middleware runs on the client that uses it, so nothing else ever sees it.
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
 */
export function directFetchOptions(fetch: typeof globalThis.fetch): Pick<ClientOptions, "Request" | "fetch"> {
  return {
    Request: PendingRequest as unknown as typeof Request,
    fetch: ((pending: PendingRequest) => fetch(pending.url, pending.init)) as unknown as NonNullable<
      ClientOptions["fetch"]
    >,
  };
}
