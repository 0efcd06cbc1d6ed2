import { describe, expect, test } from "vitest";
import {
  NoxAbortError,
  NoxApiError,
  NoxConnectionError,
  NoxError,
  NoxInvalidResponseError,
  NoxTimeoutError,
  NoxValidationError,
} from "../src/errors.js";
import { parseRetryAfter } from "../src/retry-after.js";
import { DEFAULT_BACKOFF, isRetryable, retryDelayMs, sleep } from "../src/retry.js";

const apiError = (status: number, headers: Record<string, string> = {}) =>
  new NoxApiError("x", {
    status,
    headers: new Headers(headers),
    serverMessage: undefined,
    bodyExcerpt: undefined,
  });

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-25T08:00:00Z");
  test.each<[string, string | null, number | undefined]>([
    ["absent", null, undefined],
    ["delay-seconds", "3", 3000],
    ["zero", "0", 0],
    ["padded", " 2 ", 2000],
    ["an HTTP date in the future", "Wed, 25 Nov 2026 08:00:05 GMT", 5000],
    ["an HTTP date in the past", "Wed, 25 Nov 2026 07:59:00 GMT", 0],
    ["garbage", "soon", undefined],
    ["a negative number", "-1", undefined],
  ])("%s", (_name, value, want) => {
    expect(parseRetryAfter(value, now)).toBe(want);
  });
});

describe("isRetryable", () => {
  test.each<[string, NoxError, boolean]>([
    ["a connection error", new NoxConnectionError("x"), true],
    ["a timeout", new NoxTimeoutError("x"), true],
    ...[408, 409, 429, 500, 502, 503, 504].map((s): [string, NoxError, boolean] => [
      `${s}`,
      apiError(s),
      true,
    ]),
    ...[400, 401, 403, 404, 422, 307].map((s): [string, NoxError, boolean] => [`${s}`, apiError(s), false]),
    [
      "a bad 2xx body",
      new NoxInvalidResponseError("x", {
        status: 201,
        headers: new Headers(),
        serverMessage: undefined,
        bodyExcerpt: undefined,
      }),
      false,
    ],
    ["the caller's abort", new NoxAbortError("x"), false],
    ["a validation error", new NoxValidationError([]), false],
  ])("%s: %s", (_name, error, want) => {
    expect(isRetryable(error)).toBe(want);
  });
});

describe("retryDelayMs", () => {
  test("doubles from initialDelayMs with jitter in [delay/2, delay], up to maxDelayMs", () => {
    const error = new NoxConnectionError("x");
    const at = (retry: number, random: number) => retryDelayMs(error, retry, DEFAULT_BACKOFF, () => random);
    expect([0, 1, 2, 3, 4, 5].map((r) => at(r, 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect([0, 1, 2].map((r) => at(r, 0))).toEqual([250, 500, 1000]);
  });

  test("a Retry-After wins over backoff, capped at maxRetryAfterMs", () => {
    expect(retryDelayMs(apiError(429, { "retry-after": "2" }), 0, DEFAULT_BACKOFF)).toBe(2000);
    expect(retryDelayMs(apiError(503, { "retry-after": "3600" }), 0, DEFAULT_BACKOFF)).toBe(60_000);
    expect(
      retryDelayMs(apiError(503, { "retry-after": "3600" }), 0, { ...DEFAULT_BACKOFF, maxRetryAfterMs: 5 }),
    ).toBe(5);
  });
});

describe("sleep", () => {
  test("rejects with NoxAbortError as soon as the signal aborts", async () => {
    const controller = new AbortController();
    const start = performance.now();
    setTimeout(() => controller.abort(), 20);
    await expect(sleep(10_000, controller.signal)).rejects.toBeInstanceOf(NoxAbortError);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  test("a wait beyond setTimeout's range (~24.8 days) does not end at once", async () => {
    const controller = new AbortController();
    const waited = sleep(2 ** 31, controller.signal).then(
      () => "resolved",
      () => "aborted",
    );
    setTimeout(() => controller.abort(), 50);
    expect(await waited).toBe("aborted");
  });

  test("rejects at once when the signal has already aborted", async () => {
    const start = performance.now();
    await expect(sleep(10_000, AbortSignal.abort())).rejects.toBeInstanceOf(NoxAbortError);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
