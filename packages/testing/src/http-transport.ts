import { createServer, type IncomingMessage } from "node:http";
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

/** Serves `dispatch` over HTTP on 127.0.0.1, on a port the OS picks. */
export async function listenOnLoopback(dispatch: Dispatch): Promise<HttpTransport> {
  const server = createServer((req, res) => {
    const aborted = new AbortController();
    // The client went away (aborted, timed out) before the reply: stop any scripted delay.
    res.on("close", () => aborted.abort(new Error("client closed the connection")));
    void (async () => {
      const call = await readCall(req);
      const reply = await dispatch(call, aborted.signal);
      if (reply === "reset") {
        // resetAndDestroy sends a TCP RST (ECONNRESET at the client), as a crashed proxy would.
        req.socket.resetAndDestroy();
        return;
      }
      res.writeHead(reply.status, reply.headers).end(reply.body);
    })().catch(() => {
      if (!res.headersSent && !res.destroyed) res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
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

async function readCall(req: IncomingMessage): Promise<IncomingCall> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  return {
    method: req.method ?? "GET",
    pathname: url.pathname,
    search: url.search,
    headers,
    bodyText: Buffer.concat(chunks).toString("utf8"),
  };
}
