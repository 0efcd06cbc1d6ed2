import type { FakeApi } from "./fake-api.js";
import {
  checkMaxBodyBytes,
  createFakeCore,
  stateOf,
  type FakeCore,
  type NoxFakeOptions,
  type RecordedRequest,
  type NoxFakeState,
} from "./fake-core.js";
import { fetchTransport, type FetchFunction } from "./fetch-transport.js";
import { listenOnLoopback } from "./http-transport.js";

/** Options for {@link createNoxTestServer}; every one has a default. */
export interface NoxTestServerOptions extends NoxFakeOptions {
  /** A path prefix the routes live under, e.g. `"/v2"` as in production; part of `url`. Default: none. */
  basePath?: string;
}

/** A running fake NOX server; see {@link createNoxTestServer}. */
export interface NoxTestServer extends NoxFakeState, AsyncDisposable {
  /** `http://127.0.0.1:<port>` plus `basePath`: the `baseUrl` to give a client. */
  readonly url: string;
  /** In-process form of the server, with `fetch`'s signature: pass it as a client's custom `fetch`. */
  readonly fetch: FetchFunction;
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

  // Onto the state object itself: a spread would read its getters once instead of keeping them live.
  return Object.assign(stateOf(fake), {
    url,
    fetch: fetchTransport((call, signal) => fake.dispatch(call, "fetch", signal), fake.maxBodyBytes),
    close,
    [Symbol.asyncDispose]: close,
  });
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
