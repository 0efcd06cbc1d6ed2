import type {
  CreateSupplierLinkSessionRequest,
  CreateSupplierLinkSessionResponse,
  paths,
} from "@nox-energy/authenticator-types";
import createClient, { type Client } from "openapi-fetch";
import { API_KEY_HEADER, createAuthMiddleware } from "./auth-middleware.js";
import { directFetchOptions, UnreadResponse } from "./direct-fetch.js";
import {
  NoxConfigurationError,
  NoxConnectionError,
  NoxError,
  NoxTimeoutError,
  NoxValidationError,
} from "./errors.js";
import {
  checkRequestOptions,
  resolveOptions,
  type NoxClientOptions,
  type NoxRequestOptions,
  type ResolvedOptions,
} from "./options.js";
import { errorFromResponse, parseLinkSession, unreadableSession } from "./parse-response.js";
import { readBody, readErrorBody, type BodyText } from "./read-body.js";
import { INSPECT, REDACTED, redact, redactCause } from "./redact.js";
import { abortError, triedNote, withRetries } from "./retry.js";
import { snapshotBody } from "./snapshot.js";
import { AttemptSignal } from "./timeout.js";
import { userAgent } from "./user-agent.js";
import { findRequestIssues } from "./validate.js";

/** A client for the NOX Authenticator API (Supplier, v2); make one with {@link createNoxClient}. */
export interface NoxClient {
  /**
   * Creates a link session: validates `body` (nothing is sent when it is bad), then sends it with
   * the per-attempt timeout and retries. Resolves to the session; every failure throws a `NoxError`.
   * @example
   * ```ts
   * const session = await nox.createLinkSession({ user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" });
   * redirect(session.link_url);
   * ```
   */
  createLinkSession(
    body: CreateSupplierLinkSessionRequest,
    options?: NoxRequestOptions,
  ): Promise<CreateSupplierLinkSessionResponse>;
  /**
   * openapi-fetch's `POST`, with the same auth and User-Agent but no validation, timeout, retry or throw;
   * redirects are not followed (a per-call `redirect: "follow"` rejects with a NoxConfigurationError).
   */
  readonly POST: Client<paths>["POST"];
  /** The base URL requests go to (without a trailing slash). */
  readonly baseUrl: string;
}

const LINK_SESSIONS = "/supplier/link-sessions";

/** One createLinkSession call: the body serialised once, and the call's settings with defaults applied. */
interface Call {
  readonly json: string;
  readonly options: NoxRequestOptions;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxResponseBytes: number;
}

// The body is serialised once per call, from its snapshot, and these bytes are sent on every attempt.
const sendAsIs = (json: unknown): unknown => json;

/** Names what failed underneath fetch's generic "fetch failed" (ECONNRESET, ECONNREFUSED, ...). */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail = typeof cause?.code === "string" ? cause.code : cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return typeof detail === "string" ? `${message} (${detail})` : message;
}

class NoxClientImpl implements NoxClient {
  readonly baseUrl: string;
  readonly POST: Client<paths>["POST"];
  readonly #options: ResolvedOptions;
  readonly #client: Client<paths>;

  constructor(options: NoxClientOptions) {
    const resolved = resolveOptions(options);
    this.#options = resolved;
    this.baseUrl = resolved.baseUrl;
    // Read once, as openapi-fetch reads its default: a fetch swapped in later does not apply.
    const fetch = options.fetch ?? globalThis.fetch;
    const clientOptions = {
      baseUrl: resolved.baseUrl,
      // Following a redirect would send the key to wherever it points; a 3xx becomes an error instead.
      redirect: "manual",
    } as const;
    const headers = { "User-Agent": userAgent(), ...options.headers };
    // createLinkSession only ever calls baseUrl itself, so its client carries the key as a plain header
    // (no per-request middleware cost), and with no middleware to hand a Request to, it calls every
    // fetch, the platform's or the caller's, as fetch(url, init). nox.POST takes any per-call baseUrl,
    // so its key goes through the middleware that checks the origin, which needs a real Request: fetch
    // gets that Request, which the standard signature takes.
    this.#client = createClient<paths>({
      ...clientOptions,
      ...directFetchOptions(fetch),
      bodySerializer: sendAsIs,
      headers: { ...headers, [API_KEY_HEADER]: resolved.apiKey },
    });
    const open = createClient<paths>({ ...clientOptions, fetch, headers });
    open.use(createAuthMiddleware(resolved.apiKey, { origin: resolved.baseUrl }));
    const post = open.POST as (...args: unknown[]) => ReturnType<Client<paths>["POST"]>;
    // The middleware sends the key with redirect "manual" anyway; a call that asks to follow is told so.
    this.POST = ((path: unknown, init?: RequestInit) =>
      init?.redirect === "follow"
        ? Promise.reject(
            new NoxConfigurationError(
              'nox.POST does not take redirect: "follow": fetch would send the API key on to wherever a redirect points. ' +
                "Leave redirect out (a 3xx is then the response), or use a client without the key.",
            ),
          )
        : post(path, init)) as Client<paths>["POST"];
  }

  async createLinkSession(
    body: CreateSupplierLinkSessionRequest,
    options: NoxRequestOptions = {},
  ): Promise<CreateSupplierLinkSessionResponse> {
    // One snapshot: what is validated is what is serialised, once, and sent on every attempt.
    const snapshot = snapshotBody(body);
    const issues = findRequestIssues(snapshot, this.#options.checkBrandForAssetType);
    if (issues.length > 0) throw new NoxValidationError(issues);
    checkRequestOptions(options);
    const {
      timeoutMs = this.#options.timeoutMs,
      maxRetries = this.#options.maxRetries,
      maxResponseBytes = this.#options.maxResponseBytes,
    } = options;
    const call: Call = { json: JSON.stringify(snapshot), options, timeoutMs, maxRetries, maxResponseBytes };
    // `return await`, not `return`: resolving an async function with a promise costs two more microtask hops.
    return await withRetries(() => this.#attempt(call), maxRetries, this.#options.backoff, options.signal);
  }

  // One HTTP attempt. Once a status has arrived, it alone decides the error: a 2xx whose body cannot be
  // read is never retried (the session may exist), an error status whose body breaks off keeps its class.
  async #attempt(call: Call): Promise<CreateSupplierLinkSessionResponse> {
    const { apiKey } = this.#options;
    const attempt = new AttemptSignal(call.timeoutMs, call.options.signal);
    try {
      const { data, response } = await this.#client.POST(LINK_SESSIONS, {
        body: call.json as unknown as CreateSupplierLinkSessionRequest,
        parseAs: "stream",
        signal: attempt.signal,
        ...(call.options.headers && { headers: call.options.headers }),
      });
      const text = await this.#readSession(
        data as ReadableStream<Uint8Array> | undefined,
        response,
        call,
        attempt,
      );
      return parseLinkSession(text, response, apiKey);
    } catch (error) {
      if (error instanceof UnreadResponse) {
        const body = await readErrorBody(error.response, call.maxResponseBytes);
        throw errorFromResponse(error.response, body, apiKey, call.maxRetries);
      }
      throw this.#failure(error, call, attempt.timedOut);
    } finally {
      attempt.done();
    }
  }

  /**
   * The text of a 2xx body, read up to maxResponseBytes. A 2xx status means the session may exist, so
   * a body that cannot be read whole is a NoxInvalidResponseError (never retried), not a timeout or a
   * connection error; only the caller's abort stays an abort.
   */
  async #readSession(
    stream: ReadableStream<Uint8Array> | undefined,
    response: Response,
    call: Call,
    attempt: AttemptSignal,
  ): Promise<string> {
    const { apiKey } = this.#options;
    let body: BodyText;
    try {
      body = await readBody(stream, call.maxResponseBytes);
    } catch (error) {
      if (call.options.signal?.aborted) throw error;
      const problem = attempt.timedOut
        ? `its body stalled: it had not all arrived within timeoutMs (${call.timeoutMs} ms)`
        : `its body broke off before the end (${redact(describeFailure(error), apiKey)})`;
      throw unreadableSession(response, apiKey, problem, redactCause(error, apiKey));
    }
    if (body.cut) {
      const problem = `its body is more than maxResponseBytes (${call.maxResponseBytes} bytes)`;
      throw unreadableSession(response, apiKey, problem);
    }
    return body.text;
  }

  /** The error for an attempt that got no HTTP status: the caller's abort, a timeout, a connection failure. */
  #failure(error: unknown, call: Call, timedOut: boolean): NoxError {
    if (error instanceof NoxError) return error;
    const { apiKey } = this.#options;
    if (call.options.signal?.aborted) return abortError(call.options.signal);
    const tried = triedNote(call.maxRetries);
    if (timedOut) {
      return new NoxTimeoutError(
        `NOX did not answer within timeoutMs (${call.timeoutMs} ms); ${tried}. Check the network path to ${this.baseUrl}, or raise timeoutMs.`,
        { cause: redactCause(error, apiKey) },
      );
    }
    return new NoxConnectionError(
      `Could not reach NOX at ${this.baseUrl}: ${redact(describeFailure(error), apiKey)}; ${tried}; ` +
        "check the network, DNS, proxy and baseUrl.",
      { cause: redactCause(error, apiKey) },
    );
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
 * @example
 * ```ts
 * const nox = createNoxClient({ apiKey: process.env.NOX_API_KEY, maxRetries: 3 });
 * const session = await nox.createLinkSession({ user_id: "u-1", asset_type: "pv", redirect_url: "https://app.example/cb" });
 * ```
 */
export function createNoxClient(options: NoxClientOptions = {}): NoxClient {
  return new NoxClientImpl(options);
}
