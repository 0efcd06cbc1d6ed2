import { SESSION_TTL_SECONDS } from "../../defaults.js";
import type { LinkSessionContract, LinkSessionRequestContract } from "./contract.js";

/** What a new session needs besides the request: who asked, when, and where the link points. */
export interface SessionContext {
  supplier: string;
  /** Unix seconds. */
  now: number;
  token: string;
  linkBaseUrl: string;
  /** The language when the request names none (the spec's default), else none is set. */
  defaultLanguage: string | null;
}

/**
 * The link session NOX returns for a valid request (201), fields in the spec's order.
 * `link_url` is `linkBaseUrl` with `token` and `language` query parameters, like the spec's example.
 */
export function createSession(
  request: LinkSessionRequestContract,
  context: SessionContext,
): LinkSessionContract {
  const language = request.language ?? context.defaultLanguage ?? undefined;
  const linkUrl = new URL(context.linkBaseUrl);
  linkUrl.searchParams.set("token", context.token);
  if (language !== undefined) linkUrl.searchParams.set("language", language);
  return {
    link_url: linkUrl.href,
    link_token: context.token,
    brand: request.brand ?? null,
    ...(language !== undefined && { language }),
    // Spread: a spec without asset_type (upstream's earlier v2) gets none.
    ...(request.asset_type !== undefined && { asset_type: request.asset_type }),
    redirect_url: request.redirect_url,
    supplier: context.supplier,
    supplier_user_id: request.user_id,
    completed_at: null,
    created_at: context.now,
    expires_at: context.now + SESSION_TTL_SECONDS,
  };
}
