import { describe, expect, test } from "vitest";
import { AttemptSignal } from "../src/timeout.js";

const aborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));

describe("AttemptSignal", () => {
  test("aborts after timeoutMs and says it timed out", async () => {
    const start = performance.now();
    const attempt = new AttemptSignal(30, undefined);
    await aborted(attempt.signal);
    expect(performance.now() - start).toBeGreaterThanOrEqual(25);
    expect(attempt.timedOut).toBe(true);
    attempt.done();
  });

  test("attempts with different timeouts each expire on time, earliest first, whatever the order added", async () => {
    const order: number[] = [];
    const attempts = [120, 40, 80].map((ms) => {
      const attempt = new AttemptSignal(ms, undefined);
      attempt.signal.addEventListener("abort", () => order.push(ms));
      return attempt;
    });
    await Promise.all(attempts.map((a) => aborted(a.signal)));
    expect(order).toEqual([40, 80, 120]);
  });

  test("a finished attempt never aborts", async () => {
    const attempt = new AttemptSignal(20, undefined);
    attempt.done();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(attempt.signal.aborted).toBe(false);
  });

  test("a timeoutMs beyond setTimeout's range (~24.8 days) neither fires early nor spins the timer", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    const attempt = new AttemptSignal(2 ** 31, undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off("warning", onWarning);
    attempt.done();
    expect(attempt.signal.aborted).toBe(false);
    expect(warnings).not.toContain("TimeoutOverflowWarning");
  });

  test("the caller's signal aborts it with the caller's reason; that is not a timeout", () => {
    const caller = new AbortController();
    const attempt = new AttemptSignal(10_000, caller.signal);
    caller.abort("stop");
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe("stop");
    expect(attempt.timedOut).toBe(false);
    attempt.done();
  });
});
