/** The signal for one attempt: aborts when the attempt times out or the caller's signal aborts. */
export interface AttemptSignal {
  signal: AbortSignal;
  /** True when the attempt's own timeout fired (as opposed to the caller aborting). */
  timedOut(): boolean;
  /** Stops the timeout and stops listening to the caller's signal; call when the attempt ends. */
  done(): void;
}

interface Deadline {
  at: number;
  expire(): void;
}

/**
 * Every in-flight attempt's deadline on one shared timer, armed for the earliest: adding and removing
 * a deadline is a Set operation, where a `setTimeout` + `clearTimeout` per attempt cost more than
 * the rest of the client's own work per call. The timer is unref'd, so it never keeps Node alive.
 */
class DeadlineTimer {
  readonly #pending = new Set<Deadline>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #armedFor = Number.POSITIVE_INFINITY;

  add(deadline: Deadline): void {
    this.#pending.add(deadline);
    if (deadline.at < this.#armedFor) this.#arm(deadline.at);
  }

  delete(deadline: Deadline): void {
    this.#pending.delete(deadline);
  }

  #arm(at: number): void {
    clearTimeout(this.#timer);
    this.#armedFor = at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, at - performance.now()));
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #fire(): void {
    this.#armedFor = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const deadline of this.#pending) {
      if (deadline.at <= now) {
        this.#pending.delete(deadline);
        deadline.expire();
      } else {
        next = Math.min(next, deadline.at);
      }
    }
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
  }
}

const DEADLINES = /* @__PURE__ */ new DeadlineTimer();

/**
 * A fresh signal per attempt, so a timeout ends that attempt only and the next one gets the full
 * `timeoutMs`; it also aborts when `callerSignal` does, and tells the two causes apart.
 */
export function createAttemptSignal(timeoutMs: number, callerSignal: AbortSignal | undefined): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const deadline: Deadline = {
    at: performance.now() + timeoutMs,
    expire() {
      timedOut = true;
      controller.abort(new Error(`attempt timed out after ${timeoutMs} ms`));
    },
  };
  DEADLINES.add(deadline);
  const onAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    done() {
      DEADLINES.delete(deadline);
      callerSignal?.removeEventListener("abort", onAbort);
    },
  };
}
