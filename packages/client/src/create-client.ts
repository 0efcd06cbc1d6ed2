import type {
  CheckedCreateLinkSessionRequest,
  CreateSupplierLinkSessionRequest,
  CreateSupplierLinkSessionResponse,
  paths,
  UncheckedCreateLinkSessionRequest,
} from "@nox-energy/authenticator-types";
import createClient, { type Client } from "openapi-fetch";
import { API_KEY_HEADER } from "./auth-middleware.js";
import { directFetchOptions } from "./direct-fetch.js";
import { callGlobalFetch } from "./global-fetch.js";
import { createClientLog, type AttemptLog } from "./log.js";
import { checkMiddleware, createRequestClient } from "./request-client.js";
import { NoxConnectionError, NoxError, NoxTimeoutError, NoxValidationError } from "./errors.js";
import {
  checkRequestOptions,
  resolveOptions,
  type NoxClientOptions,
  type NoxRequestOptions,
  type ResolvedOptions,
} from "./options.js";
import { errorFromResponse, parseLinkSession } from "./parse-response.js";
import { INSPECT, REDACTED, redact, redactCause } from "./redact.js";
import { abortError, withRetries } from "./retry.js";
import { AttemptSignal } from "./timeout.js";
import { checkUserAgent, userAgent } from "./user-agent.js";
import { findRequestIssues } from "./validate.js";

/**
 * The body `createLinkSession` takes: `brand` tied to `asset_type` when the client checks the brand rule
 * (`Checked` is `true`, the default), any spec brand with any asset type when it does not (`false`). A
 * `boolean` known only at run time (options built elsewhere) gets the looser type, so the types never
 * refuse a body the run time would send; the run-time check still applies when it is on.
 */
// A lookup, not a conditional type: TypeScript then compares clients by their members, so a client that
// takes more bodies (NoxClient<false>) fits where a NoxClient is expected.
export type LinkSessionBody<Checked extends boolean = true> = {
  true: CheckedCreateLinkSessionRequest;
  false: UncheckedCreateLinkSessionRequest;
}[`${Checked}`];

/**
 * A client for the NOX Authenticator API (Supplier, v2); make one with {@link createNoxClient}.
 * `Checked` is `false` for a client created with `checkBrandForAssetType: false`.
 */
export interface NoxClient<Checked extends boolean = true> {
  /**
   * Creates a link session: validates `body` (nothing is sent when it is bad), then sends it with
   * the per-attempt timeout and retries. Resolves to the session; every failure throws a `NoxError`.
   * A brand not listed for the `asset_type` is a compile error too, unless the client was created with
   * `checkBrandForAssetType: false`.
   * @example
   * ```ts
   * const session = await nox.createLinkSession({ user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" });
   * redirect(session.link_url);
   * ```
   */
  createLinkSession(
    body: LinkSessionBody<Checked>,
    options?: NoxRequestOptions,
  ): Promise<CreateSupplierLinkSessionResponse>;
  /** openapi-fetch's `POST`, with the same auth and User-Agent but no validation, timeout, retry or throw. */
  readonly POST: Client<paths>["POST"];
  /** The base URL requests go to (without a trailing slash). */
  readonly baseUrl: string;
}

const LINK_SESSIONS = "/supplier/link-sessions";

/** Names what failed underneath fetch's generic "fetch failed" (ECONNRESET, ECONNREFUSED, ...). */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail = typeof cause?.code === "string" ? cause.code : cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return typeof detail === "string" ? `${message} (${detail})` : message;
}

// NoxClient<false>: the implementation takes every body shape; the run-time check does the rest.
class NoxClientImpl implements NoxClient<false> {
  readonly baseUrl: string;
  readonly POST: Client<paths>["POST"];
  readonly #options: ResolvedOptions;
  readonly #client: Client<paths>;
  readonly #log: AttemptLog;

  constructor(options: NoxClientOptions) {
    const resolved = resolveOptions(options);
    this.#options = resolved;
    this.baseUrl = resolved.baseUrl;
    checkUserAgent(options.userAgent);
    const middleware = checkMiddleware(options.middleware);
    const log = createClientLog(options, resolved.apiKey, `createLinkSession POST ${LINK_SESSIONS}`);
    this.#log = log;
    // globalThis.fetch is read at each call, not now: MSW or a stub installed after creation applies.
    const fetch = log.wrapFetch(options.fetch ?? callGlobalFetch);
    const clientOptions = {
      baseUrl: resolved.baseUrl,
      // Following a redirect would send the key to wherever it points; a 3xx becomes an error instead.
      redirect: "manual",
    } as const;
    const headers = { "User-Agent": userAgent(options.userAgent), ...options.headers };
    // createLinkSession only ever calls baseUrl itself, so its client carries the key as a plain header
    // (no per-request middleware cost), and with no middleware to hand a Request to, it calls every
    // fetch, the platform's or the caller's, as fetch(url, init). nox.POST takes any per-call baseUrl,
    // so its key goes through the middleware that checks the origin, which needs a real Request: fetch
    // gets that Request, which the standard signature takes.
    const { apiKey, baseUrl } = resolved;
    const open = createRequestClient({ clientOptions, fetch, headers, apiKey, baseUrl, middleware });
    // With middleware, createLinkSession takes the Request path too, so the middleware sees its attempts.
    this.#client =
      middleware.length > 0
        ? open
        : createClient<paths>({
            ...clientOptions,
            ...directFetchOptions(fetch),
            headers: { ...headers, [API_KEY_HEADER]: resolved.apiKey },
          });
    this.POST = open.POST;
  }

  async createLinkSession(
    body: CreateSupplierLinkSessionRequest,
    options: NoxRequestOptions = {},
  ): Promise<CreateSupplierLinkSessionResponse> {
    const issues = findRequestIssues(body, this.#options.checkBrandForAssetType);
    if (issues.length > 0) throw new NoxValidationError(issues);
    checkRequestOptions(options);
    const { timeoutMs = this.#options.timeoutMs, maxRetries = this.#options.maxRetries } = options;
    // `return await`, not `return`: resolving an async function with a promise costs two more microtask hops.
    return await withRetries(
      () => this.#attempt(body, options, timeoutMs),
      maxRetries,
      this.#options.backoff,
      options.signal,
      this.#log,
    );
  }

  // One HTTP attempt; openapi-fetch serializes `body` afresh each time, so retries re-send it intact.
  async #attempt(
    body: CreateSupplierLinkSessionRequest,
    options: NoxRequestOptions,
    timeoutMs: number,
  ): Promise<CreateSupplierLinkSessionResponse> {
    const { apiKey } = this.#options;
    const attempt = new AttemptSignal(timeoutMs, options.signal);
    try {
      const { data, error, response } = await this.#client.POST(LINK_SESSIONS, {
        body,
        parseAs: "text",
        signal: attempt.signal,
        ...(options.headers && { headers: options.headers }),
      });
      if (response.ok) return parseLinkSession(data, response, apiKey);
      throw errorFromResponse(response, error, apiKey);
    } catch (error) {
      if (error instanceof NoxError) throw error;
      if (options.signal?.aborted) throw abortError(options.signal);
      if (attempt.timedOut) {
        throw new NoxTimeoutError(
          `NOX did not answer within timeoutMs (${timeoutMs} ms); retried. Check the network path to ${this.baseUrl}, or raise timeoutMs.`,
          { cause: redactCause(error, apiKey) },
        );
      }
      throw new NoxConnectionError(
        `Could not reach NOX at ${this.baseUrl}: ${redact(describeFailure(error), apiKey)}. ` +
          "Retried; check the network, DNS, proxy and baseUrl.",
        { cause: redactCause(error, apiKey) },
      );
    } finally {
      attempt.done();
    }
  }

  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, apiKey: REDACTED };
  }

  [INSPECT](): string {
    return `NoxClient { baseUrl: '${this.baseUrl}', apiKey: '${REDACTED}' }`;
  }
}

/**
 * Creates a NOX Authenticator client. Checks its options now, so a missing or malformed key, or a
 * plain-http base URL, fails at start-up rather than on the first request.
 *
 * Its type follows `checkBrandForAssetType`: left out (or `true`), `createLinkSession` refuses at
 * compile time a `brand` not listed for the `asset_type` (`NoxClient<true>`); `false` takes any spec
 * brand (`NoxClient<false>`); a `boolean` known only at run time gets the looser `NoxClient<boolean>`.
 * @example
 * ```ts
 * const nox = createNoxClient({ apiKey: process.env.NOX_API_KEY, maxRetries: 3 });
 * const session = await nox.createLinkSession({ user_id: "u-1", asset_type: "pv", redirect_url: "https://app.example/cb" });
 * ```
 */
export function createNoxClient(
  options?: NoxClientOptions & { checkBrandForAssetType?: true | undefined },
): NoxClient<true>;
/** Creates a client that leaves the brand rule to the server, at compile time and at run time. */
export function createNoxClient(
  options: NoxClientOptions & { checkBrandForAssetType: false },
): NoxClient<false>;
/** Creates a client whose brand check is decided at run time; its body type is the looser one. */
export function createNoxClient(options?: NoxClientOptions): NoxClient<boolean>;
export function createNoxClient(options: NoxClientOptions = {}): NoxClient<boolean> {
  // The implementation takes every body; the overload picked by the option's type decides what callers see.
  return new NoxClientImpl(options);
}
