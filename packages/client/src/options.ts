import type { Middleware } from "openapi-fetch";
import { NoxConfigurationError } from "./errors.js";
import type { NoxLogger, NoxLogLevel } from "./log.js";
import { DEFAULT_BACKOFF, type Backoff, type NoxBackoffOptions } from "./retry.js";
import { DEFAULT_BASE_URL, SERVERS, type NoxServer } from "./generated/base-url.js";
import { CREDENTIAL_HEADERS, NEEDS_API_KEY } from "./generated/operations.js";
import { refuseUserAgentHeader } from "./user-agent.js";
import { readEnv } from "./env.js";

/** Options for {@link createNoxClient}; `undefined` means "the default", so `process.env.X` can be passed as is. */
export interface NoxClientOptions {
  /** The supplier API key (default: the `NOX_API_KEY` environment variable). */
  apiKey?: string | undefined;
  /**
   * The API's base URL (default: the `NOX_BASE_URL` environment variable, else the spec's server,
   * `https://auth.nox.energy/v2`); `http:` only for loopback, or for a host `allowInsecureHttp` names.
   */
  baseUrl?: string | undefined;
  /**
   * Host names (exact, any case) to which a plain `http:` base URL is allowed, for tests against a
   * fake in another container: `["nox-fake"]`. Off by default; each client that uses it logs a
   * warning (the key travels unencrypted), and it is refused when `NODE_ENV` is `production`.
   */
  allowInsecureHttp?: readonly string[] | undefined;
  /** Which of the spec's servers (`SERVERS`) to use instead of the first: its index, or its description. */
  server?: number | string | undefined;
  /** Values for the chosen server's URL variables (`{region}`); each one left out is the spec's default. */
  serverVariables?: Readonly<Record<string, string>> | undefined;
  /** Each attempt's time limit in ms (default 30000). */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt for retryable failures (default 2). */
  maxRetries?: number | undefined;
  /** Delays between retries (defaults: 500 ms doubling to 8 s; `Retry-After` honoured up to 60 s). */
  backoff?: NoxBackoffOptions | undefined;
  /**
   * The fetch to use (default: `globalThis.fetch` as it is at each call), with fetch's own signature: `globalThis.fetch`, one
   * that adds a proxy dispatcher, or a test double. `createLinkSession` calls it as `fetch(url, init)`,
   * the attempt's signal in `init.signal` (aborted at `timeoutMs`); `nox.POST` calls it with a `Request`.
   */
  fetch?: ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) | undefined;
  /**
   * Extra `fetch` options for every request, as openai-node's `fetchOptions`: undici's `dispatcher`
   * (a `ProxyAgent`, keep-alive settings), `keepalive`, `priority`. The client's own (method, headers,
   * body, signal, redirect) always win.
   */
  fetchOptions?: NoxFetchOptions | undefined;
  /** Extra headers for every request (not `x-api-key`, nor one that frames the request, like `content-length`). */
  headers?: Record<string, string> | undefined;
  /**
   * The most bytes read of a response body (default 65536; a link session is under 1 KB). A longer 2xx
   * body is a `NoxInvalidResponseError` (not retried); an error body is cut there, its excerpt kept.
   */
  maxResponseBytes?: number | undefined;
  /** Refuse a `brand` not listed for the `asset_type` (default true); turn off when the curated list lags NOX. */
  checkBrandForAssetType?: boolean | undefined;
  /** Appended to the client's own User-Agent, e.g. `"billing-service/1.2"`; printable ASCII. */
  userAgent?: string | undefined;
  /** Where log lines go (default `console`): any object with `error`, `warn`, `info` and `debug`, such as pino. */
  logger?: NoxLogger | undefined;
  /** The lowest level logged (default: the `NOX_LOG` environment variable, else `"warn"`). */
  logLevel?: NoxLogLevel | undefined;
  /** openapi-fetch middleware run on every attempt of every call (retries included), before the key is added. */
  middleware?: readonly Middleware[] | undefined;
}

/**
 * What {@link NoxClientOptions.fetchOptions} may set: `RequestInit` without what the client sets
 * itself, plus undici's `dispatcher` (Node's fetch reads it; its type is undici's, so it is `unknown`
 * here and a `new ProxyAgent(...)` compiles without a cast).
 */
export interface NoxFetchOptions extends Omit<
  RequestInit,
  "method" | "headers" | "body" | "signal" | "redirect" | "window" | "dispatcher"
> {
  dispatcher?: unknown;
}

/** Options for one call; each overrides the client's. */
export interface NoxRequestOptions {
  /** Aborts the call, including any wait between retries. */
  signal?: AbortSignal | undefined;
  /** This call's per-attempt time limit in ms. */
  timeoutMs?: number | undefined;
  /** This call's retries after the first attempt. */
  maxRetries?: number | undefined;
  /** Extra headers for this call (not `x-api-key`, nor one that frames the request). */
  headers?: Record<string, string> | undefined;
  /** The most bytes read of this call's response body. */
  maxResponseBytes?: number | undefined;
  /**
   * This call's `x-request-id` (printable ASCII, at most 200 characters), sent on every attempt. Default:
   * an `x-request-id` in `headers`, else a new UUID. Errors carry it when the server sends none back.
   */
  requestId?: string | undefined;
}

/** Client options with every default applied and checked. */
export interface ResolvedOptions {
  /** The key, or `""` when the spec's operations need none and none was given. */
  apiKey: string;
  baseUrl: string;
  /** True for plain http to a host `allowInsecureHttp` named: the client warns once, at creation. */
  insecureHttp: boolean;
  timeoutMs: number;
  maxRetries: number;
  maxResponseBytes: number;
  backoff: Readonly<Backoff>;
  checkBrandForAssetType: boolean;
  /** The `headers` option, copied once and checked: the only read of it. */
  headers: Readonly<Record<string, string>>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_MAX_RESPONSE_BYTES = 65_536;
/**
 * Headers that frame the request or the connection: fetch refuses some, and the rest break the wire
 * (a wrong `content-length` hangs until the timeout). `x-api-key` is the `apiKey` option's alone.
 */
const REFUSED_HEADERS = new Set([
  "connection",
  "content-length",
  "expect",
  "host",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
]);
const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Throws unless `apiKey` is a non-empty string of printable ASCII (no CR/LF, no control characters). */
export function assertValidApiKey(apiKey: unknown): asserts apiKey is string {
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new NoxConfigurationError(
      "No NOX API key: pass createNoxClient({ apiKey }) or set the NOX_API_KEY environment variable.",
    );
  }
  const bad = apiKey.search(/[^\x20-\x7e]/);
  if (bad !== -1) {
    throw new NoxConfigurationError(
      `The NOX API key has a control or non-ASCII character at position ${bad} (a stray newline from a file or secret store?); ` +
        "trim it before passing it in.",
    );
  }
  if (apiKey.trim() !== apiKey) {
    // Headers would send it trimmed, and redaction would then look for the untrimmed key.
    throw new NoxConfigurationError(
      "The NOX API key starts or ends with white space (a stray space from a file or secret store?); trim it before passing it in.",
    );
  }
}

function readEnvApiKey(): string | undefined {
  return readEnv("NOX_API_KEY");
}

const DEFAULT_URL: string | undefined = DEFAULT_BASE_URL;

/** The URL of the spec's server that `server` names, its `{variables}` filled in from `serverVariables` or their defaults. */
function serverUrl(
  servers: readonly NoxServer[],
  server: number | string | undefined,
  values: Readonly<Record<string, string>> = {},
): string {
  const SERVERS = servers;
  const listed = SERVERS.map(
    (s, i) => `${i}${s.description === undefined ? "" : ` (${JSON.stringify(s.description)})`}`,
  );
  const index =
    server === undefined
      ? 0
      : typeof server === "number"
        ? server
        : SERVERS.findIndex((s) => s.description === server);
  const chosen = SERVERS[index];
  if (chosen === undefined) {
    throw new NoxConfigurationError(
      SERVERS.length === 0
        ? "server: the spec lists no servers; pass baseUrl."
        : `server ${JSON.stringify(server)} is not one of the spec's servers: ${listed.join(", ")}.`,
    );
  }
  for (const name of Object.keys(values)) {
    if (!Object.hasOwn(chosen.variables, name)) {
      const known = Object.keys(chosen.variables);
      throw new NoxConfigurationError(
        `serverVariables: ${JSON.stringify(name)} is not a variable of ${chosen.url}${known.length === 0 ? " (it has none)" : `; it has ${known.join(", ")}`}.`,
      );
    }
  }
  return chosen.url.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const variable = chosen.variables[name];
    const value = values[name] ?? variable?.default ?? "";
    if (variable?.enum !== undefined && !variable.enum.includes(value)) {
      throw new NoxConfigurationError(
        `serverVariables.${name} must be one of ${variable.enum.map((v) => JSON.stringify(v)).join(", ")} (got ${JSON.stringify(value)}).`,
      );
    }
    return value;
  });
}

/** The base URL the options name: `baseUrl`, else the chosen server, else the spec's default; refused when there is none. */
export function baseUrlOf(
  options: NoxClientOptions,
  servers: readonly NoxServer[] = SERVERS,
  defaultUrl: string | null = DEFAULT_URL ?? null,
): string {
  const { server, serverVariables } = options;
  // An explicit server choice is an option too: it wins over the environment's NOX_BASE_URL.
  const fromEnv = server === undefined && serverVariables === undefined ? readEnv("NOX_BASE_URL") : undefined;
  const baseUrl = options.baseUrl ?? (fromEnv === "" ? undefined : fromEnv);
  if (baseUrl !== undefined) {
    if (server !== undefined || serverVariables !== undefined)
      throw new NoxConfigurationError(
        "Pass baseUrl, or server / serverVariables to pick one of the spec's servers, not both.",
      );
    return baseUrl;
  }
  if (server !== undefined || serverVariables !== undefined)
    return serverUrl(servers, server, serverVariables);
  if (defaultUrl === null) {
    throw new NoxConfigurationError(
      "The spec names no absolute server URL, so there is no default: pass baseUrl (the API's base URL, e.g. https://api.example.com/v1).",
    );
  }
  return defaultUrl;
}

/** The hosts `allowInsecureHttp` names, lower-cased; refused when they are not host names or in production. */
function insecureHosts(option: unknown): Set<string> {
  if (option === undefined) return new Set();
  const hosts = Array.isArray(option) ? (option as unknown[]) : null;
  const bad = hosts?.find((h) => typeof h !== "string" || !/^[A-Za-z0-9.-]+$/.test(h));
  if (hosts === null || bad !== undefined)
    throw new NoxConfigurationError(
      `allowInsecureHttp must list host names, e.g. ["nox-fake"] (got ${JSON.stringify(hosts === null ? option : bad)}): no scheme, port or path.`,
    );
  if (hosts.length > 0 && readEnv("NODE_ENV") === "production")
    throw new NoxConfigurationError(
      "allowInsecureHttp is refused when NODE_ENV is production: it sends the API key unencrypted. Use it in tests only.",
    );
  return new Set((hosts as string[]).map((h) => h.toLowerCase()));
}

/**
 * `baseUrl` without a trailing slash, after refusing what would leak the key or cannot work, and
 * whether it is plain http to a host `allowInsecureHttp` named (the client then warns).
 */
function checkBaseUrl(baseUrl: string, insecure: ReadonlySet<string>): { url: string; insecure: boolean } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new NoxConfigurationError(
      `baseUrl ${JSON.stringify(baseUrl)} is not an absolute URL; use e.g. ${DEFAULT_URL ?? "https://api.example.com/v1"}.`,
    );
  }
  const refuse = (why: string) => new NoxConfigurationError(`baseUrl ${url.origin}: ${why}`);
  const named = url.protocol === "http:" && insecure.has(url.hostname.toLowerCase());
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.test(url.hostname) && !named) {
    throw refuse(
      "plain http would send the API key unencrypted; use https (http is allowed for loopback hosts, and in tests for a host named in allowInsecureHttp).",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw refuse("must be an https URL.");
  if (url.username || url.password) throw refuse("must not hold credentials; the API key goes in apiKey.");
  // The URL parser drops an empty query or fragment ("…/v2?"), so the input is checked as written too.
  if (url.search || url.hash || /[?#]/.test(baseUrl)) throw refuse("must not have a query or fragment.");
  return { url: url.href.replace(/\/+$/, ""), insecure: named && !LOOPBACK_HOSTS.test(url.hostname) };
}

/** Throws unless `value` is an integer >= `min` (or undefined). */
function checkInteger(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
    throw new NoxConfigurationError(`${name} must be an integer >= ${min} (got ${String(value)}).`);
  }
}

// Object.entries sees nothing in a Headers or an entry list, but openapi-fetch sends every entry.
function assertPlainObject(headers: unknown): void {
  const proto: unknown = typeof headers === "object" && headers !== null ? Object.getPrototypeOf(headers) : 0;
  if (proto !== Object.prototype && proto !== null) {
    throw new NoxConfigurationError(
      'headers must be a plain object of name: value pairs, such as { "x-trace-id": "abc" } (not a Headers or an array).',
    );
  }
}

/** A call's headers copied once (own enumerable string keys), after refusing what is not a plain object. */
export function copyHeaders(headers: Record<string, string>): Record<string, string> {
  assertPlainObject(headers);
  return { ...headers };
}

/**
 * Throws unless every header is one `Headers` takes. Left to fetch, a bad one (a CR or LF in a value)
 * would fail before sending, and read as a connection error that is retried.
 */
function checkHeaders(headers: Record<string, string> | undefined): void {
  if (headers === undefined) return;
  assertPlainObject(headers);
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (CREDENTIAL_HEADERS.includes(lower)) {
      throw new NoxConfigurationError(
        `headers must not set ${lower}: pass the key as apiKey (or NOX_API_KEY); a header would replace or drop it.`,
      );
    }
    if (REFUSED_HEADERS.has(lower)) {
      throw new NoxConfigurationError(
        `headers: ${JSON.stringify(name)} cannot be set: fetch sets it from the request, and another value breaks the request on the wire.`,
      );
    }
    try {
      new Headers([[name, value]]);
    } catch {
      // Neither the value nor fetch's error (which quotes it) is kept: a header may carry a credential.
      throw new NoxConfigurationError(
        `headers: ${JSON.stringify(name)} is not a valid HTTP header name, or its value holds a character a header cannot (CR, LF, NUL, non-Latin-1).`,
      );
    }
  }
}

/** Checks a call's (or the client's) numeric options and headers. */
export function checkRequestOptions(options: NoxRequestOptions | NoxClientOptions): void {
  checkInteger("timeoutMs", options.timeoutMs, 1);
  checkInteger("maxRetries", options.maxRetries, 0);
  checkInteger("maxResponseBytes", options.maxResponseBytes, 1);
  checkHeaders(options.headers);
  refuseUserAgentHeader(options.headers);
}

/** Applies defaults to the client's options and refuses any it cannot work with, at creation. */
export function resolveOptions(options: NoxClientOptions): ResolvedOptions {
  const given = options.apiKey ?? readEnvApiKey();
  // No operation of the spec needs a key: none is fine (and one given is still checked).
  const apiKey = given === undefined && !NEEDS_API_KEY ? "" : given;
  if (apiKey !== "") assertValidApiKey(apiKey);
  const headers = options.headers === undefined ? {} : copyHeaders(options.headers);
  checkRequestOptions({ ...options, headers });
  const backoff = {
    initialDelayMs: options.backoff?.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs,
    maxDelayMs: options.backoff?.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
    maxRetryAfterMs: options.backoff?.maxRetryAfterMs ?? DEFAULT_BACKOFF.maxRetryAfterMs,
  };
  for (const [name, value] of Object.entries(backoff)) checkInteger(`backoff.${name}`, value, 0);
  const base = checkBaseUrl(baseUrlOf(options), insecureHosts(options.allowInsecureHttp));
  return {
    apiKey,
    baseUrl: base.url,
    insecureHttp: base.insecure,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    backoff: Object.freeze(backoff),
    checkBrandForAssetType: options.checkBrandForAssetType ?? true,
    headers,
  };
}
