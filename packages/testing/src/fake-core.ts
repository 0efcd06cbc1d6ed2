import {
  SessionStore,
  type CompletedSession,
  type LinkChoices,
} from "./curated/link-session/session-store.js";
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_RECORDED_REQUESTS,
  NOX_LINK_BASE_URL,
  TEST_API_KEY,
  TEST_SUPPLIER_NAME,
} from "./defaults.js";
import { SPEC_API, type FakeApi } from "./fake-api.js";
import { delay, FaultQueue, type Fault } from "./faults.js";
import { handleRequest, jsonReply, LINK_PAGE_PATH, type IncomingCall, type Reply } from "./handle-request.js";
import { checkMaxRecordedRequests, RequestLog, type RecordedRequest } from "./request-log.js";
import { ResourceStore } from "./resource-store.js";
import type { LinkSession } from "./generated/link-session.js";

/** Options every form of the fake takes (the test server, the MSW handlers); every one has a default. */
export interface NoxFakeOptions {
  /** API key -> supplier name. Default: `{ [TEST_API_KEY]: TEST_SUPPLIER_NAME }`. */
  apiKeys?: Readonly<Record<string, string>>;
  /**
   * The current time in Unix seconds: `created_at`, `expires_at`, and whether a session has expired when
   * its link is opened, so a test can move it past `expires_at`. Default: the system clock.
   */
  now?: () => number;
  /**
   * Where `link_url` points (`?token=...&language=...` is added). Default: the fake's own link page,
   * `<url>/ui`, which completes the session when opened. Pass {@link NOX_LINK_BASE_URL} for NOX's own host
   * (URLs as in production, e.g. for snapshots); `completeSession` still completes such sessions.
   */
  linkBaseUrl?: string;
  /** Makes each session's `link_token`. Default: a random UUID. */
  tokenFactory?: () => string;
  /**
   * The largest request body read, in bytes; a larger one is answered 413, left unread and recorded with
   * an empty `bodyText`. Default: {@link DEFAULT_MAX_BODY_BYTES} (1 MiB).
   */
  maxBodyBytes?: number;
  /**
   * How many requests `requests` keeps: the newest, older ones dropped (and counted in
   * `droppedRequests`). Default: {@link DEFAULT_MAX_RECORDED_REQUESTS}.
   */
  maxRecordedRequests?: number;
}

export type { RecordedRequest };

/** The state and behaviour every form of the fake shares; a transport only turns requests into calls. */
/** What a test sees of the fake, whichever form serves it (HTTP server, `fetch`, MSW handlers). */
export interface NoxFakeState {
  /**
   * The link sessions created (201 responses), oldest first; `completed_at` is set once completed.
   * Always empty for a spec the link-session plug-in does not fit.
   */
  readonly sessions: readonly LinkSession[];
  /** The requests received, oldest first: the last `maxRecordedRequests` (default 1000). */
  readonly requests: readonly RecordedRequest[];
  /** How many older requests were dropped from `requests` to keep it at `maxRecordedRequests`. */
  readonly droppedRequests: number;
  /** Makes the next `count` requests (default 1) fail as `fault` says, after any faults already queued. */
  failNext(fault: Fault): void;
  failNext(count: number, fault: Fault): void;
  /** How many queued faults are still waiting for a request. */
  readonly pendingFaults: number;
  /**
   * Completes the session of `linkToken` as the user finishing NOX's flow does (what opening its
   * `link_url` does, without HTTP): where NOX redirects the user, and the callback in that URL's `data`.
   * Throws for an unknown, expired (on the `now` clock) or completed session, or a brand NOX would not
   * offer, and for a spec the link-session plug-in does not fit.
   */
  completeSession(linkToken: string, choices?: LinkChoices): CompletedSession;
  /** Forgets sessions, NOX users, requests and queued faults (options stay); for `afterEach`. */
  reset(): void;
}

export interface FakeCore {
  /** Answers one call (faults first), or says to drop the connection. */
  dispatch(
    call: IncomingCall,
    transport: RecordedRequest["transport"],
    signal: AbortSignal,
  ): Promise<Reply | "reset">;
  readonly sessions: readonly LinkSession[];
  readonly requests: readonly RecordedRequest[];
  readonly droppedRequests: number;
  failNext(countOrFault: number | Fault, fault?: Fault): void;
  readonly pendingFaults: number;
  completeSession(linkToken: string, choices?: LinkChoices): CompletedSession;
  reset(): void;
  /** Ends every scripted delay, now and later, with `reason`: for closing a server. */
  close(reason: Error): void;
  /** The largest body a transport reads. */
  readonly maxBodyBytes: number;
  /** The routes served. */
  readonly api: FakeApi;
}

/**
 * The fake's state (sessions, requests, faults, NOX users) and dispatch, for a transport serving at `url`
 * (the base URL its clients use, ending in `basePath`). `caller` names the public function in errors.
 * `api` is the spec's by default; tests pass one built from a fixture spec.
 */
export function createFakeCore(
  options: NoxFakeOptions,
  where: { url: string; basePath: string; caller: string },
  api: FakeApi = SPEC_API,
): FakeCore {
  const linkBaseUrl = options.linkBaseUrl ?? `${where.url}${LINK_PAGE_PATH}`;
  if (!URL.canParse(linkBaseUrl)) {
    throw new TypeError(`${where.caller}: linkBaseUrl must be an absolute URL, got ${linkBaseUrl}.`);
  }
  const maxBodyBytes = checkMaxBodyBytes(options.maxBodyBytes, where.caller);
  const apiKeys = new Map(Object.entries(options.apiKeys ?? { [TEST_API_KEY]: TEST_SUPPLIER_NAME }));
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const token = options.tokenFactory ?? (() => crypto.randomUUID());
  const store = new SessionStore(() => crypto.randomUUID());
  const resources = new ResourceStore();
  const config = {
    ...{ basePath: where.basePath, apiKeys, now, token, linkBaseUrl, maxBodyBytes, store },
    ...{ api, resources, url: where.url },
  };
  const requests = new RequestLog(
    checkMaxRecordedRequests(options.maxRecordedRequests, DEFAULT_MAX_RECORDED_REQUESTS, where.caller),
  );
  const faults = new FaultQueue();
  const closing = new AbortController();

  return {
    async dispatch(call, transport, signal) {
      const entry = requests.add(call, transport);
      const fault = faults.take();
      if (fault?.delayMs !== undefined) await delay(fault.delayMs, [signal, closing.signal]);
      const reply =
        fault?.reset === true
          ? "reset"
          : fault?.status !== undefined
            ? jsonReply(fault.status, fault.body, fault.headers)
            : await handleRequest(call, config);
      requests.answered(entry, reply);
      return reply === "reset" ? reply : withRequestId(reply, call);
    },
    get sessions() {
      return store.list(now());
    },
    get requests() {
      return requests.list();
    },
    get droppedRequests() {
      return requests.dropped;
    },
    failNext(countOrFault, fault) {
      if (typeof countOrFault === "number") faults.push(countOrFault, fault ?? {});
      else faults.push(1, countOrFault);
    },
    get pendingFaults() {
      return faults.pending;
    },
    completeSession(linkToken, choices = {}) {
      if (api.linkSession === null) {
        throw new Error(
          "completeSession: this spec has no link-session operation, so the fake makes no sessions.",
        );
      }
      const completion = store.complete(linkToken, choices, now());
      if (!completion.ok) throw new Error(`completeSession: ${completion.error}`);
      return completion.value;
    },
    reset() {
      store.clear();
      resources.clear();
      requests.clear();
      faults.clear();
    },
    close(reason) {
      closing.abort(reason);
    },
    maxBodyBytes,
    api,
  };
}

/** The test-facing view of `fake`: live `sessions`, `requests` and `pendingFaults`, and its controls. */
export function stateOf(fake: FakeCore): NoxFakeState {
  return {
    get sessions() {
      return fake.sessions;
    },
    get requests() {
      return fake.requests;
    },
    get droppedRequests() {
      return fake.droppedRequests;
    },
    get pendingFaults() {
      return fake.pendingFaults;
    },
    failNext: (countOrFault: number | Fault, fault?: Fault) => fake.failNext(countOrFault, fault),
    completeSession: (linkToken, choices) => fake.completeSession(linkToken, choices),
    reset: () => fake.reset(),
  };
}

/** The `maxBodyBytes` option, defaulted and checked; `caller` names the public function in the error. */
export function checkMaxBodyBytes(value: number | undefined, caller: string): number {
  const maxBodyBytes = value ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TypeError(`${caller}: maxBodyBytes must be a positive integer, got ${maxBodyBytes}.`);
  }
  return maxBodyBytes;
}

// What NOX's edge does: an answer names the request (the caller's `x-request-id`, else a new one), so a
// client's error can carry it. A fault's own `x-request-id` header wins (a test scripting a given id).
const REQUEST_ID = /^[\x21-\x7e]{1,200}$/;
function withRequestId(reply: Reply, call: IncomingCall): Reply {
  if (Object.keys(reply.headers).some((name) => name.toLowerCase() === "x-request-id")) return reply;
  const asked = call.headers["x-request-id"];
  const id = asked !== undefined && REQUEST_ID.test(asked) ? asked : `req_${globalThis.crypto.randomUUID()}`;
  return { ...reply, headers: { ...reply.headers, "x-request-id": id } };
}
