import type { Route } from "./fake-api.js";

/** Which route a request's method and path select: one, a known path with other methods, or none. */
export type RouteMatch =
  | { kind: "route"; route: Route; params: Record<string, string> }
  | { kind: "method"; allow: readonly string[] }
  | { kind: "none" };

/**
 * Matches `path` (below `basePath`, as received) against the routes' templates: segment by segment, a
 * `{name}` segment taking one non-empty percent-decoded segment, everything else exactly.
 * @example matchRoute(routes, "GET", "/supplier/link-sessions/abc") // { kind: "route", params: { link_token: "abc" }, ... }
 */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const allow: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params === undefined) continue;
    if (route.method === method) return { kind: "route", route, params };
    allow.push(route.method);
  }
  return allow.length > 0 ? { kind: "method", allow } : { kind: "none" };
}

function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const segment = got[i] ?? "";
    const name = /^\{([^{}]+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      if (part !== segment) return undefined;
      continue;
    }
    const value = decode(segment);
    if (value === undefined || value === "") return undefined;
    params[name] = value;
  }
  return params;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
