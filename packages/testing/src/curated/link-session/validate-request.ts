import { SPEC_API } from "../../fake-api.js";
import type { LinkSessionRequest } from "../../generated/link-session.js";
import { hooksFor } from "../../plugins.js";
import { describeBodyErrors } from "../../validation-messages.js";

/** The outcome of {@link validateLinkSessionRequest}: the request, or the 400 message NOX would send. */
export type LinkSessionRequestValidation =
  { ok: true; value: LinkSessionRequest } | { ok: false; error: string };

/**
 * Validates a parsed JSON body as the server does for a new link session: the spec's request schema
 * (the generated validator), then the brand against the asset type (the curated data in
 * `@nox-energy/authenticator-enums`).
 *
 * Messages follow the spec's example: "Missing required fields: user_id, redirect_url" (every missing
 * field, in the spec's `required` order), then one readable message per invalid field, joined by "; ".
 * @example validateLinkSessionRequest({ user_id: "u1" }) // { ok: false, error: "Missing required fields: redirect_url, asset_type" }
 */
export function validateLinkSessionRequest(body: unknown): LinkSessionRequestValidation {
  const plugin = SPEC_API.linkSession;
  const route = SPEC_API.routes.find((r) => r.operationId === plugin?.operationId);
  if (plugin === null || route === undefined) {
    return { ok: false, error: "This spec has no link-session operation" };
  }
  const hooks = hooksFor(route, SPEC_API);
  const validate = SPEC_API.validators[route.operationId]?.body;
  if (validate !== undefined && !validate(body)) {
    const hint = hooks.map((h) => h.hint?.(body)).find((h) => h !== undefined);
    return { ok: false, error: describeBodyErrors(body, validate.errors ?? [], hint) };
  }
  const problem = hooks.map((h) => h.check?.(body)).find((p) => p !== undefined);
  return problem === undefined
    ? { ok: true, value: body as LinkSessionRequest }
    : { ok: false, error: problem };
}
