import type {
  CheckedCreateLinkSessionRequest,
  CreateSupplierLinkSessionResponse,
  paths,
  UncheckedCreateLinkSessionRequest,
} from "@nox-energy/authenticator-types";
import createClient, { type Client } from "openapi-fetch";
import { API_KEY_HEADER } from "./auth-middleware.js";
import { directFetchOptions, UnreadResponse, UNREAD_ERROR_RESPONSES } from "./direct-fetch.js";
import { NoxConnectionError, NoxError, NoxTimeoutError, NoxValidationError } from "./errors.js";
import { callGlobalFetch } from "./global-fetch.js";
import {
  HTTP_METHODS,
  METHOD_NAMES,
  OPERATIONS,
  type HttpMethod,
  type NoxOperationMethods,
} from "./generated/operations.js";
import { createClientLog, type AttemptLog, type ClientLog } from "./log.js";
import type { NoxOperation } from "./operation.js";
import { checkMiddleware, createRequestClient, refuseFollow } from "./request-client.js";
import {
  checkRequestOptions,
  copyHeaders,
  resolveOptions,
  type NoxClientOptions,
  type NoxRequestOptions,
  type ResolvedOptions,
} from "./options.js";
import { errorFromResponse, parseSuccess, unreadableSuccess } from "./parse-response.js";
import { prepareRequest, type PreparedRequest } from "./prepare-request.js";
import { printable } from "./printable.js";
import { readBody, readErrorBody, type BodyText } from "./read-body.js";
import { INSPECT, REDACTED, redact, redactCause } from "./redact.js";
import { abortError, triedNote, withRetries } from "./retry.js";
import { snapshotBody } from "./snapshot.js";
import { AttemptSignal } from "./timeout.js";
import { checkUserAgent, userAgent } from "./user-agent.js";
import { findInputIssues } from "./validate.js";

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
 *
 * One method per operation of the spec (generated): named from the operationId in camelCase unless
 * spec/method-names.json says otherwise (the operationId's own name exists too). Plus a raw
 * openapi-fetch method per HTTP verb the spec uses (`nox.POST`, ...).
 */
export interface NoxClient<Checked extends boolean = true>
  extends NoxOperationMethods<{ createSupplierLinkSession: LinkSessionBody<Checked> }>, RawMethods {
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
  /** The base URL requests go to (without a trailing slash). */
  readonly baseUrl: string;
}

/**
 * openapi-fetch's method for each HTTP verb the spec uses (`POST`, ...), with the same auth and
 * User-Agent but no validation, timeout, retry or throw; redirects are not followed (a per-call
 * `redirect: "follow"` rejects with a NoxConfigurationError).
 */
export type RawMethods = { readonly [V in HttpMethod]: Client<paths>[V] };

/** One method call: what it sends, and the call's settings with defaults applied. */
interface Call {
  readonly operation: NoxOperation;
  readonly request: PreparedRequest;
  readonly options: NoxRequestOptions;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxResponseBytes: number;
}

// The body is serialised once per call, from its snapshot, and these bytes are sent on every attempt.
const sendAsIs = (json: unknown): unknown => json;

/** What openapi-fetch read of an error body (text, or the JSON it parsed), as the text it was. */
function bodyTextOf(error: unknown): BodyText {
  if (error === undefined) return { text: "", cut: false };
  if (typeof error === "string") return { text: error, cut: false };
  try {
    return { text: JSON.stringify(error), cut: false };
  } catch {
    return { text: "", cut: true };
  }
}

/** Names what failed underneath fetch's generic "fetch failed" (ECONNRESET, ECONNREFUSED, ...), control characters escaped. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail = typeof cause?.code === "string" ? cause.code : cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return printable(typeof detail === "string" ? `${message} (${detail})` : message);
}

type Methods = NoxOperationMethods<{ createSupplierLinkSession: UncheckedCreateLinkSessionRequest }>;

// The generated methods are put on the prototype (below); this merge tells TypeScript they are there.
interface NoxClientImpl extends Methods, RawMethods {}

// NoxClient<false>: the implementation takes every body shape; the run-time check does the rest.
class NoxClientImpl implements NoxClient<false> {
  static {
    // One method per name, each the generic call with its operation's descriptor: no code per operation.
    for (const [name, operationId] of Object.entries(METHOD_NAMES)) {
      const operation: NoxOperation = OPERATIONS[operationId];
      Object.defineProperty(NoxClientImpl.prototype, name, {
        value(this: NoxClientImpl, input: unknown, options?: NoxRequestOptions) {
          return this.#call(operation, input, options);
        },
        writable: true,
        configurable: true,
      });
    }
  }

  /** Runs `operation` on `client` (see {@link callOperation}). */
  static call(client: NoxClientImpl, operation: NoxOperation, input: unknown, options?: NoxRequestOptions) {
    return client.#call(operation, input, options);
  }

  readonly baseUrl: string;
  readonly #options: ResolvedOptions;
  readonly #client: Client<paths>;
  readonly #log: ClientLog;
  readonly #logs = new Map<NoxOperation, AttemptLog>();

  constructor(options: NoxClientOptions) {
    const resolved = resolveOptions(options);
    this.#options = resolved;
    this.baseUrl = resolved.baseUrl;
    checkUserAgent(options.userAgent);
    const middleware = checkMiddleware(options.middleware);
    const log = createClientLog(options, resolved.apiKey, "NoxClient");
    this.#log = log;
    // globalThis.fetch is read at each call, not now: MSW or a stub installed after creation applies.
    const fetch = log.wrapFetch(options.fetch ?? callGlobalFetch);
    const clientOptions = {
      baseUrl: resolved.baseUrl,
      // Following a redirect would send the key to wherever it points; a 3xx becomes an error instead.
      redirect: "manual",
    } as const;
    const headers = { "User-Agent": userAgent(options.userAgent), ...resolved.headers };
    // The methods only ever call baseUrl itself, so their client carries the key as a plain header
    // (no per-request middleware cost), and with no middleware to hand a Request to, it calls every
    // fetch, the platform's or the caller's, as fetch(url, init). nox.POST takes any per-call baseUrl,
    // so its key goes through the middleware that checks the origin, which needs a real Request: fetch
    // gets that Request, which the standard signature takes.
    const { apiKey, baseUrl } = resolved;
    const open = createRequestClient({ clientOptions, fetch, headers, apiKey, baseUrl, middleware });
    // With middleware, the methods take the Request path too, so the middleware sees their attempts;
    // an error status is still handed back unread (after the middleware saw it), so its body stays capped.
    const methodOptions = { ...clientOptions, bodySerializer: sendAsIs };
    this.#client =
      middleware.length > 0
        ? createRequestClient({
            ...{ clientOptions: methodOptions, fetch, headers, apiKey, baseUrl },
            middleware: [UNREAD_ERROR_RESPONSES, ...middleware],
          })
        : createClient<paths>({
            ...methodOptions,
            ...directFetchOptions(fetch),
            headers: { ...headers, [API_KEY_HEADER]: apiKey },
          });
    for (const verb of HTTP_METHODS) {
      Object.defineProperty(this, verb, { value: refuseFollow(open[verb], verb), enumerable: true });
    }
  }

  /**
   * Every generated method: one snapshot of the input (what is validated is what is serialised, once,
   * and sent on every attempt), validated from the operation's schema (nothing is sent when it is bad),
   * then sent with the per-attempt timeout and retries.
   */
  async #call(operation: NoxOperation, input: unknown, given: NoxRequestOptions = {}): Promise<unknown> {
    // Headers are read once, here: a getter or Proxy that answers differently later cannot slip a header
    // past the checks below, which run on this copy, the one sent on every attempt.
    const options = given.headers === undefined ? given : { ...given, headers: copyHeaders(given.headers) };
    const snapshot = snapshotBody(input, operation.bodyOnly ? "body" : "params", operation.methodName);
    const value = snapshot === undefined && !operation.hasBody && operation.bodyOnly ? {} : snapshot;
    const root = operation.bodyOnly ? "body" : "params";
    const issues = findInputIssues(operation.input, value, root, this.#options.checkBrandForAssetType);
    const request = issues.length === 0 ? prepareRequest(operation, value, issues) : undefined;
    if (request === undefined || issues.length > 0)
      throw new NoxValidationError(issues, operation.methodName);
    checkRequestOptions(options);
    const {
      timeoutMs = this.#options.timeoutMs,
      maxRetries = this.#options.maxRetries,
      maxResponseBytes = this.#options.maxResponseBytes,
    } = options;
    const call: Call = { operation, request, options, timeoutMs, maxRetries, maxResponseBytes };
    // `return await`, not `return`: resolving an async function with a promise costs two more microtask hops.
    return await withRetries(
      () => this.#attempt(call),
      maxRetries,
      this.#options.backoff,
      options.signal,
      this.#logFor(operation),
    );
  }

  #logFor(operation: NoxOperation): AttemptLog {
    let log = this.#logs.get(operation);
    if (log === undefined) this.#logs.set(operation, (log = this.#log.forOperation(operation.label)));
    return log;
  }

  // One HTTP attempt. Once a status has arrived, it alone decides the error: a 2xx whose body cannot be
  // read is never retried (it may have taken effect), an error status whose body breaks off keeps its class.
  async #attempt(call: Call): Promise<unknown> {
    const { apiKey } = this.#options;
    const { operation, request } = call;
    const attempt = new AttemptSignal(call.timeoutMs, call.options.signal);
    const headers =
      request.headers === undefined ? call.options.headers : { ...call.options.headers, ...request.headers };
    const send = this.#client[operation.method as HttpMethod] as unknown as (
      path: string,
      init: Record<string, unknown>,
    ) => ReturnType<Client<paths>["POST"]>;
    try {
      const { data, error, response } = await send(request.path, {
        ...(request.json !== undefined && { body: request.json }),
        parseAs: "stream",
        signal: attempt.signal,
        ...(headers && { headers }),
      });
      // Only a middleware's own Response gets here with an error status: it skips fetch and onResponse,
      // so openapi-fetch has read it (the caller's own object, not a server's: no cap needed).
      if (!response.ok)
        throw errorFromResponse(response, bodyTextOf(error), apiKey, call.maxRetries, operation.errors);
      const text = await this.#readSuccess(
        data as ReadableStream<Uint8Array> | undefined,
        response,
        call,
        attempt,
      );
      return parseSuccess(text, response, apiKey, operation);
    } catch (error) {
      if (error instanceof UnreadResponse) {
        const body = await readErrorBody(error.response, call.maxResponseBytes);
        throw errorFromResponse(error.response, body, apiKey, call.maxRetries, operation.errors);
      }
      throw this.#failure(error, call, attempt.timedOut);
    } finally {
      attempt.done();
    }
  }

  /**
   * The text of a 2xx body, read up to maxResponseBytes. A 2xx status means the request may have taken
   * effect, so a body that cannot be read whole is a NoxInvalidResponseError (never retried), not a
   * timeout or a connection error; only the caller's abort stays an abort.
   */
  async #readSuccess(
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
      throw unreadableSuccess(response, apiKey, problem, call.operation, redactCause(error, apiKey));
    }
    if (body.cut) {
      const problem = `its body is more than maxResponseBytes (${call.maxResponseBytes} bytes)`;
      throw unreadableSuccess(response, apiKey, problem, call.operation);
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

/**
 * Runs any operation descriptor through `client`'s pipeline (validation, retries, timeouts, error
 * mapping): what each generated method does. Internal (not exported by the package); tests use it to
 * show the pipeline does not depend on which operations the spec has.
 */
export function callOperation(
  client: NoxClient<boolean>,
  operation: NoxOperation,
  input: unknown,
  options?: NoxRequestOptions,
): Promise<unknown> {
  return NoxClientImpl.call(client as NoxClientImpl, operation, input, options);
}
