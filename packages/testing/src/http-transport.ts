import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { IncomingCall, Reply } from "./handle-request.js";

/** What a transport asks the server for each request: a reply, or to drop the connection. */
export type Dispatch = (call: IncomingCall, signal: AbortSignal) => Promise<Reply | "reset">;

/** A listening HTTP server on 127.0.0.1. */
export interface HttpTransport {
  port: number;
  /** Stops listening and drops every open connection, so pending requests cannot hold it open. */
  close(): Promise<void>;
}

/** Where to listen: the loopback interface and a port the OS picks, unless told otherwise (nox-fake). */
export interface ListenAddress {
  port?: number | undefined;
  host?: string | undefined;
}

/** Serves `dispatch` over HTTP (127.0.0.1 and a free port by default); reads at most `maxBodyBytes` of a body. */
export async function listenOnLoopback(
  dispatch: Dispatch,
  maxBodyBytes: number,
  address: ListenAddress = {},
): Promise<HttpTransport> {
  const server = createServer((req, res) => {
    const aborted = new AbortController();
    // The client went away (aborted, timed out) before the reply: stop any scripted delay.
    res.on("close", () => aborted.abort(new Error("client closed the connection")));
    void (async () => {
      const call = await readCall(req, maxBodyBytes);
      const reply = await dispatch(call, aborted.signal);
      if (reply === "reset") {
        // resetAndDestroy sends a TCP RST (ECONNRESET at the client), as a crashed proxy would.
        req.socket.resetAndDestroy();
        return;
      }
      send(res, reply, call.bodyTooLarge === true);
    })().catch(() => {
      if (!res.headersSent && !res.destroyed) res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(address.port ?? 0, address.host ?? "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, reply: Reply, unread: boolean): void {
  if (!unread) {
    res.writeHead(reply.status, reply.headers).end(reply.body);
    return;
  }
  // The rest of the body is still on its way and will not be read: close the connection after the
  // answer rather than read (or buffer) it, and give the client a moment to read the answer first.
  res.writeHead(reply.status, { ...reply.headers, connection: "close" }).end(reply.body, () => {
    setTimeout(() => res.socket?.destroy(), 100).unref();
  });
}

async function readCall(req: IncomingMessage, maxBodyBytes: number): Promise<IncomingCall> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const body = await readBody(req, maxBodyBytes);
  return {
    method: req.method ?? "GET",
    ...splitTarget(req.url ?? "/"),
    headers,
    bodyText: body?.toString("utf8") ?? "",
    ...(body !== undefined && { bodyBytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) }),
    ...(body === undefined && { bodyTooLarge: true }),
  };
}

/** The body's bytes, or `undefined` once it passes `maxBodyBytes` (then the rest is left unread). */
function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<Buffer | undefined> {
  // Not `for await`: leaving that loop early destroys the request, and with it the socket the 413 needs.
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"]) > maxBodyBytes) return resolve(undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) return void chunks.push(chunk);
      req.off("data", onData).pause();
      chunks.length = 0;
      resolve(undefined);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/**
 * The request target's path and query exactly as sent: `new URL` would read `//supplier/x` as a
 * protocol-relative URL (host "supplier") and normalise dot segments and escapes the client sent.
 */
function splitTarget(target: string): Pick<IncomingCall, "pathname" | "search"> {
  // An absolute-form target (`POST http://host/path`, as sent to a proxy): its path starts after the host.
  const path = target.startsWith("/") ? target : target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i, "");
  const query = path.indexOf("?");
  return query === -1
    ? { pathname: path, search: "" }
    : { pathname: path.slice(0, query), search: path.slice(query) };
}
