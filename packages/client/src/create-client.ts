import type { paths } from "@nox-energy/authenticator-types";
import createClient, { type Client } from "openapi-fetch";
import { ALL_CODECS } from "./all-codecs.js";
import type { NoxCodecs } from "./codecs.js";
import type { BrandRuleBodies } from "./curated/brand-rule/link-session-body.js";
import { directFetchOptions, UnreadResponse, UNREAD_ERROR_RESPONSES } from "./direct-fetch.js";
import {
  NoxConfigurationError,
  NoxConnectionError,
  NoxError,
  NoxTimeoutError,
  NoxValidationError,
} from "./errors.js";
import { callGlobalFetch, withFetchOptions } from "./global-fetch.js";
import { traceCall, type CallTrace } from "./tracing.js";
import { CODECS } from "./generated/codecs.js";
import {
  DEFAULT_CREDENTIALS,
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
import {
  errorFromResponse,
  isSuccess,
  parseSuccess,
  successOf,
  unreadableSuccess,
} from "./parse-response.js";
import { credentialValue, prepareRequest, type PreparedRequest } from "./prepare-request.js";
import { printable } from "./printable.js";
import { readBody, readBodyBytes, readErrorBody, type BodyText } from "./read-body.js";
import { INSPECT, REDACTED, redact, redactCause } from "./redact.js";
import { abortError, triedNote, withRetries } from "./retry.js";
import { snapshotBody } from "./snapshot.js";
import { AttemptSignal } from "./timeout.js";
import { checkUserAgent, userAgent } from "./user-agent.js";
import { findInputIssues } from "./validate-input.js";

/**
 * A client for the NOX Authenticator API (Supplier, v2); make one with {@link createNoxClient}.
 * `Checked` is `false` for a client created with `checkBrandForAssetType: false`.
 *
 * One method per operation of the spec (generated): named from the operationId in camelCase unless
 * spec/method-names.json says otherwise (the operationId's own name exists too). Plus a raw
 * openapi-fetch method per HTTP verb the spec uses (`nox.POST`, ...).
 */
export interface NoxClient<Checked extends boolean = true>
  extends NoxOperationMethods<BrandRuleBodies<Checked>>, RawMethods {
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
  /** The last attempt's response status (for its span), and how many attempts were made. */
  status?: number;
  attempts?: number;
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

type Methods = NoxOperationMethods<BrandRuleBodies<false>>;

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

  /** Runs `operation` on `client` with `codecs` (see {@link callOperation}). */
  static call(
    client: NoxClientImpl,
    operation: NoxOperation,
    input: unknown,
    options: NoxRequestOptions | undefined,
    codecs: NoxCodecs,
  ) {
    return client.#call(operation, input, options, codecs);
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
    if (resolved.insecureHttp)
      log.configurationWarning(
        `baseUrl ${resolved.baseUrl} is plain http (allowInsecureHttp): the API key travels unencrypted; use this only against a test fake.`,
      );
    // globalThis.fetch is read at each call, not now: MSW or a stub installed after creation applies.
    const fetch = log.wrapFetch(withFetchOptions(options.fetch ?? callGlobalFetch, options.fetchOptions));
    const clientOptions = {
      baseUrl: resolved.baseUrl,
      // Following a redirect would send the key to wherever it points; a 3xx becomes an error instead.
      redirect: "manual",
    } as const;
    const headers = { "User-Agent": userAgent(options.userAgent), ...resolved.headers };
    // The default credentials travel as the client's own headers; an operation secured otherwise sets its own per call.
    const keyHeaders: Record<string, string> = {};
    if (resolved.apiKey !== "")
      for (const c of DEFAULT_CREDENTIALS)
        if (c.in === "header") keyHeaders[c.name] = credentialValue(c, resolved.apiKey);
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
            headers: { ...headers, ...keyHeaders },
          });
    for (const verb of HTTP_METHODS) {
      Object.defineProperty(this, verb, { value: refuseFollow(open[verb], verb), enumerable: true });
    }
  }

  /**
   * Every generated method: one snapshot of the input (what is validated is what is serialised, once,
   * and sent on every attempt), validated from the operation's schema (nothing is sent when it is bad),
   * then sent with the per-attempt timeout and retries. `codecs`: the generated ones, which cover every
   * generated operation.
   */
  async #call(
    operation: NoxOperation,
    input: unknown,
    given: NoxRequestOptions = {},
    codecs: NoxCodecs = CODECS,
  ): Promise<unknown> {
    // Headers are read once, here: a getter or Proxy that answers differently later cannot slip a header
    // past the checks below, which run on this copy, the one sent on every attempt.
    const options = given.headers === undefined ? given : { ...given, headers: copyHeaders(given.headers) };
    const kind = operation.body?.kind;
    const binary = kind === "binary" || kind === "multipart";
    const value = snapshotBody(input, operation.bodyOnly ? "body" : "params", operation.methodName, binary);
    const issues = findInputIssues(operation, value, this.#options.checkBrandForAssetType, codecs);
    const { apiKey } = this.#options;
    const request =
      issues.length === 0
        ? prepareRequest(operation, value, apiKey, DEFAULT_CREDENTIALS, issues, codecs)
        : undefined;
    if (request === undefined || issues.length > 0)
      throw new NoxValidationError(issues, operation.methodName);
    checkRequestOptions(options);
    const requestId = requestIdOf(options);
    const own = Object.entries(options.headers ?? {}).filter(
      ([name]) => name.toLowerCase() !== "x-request-id",
    );
    const sent = { ...options, headers: { ...Object.fromEntries(own), "x-request-id": requestId } };
    const {
      timeoutMs = this.#options.timeoutMs,
      maxRetries = this.#options.maxRetries,
      maxResponseBytes = this.#options.maxResponseBytes,
    } = options;
    const call: Call = { operation, request, options: sent, timeoutMs, maxRetries, maxResponseBytes };
    const url = () => `${this.baseUrl}${request.path}`;
    const trace = traceCall(operation.methodName, operation.method, url, apiKey);
    const attempt = trace === null ? () => this.#attempt(call) : () => this.#tracedAttempt(call, trace);
    try {
      // `return await`, not `return`: resolving an async function with a promise costs two more microtask hops.
      const result = await withRetries(
        attempt,
        maxRetries,
        this.#options.backoff,
        options.signal,
        this.#logFor(operation),
      );
      trace?.end(undefined, call.status, (call.attempts ?? 1) - 1);
      return result;
    } catch (error) {
      // The server's id when it sent one (a NoxApiError read it); else ours, which went out on every attempt.
      if (error instanceof NoxError && error.requestId === undefined) error.requestId = requestId;
      trace?.end(error, call.status, Math.max((call.attempts ?? 1) - 1, 0));
      throw error;
    }
  }

  #logFor(operation: NoxOperation): AttemptLog {
    let log = this.#logs.get(operation);
    if (log === undefined) this.#logs.set(operation, (log = this.#log.forOperation(operation.label)));
    return log;
  }

  /** One attempt under its span, the W3C trace context in its headers (a copy: each attempt has its own). */
  #tracedAttempt(call: Call, trace: CallTrace): Promise<unknown> {
    const resend = call.attempts ?? 0;
    call.attempts = resend + 1;
    const headers: Record<string, string> = { ...call.options.headers };
    return trace.attempt(
      resend,
      headers,
      () => this.#attempt({ ...call, options: { ...call.options, headers } }, call),
      () => call.status,
    );
  }

  // One HTTP attempt. Once a status has arrived, it alone decides the error: a 2xx whose body cannot be
  // read is never retried (it may have taken effect), an error status whose body breaks off keeps its class.
  async #attempt(call: Call, record: Call = call): Promise<unknown> {
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
        ...(request.body !== undefined && { body: request.body }),
        parseAs: "stream",
        signal: attempt.signal,
        ...(headers && { headers }),
      });
      record.status = response.status;
      // Only a middleware's own Response gets here with an error status: it skips fetch and onResponse,
      // so openapi-fetch has read it (the caller's own object, not a server's: no cap needed).
      if (!response.ok && !isSuccess(operation, response.status))
        throw errorFromResponse(response, bodyTextOf(error), apiKey, call.maxRetries, operation.errors);
      return await this.#success(data as ReadableStream<Uint8Array> | undefined, response, call, attempt);
    } catch (error) {
      if (error instanceof UnreadResponse && isSuccess(operation, error.response.status)) {
        return await this.#success(error.response.body ?? undefined, error.response, call, attempt);
      }
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
   * A success's result, as its documented media says: JSON parsed and checked against the response
   * validator, text as a string, other media as an ArrayBuffer, no documented body: undefined.
   */
  async #success(
    stream: ReadableStream<Uint8Array> | undefined,
    response: Response,
    call: Call,
    attempt: AttemptSignal,
  ): Promise<unknown> {
    const kind = successOf(call.operation, response.status)?.kind;
    if (kind === "binary" || kind === "multipart" || kind === "form") {
      const { bytes, cut } = await this.#read(
        () => readBodyBytes(stream, call.maxResponseBytes),
        response,
        call,
        attempt,
      );
      if (cut) throw this.#tooLong(response, call);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    }
    const text = await this.#readSuccess(stream, response, call, attempt);
    if (kind === "text") return text;
    if (kind === undefined && call.operation.success.length > 0) return undefined;
    return parseSuccess(text, response, this.#options.apiKey, call.operation);
  }

  #tooLong(response: Response, call: Call): NoxError {
    const problem = `its body is more than maxResponseBytes (${call.maxResponseBytes} bytes)`;
    return unreadableSuccess(response, this.#options.apiKey, problem, call.operation);
  }

  /** Reads a success body; a body that cannot be read whole is a NoxInvalidResponseError (see #readSuccess). */
  async #read<T>(read: () => Promise<T>, response: Response, call: Call, attempt: AttemptSignal): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (call.options.signal?.aborted) throw error;
      const problem = attempt.timedOut
        ? `its body stalled: it had not all arrived within timeoutMs (${call.timeoutMs} ms)`
        : `its body broke off before the end (${redact(describeFailure(error), this.#options.apiKey)})`;
      throw unreadableSuccess(
        response,
        this.#options.apiKey,
        problem,
        call.operation,
        redactCause(error, this.#options.apiKey),
      );
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
    const body: BodyText = await this.#read(
      () => readBody(stream, call.maxResponseBytes),
      response,
      call,
      attempt,
    );
    if (body.cut) throw this.#tooLong(response, call);
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
 * mapping): what each generated method does, with every codec (parameter styles, every media), where the
 * methods link only those their spec uses. Internal (not exported by the package); tests use it to show
 * the pipeline does not depend on which operations the spec has.
 */
export function callOperation(
  client: NoxClient<boolean>,
  operation: NoxOperation,
  input: unknown,
  options?: NoxRequestOptions,
): Promise<unknown> {
  return NoxClientImpl.call(client as NoxClientImpl, operation, input, options, ALL_CODECS);
}

const REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

/** A call's `x-request-id`: the `requestId` option, else the `x-request-id` in its headers, else a new UUID. */
function requestIdOf(options: NoxRequestOptions): string {
  const header = Object.entries(options.headers ?? {}).find(
    ([name]) => name.toLowerCase() === "x-request-id",
  );
  const given = options.requestId ?? header?.[1];
  if (given === undefined) return globalThis.crypto.randomUUID();
  if (typeof given !== "string" || !REQUEST_ID.test(given))
    throw new NoxConfigurationError(
      `requestId must be 1-200 printable ASCII characters without spaces (got ${JSON.stringify(given)}).`,
    );
  return given;
}
