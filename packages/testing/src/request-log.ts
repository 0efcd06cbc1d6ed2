import { MAX_REFUSED_BODY_EXCERPT } from "./defaults.js";
import { parseJsonBody } from "./json-body.js";
import type { IncomingCall, Reply } from "./handle-request.js";

/** One request the fake received, in arrival order, faulted or not. */
export interface RecordedRequest {
  /** `"http"` for the listening server, `"fetch"` for its `fetch`, `"msw"` for the MSW handlers. */
  transport: "http" | "fetch" | "msw";
  method: string;
  /** Path and query, as received (including any `basePath`). */
  path: string;
  /** Headers as received, names lower-cased. Includes `x-api-key`, so a test can assert it was sent. */
  headers: Readonly<Record<string, string>>;
  /** The body parsed as JSON; `undefined` when it is empty, not JSON, nested too deep, or cut (see `bodyText`). */
  body: unknown;
  /**
   * The body as received; "" when it was over `maxBodyBytes` (answered 413, never read). For a refused
   * request (answered 400 or more, or dropped) only its first {@link MAX_REFUSED_BODY_EXCERPT} characters.
   */
  bodyText: string;
  /** True when `bodyText` is only the start of the body (a refused request's excerpt). */
  bodyTruncated: boolean;
  /** The status the fake answered; `undefined` while it is still waiting, or when it dropped the connection. */
  status: number | undefined;
}

/** The requests a fake keeps: the last `max`, with the count of older ones dropped. */
export class RequestLog {
  #entries: RecordedRequest[] = [];
  #dropped = 0;
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /** Records `call` as it arrived; {@link answered} completes the record once it is answered. */
  add(call: IncomingCall, transport: RecordedRequest["transport"]): RecordedRequest {
    const parsed = call.bodyText === "" ? undefined : parseJsonBody(call.bodyText);
    const entry: RecordedRequest = {
      transport,
      method: call.method,
      path: `${call.pathname}${call.search}`,
      headers: call.headers,
      body: parsed?.ok === true ? parsed.value : undefined,
      bodyText: call.bodyText,
      bodyTruncated: false,
      status: undefined,
    };
    this.#entries.push(entry);
    if (this.#entries.length > this.#max) {
      this.#entries.shift();
      this.#dropped++;
    }
    return entry;
  }

  /** Notes the answer; a refused request keeps only an excerpt of its body (a 1 MiB 401 is 1 KiB). */
  answered(entry: RecordedRequest, reply: Reply | "reset"): void {
    entry.status = reply === "reset" ? undefined : reply.status;
    const refused = reply === "reset" || reply.status >= 400;
    if (refused && entry.bodyText.length > MAX_REFUSED_BODY_EXCERPT) {
      entry.bodyText = entry.bodyText.slice(0, MAX_REFUSED_BODY_EXCERPT);
      entry.bodyTruncated = true;
      entry.body = undefined;
    }
  }

  /** The requests kept, oldest first (a copy of the list; the records themselves are shared). */
  list(): RecordedRequest[] {
    return [...this.#entries];
  }

  /** How many older requests were dropped to keep the last `max`. */
  get dropped(): number {
    return this.#dropped;
  }

  clear(): void {
    this.#entries = [];
    this.#dropped = 0;
  }
}

/** The `maxRecordedRequests` option, defaulted and checked; `caller` names the public function in the error. */
export function checkMaxRecordedRequests(
  value: number | undefined,
  fallback: number,
  caller: string,
): number {
  const max = value ?? fallback;
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new TypeError(`${caller}: maxRecordedRequests must be a positive integer, got ${max}.`);
  }
  return max;
}
