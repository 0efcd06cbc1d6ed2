import { ADMIN_PREFIX, adminReply, settableClock, type AdminClock } from "./admin/admin-api.js";
import { SPEC_API, type FakeApi } from "./fake-api.js";
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
  /** The port to listen on. Default: 0, a free one the OS picks (read it from `url`). */
  port?: number;
  /**
   * The interface to listen on. Default: `127.0.0.1`. Another (`0.0.0.0` in a container) makes the fake
   * reachable from other hosts: it is a test double with a known key, so only on a test network.
   */
  host?: string;
  /**
   * Serve the admin API under `/__nox/` (reset, recorded requests, sessions, faults, the clock; see
   * `admin-openapi.json`): `true`, or `{ token }` to require `authorization: Bearer <token>`. Default: off
   * (the `nox-fake` command turns it on). Without a `now` option its clock is settable over HTTP.
   */
  admin?: boolean | { token?: string | undefined };
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
  const host = options.host ?? "127.0.0.1";
  const admin = adminOf(options);
  const fakeOptions = admin && options.now === undefined ? { ...options, now: admin.clock.now } : options;
  let core: FakeCore | undefined;
  // The core needs the server's URL (for link_url), known once listening; no request arrives before that.
  const http = await listenOnLoopback(
    async (call, signal) =>
      (admin && adminReply(call, { ...admin, fake: core! })) ??
      (core as FakeCore).dispatch(call, "http", signal),
    maxBodyBytes,
    { port: options.port, host },
  );
  // A wildcard address is not one a client can call: the URL names loopback (link pages: linkBaseUrl).
  const named = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${named}:${http.port}${basePath}`;
  try {
    if (admin) refuseAdminRoutes(api ?? SPEC_API, basePath);
    core = createFakeCore(fakeOptions, { url, basePath, caller: "createNoxTestServer" }, api);
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

/** The admin API's settings, `null` when it is off; its clock is the fake's unless the test gave `now`. */
function adminOf(options: NoxTestServerOptions): { clock: AdminClock; token?: string | undefined } | null {
  if (options.admin === undefined || options.admin === false) return null;
  const token = options.admin === true ? undefined : options.admin.token;
  const given = options.now;
  const clock: AdminClock =
    given === undefined
      ? settableClock()
      : {
          now: given,
          set: () => {
            throw new Error("the clock is the test's `now` option: move it there");
          },
        };
  return { clock, token };
}

/** The admin prefix is the fake's own: a spec with a route under it would be shadowed, so it is refused. */
function refuseAdminRoutes(api: FakeApi, basePath: string): void {
  const clash = api.routes.find((r) => `${basePath}${r.path}`.startsWith(ADMIN_PREFIX));
  if (clash !== undefined)
    throw new TypeError(
      `createNoxTestServer: the spec's ${clash.method} ${clash.path} lies under ${ADMIN_PREFIX}, the admin API's prefix; serve it without admin, or under a basePath.`,
    );
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
