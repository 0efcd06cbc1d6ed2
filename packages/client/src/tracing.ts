import { NoxApiError, type NoxError } from "./errors.js";
import { redact } from "./redact.js";

// The parts of @opentelemetry/api 1.x's interfaces the client calls, written out: the optional peer
// need not be installed to build or type-check the client (the test checks them against the real SDK).
type Attributes = Record<string, string | number>;
interface Context {
  getValue(key: symbol): unknown;
  setValue(key: symbol, value: unknown): Context;
  deleteValue(key: symbol): Context;
}
interface Span {
  isRecording(): boolean;
  setAttribute(key: string, value: string | number): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: Error): void;
  end(): void;
}
interface Tracer {
  startSpan(name: string, options: { kind: number; attributes: Attributes }, context: Context): Span;
}
interface TracerProvider {
  getTracer(name: string): Tracer;
}
interface ContextManager {
  active(): Context;
}
interface TextMapPropagator {
  inject(context: Context, carrier: Record<string, string>, setter: typeof SETTER): void;
}

/**
 * What `@opentelemetry/api` (major 1) registers on `globalThis` when a service sets a tracer provider,
 * a context manager and a propagator. The client reads them there instead of importing the package: no
 * import to resolve (workerd refuses a dynamic import it cannot see, bundlers would pull it in), nothing
 * at all when the service has not installed and set up OpenTelemetry. It is the API's own
 * registry: every copy of `@opentelemetry/api` 1.x in the process shares it.
 */
interface OtelGlobal {
  version?: string;
  trace?: TracerProvider;
  context?: ContextManager;
  propagation?: TextMapPropagator;
}

const GLOBAL = Symbol.for("opentelemetry.js.api.1");
// The API's own constants (SpanKind.CLIENT, SpanStatusCode.ERROR) and its span context key.
const CLIENT = 2;
const ERROR = 2;
const SPAN_KEY = Symbol.for("OpenTelemetry Context Key SPAN");
const SETTER = {
  set: (carrier: Record<string, string>, key: string, value: string) => void (carrier[key] = value),
};

/** A context for when the service registered no context manager (the API's ROOT_CONTEXT, in small). */
class RootContext implements Context {
  readonly #values: Map<symbol, unknown>;
  constructor(values = new Map<symbol, unknown>()) {
    this.#values = values;
  }
  getValue(key: symbol): unknown {
    return this.#values.get(key);
  }
  setValue(key: symbol, value: unknown): Context {
    return new RootContext(new Map(this.#values).set(key, value));
  }
  deleteValue(key: symbol): Context {
    const values = new Map(this.#values);
    values.delete(key);
    return new RootContext(values);
  }
}

/** The registered tracer provider (and the rest), or `null` when OpenTelemetry is not set up. */
function registered(): OtelGlobal | null {
  const otel = (globalThis as Record<symbol, OtelGlobal | undefined>)[GLOBAL];
  return otel?.trace === undefined ? null : otel;
}

/** One traced call: the CLIENT span, and a child span per attempt. */
export interface CallTrace {
  /** Runs one attempt under its own span; `headers` gains the W3C `traceparent` (and `tracestate`). */
  attempt<T>(
    resend: number,
    headers: Record<string, string>,
    run: () => Promise<T>,
    status: () => number | undefined,
  ): Promise<T>;
  /** Ends the call's span: its final status code or the error it ended with, and how many resends there were. */
  end(error: unknown, status: number | undefined, resends: number): void;
}

/**
 * The call's trace, or `null` when tracing is off: no tracer provider registered (OpenTelemetry absent
 * or not set up), or one whose spans are not recording (the API's no-op). Off costs one property read.
 */
export function traceCall(name: string, method: string, url: () => string, apiKey: string): CallTrace | null {
  const otel = registered();
  if (otel === null) return null;
  const tracer = otel.trace!.getTracer("@nox-energy/authenticator-client");
  const target = new URL(url());
  const attributes = {
    "http.request.method": method,
    "server.address": target.hostname,
    "server.port": Number(target.port || (target.protocol === "https:" ? 443 : 80)),
    // The key travels in a header unless the spec puts it in the query: never in a span either way.
    "url.full": redact(target.href, apiKey),
  };
  const active = otel.context?.active() ?? new RootContext();
  const span = tracer.startSpan(name, { kind: CLIENT, attributes }, active);
  if (!span.isRecording()) {
    span.end();
    return null;
  }
  const parent = active.setValue(SPAN_KEY, span);
  return {
    async attempt(resend, headers, run, status) {
      const child = tracer.startSpan(
        `${name} attempt ${resend + 1}`,
        { kind: CLIENT, attributes: { ...attributes, "http.request.resend_count": resend } },
        parent,
      );
      otel.propagation?.inject(parent.setValue(SPAN_KEY, child), headers, SETTER);
      try {
        const result = await run();
        finish(child, undefined, status());
        return result;
      } catch (error) {
        finish(child, error, status());
        throw error;
      }
    },
    end(error, status, resends) {
      if (resends > 0) span.setAttribute("http.request.resend_count", resends);
      finish(span, error, status);
    },
  };
}

/** Sets a span's outcome (status code, `error.type`, ERROR status, the exception) and ends it. */
function finish(span: Span, error: unknown, status: number | undefined): void {
  const code = error instanceof NoxApiError ? error.status : status;
  if (code !== undefined) span.setAttribute("http.response.status_code", code);
  if (error !== undefined) {
    const type = error instanceof NoxApiError ? String(error.status) : ((error as NoxError).name ?? "Error");
    span.setAttribute("error.type", type);
    span.setStatus({ code: ERROR, message: (error as Error).message });
    span.recordException(error as Error);
  }
  span.end();
}
