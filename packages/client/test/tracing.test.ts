import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createNoxClient } from "../src/index.js";
import { created, json, startFaultServer } from "./fault-server.js";

const KEY = "nox_live_trace_secret_51c";
const body = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;
const fast = { initialDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 };
const exporter = new InMemorySpanExporter();

beforeAll(() => {
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});
afterAll(() => {
  trace.disable();
  propagation.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

// Issue #16: with @opentelemetry/api installed and a provider registered, each call is a CLIENT span.
describe("tracing", () => {
  test("a CLIENT span per call, named after the method, a child per attempt, traceparent sent, no key anywhere", async () => {
    const server = await startFaultServer(json(503, { error: "busy" }), created);
    try {
      const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, backoff: fast });
      await nox.createLinkSession(body);
    } finally {
      await server.close();
    }
    const spans = exporter.getFinishedSpans();
    const call = spans.find((s) => s.name === "createLinkSession")!;
    const attempts = spans.filter((s) => s.name.startsWith("createLinkSession attempt"));
    expect(call.kind).toBe(SpanKind.CLIENT);
    const url = new URL(server.baseUrl);
    expect(call.attributes).toMatchObject({
      "http.request.method": "POST",
      "server.address": url.hostname,
      "server.port": Number(url.port),
      "url.full": `${server.baseUrl}/supplier/link-sessions`,
      "http.response.status_code": 201,
      "http.request.resend_count": 1,
    });
    expect(
      attempts.map((s) => [
        s.attributes["http.request.resend_count"],
        s.attributes["http.response.status_code"],
      ]),
    ).toEqual([
      [0, 503],
      [1, 201],
    ]);
    expect(attempts[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(attempts[0]!.attributes["error.type"]).toBe("503");
    for (const a of attempts) expect(a.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
    // Each attempt carried its own span's W3C trace context.
    const sent = server.requests.map((r) => r.headers["traceparent"]);
    expect(sent).toEqual(attempts.map((a) => `00-${a.spanContext().traceId}-${a.spanContext().spanId}-01`));
    expect(JSON.stringify(spans.map((s) => [s.attributes, s.events]))).not.toContain(KEY);
  });

  test("a failed call's span is an ERROR with error.type and the exception", async () => {
    const server = await startFaultServer(json(401, { error: "Invalid API key" }));
    try {
      const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl });
      await expect(nox.createLinkSession(body)).rejects.toThrow();
    } finally {
      await server.close();
    }
    const call = exporter.getFinishedSpans().find((s) => s.name === "createLinkSession")!;
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.attributes).toMatchObject({ "error.type": "401", "http.response.status_code": 401 });
    expect(call.events.map((e) => e.name)).toContain("exception");
  });

  test("without OpenTelemetry set up (the package absent: nothing registered), nothing is traced or sent", async () => {
    const key = Symbol.for("opentelemetry.js.api.1");
    const registry = (globalThis as Record<symbol, unknown>)[key];
    delete (globalThis as Record<symbol, unknown>)[key];
    const server = await startFaultServer(created);
    try {
      await createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl }).createLinkSession(body);
    } finally {
      await server.close();
      (globalThis as Record<symbol, unknown>)[key] = registry;
    }
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(server.requests[0]?.headers["traceparent"]).toBeUndefined();
  });
});
