import type {
  CreateSupplierLinkSessionRequest,
  CreateSupplierLinkSessionResponse,
} from "@nox-energy/authenticator-types";
import type { FakeApi, Route } from "./fake-api.js";
import { EXPIRED_RETENTION_SECONDS } from "./defaults.js";
import { createSession } from "./session.js";
import type { LinkChoices, SessionStore } from "./session-store.js";
import { checkBrandForAssetType } from "./validate-request.js";

/** What a curated operation adds to the generic route: a check after the schema's, and its own answer. */
export interface RouteHook {
  /** A 400 message for a body the schema accepts but NOX would not, or `undefined`. */
  check(body: unknown): string | undefined;
  /** The success body, given the generic one (echoes, examples, defaults) and the request. */
  respond(generic: Record<string, unknown>, body: unknown, context: HookContext): Record<string, unknown>;
  /** When the created resource is forgotten (fake-clock Unix seconds); default: retention after creation. */
  evictAt?(resource: Record<string, unknown>): number;
}

/** What a hook's answer may depend on besides the request. */
export interface HookContext {
  /** The supplier the API key resolves to. */
  supplier: string;
  /** Unix seconds. */
  now: number;
  token: string;
  linkBaseUrl: string;
  store: SessionStore;
}

/**
 * The link-session semantics, curated: the brand must suit the asset type; the session has a fresh
 * `link_token`, a `link_url` on the link page, the supplier of the API key, `created_at` now and
 * `expires_at` 10 minutes later (see ./session.ts); the store keeps it for the link page to complete.
 * Every other property comes from the generic builder (so a new request field is echoed).
 */
const LINK_SESSION_HOOK: RouteHook = {
  check: (body) => checkBrandForAssetType(body as CreateSupplierLinkSessionRequest),
  respond(generic, body, context) {
    const session = { ...generic, ...createSession(body as CreateSupplierLinkSessionRequest, context) };
    context.store.add(session as CreateSupplierLinkSessionResponse, context.now);
    return session;
  },
  // The session store forgets it at the same time, so a GET reads no session its link page lost.
  evictAt: (session) => (session as CreateSupplierLinkSessionResponse).expires_at + EXPIRED_RETENTION_SECONDS,
};

/** The curated hook for `route`: link-session semantics for the curated operation, none for others. */
export function hookFor(route: Route, api: FakeApi): RouteHook | undefined {
  return route.operationId === api.linkSessionOperationId ? LINK_SESSION_HOOK : undefined;
}

/** Reads the link page's query: `brand`, `device_ids` (comma-separated) and `nox_user_id` stand for the user's choices. */
export function linkChoicesOf(query: URLSearchParams): LinkChoices {
  const choices: LinkChoices = {};
  const brand = query.get("brand");
  const devices = query.get("device_ids");
  const noxUserId = query.get("nox_user_id");
  if (brand !== null) choices.brand = brand;
  if (devices !== null) choices.device_ids = devices.split(",");
  if (noxUserId !== null) choices.nox_user_id = noxUserId;
  return choices;
}
