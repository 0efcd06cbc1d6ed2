import { CREDENTIAL_HEADERS } from "./generated/operations.js";
import { NoxApiError, NoxConfigurationError, type NoxError } from "./errors.js";
import { printable } from "./printable.js";
import { REDACTED, redact } from "./redact.js";
import { parseRetryAfter } from "./retry-after.js";
import { readEnv } from "./env.js";

/** How much the client logs: `"off"`, or the lowest level written. */
export type NoxLogLevel = "off" | "error" | "warn" | "info" | "debug";

/**
 * Where log lines go: anything with these four methods: `console`, winston (`(message, meta)`) or pino
 * (detected by its `child`, `bindings` and `levels`, and given `(object, message)`), without an adapter.
 */
export interface NoxLogger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
}

/** What the retry loop reports, for {@link withRetries}. */
export interface AttemptLog {
  attempt(attempt: number, of: number): void;
  retry(error: NoxError, attempt: number, delayMs: number): void;
  failure(error: NoxError): void;
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
type Level = Exclude<NoxLogLevel, "off">;

const LEVELS: Readonly<Record<NoxLogLevel, number>> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };
// Headers whose value is a credential whatever it holds; any other value is shown with the key redacted.
// The spec's credential headers (its API key header by the name it gives), and the usual secret ones.
const SECRET_HEADERS = new Set([
  ...CREDENTIAL_HEADERS,
  "x-api-key",
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
]);

function readEnvLogLevel(): string | undefined {
  const value = readEnv("NOX_LOG");
  return value?.trim() ? value.trim().toLowerCase() : undefined;
}

/** `headers` as a plain object, credentials and any value holding the key replaced by `[redacted]`. */
export function redactHeaders(
  headers: ConstructorParameters<typeof Headers>[0],
  apiKey: string,
): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of new Headers(headers)) {
    shown[name] = SECRET_HEADERS.has(name) ? REDACTED : redact(value, apiKey);
  }
  return shown;
}

/** `NoxServerError 503, request id r-1`: what failed, in a few words. */
function describe(error: NoxError): string {
  if (!(error instanceof NoxApiError)) return error.name;
  return `${error.name} ${error.status}${error.requestId === undefined ? "" : `, request id ${error.requestId}`}`;
}

/**
 * True for a pino logger, which takes `(object, message)`: it has `child`, `bindings` and a `levels`
 * table. winston's loggers have `child` but no `bindings`; console has neither.
 */
function isPino(logger: NoxLogger): boolean {
  const l = logger as unknown as Record<string, unknown>;
  return (
    typeof l["child"] === "function" && typeof l["bindings"] === "function" && typeof l["levels"] === "object"
  );
}

/**
 * The client's log: writes a line only when its level is on (checked before the line is built, so an
 * off level costs a comparison), with the API key redacted from every line and every header.
 */
export class ClientLog implements AttemptLog {
  readonly #logger: NoxLogger;
  readonly #level: number;
  readonly #apiKey: string;
  readonly #operation: string;
  readonly #levelName: NoxLogLevel;
  readonly #objectFirst: boolean;

  constructor(logger: NoxLogger, level: NoxLogLevel, apiKey: string, operation: string) {
    this.#logger = logger;
    this.#objectFirst = isPino(logger);
    this.#level = LEVELS[level];
    this.#levelName = level;
    this.#apiKey = apiKey;
    this.#operation = operation;
  }

  /** The same log, its lines naming `operation` (`getSupplierLinkSession GET /supplier/...`). */
  forOperation(operation: string): ClientLog {
    return new ClientLog(this.#logger, this.#levelName, this.#apiKey, operation);
  }

  /** True when lines of `level` are written. */
  enabled(level: Level): boolean {
    return this.#level >= LEVELS[level];
  }

  attempt(attempt: number, of: number): void {
    if (this.#level >= LEVELS.debug) this.#write("debug", `${this.#operation}: attempt ${attempt} of ${of}`);
  }

  retry(error: NoxError, attempt: number, delayMs: number): void {
    if (this.#level < LEVELS.warn) return;
    const ms = Math.round(delayMs);
    const asked =
      error instanceof NoxApiError ? parseRetryAfter(error.headers.get("retry-after")) : undefined;
    // The server asked for a longer wait than backoff.maxRetryAfterMs allows: the retry may come too early.
    const capped = asked !== undefined && asked > delayMs;
    if (!capped && this.#level < LEVELS.info) return;
    const why = capped
      ? `; the server asked for ${Math.round(asked)} ms (Retry-After), more than backoff.maxRetryAfterMs`
      : "";
    const details = { error: error.name, message: error.message, delayMs: ms };
    const line = `${this.#operation}: attempt ${attempt} failed (${describe(error)})${why}; retrying in ${ms} ms`;
    this.#write(capped ? "warn" : "info", line, details);
  }

  /** A configuration the client accepts but warns about (plain http to a host `allowInsecureHttp` names). */
  configurationWarning(message: string): void {
    if (this.#level >= LEVELS.warn) this.#write("warn", message);
  }

  failure(error: NoxError): void {
    // info, not error: the error is thrown to the caller, who decides whether it is worth a log line.
    if (this.#level < LEVELS.info) return;
    const attempts = `${error.attempts} attempt${error.attempts === 1 ? "" : "s"}`;
    this.#write(
      "info",
      `${this.#operation}: failed after ${attempts} (${describe(error)}): ${error.message}`,
    );
  }

  /** `fetch`, logging each request and its response (status, duration, request id) at debug; `fetch` itself otherwise. */
  wrapFetch(fetch: Fetch): Fetch {
    if (this.#level < LEVELS.debug) return fetch;
    return async (input, init) => {
      const request = input instanceof Request ? input : undefined;
      const method = request?.method ?? init?.method ?? "GET";
      const url = request?.url ?? String(input);
      const details = { requestHeaders: redactHeaders(request?.headers ?? init?.headers, this.#apiKey) };
      const started = performance.now();
      try {
        const response = await fetch(input, init);
        const durationMs = Math.round(performance.now() - started);
        const requestId =
          response.headers.get("x-request-id") ?? response.headers.get("request-id") ?? undefined;
        const id = requestId === undefined ? "" : ` (request id ${requestId})`;
        this.#write("debug", `${method} ${url} -> ${response.status} in ${durationMs} ms${id}`, {
          ...details,
          status: response.status,
          durationMs,
          requestId,
        });
        return response;
      } catch (error) {
        const durationMs = Math.round(performance.now() - started);
        const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.#write("debug", `${method} ${url} -> no response after ${durationMs} ms (${why})`, {
          ...details,
          durationMs,
        });
        throw error;
      }
    };
  }

  #write(level: Level, message: string, details?: Record<string, unknown>): void {
    // One event, one line: whatever a message quotes (a fetch error, a server's text), no control
    // character in it can start another line or reach a terminal raw.
    const line = printable(redact(message, this.#apiKey));
    if (details === undefined) this.#logger[level](line);
    else {
      const fields = JSON.parse(redact(JSON.stringify(details), this.#apiKey)) as Record<string, unknown>;
      // pino takes (object, message) and would drop an object given second; console and winston take (message, meta).
      if (this.#objectFirst) (this.#logger[level] as unknown as (o: object, m: string) => void)(fields, line);
      else this.#logger[level](line, fields);
    }
  }
}

/** Options {@link createClientLog} reads. */
export interface LogOptions {
  logger?: NoxLogger | undefined;
  logLevel?: NoxLogLevel | undefined;
}

/**
 * The client's log from its options: `logLevel` (default: the `NOX_LOG` environment variable, else
 * `"warn"`) and `logger` (default `console`); throws a NoxConfigurationError for a bad one of either.
 */
export function createClientLog(options: LogOptions, apiKey: string, operation: string): ClientLog {
  // `undefined` is "the default"; anything else, null included, must be valid.
  const level: unknown = options.logLevel === undefined ? (readEnvLogLevel() ?? "warn") : options.logLevel;
  if (typeof level !== "string" || !Object.hasOwn(LEVELS, level)) {
    const from = options.logLevel === undefined ? "The NOX_LOG environment variable" : "logLevel";
    throw new NoxConfigurationError(
      `${from} must be one of ${Object.keys(LEVELS).join(", ")} (got ${JSON.stringify(level)}).`,
    );
  }
  const logger: unknown = options.logger === undefined ? globalThis.console : options.logger;
  const missing =
    typeof logger === "object" && logger !== null
      ? ["error", "warn", "info", "debug"].filter(
          (name) => typeof (logger as Record<string, unknown>)[name] !== "function",
        )
      : ["an object"];
  if (missing.length > 0) {
    throw new NoxConfigurationError(
      `logger must be an object with error, warn, info and debug methods, such as console or a pino logger (missing: ${missing.join(", ")}).`,
    );
  }
  return new ClientLog(logger as NoxLogger, level as NoxLogLevel, apiKey, operation);
}
