/**
 * What the server does instead of answering normally, for one request.
 *
 * `reset` drops the connection (the fetch form rejects with a `TypeError`, as `fetch` does; the MSW
 * handlers answer `HttpResponse.error()`, a network error);
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

/** The longest delay `setTimeout` can wait (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_DELAY_MS = 2_147_483_647;

// RFC 9110's token (field names) and field-value characters; a value also may not start or end with white
// space, which both transports would strip. Latin-1 above 0x7f is allowed as Node and fetch's Headers allow it.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;

/** Faults scripted for the next requests, taken one per request in the order they were queued. */
export class FaultQueue {
  #queue: Fault[] = [];

  /** Queues `fault` for the next `count` requests (after any already queued). */
  push(count: number, fault: Fault): void {
    checkFault(count, fault);
    // Serialised now, so a body JSON cannot carry fails here and not at some later request.
    const body = fault.body === undefined ? undefined : bodyText(fault.body);
    const copy = { ...fault, body, ...(fault.headers && { headers: { ...fault.headers } }) };
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
  if (delayMs !== undefined && delayMs > MAX_DELAY_MS) {
    reject(`delayMs must be at most ${MAX_DELAY_MS} ms (about 24.8 days), got ${delayMs}`);
  }
  for (const [name, value] of Object.entries(fault.headers ?? {})) {
    if (!HEADER_NAME.test(name))
      reject(`header name ${JSON.stringify(name)} is not a valid HTTP header name`);
    if (typeof value !== "string" || !HEADER_VALUE.test(value)) {
      reject(
        `header ${JSON.stringify(name)} has a value HTTP cannot carry (no CR, LF, control characters or characters above U+00FF, no surrounding white space)`,
      );
    }
  }
  if (reset === true && status !== undefined) reject("a fault resets the connection or answers, not both");
  if (reset !== true && status === undefined && delayMs === undefined) {
    reject("a fault needs a status, reset: true or delayMs");
  }
}

/** A fault's body as sent: a string as-is, anything else as JSON; throws when JSON cannot carry it. */
function bodyText(body: unknown): string {
  let text: string | undefined;
  try {
    text = typeof body === "string" ? body : JSON.stringify(body);
  } catch (cause) {
    throw new TypeError(
      `failNext: body cannot be sent as JSON (${String(cause)}); pass a string or a JSON value.`,
      { cause },
    );
  }
  if (text === undefined) {
    throw new TypeError(
      `failNext: body cannot be sent as JSON (a ${typeof body}); pass a string or a JSON value.`,
    );
  }
  return text;
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
