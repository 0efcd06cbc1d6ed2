import type { ClientOptions } from "openapi-fetch";

/**
 * What openapi-fetch would pass to `new Request`, kept as is: with the platform's fetch, fetch builds
 * the one Request itself from these, where handing it a Request makes it build a second one (copying
 * the body stream, and wiring the signal in twice). It has what openapi-fetch reads back (`url`,
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
 * openapi-fetch options that send each request with `fetch(url, init)` instead of `fetch(new Request(url, init))`:
 * the same method, URL, headers, body, redirect mode and signal, one Request construction fewer.
 */
export function directFetchOptions(fetch: typeof globalThis.fetch): Pick<ClientOptions, "Request" | "fetch"> {
  return {
    Request: PendingRequest as unknown as typeof Request,
    fetch: ((pending: PendingRequest) => fetch(pending.url, pending.init)) as unknown as NonNullable<
      ClientOptions["fetch"]
    >,
  };
}
