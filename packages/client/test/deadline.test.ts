// A caller's total deadline, AbortSignal.timeout(ms), ends the call with a NoxTimeoutError; any other
// abort of the caller's signal stays a NoxAbortError.
import { describe, expect, test } from "vitest";
import { createNoxClient, NoxAbortError, NoxTimeoutError, type NoxError } from "../src/index.js";
import { hang, json, useFaultServers } from "./fault-server.js";

const KEY = "nox_deadline_test_0d4e";
const BODY = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;

const { serve } = useFaultServers();

async function failure(promise: Promise<unknown>): Promise<NoxError> {
  return promise.then(
    () => expect.fail("expected the call to fail"),
    (error: unknown) => error as NoxError,
  );
}

describe("a deadline from AbortSignal.timeout", () => {
  test("ends an attempt in flight with a NoxTimeoutError, not retried, its reason as cause", async () => {
    const server = await serve(hang);
    const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, timeoutMs: 20_000, maxRetries: 3 });
    const error = await failure(nox.createLinkSession(BODY, { signal: AbortSignal.timeout(1_000) }));
    expect(error).toBeInstanceOf(NoxTimeoutError);
    expect(error).not.toBeInstanceOf(NoxAbortError);
    expect(error.message).toMatch(
      /^The call's deadline \(the caller's signal, from AbortSignal.timeout\) passed/,
    );
    expect(error.cause).toBeInstanceOf(DOMException);
    expect((error.cause as DOMException).name).toBe("TimeoutError");
    expect(error.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  test("ends the wait between retries with a NoxTimeoutError", async () => {
    const server = await serve(json(503, { error: "down" }));
    const nox = createNoxClient({
      apiKey: KEY,
      baseUrl: server.baseUrl,
      backoff: { initialDelayMs: 20_000, maxDelayMs: 20_000 },
    });
    const started = performance.now();
    const error = await failure(nox.createLinkSession(BODY, { signal: AbortSignal.timeout(1_000) }));
    expect(error).toBeInstanceOf(NoxTimeoutError);
    expect(error.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  test("counts as a deadline inside AbortSignal.any", async () => {
    const server = await serve(hang);
    const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl });
    const signal = AbortSignal.any([new AbortController().signal, AbortSignal.timeout(50)]);
    expect(await failure(nox.createLinkSession(BODY, { signal }))).toBeInstanceOf(NoxTimeoutError);
  });

  test("already passed: nothing is sent, attempts is 0", async () => {
    const server = await serve(hang);
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const error = await failure(
      createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl }).createLinkSession(BODY, { signal }),
    );
    expect(error).toBeInstanceOf(NoxTimeoutError);
    expect(error.attempts).toBe(0);
    expect(server.requests).toEqual([]);
  });
});

describe("any other abort stays a NoxAbortError", () => {
  const reasons: [string, unknown][] = [
    ["no reason (an AbortError)", undefined],
    ["an Error", new Error("shutting down")],
    ["a string", "user left"],
  ];
  test.each(reasons)("%s", async (_name, reason) => {
    const server = await serve(hang);
    const controller = new AbortController();
    const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl });
    const call = failure(nox.createLinkSession(BODY, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort(reason);
    const error = await call;
    expect(error).toBeInstanceOf(NoxAbortError);
    expect(error).not.toBeInstanceOf(NoxTimeoutError);
    expect(error.cause).toBe(controller.signal.reason);
  });
});
