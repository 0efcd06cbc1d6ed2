import { NoxApiError, type NoxError } from "./errors.js";
import { redact } from "./redact.js";

type OtelApi = typeof import("@opentelemetry/api");
type Span = import("@opentelemetry/api").Span;
type Context = import("@opentelemetry/api").Context;

// A variable, not a literal: bundlers (esbuild for workerd, webpack) then leave the import to run time,
// where it fails quietly when the optional peer dependency is not installed.
const MODULE = "@opentelemetry/api";
let api: OtelApi | null | undefined;
let loading: Promise<void> | undefined;

/**
 * Starts loading `@opentelemetry/api` (an optional peer dependency) once per process, at the first
 * client's creation; without it (or on a runtime that cannot import it) tracing stays off for good.
 * `importer` is for tests: the module as a runtime without it would answer.
 */
export function loadTracing(
  importer: (name: string) => Promise<unknown> = (name) => import(name),
): Promise<void> {
  loading ??= importer(MODULE).then(
    (module) => void (api = module as OtelApi),
    () => void (api = null),
  );
  return loading;
}

/** Forgets what was loaded (tests that load a different module). */
export function resetTracing(): void {
  api = undefined;
  loading = undefined;
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
 * The call's trace, or `null` when tracing is off (the package absent, or no tracer provider
 * registered: the API's no-op tracer makes spans that are not recording, and the client then skips
 * the work). Waits for the module only while it is still loading (the first call after creation).
 */
export function traceCall(
  name: string,
  method: string,
  url: () => string,
  apiKey: string,
): CallTrace | null | Promise<CallTrace | null> {
  // Synchronous unless the module is still loading: tracing off costs a comparison per call.
  if (api === null) return null;
  if (api === undefined)
    return (loading ?? Promise.resolve()).then(() => (api ? start(api, name, method, url(), apiKey) : null));
  return start(api, name, method, url(), apiKey);
}

function start(otel: OtelApi, name: string, method: string, url: string, apiKey: string): CallTrace | null {
  const tracer = otel.trace.getTracer("@nox-energy/authenticator-client");
  const target = new URL(url);
  const attributes = {
    "http.request.method": method,
    "server.address": target.hostname,
    "server.port": Number(target.port || (target.protocol === "https:" ? 443 : 80)),
    // The key travels in a header unless the spec puts it in the query: never in a span either way.
    "url.full": redact(url, apiKey),
  };
  const span = tracer.startSpan(name, { kind: otel.SpanKind.CLIENT, attributes }, otel.context.active());
  if (!span.isRecording()) {
    span.end();
    return null;
  }
  const parent = otel.trace.setSpan(otel.context.active(), span);
  return {
    async attempt(resend, headers, run, status) {
      const child = tracer.startSpan(
        `${name} attempt ${resend + 1}`,
        { kind: otel.SpanKind.CLIENT, attributes: { ...attributes, "http.request.resend_count": resend } },
        parent,
      );
      otel.propagation.inject(otel.trace.setSpan(parent, child) as Context, headers);
      try {
        const result = await run();
        finish(otel, child, undefined, status());
        return result;
      } catch (error) {
        finish(otel, child, error, status());
        throw error;
      }
    },
    end(error, status, resends) {
      if (resends > 0) span.setAttribute("http.request.resend_count", resends);
      finish(otel, span, error, status);
    },
  };
}

/** Sets a span's outcome (status code, `error.type`, ERROR status, the exception) and ends it. */
function finish(otel: OtelApi, span: Span, error: unknown, status: number | undefined): void {
  const code = error instanceof NoxApiError ? error.status : status;
  if (code !== undefined) span.setAttribute("http.response.status_code", code);
  if (error !== undefined) {
    const type = error instanceof NoxApiError ? String(error.status) : ((error as NoxError).name ?? "Error");
    span.setAttribute("error.type", type);
    span.setStatus({ code: otel.SpanStatusCode.ERROR, message: (error as Error).message });
    span.recordException(error as Error);
  }
  span.end();
}
