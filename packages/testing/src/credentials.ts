import type { Route } from "./fake-api.js";
import type { IncomingCall } from "./handle-request.js";

/** One credential as it travels (issue #14, decision 6): an API key in a header, query or cookie; a Bearer token; Basic. */
export type Credential = Route["security"][number][number];

/** The credential's value in `call`, or `undefined` when it was not sent. */
function presented(credential: Credential, call: IncomingCall, query: URLSearchParams): string | undefined {
  const authorization = call.headers["authorization"];
  switch (credential.type) {
    case "apiKey":
      if (credential.in === "header") return call.headers[credential.name];
      if (credential.in === "query") return query.get(credential.name) ?? undefined;
      return cookie(call.headers["cookie"], credential.name);
    case "bearer":
      return /^Bearer +(.+)$/i.exec(authorization ?? "")?.[1]?.trim();
    case "basic": {
      // The client sends Basic base64(apiKey): the key is what it encodes, whole.
      const encoded = /^Basic +([A-Za-z0-9+/=]+)$/i.exec(authorization ?? "")?.[1];
      if (encoded === undefined) return undefined;
      try {
        return new TextDecoder().decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
      } catch {
        return undefined;
      }
    }
  }
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/**
 * The supplier whose key the request presents, checked where the route's security says it travels
 * (any one alternative, every credential of it known): `""` for a route that needs none, `undefined`
 * (a 401) when no alternative is met.
 */
export function authenticate(
  route: Route,
  call: IncomingCall,
  apiKeys: ReadonlyMap<string, string>,
): string | undefined {
  if (route.security.length === 0) return "";
  const query = new URLSearchParams(call.search);
  for (const alternative of route.security) {
    // An empty alternative (`{}` in the spec) makes credentials optional.
    if (alternative.length === 0) return "";
    let supplier: string | undefined;
    for (const credential of alternative) {
      const value = presented(credential, call, query);
      const known = value === undefined ? undefined : apiKeys.get(value);
      if (known === undefined) {
        supplier = undefined;
        break;
      }
      supplier ??= known;
    }
    if (supplier !== undefined) return supplier;
  }
  return undefined;
}
