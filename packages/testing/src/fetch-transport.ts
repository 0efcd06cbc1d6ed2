import type { IncomingCall, Reply } from "./handle-request.js";
import type { Dispatch } from "./http-transport.js";

/** `fetch`'s signature: what a client takes as its custom `fetch`. */
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Serves `dispatch` in-process with `fetch`'s signature: no socket, same answers as over HTTP. */
export function fetchTransport(dispatch: Dispatch, maxBodyBytes: number): FetchFunction {
  return async (input, init) => {
    const request = new Request(input, init);
    // fetch rejects with the signal's reason before sending anything; so does this.
    request.signal.throwIfAborted();
    const call = await callFromRequest(request, maxBodyBytes);
    const reply = await dispatch(call, request.signal);
    if (reply === "reset") {
      // What fetch itself throws when the server drops the connection.
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("The NOX test server reset the connection (a scripted fault)."), {
          code: "ECONNRESET",
        }),
      });
    }
    return responseFromReply(reply);
  };
}

/** A fetch `Request` as the server sees it; a body over `maxBodyBytes` is left unread and marked. */
export async function callFromRequest(request: Request, maxBodyBytes: number): Promise<IncomingCall> {
  const url = new URL(request.url);
  const bytes = await readBody(request, maxBodyBytes);
  return {
    method: request.method,
    pathname: url.pathname,
    search: url.search,
    headers: Object.fromEntries(request.headers),
    bodyText: bytes === undefined ? "" : new TextDecoder().decode(bytes),
    ...(bytes !== undefined && { bodyBytes: bytes }),
    ...(bytes === undefined && { bodyTooLarge: true }),
  };
}

/** A reply as a fetch `Response`, with exactly the headers the HTTP form sends. */
export function responseFromReply(reply: Reply): Response {
  // A string body, even "", makes Response add a text/plain content type the HTTP form never sends.
  const empty = reply.body === "" || reply.status === 204 || reply.status === 205 || reply.status === 304;
  return new Response(empty ? null : reply.body, { status: reply.status, headers: reply.headers });
}

/** The body's bytes, or `undefined` once it passes `maxBodyBytes` (then the rest is cancelled, unread). */
async function readBody(request: Request, maxBodyBytes: number): Promise<Uint8Array | undefined> {
  if (Number(request.headers.get("content-length")) > maxBodyBytes) return undefined;
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      // Not awaited: a tee'd body (a cloned Request, as MSW hands over) settles cancel only once every
      // branch is cancelled, and the other branch is not ours.
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}
