/**
 * The link-session plug-in's contract (issue #14, decision 5): the fields it reads and writes. When the
 * spec fits (scripts/model/link-session.ts), `generated/link-session.ts` aliases the spec's own types,
 * which have these fields; when it does not, these types stand in so the package still builds.
 */

/** The request fields the plug-in reads. */
export interface LinkSessionRequestContract {
  user_id: string;
  redirect_url: string;
  brand?: string | null;
  language?: string;
  asset_type?: string;
}

/** A link session as the plug-in writes it. */
export interface LinkSessionContract {
  link_url: string;
  link_token: string;
  brand?: string | null;
  language?: string;
  asset_type?: string;
  redirect_url: string;
  supplier: string;
  supplier_user_id: string;
  completed_at?: number | null;
  created_at: number;
  expires_at: number;
}

/** The callback NOX sends to `redirect_url` as `?data=` when the user finishes linking. */
export interface LinkCallbackContract {
  nox_user_id: string;
  supplier_user_id: string;
  brand: string;
  device_ids: string[];
  connected_at: number;
}

/** Which operation the plug-in shapes (generated data). */
export interface LinkSessionPlugin {
  readonly operationId: string;
  /** Its success status (201 for NOX's). */
  readonly status: number;
  /** The request's `language` default, used when the request names none; `null` when the spec has none. */
  readonly defaultLanguage: string | null;
}
