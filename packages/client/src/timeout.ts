/** The signal for one attempt: aborts when the attempt times out or the caller's signal aborts. */
export interface AttemptSignal {
  signal: AbortSignal;
  /** True when the attempt's own timeout fired (as opposed to the caller aborting). */
  timedOut(): boolean;
  /** Clears the timer and stops listening to the caller's signal; call when the attempt ends. */
  done(): void;
}

/**
 * A fresh signal per attempt, so a timeout ends that attempt only and the next one gets the full
 * `timeoutMs`. A plain timer (not `AbortSignal.timeout`) so it can be cleared and tells the two causes apart.
 */
export function createAttemptSignal(timeoutMs: number, callerSignal: AbortSignal | undefined): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`attempt timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const onAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    done() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onAbort);
    },
  };
}
