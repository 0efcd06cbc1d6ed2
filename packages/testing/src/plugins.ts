import { brandRuleHook } from "./curated/brand-rule/hook.js";
import { linkSessionHook } from "./curated/link-session/route-hook.js";
import type { SessionStore } from "./curated/link-session/session-store.js";
import type { FakeApi, Route } from "./fake-api.js";
import type { FieldHint } from "./validation-messages.js";

/** What a plug-in adds to a generic route: a check after the schema's, a message hint, its own answer. */
export interface RouteHook {
  /** A 400 message for a body the schema accepts but NOX would not, or `undefined`. */
  check?(body: unknown): string | undefined;
  /** A better description of a field in a 400 message. */
  hint?(body: unknown): FieldHint | undefined;
  /** The success body, given the generic one (sampled, echoes) and the request; pure (it may run more than once). */
  shape?(generic: Record<string, unknown>, body: unknown, context: HookContext): Record<string, unknown>;
  /** Keeps what the answer created (after it was checked). */
  created?(answer: Record<string, unknown>, context: HookContext): void;
  /** When the created resource is forgotten (fake-clock Unix seconds); default: retention after creation. */
  evictAt?(resource: Record<string, unknown>): number;
}

/** What a hook's answer may depend on besides the request. */
export interface HookContext {
  /** The supplier the API key resolves to ("" for a route that needs none). */
  supplier: string;
  /** Unix seconds. */
  now: number;
  /** A fresh token for this request. */
  token: string;
  linkBaseUrl: string;
  store: SessionStore;
  api: FakeApi;
}

/** The plug-ins' hooks for `route`: the brand rule where the route carries one, link sessions on their operation. */
export function hooksFor(route: Route, api: FakeApi): RouteHook[] {
  return [brandRuleHook(route), linkSessionHook(route, api)].filter((h): h is RouteHook => h !== undefined);
}
