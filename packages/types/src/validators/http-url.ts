// Characters RFC 3986 allows anywhere in a URI: unreserved, reserved and "%" (checked as pct-encoded below).
// Anything else (white space, a backslash, "|", "{}", "^", "`", a raw non-ASCII host) is read differently by
// different parsers: a browser turns "\" into "/" where an RFC 3986 parser (fast-uri) keeps it in userinfo.
const URI_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
// scheme "://" host [":" port] then path, query or fragment. No userinfo: "@" is refused before the path.
// Each part's class excludes the next part's delimiter, so the match is linear in the input's length.
const HTTP_URL = /^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[^:/?#[\]@]+)(?::\d{1,5})?(?:[/?#][^[\]]*)?$/i;
// This package compiles without DOM or Node types (`types: []`); URL is a global in every runtime it supports.
declare const URL: new (input: string) => { readonly protocol: string; readonly hostname: string };

/**
 * True when `value` is an absolute `http:` or `https:` URL that browsers, WHATWG's URL parser and an
 * RFC 3986 parser (the server's) all read as the same host: what the spec's `format: uri` must mean for
 * a URL a user is sent to (`redirect_url`, `link_url`).
 *
 * Stricter than RFC 3986 on purpose: no white space or control characters, no characters outside RFC 3986
 * (a backslash, `|`, `{}`, a raw non-ASCII host: write an IDN host in its `xn--` form), no credentials
 * before the host, no `[` `]` outside an IPv6 host, and a host written as the URL parser writes it
 * (so `0x7f.1`, which a browser reads as `127.0.0.1`, is refused).
 * @example isHttpUrl("https://app.example/cb?x=1") // true
 * @example isHttpUrl("https://evil.example\\@good.example/") // false
 */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== "string" || !URI_CHARACTERS.test(value) || BAD_PERCENT.test(value)) return false;
  const host = HTTP_URL.exec(value)?.[1];
  if (host === undefined) return false;
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname === host.toLowerCase();
}
