import type { FakeApi } from "./fake-api.js";
import type { CreateSupplierLinkSessionResponse } from "@nox-energy/authenticator-types";
import {
  checkMaxBodyBytes,
  createFakeCore,
  type FakeCore,
  type NoxFakeOptions,
  type RecordedRequest,
} from "./fake-core.js";
import type { Fault } from "./faults.js";
import { fetchTransport, type FetchFunction } from "./fetch-transport.js";
import { listenOnLoopback } from "./http-transport.js";
import type { CompletedSession, LinkChoices } from "./session-store.js";

/** Options for {@link createNoxTestServer}; every one has a default. */
export interface NoxTestServerOptions extends NoxFakeOptions {
  /** A path prefix the routes live under, e.g. `"/v2"` as in production; part of `url`. Default: none. */
  basePath?: string;
}

/** A running fake NOX server; see {@link createNoxTestServer}. */
export interface NoxTestServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` plus `basePath`: the `baseUrl` to give a client. */
  readonly url: string;
  /** In-process form of the server, with `fetch`'s signature: pass it as a client's custom `fetch`. */
  readonly fetch: FetchFunction;
  /** The link sessions created (201 responses), oldest first; `completed_at` is set once completed. */
  readonly sessions: readonly CreateSupplierLinkSessionResponse[];
  /** Every request received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Makes the next `count` requests (default 1) fail as `fault` says, after any faults already queued. */
  failNext(fault: Fault): void;
  failNext(count: number, fault: Fault): void;
  /** How many queued faults are still waiting for a request. */
  readonly pendingFaults: number;
  /**
   * Completes the session of `linkToken` as the user finishing NOX's flow does (what opening its
   * `link_url` does, without HTTP): where NOX redirects the user, and the callback in that URL's `data`.
   * Throws for an unknown, expired (on the `now` clock) or completed session, or a brand NOX would not offer.
   */
  completeSession(linkToken: string, choices?: LinkChoices): CompletedSession;
  /** Forgets sessions, NOX users, requests and queued faults (options stay); for `afterEach`. */
  reset(): void;
  /** Stops the server, dropping open connections. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a fake NOX Authenticator API on 127.0.0.1 (random port) that answers
 * `POST /supplier/link-sessions` as the spec describes: 401 without a known `x-api-key`, 400 with the
 * spec's message style for a body that breaks its schema, 201 with a realistic session otherwise; and
 * completes a session when its `link_url` is opened (`GET /ui?token=...`, a 302 to `redirect_url?data=...`).
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
  return startTestServer(options);
}

/** {@link createNoxTestServer} for `api` (the spec's by default; tests pass one from a fixture spec). */
export async function startTestServer(options: NoxTestServerOptions, api?: FakeApi): Promise<NoxTestServer> {
  const basePath = normaliseBasePath(options.basePath ?? "");
  const maxBodyBytes = checkMaxBodyBytes(options.maxBodyBytes, "createNoxTestServer");
  let core: FakeCore | undefined;
  // The core needs the server's URL (for link_url), known once listening; no request arrives before that.
  const http = await listenOnLoopback(
    (call, signal) => (core as FakeCore).dispatch(call, "http", signal),
    maxBodyBytes,
  );
  const url = `http://127.0.0.1:${http.port}${basePath}`;
  try {
    core = createFakeCore(options, { url, basePath, caller: "createNoxTestServer" }, api);
  } catch (error) {
    await http.close();
    throw error;
  }
  const fake = core;
  let closed: Promise<void> | undefined;
  const close = () => {
    fake.close(new Error("The NOX test server was closed."));
    return (closed ??= http.close());
  };

  return {
    url,
    fetch: fetchTransport((call, signal) => fake.dispatch(call, "fetch", signal), fake.maxBodyBytes),
    get sessions() {
      return fake.sessions;
    },
    get requests() {
      return fake.requests;
    },
    get pendingFaults() {
      return fake.pendingFaults;
    },
    failNext: (countOrFault: number | Fault, fault?: Fault) => fake.failNext(countOrFault, fault),
    completeSession: (linkToken, choices) => fake.completeSession(linkToken, choices),
    reset: () => fake.reset(),
    close,
    [Symbol.asyncDispose]: close,
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
