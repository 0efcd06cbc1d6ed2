import { getEventListeners } from "node:events";
import { describe, expect, test } from "vitest";
import { onAbort } from "../src/caller-signal.js";
import { sleep } from "../src/retry.js";
import { AttemptSignal } from "../src/timeout.js";

async function warningsDuring(run: () => Promise<void> | void): Promise<string[]> {
  const names: string[] = [];
  const onWarning = (warning: Error) => void names.push(warning.name);
  process.on("warning", onWarning);
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", onWarning);
  }
  return names;
}

describe("one abort listener per caller signal", () => {
  test("50 attempts and 50 sleeps on one signal: one listener, no warning, all aborted", async () => {
    const controller = new AbortController();
    const warnings = await warningsDuring(async () => {
      const attempts = Array.from({ length: 50 }, () => new AttemptSignal(60_000, controller.signal));
      const sleeps = Array.from({ length: 50 }, () =>
        sleep(60_000, controller.signal).catch((e: Error) => e),
      );
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
      controller.abort(new Error("stop"));
      expect(attempts.every((a) => a.signal.aborted)).toBe(true);
      expect((await Promise.all(sleeps)).every((e) => e instanceof Error)).toBe(true);
      for (const attempt of attempts) attempt.done();
    });
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });

  test("the listener is removed when the last user stops listening", () => {
    const controller = new AbortController();
    const stops = Array.from({ length: 3 }, () => onAbort(controller.signal, () => {}));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    for (const stop of stops) stop();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    let called = 0;
    onAbort(controller.signal, () => called++);
    controller.abort();
    expect(called).toBe(1);
  });
});
