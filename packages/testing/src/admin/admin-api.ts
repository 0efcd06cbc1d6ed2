import type { FakeCore } from "../fake-core.js";
import type { Fault } from "../faults.js";
import type { IncomingCall, Reply } from "../handle-request.js";

/** The reserved prefix of the admin API: never a route of the spec (the fake refuses a spec that has one). */
export const ADMIN_PREFIX = "/__nox/";

/** The fake's settable clock (Unix seconds): the system clock plus an offset the admin API moves. */
export interface AdminClock {
  now(): number;
  set(now: number): void;
}

/** A clock that follows the system clock, moved by `set` (it keeps ticking from there). */
export function settableClock(): AdminClock {
  let offset = 0;
  const system = () => Math.floor(Date.now() / 1000);
  return { now: () => system() + offset, set: (now) => void (offset = now - system()) };
}

/** What the admin API needs: the fake, its clock, and the bearer token it requires (none when undefined). */
export interface AdminContext {
  fake: FakeCore;
  clock: AdminClock;
  token?: string | undefined;
}

const json = (status: number, value: unknown): Reply => ({
  status,
  headers: { "content-type": "application/json", "cache-control": "no-store" },
  body: JSON.stringify(value),
});
const problem = (status: number, error: string) => json(status, { error });

/** Reads a JSON object body; `{}` for an empty one. */
function bodyOf(call: IncomingCall): Record<string, unknown> {
  if (call.bodyText.trim() === "") return {};
  const value: unknown = JSON.parse(call.bodyText);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new TypeError("the body must be a JSON object");
  return value as Record<string, unknown>;
}

type Handler = (call: IncomingCall, context: AdminContext, match: RegExpExecArray) => Reply;

/** Every admin route: method, path pattern (below the prefix), handler. Documented in admin-openapi.json. */
const ROUTES: readonly [string, RegExp, Handler][] = [
  ["GET", /^health$/, () => json(200, { status: "ok" })],
  [
    "POST",
    /^reset$/,
    (_, { fake }) => {
      fake.reset();
      return json(200, { reset: true });
    },
  ],
  [
    "GET",
    /^requests$/,
    (call, { fake }) => {
      const since = Number(new URLSearchParams(call.search).get("since") ?? "0");
      if (!Number.isInteger(since) || since < 0) return problem(400, "since must be a non-negative integer");
      return json(200, { requests: fake.requests.slice(since), dropped: fake.droppedRequests });
    },
  ],
  ["GET", /^sessions$/, (_, { fake }) => json(200, { sessions: fake.sessions })],
  [
    "POST",
    /^sessions\/([^/]+)\/complete$/,
    (call, { fake }, match) => {
      const choices = bodyOf(call);
      try {
        return json(200, fake.completeSession(decodeURIComponent(match[1]!), choices));
      } catch (error) {
        // The session store's own words: an unknown link is 404, a used or expired one 410, bad choices 400.
        const message = error instanceof Error ? error.message : String(error);
        const status = /not known/.test(message)
          ? 404
          : /already been used|expired/.test(message)
            ? 410
            : 400;
        return problem(status, message);
      }
    },
  ],
  ["GET", /^faults$/, (_, { fake }) => json(200, { pending: fake.pendingFaults })],
  [
    "POST",
    /^faults$/,
    (call, { fake }) => {
      const { count = 1, fault } = bodyOf(call) as { count?: number; fault?: Fault };
      if (typeof fault !== "object" || fault === null) return problem(400, "fault must be an object");
      fake.failNext(count, fault);
      return json(200, { pending: fake.pendingFaults });
    },
  ],
  ["GET", /^clock$/, (_, { clock }) => json(200, { now: clock.now() })],
  [
    "POST",
    /^clock$/,
    (call, { clock }) => {
      const { now, advanceSeconds } = bodyOf(call) as { now?: unknown; advanceSeconds?: unknown };
      const target =
        typeof now === "number"
          ? now
          : typeof advanceSeconds === "number"
            ? clock.now() + advanceSeconds
            : NaN;
      if (!Number.isInteger(target))
        return problem(400, "give { now } (Unix seconds) or { advanceSeconds }, integers");
      clock.set(target);
      return json(200, { now: clock.now() });
    },
  ],
];

/**
 * The admin API's answer to `call`, or `undefined` when it is not an admin call. What the TypeScript
 * API of the fake does (reset, recorded requests, sessions, completing one, faults, the clock), over
 * HTTP with JSON, for services that are not in the test's process. A failure is `{ error }` with a 4xx.
 */
export function adminReply(call: IncomingCall, context: AdminContext): Reply | undefined {
  if (!call.pathname.startsWith(ADMIN_PREFIX)) return undefined;
  if (context.token !== undefined && call.headers["authorization"] !== `Bearer ${context.token}`)
    return problem(401, "the admin API needs authorization: Bearer <the --admin-token>");
  const rest = call.pathname.slice(ADMIN_PREFIX.length);
  const paths = ROUTES.filter(([, pattern]) => pattern.test(rest));
  if (paths.length === 0) return problem(404, `no admin route ${call.pathname}; see admin-openapi.json`);
  const route = paths.find(([method]) => method === call.method);
  if (route === undefined)
    return problem(405, `${call.pathname} takes ${paths.map(([method]) => method).join(" or ")}`);
  try {
    return route[2](call, context, route[1].exec(rest)!);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return problem(400, error instanceof SyntaxError ? `the body is not JSON: ${message}` : message);
  }
}
