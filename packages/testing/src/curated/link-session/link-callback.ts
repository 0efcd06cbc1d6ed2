import type { LinkCallbackContract } from "./contract.js";

/** The `data` query parameter NOX sends: the callback as JSON, base64url-encoded without padding. */
export function encodeLinkCallback(callback: LinkCallbackContract): string {
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
