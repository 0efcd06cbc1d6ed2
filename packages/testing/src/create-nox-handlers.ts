import { http, HttpResponse, type HttpHandler } from "msw";
import { DEFAULT_BASE_URL } from "./defaults.js";
import {
  createFakeCore,
  stateOf,
  type NoxFakeOptions,
  type NoxFakeState,
  type RecordedRequest,
} from "./fake-core.js";
import { callFromRequest, responseFromReply } from "./fetch-transport.js";
import type { FakeApi } from "./fake-api.js";
import { routePaths } from "./handle-request.js";

/** Options for {@link createNoxHandlers}: the fake's options, and where to intercept. */
export interface NoxHandlersOptions extends NoxFakeOptions {
  /**
   * The base URL your client is given, path included: the handlers intercept the fake's routes below it.
   * Default: {@link DEFAULT_BASE_URL}, the spec's default server (`https://auth.nox.energy/v2`); needed
   * when the spec names no absolute server.
   */
  baseUrl?: string;
}

/** The fake NOX API as MSW request handlers, with the test server's state; see {@link createNoxHandlers}. */
export interface NoxHandlers extends NoxFakeState {
  /** Give these to MSW's `setupServer(...handlers)`, `setupWorker` or `server.use(...)`. */
  readonly handlers: readonly HttpHandler[];
  /** The base URL intercepted, without a trailing slash. */
  readonly baseUrl: string;
  /** Every request intercepted, oldest first (`transport: "msw"`); `failNext`'s `reset: true` is a network error. */
  readonly requests: readonly RecordedRequest[];
}

/**
 * The fake NOX Authenticator API as [MSW](https://mswjs.io) 2.x handlers: the same validation, sessions,
 * link page and faults as `createNoxTestServer`, answering requests to `baseUrl` inside your process.
 * @example
 * const nox = createNoxHandlers();
 * const server = setupServer(...nox.handlers); // from "msw/node"
 * server.listen();
 * // fetch("https://auth.nox.energy/v2/supplier/link-sessions", ...) now reaches the fake
 */
export function createNoxHandlers(options: NoxHandlersOptions = {}): NoxHandlers {
  return createHandlersFor(options);
}

/** {@link createNoxHandlers} for `api` (the spec's by default): a handler per route path and the link page. */
export function createHandlersFor(options: NoxHandlersOptions, api?: FakeApi): NoxHandlers {
  const baseUrl = normaliseBaseUrl(options.baseUrl ?? absolute(DEFAULT_BASE_URL));
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, "");
  const fake = createFakeCore(options, { url: baseUrl, basePath, caller: "createNoxHandlers" }, api);
  // MSW spells a path parameter `:name`; the fake's own router matches the request again, exactly.
  const handlers = routePaths(fake.api).map((path) =>
    http.all(`${baseUrl}${path.replace(/\{([^{}/]+)\}/g, ":$1")}`, async ({ request }) => {
      const call = await callFromRequest(request, fake.maxBodyBytes);
      // The client gave up during a scripted delay: its fetch has already rejected with its own reason,
      // so end quietly rather than as an exception MSW reports.
      const reply = await fake.dispatch(call, "msw", request.signal).catch((error: unknown) => {
        if (request.signal.aborted) return "reset" as const;
        throw error;
      });
      // MSW's way to drop the connection: the client's fetch rejects with a TypeError.
      return reply === "reset" ? HttpResponse.error() : responseFromReply(reply);
    }),
  );
  // Onto the state object itself: a spread would read its getters once instead of keeping them live.
  return Object.assign(stateOf(fake), { handlers, baseUrl });
}

/** The spec's default server when it is an absolute URL (a relative one, or none, needs `baseUrl`). */
function absolute(url: string | undefined): string | undefined {
  return url !== undefined && URL.canParse(url) ? url : undefined;
}

function normaliseBaseUrl(baseUrl: string | undefined): string {
  if (baseUrl === undefined) {
    throw new TypeError(
      "createNoxHandlers: the spec names no absolute server URL, so pass baseUrl: the base URL your client is given, such as https://api.example/v1.",
    );
  }
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (url === undefined || !/^https?:$/.test(url.protocol) || url.search !== "" || url.hash !== "") {
    throw new TypeError(
      `createNoxHandlers: baseUrl must be an absolute http(s) URL without query or fragment, such as ${absolute(DEFAULT_BASE_URL) ?? "https://api.example/v1"}, got ${JSON.stringify(baseUrl)}.`,
    );
  }
  return url.href.replace(/\/+$/, "");
}
