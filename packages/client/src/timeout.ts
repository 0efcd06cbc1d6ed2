import { onAbort } from "./caller-signal.js";

/**
 * The longest delay `setTimeout` takes (2^31 - 1 ms, about 24.8 days); a longer one fires at once.
 * @see https://nodejs.org/api/timers.html#settimeoutcallback-delay-args
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

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
  #armedFor = Infinity;

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
    // A deadline further off than one timer can wait is reached in steps: #fire re-arms for it.
    this.#timer = setTimeout(() => this.#fire(), Math.min(Math.max(0, at - performance.now()), MAX_TIMER_MS));
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #fire(): void {
    this.#armedFor = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const deadline of this.#pending) {
      if (deadline.at <= now) {
        this.#pending.delete(deadline);
        deadline.expire();
      } else {
        next = Math.min(next, deadline.at);
      }
    }
    if (next !== Infinity) this.#arm(next);
  }
}

const DEADLINES = /* @__PURE__ */ new DeadlineTimer();

/**
 * One attempt's signal: a fresh one per attempt, so a timeout ends that attempt only and the next gets
 * the full `timeoutMs`; it also aborts when the caller's signal does, and tells the two causes apart.
 * (A class rather than closures: it is made on every call, and this is the cheaper shape.)
 */
export class AttemptSignal implements Deadline {
  readonly at: number;
  /** True when the attempt's own timeout fired (as opposed to the caller aborting). */
  timedOut = false;
  readonly #controller = new AbortController();
  readonly #timeoutMs: number;
  readonly #stopListening: (() => void) | undefined;

  constructor(timeoutMs: number, callerSignal: AbortSignal | undefined) {
    this.#timeoutMs = timeoutMs;
    this.at = performance.now() + timeoutMs;
    DEADLINES.add(this);
    if (callerSignal) {
      this.#stopListening = onAbort(callerSignal, () => this.#controller.abort(callerSignal.reason));
    }
  }

  /** Aborts on timeout or when the caller's signal aborts. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  expire(): void {
    this.timedOut = true;
    this.#controller.abort(new Error(`attempt timed out after ${this.#timeoutMs} ms`));
  }

  /** Stops the timeout and stops listening to the caller's signal; call when the attempt ends. */
  done(): void {
    DEADLINES.delete(this);
    this.#stopListening?.();
  }
}
