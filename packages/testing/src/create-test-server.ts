import { randomUUID } from "node:crypto";
import type { CreateSupplierLinkSessionResponse } from "@nox-energy/authenticator-types";
import {
  DEFAULT_LINK_BASE_URL,
  DEFAULT_MAX_BODY_BYTES,
  TEST_API_KEY,
  TEST_SUPPLIER_NAME,
} from "./defaults.js";
import { delay, FaultQueue, type Fault } from "./faults.js";
import { fetchTransport, type FetchFunction } from "./fetch-transport.js";
import { handleRequest, jsonReply, type IncomingCall, type Reply } from "./handle-request.js";
import { listenOnLoopback } from "./http-transport.js";
import { parseJsonBody } from "./json-body.js";

/** Options for {@link createNoxTestServer}; every one has a default. */
export interface NoxTestServerOptions {
  /** API key -> supplier name. Default: `{ [TEST_API_KEY]: TEST_SUPPLIER_NAME }`. */
  apiKeys?: Readonly<Record<string, string>>;
  /** The current time in Unix seconds, for `created_at` and `expires_at`. Default: the system clock. */
  now?: () => number;
  /** A path prefix the routes live under, e.g. `"/v2"` as in production; part of `url`. Default: none. */
  basePath?: string;
  /** Where `link_url` points (`?token=...&language=...` is added). Default: {@link DEFAULT_LINK_BASE_URL}. */
  linkBaseUrl?: string;
  /** Makes each session's `link_token`. Default: a random UUID. */
  tokenFactory?: () => string;
  /**
   * The largest request body read, in bytes; a larger one is answered 413, left unread and recorded with
   * an empty `bodyText`. Default: {@link DEFAULT_MAX_BODY_BYTES} (1 MiB).
   */
  maxBodyBytes?: number;
}

/** One request the server received, in arrival order, faulted or not. */
export interface RecordedRequest {
  /** `"http"` for the listening server, `"fetch"` for {@link NoxTestServer.fetch}. */
  transport: "http" | "fetch";
  method: string;
  /** Path and query, as received (including any `basePath`). */
  path: string;
  /** Headers as received, names lower-cased. Includes `x-api-key`, so a test can assert it was sent. */
  headers: Readonly<Record<string, string>>;
  /** The body parsed as JSON; `undefined` when it is empty, not JSON or nested too deep (see `bodyText`). */
  body: unknown;
  /** The body as received; "" when it was over `maxBodyBytes` (answered 413, never read). */
  bodyText: string;
}

/** A running fake NOX server; see {@link createNoxTestServer}. */
export interface NoxTestServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` plus `basePath`: the `baseUrl` to give a client. */
  readonly url: string;
  /** In-process form of the server, with `fetch`'s signature: pass it as a client's custom `fetch`. */
  readonly fetch: FetchFunction;
  /** The link sessions created (201 responses), oldest first. */
  readonly sessions: readonly CreateSupplierLinkSessionResponse[];
  /** Every request received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Makes the next `count` requests (default 1) fail as `fault` says, after any faults already queued. */
  failNext(fault: Fault): void;
  failNext(count: number, fault: Fault): void;
  /** How many queued faults are still waiting for a request. */
  readonly pendingFaults: number;
  /** Forgets sessions, requests and queued faults (options stay); for `afterEach`. */
  reset(): void;
  /** Stops the server, dropping open connections. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a fake NOX Authenticator API on 127.0.0.1 (random port) that answers
 * `POST /supplier/link-sessions` as the spec describes: 401 without a known `x-api-key`, 400 with the
 * spec's message style for a body that breaks its schema, 201 with a realistic session otherwise.
 * @example
 * await using server = await createNoxTestServer();
 * const res = await fetch(`${server.url}/supplier/link-sessions`, {
 *   method: "POST",
 *   headers: { "x-api-key": TEST_API_KEY, "content-type": "application/json" },
 *   body: JSON.stringify({ user_id: "u1", asset_type: "hp", redirect_url: "https://example.com/back" }),
 * });
 * // res.status === 201; server.sessions[0].supplier === TEST_SUPPLIER_NAME
 */
export async function createNoxTestServer(options: NoxTestServerOptions = {}): Promise<NoxTestServer> {
  const basePath = normaliseBasePath(options.basePath ?? "");
  const linkBaseUrl = options.linkBaseUrl ?? DEFAULT_LINK_BASE_URL;
  if (!URL.canParse(linkBaseUrl)) {
    throw new TypeError(`createNoxTestServer: linkBaseUrl must be an absolute URL, got ${linkBaseUrl}.`);
  }
  const apiKeys = new Map(Object.entries(options.apiKeys ?? { [TEST_API_KEY]: TEST_SUPPLIER_NAME }));
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const token = options.tokenFactory ?? (() => randomUUID());
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TypeError(`createNoxTestServer: maxBodyBytes must be a positive integer, got ${maxBodyBytes}.`);
  }

  let sessions: CreateSupplierLinkSessionResponse[] = [];
  let requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const closing = new AbortController();

  async function dispatch(
    call: IncomingCall,
    transport: RecordedRequest["transport"],
    signal: AbortSignal,
  ): Promise<Reply | "reset"> {
    requests.push(record(call, transport));
    const fault = faults.take();
    if (fault?.delayMs !== undefined) await delay(fault.delayMs, [signal, closing.signal]);
    if (fault?.reset === true) return "reset";
    if (fault?.status !== undefined) return jsonReply(fault.status, fault.body, fault.headers);
    return handleRequest(call, {
      basePath,
      apiKeys,
      now,
      token,
      linkBaseUrl,
      maxBodyBytes,
      onSession: (session) => sessions.push(session),
    });
  }

  const http = await listenOnLoopback((call, signal) => dispatch(call, "http", signal), maxBodyBytes);
  let closed: Promise<void> | undefined;
  const close = () => {
    closing.abort(new Error("The NOX test server was closed."));
    return (closed ??= http.close());
  };

  return {
    url: `http://127.0.0.1:${http.port}${basePath}`,
    fetch: fetchTransport((call, signal) => dispatch(call, "fetch", signal), maxBodyBytes),
    get sessions() {
      return [...sessions];
    },
    get requests() {
      return [...requests];
    },
    get pendingFaults() {
      return faults.pending;
    },
    failNext(countOrFault: number | Fault, fault?: Fault) {
      if (typeof countOrFault === "number") faults.push(countOrFault, fault ?? {});
      else faults.push(1, countOrFault);
    },
    reset() {
      sessions = [];
      requests = [];
      faults.clear();
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

function record(call: IncomingCall, transport: RecordedRequest["transport"]): RecordedRequest {
  const parsed = call.bodyText === "" ? undefined : parseJsonBody(call.bodyText);
  return {
    transport,
    method: call.method,
    path: `${call.pathname}${call.search}`,
    headers: call.headers,
    body: parsed?.ok === true ? parsed.value : undefined,
    bodyText: call.bodyText,
  };
}

function normaliseBasePath(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, "");
  if (trimmed !== "" && (!trimmed.startsWith("/") || /[?#]/.test(trimmed))) {
    throw new TypeError(
      `createNoxTestServer: basePath must be a path such as "/v2", got ${JSON.stringify(basePath)}.`,
    );
  }
  return trimmed;
}
