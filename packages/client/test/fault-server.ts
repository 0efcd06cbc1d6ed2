import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach } from "vitest";

/** A request as the server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** ms since the server started. */
  at: number;
}

/** Answers one request: respond, reset the connection, or never answer. */
export type Fault = (res: ServerResponse, req: SeenRequest) => void;

/** A loopback server that answers its n-th request with the n-th fault (the last one repeats). */
export interface FaultServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The base URL to give the client: `<origin>/v2`. */
  baseUrl: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** A link session as the spec describes it, for 201 answers. */
export const LINK_SESSION = Object.freeze({
  link_url: "https://auth.nox.energy/ui?token=abc123&language=en",
  link_token: "abc123",
  brand: "daikin",
  language: "en",
  asset_type: "hp",
  redirect_url: "https://app.example/cb",
  supplier: "Acme Energy",
  supplier_user_id: "u-1",
  completed_at: null,
  created_at: 1703123456,
  expires_at: 1703124056,
});

/** Answers with `body` as JSON. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Fault =>
  (res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

/** Answers with `text` as is. */
export const text =
  (status: number, body: string, headers: Record<string, string> = {}): Fault =>
  (res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

/** The 201 a healthy server sends. */
export const created: Fault = json(201, LINK_SESSION);

/** Resets the connection without answering. */
export const reset: Fault = (res) => res.socket?.resetAndDestroy();

/** Never answers (the server closes the socket when it stops). */
export const hang: Fault = () => {};

/** Sends `status` and headers, then part of a body, then breaks off in the way `how` names. */
export const brokenBody =
  (status: number, how: "short content-length" | "chunked cut" | "gzip garbage" | "stall"): Fault =>
  (res) => {
    const start = '{"link_url":"https://auth.nox.energy/ui?token=abc';
    if (how === "short content-length") {
      res.writeHead(status, { "content-type": "application/json", "content-length": "5000" });
      res.write(start, () => res.socket?.destroy());
    } else if (how === "chunked cut") {
      res.writeHead(status, { "content-type": "application/json" });
      res.write(start, () => res.socket?.destroy());
    } else if (how === "gzip garbage") {
      res.writeHead(status, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end("this is not gzip at all, just text pretending to be");
    } else {
      res.writeHead(status, { "content-type": "application/json" });
      res.write(start);
    }
  };

/** A body of `totalBytes` (`head`, then `fill` repeated), written as fast as the client reads it; `sent()` counts bytes written. */
export function flood(
  status: number,
  totalBytes: number,
  head = "",
  fill = "x",
): { fault: Fault; sent: () => number } {
  let sent = 0;
  const chunk = Buffer.from(fill.repeat(Math.ceil(65_536 / fill.length)).slice(0, 65_536));
  const fault: Fault = (res) => {
    res.writeHead(status, { "content-type": "text/html" });
    res.write(head);
    sent += Buffer.byteLength(head);
    const pump = (): void => {
      // Bounded: stops at totalBytes, or when the client hangs up.
      while (sent < totalBytes && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
  return { fault, sent: () => sent };
}

/** Starts a server on 127.0.0.1 with an ephemeral port. */
export function startFaultServer(...faults: Fault[]): Promise<FaultServer> {
  return startFaultServerOn("127.0.0.1", ...faults);
}

/** Starts a server on a loopback `host` (127.0.0.1, or 127.0.0.2 as a second origin) with an ephemeral port. */
export async function startFaultServerOn(host: string, ...faults: Fault[]): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const started = performance.now();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const seen: SeenRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: performance.now() - started,
      };
      requests.push(seen);
      const fault = faults[Math.min(requests.length, faults.length) - 1] ?? created;
      fault(res, seen);
    });
  });
  // No idle timeout: the server closing a kept-alive socket just as the client reuses it is an ECONNRESET
  // the test did not script (seen when a long property test left the socket idle past the 5 s default).
  server.keepAliveTimeout = 0;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: `${origin}/v2`,
    requests,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * For a test file: `serve(...faults)` starts a fault server that is closed after the test, and `track`
 * has any other server (with a `close`) closed after the test too. Call once, at the file's top level.
 */
export function useFaultServers(): {
  serve: (...faults: Fault[]) => Promise<FaultServer>;
  track: (server: Pick<FaultServer, "close">) => void;
} {
  const open: Pick<FaultServer, "close">[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return {
    serve: async (...faults) => {
      const server = await startFaultServer(...faults);
      open.push(server);
      return server;
    },
    track: (server) => void open.push(server),
  };
}
