import { DEFAULT_LANGUAGE } from "@nox-energy/authenticator-enums";
import type {
  CreateSupplierLinkSessionRequest,
  CreateSupplierLinkSessionResponse,
} from "@nox-energy/authenticator-types";
import { SESSION_TTL_SECONDS } from "./defaults.js";

/** What a new session needs besides the request: who asked, when, and where the link points. */
export interface SessionContext {
  supplier: string;
  /** Unix seconds. */
  now: number;
  token: string;
  linkBaseUrl: string;
}

/**
 * The link session NOX returns for a valid request (201), fields in the spec's order.
 * `link_url` is `linkBaseUrl` with `token` and `language` query parameters, like the spec's example.
 */
export function createSession(
  request: CreateSupplierLinkSessionRequest,
  context: SessionContext,
): CreateSupplierLinkSessionResponse {
  const language = request.language ?? DEFAULT_LANGUAGE;
  // Read loosely (and spread): this must still build from a spec without asset_type (upstream's earlier v2).
  const { asset_type: assetType } = request as typeof request & { asset_type?: unknown };
  const linkUrl = new URL(context.linkBaseUrl);
  linkUrl.searchParams.set("token", context.token);
  linkUrl.searchParams.set("language", language);
  return {
    link_url: linkUrl.href,
    link_token: context.token,
    brand: request.brand ?? null,
    language,
    ...{ asset_type: assetType },
    redirect_url: request.redirect_url,
    supplier: context.supplier,
    supplier_user_id: request.user_id,
    completed_at: null,
    created_at: context.now,
    expires_at: context.now + SESSION_TTL_SECONDS,
  };
}
