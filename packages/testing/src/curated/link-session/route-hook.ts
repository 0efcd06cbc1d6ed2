import { EXPIRED_RETENTION_SECONDS } from "../../defaults.js";
import type { FakeApi, Route } from "../../fake-api.js";
import type { RouteHook } from "../../plugins.js";
import type { LinkSessionContract, LinkSessionRequestContract } from "./contract.js";
import { createSession } from "./session.js";
import type { LinkChoices } from "./session-store.js";

/**
 * The link-session semantics, curated: the session has a fresh `link_token`, a `link_url` on the link
 * page, the supplier of the API key, `created_at` now and `expires_at` 10 minutes later (see
 * ./session.ts); the store keeps it for the link page to complete. Every other property comes from the
 * generic answer (so a new request field is echoed).
 */
export function linkSessionHook(route: Route, api: FakeApi): RouteHook | undefined {
  const plugin = api.linkSession;
  if (plugin === null || route.operationId !== plugin.operationId) return undefined;
  return {
    shape: (generic, body, context) => ({
      ...generic,
      ...createSession(body as LinkSessionRequestContract, {
        ...context,
        defaultLanguage: plugin.defaultLanguage,
      }),
    }),
    created: (session, context) => context.store.add(session as unknown as LinkSessionContract, context.now),
    // The session store forgets it at the same time, so a GET reads no session its link page lost.
    evictAt: (session) => (session as unknown as LinkSessionContract).expires_at + EXPIRED_RETENTION_SECONDS,
  };
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
