import type { AttemptLog } from "./log.js";
import { onAbort } from "./caller-signal.js";
import { parseRetryAfter } from "./retry-after.js";
import { MAX_TIMER_MS } from "./timeout.js";
import {
  NoxAbortError,
  NoxApiError,
  NoxConnectionError,
  NoxInvalidResponseError,
  NoxTimeoutError,
  type NoxError,
} from "./errors.js";

/** How long to wait between attempts. */
export interface NoxBackoffOptions {
  /** The first retry's delay before jitter, in ms (default 500); doubles each retry. */
  initialDelayMs?: number | undefined;
  /** The longest computed delay, in ms (default 8000). */
  maxDelayMs?: number | undefined;
  /** The longest `Retry-After` honoured, in ms (default 60000); a longer one is shortened to this. */
  maxRetryAfterMs?: number | undefined;
}

/** Backoff settings with every default applied. */
export type Backoff = { [K in keyof NoxBackoffOptions]-?: number };

/** The backoff used when the client is not given one. */
export const DEFAULT_BACKOFF: Readonly<Backoff> = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
});

/** Statuses worth another attempt: the request may succeed unchanged. */
const RETRYABLE_STATUSES = new Set([408, 409, 429]);

/** True when `error` may go away if the same request is sent again. */
export function isRetryable(error: NoxError): boolean {
  if (error instanceof NoxConnectionError) return true;
  if (!(error instanceof NoxApiError) || error instanceof NoxInvalidResponseError) return false;
  return RETRYABLE_STATUSES.has(error.status) || error.status >= 500;
}

/**
 * The wait before retry number `retry` (0-based): the server's `Retry-After` when it sent one (capped),
 * else exponential backoff with jitter, so many clients failing at once do not retry in step.
 */
export function retryDelayMs(
  error: NoxError,
  retry: number,
  backoff: Readonly<Backoff>,
  random: () => number = Math.random,
): number {
  if (error instanceof NoxApiError) {
    const retryAfter = parseRetryAfter(error.headers.get("retry-after"));
    if (retryAfter !== undefined) return Math.min(retryAfter, backoff.maxRetryAfterMs);
  }
  const delay = Math.min(backoff.initialDelayMs * 2 ** retry, backoff.maxDelayMs);
  return delay / 2 + (random() * delay) / 2;
}

/** Waits `ms` (at most {@link MAX_TIMER_MS}), or rejects with a {@link NoxAbortError} as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    // An aborted signal fires no more "abort" events, so listening to it would wait out `ms`.
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(
      () => {
        stopListening?.();
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    const stopListening =
      signal &&
      onAbort(signal, () => {
        clearTimeout(timer);
        reject(abortError(signal));
      });
  });
}

/**
 * What a retryable error's message says about attempts. Such an error reaches the caller only once the
 * retries are spent, so it was tried `maxRetries + 1` times.
 */
export function triedNote(maxRetries: number): string {
  return maxRetries === 0 ? "1 attempt, not retried (maxRetries is 0)" : `${maxRetries + 1} attempts`;
}

/** True when an abort `reason` says a deadline passed: what `AbortSignal.timeout(ms)` aborts with. */
function isDeadline(reason: unknown): boolean {
  return (
    typeof reason === "object" && reason !== null && (reason as { name?: unknown }).name === "TimeoutError"
  );
}

/**
 * The error thrown when the caller's signal aborts a call: a {@link NoxTimeoutError} when the signal
 * is a deadline (`AbortSignal.timeout`), else a {@link NoxAbortError}; `cause` is the signal's reason.
 */
export function abortError(signal: AbortSignal | undefined): NoxAbortError | NoxTimeoutError {
  if (isDeadline(signal?.reason)) {
    return new NoxTimeoutError(
      "The call's deadline (the caller's signal, from AbortSignal.timeout) passed; it was not retried. " +
        "Give the call more time, or lower timeoutMs and maxRetries to fit within it.",
      { cause: signal?.reason },
    );
  }
  return new NoxAbortError("The call was aborted by the caller's signal; it was not retried.", {
    cause: signal?.reason,
  });
}

/**
 * Runs `attempt` until it succeeds, throws an error that is not retryable, or `maxRetries` retries
 * are spent. The thrown error's `attempts` says how many were made; `log` hears of each attempt, retry
 * and the final failure.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  maxRetries: number,
  backoff: Readonly<Backoff>,
  signal: AbortSignal | undefined,
  log?: AttemptLog,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    if (signal?.aborted) {
      // Outside the try: the attempt this would have been was never made.
      const abort = abortError(signal);
      abort.attempts = retry;
      log?.failure(abort);
      throw abort;
    }
    log?.attempt(retry + 1, maxRetries + 1);
    try {
      return await attempt();
    } catch (error) {
      const noxError = error as NoxError;
      noxError.attempts = retry + 1;
      // A deadline's NoxTimeoutError is retryable by class, but the caller's signal has ended the call.
      if (retry >= maxRetries || !isRetryable(noxError) || signal?.aborted) {
        log?.failure(noxError);
        throw noxError;
      }
      const delayMs = retryDelayMs(noxError, retry, backoff);
      log?.retry(noxError, retry + 1, delayMs);
      await sleep(delayMs, signal).catch((abort: NoxError) => {
        abort.attempts = retry + 1;
        log?.failure(abort);
        throw abort;
      });
    }
  }
}
