/**
 * What NOX adds to `redirect_url` as `?data=` once the user has linked their device: base64url JSON (no
 * padding). Mirrors the callback schema in spec/ (NOX's guide, "Redirect callback"); to be replaced by the
 * `LinkCallback` type generated into `@nox-energy/authenticator-types` from it.
 * @see https://docs.nox.energy/guides/energy-supplier-integration
 */
export interface LinkCallback {
  /** The NOX subscriber id; the same for every link of the same `supplier_user_id`. */
  nox_user_id: string;
  /** The `user_id` the session was created with. */
  supplier_user_id: string;
  /** The brand linked, lower case. */
  brand: string;
  /** The devices linked. */
  device_ids: string[];
  /** When the link was made, in Unix seconds. */
  connected_at: number;
}

/** The `data` query parameter NOX sends: the callback as JSON, base64url-encoded without padding. */
export function encodeLinkCallback(callback: LinkCallback): string {
  const bytes = new TextEncoder().encode(JSON.stringify(callback));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** `url` with `?data=` (or `&data=`) added before any fragment, its own query left exactly as written. */
export function withCallbackData(url: string, data: string): string {
  const hash = url.indexOf("#");
  const [base, fragment] = hash === -1 ? [url, ""] : [url.slice(0, hash), url.slice(hash)];
  const query = base.indexOf("?");
  const separator = query === -1 ? "?" : query === base.length - 1 || base.endsWith("&") ? "" : "&";
  return `${base}${separator}data=${data}${fragment}`;
}
