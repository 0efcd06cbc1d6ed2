/**
 * What the server does instead of answering normally, for one request.
 *
 * `reset` drops the connection (the fetch form rejects with a `TypeError`, as `fetch` does);
 * otherwise `status` answers with that status, `body` (JSON unless a string) and `headers`.
 * `delayMs` waits first; with neither `reset` nor `status` the request is then handled as usual,
 * which is how to test a client's timeout.
 */
export interface Fault {
  /** HTTP status, 200-599. */
  status?: number;
  /** Response body: a string is sent as-is, anything else as JSON. */
  body?: unknown;
  /** Extra response headers, e.g. `{ "retry-after": "1" }`. */
  headers?: Readonly<Record<string, string>>;
  /** Wait this long before acting (milliseconds). */
  delayMs?: number;
  /** Drop the connection instead of answering. */
  reset?: boolean;
}

/** Faults scripted for the next requests, taken one per request in the order they were queued. */
export class FaultQueue {
  #queue: Fault[] = [];

  /** Queues `fault` for the next `count` requests (after any already queued). */
  push(count: number, fault: Fault): void {
    checkFault(count, fault);
    const copy = { ...fault, ...(fault.headers && { headers: { ...fault.headers } }) };
    for (let i = 0; i < count; i++) this.#queue.push(copy);
  }

  /** The fault for the request now arriving, if one is queued. */
  take(): Fault | undefined {
    return this.#queue.shift();
  }

  /** How many requests still have a fault waiting. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Drops every queued fault. */
  clear(): void {
    this.#queue = [];
  }
}

function checkFault(count: number, fault: Fault): void {
  const reject = (problem: string): never => {
    throw new TypeError(`failNext: ${problem}.`);
  };
  if (!Number.isSafeInteger(count) || count < 1) reject(`count must be a positive integer, got ${count}`);
  const { status, delayMs, reset } = fault;
  if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 599)) {
    reject(`status must be an integer from 200 to 599, got ${status}`);
  }
  if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) {
    reject(`delayMs must be a non-negative number, got ${delayMs}`);
  }
  if (reset === true && status !== undefined) reject("a fault resets the connection or answers, not both");
  if (reset !== true && status === undefined && delayMs === undefined) {
    reject("a fault needs a status, reset: true or delayMs");
  }
}

/** Resolves after `ms`, or rejects with the reason of the first of `signals` to abort. */
export function delay(ms: number, signals: readonly AbortSignal[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = signals.find((signal) => signal.aborted);
    if (aborted) return reject(aborted.reason);
    const settle = (done: () => void) => {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener("abort", onAbort);
      done();
    };
    function onAbort(this: AbortSignal) {
      const reason: unknown = this.reason;
      settle(() => reject(reason));
    }
    const timer = setTimeout(() => settle(resolve), ms);
    for (const signal of signals) signal.addEventListener("abort", onAbort);
  });
}
