import type { paths } from "@nox-energy/authenticator-types";
import createClient, { type Client, type ClientOptions, type Middleware } from "openapi-fetch";
import { NoxConfigurationError } from "./errors.js";
import { CREDENTIAL_HEADERS, DEFAULT_CREDENTIALS } from "./generated/operations.js";
import { assertValidApiKey } from "./options.js";
import { credentialValue } from "./prepare-request.js";

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** What {@link createRequestClient} builds a client from. */
export interface RequestClientOptions {
  clientOptions: Omit<ClientOptions, "fetch" | "headers">;
  headers: Record<string, string>;
  fetch: Fetch;
  apiKey: string;
  /** The base URL: its origin is the only one the key goes to. */
  baseUrl: string;
  /** The caller's middleware, all run before the key is added. */
  middleware: readonly Middleware[];
}

/** Throws unless `middleware` is a list of openapi-fetch middleware objects; returns it (or an empty list). */
export function checkMiddleware(middleware: unknown): readonly Middleware[] {
  if (middleware === undefined) return [];
  const isMiddleware = (m: unknown) =>
    typeof m === "object" &&
    m !== null &&
    ["onRequest", "onResponse", "onError"].some(
      (hook) => typeof (m as Record<string, unknown>)[hook] === "function",
    );
  if (!Array.isArray(middleware) || !middleware.every(isMiddleware)) {
    throw new NoxConfigurationError(
      "middleware must be an array of openapi-fetch middleware objects, each with onRequest, onResponse or onError.",
    );
  }
  return [...(middleware as Middleware[])];
}

/**
 * `fetch`, with the key added at the last moment and only for `origin`: after every middleware (the
 * client's and a call's own) has had the request, and on a copy, so no middleware ever sees the key,
 * in `onRequest`, `onResponse` or `onError`. A request for another origin goes without it.
 */
function addKeyAtOrigin(fetch: Fetch, apiKey: string, origin: string): Fetch {
  return (input, init) => {
    if (!(input instanceof Request)) return fetch(input, init);
    if (!input.url.startsWith(origin) || apiKey === "") {
      for (const name of CREDENTIAL_HEADERS) input.headers.delete(name);
      return fetch(input, init);
    }
    // A copy with the key and redirect "manual" (unless it asked for "error"): fetch would follow a 3xx
    // inside this call, and Node's fetch keeps x-api-key on a hop to another host.
    const keyed = new Request(input, { redirect: input.redirect === "error" ? "error" : "manual" });
    for (const c of DEFAULT_CREDENTIALS)
      if (c.in === "header") keyed.headers.set(c.name, credentialValue(c, apiKey));
    return fetch(keyed, init);
  };
}

/**
 * An openapi-fetch client on its ordinary path (a `Request` per attempt, middleware run), for
 * `nox.POST`, and for `createLinkSession` when there is middleware: the key is added by its `fetch`,
 * after the middleware, and only for the base URL's origin. (A call's own `fetch` replaces that one,
 * so it is sent without the key.)
 */
export function createRequestClient(options: RequestClientOptions): Client<paths> {
  if (options.apiKey !== "") assertValidApiKey(options.apiKey);
  // A URL's serialised href starts with its origin and "/", so a prefix test is an exact origin test.
  const origin = `${new URL(options.baseUrl).origin}/`;
  const client = createClient<paths>({
    ...options.clientOptions,
    headers: options.headers,
    fetch: addKeyAtOrigin(options.fetch, options.apiKey, origin),
  });
  client.use(...options.middleware);
  return client;
}

type Verb = Client<paths>["POST"];

/**
 * An openapi-fetch method (`nox.POST`, `nox.GET`, ...) refusing a per-call `redirect: "follow"`: the key
 * is sent with redirect "manual" anyway, and a caller who asked to follow is told so rather than handed
 * a 3xx they did not expect.
 */
export function refuseFollow<V = Verb>(send: V, verb = "POST"): V {
  const call = send as (...args: unknown[]) => Promise<unknown>;
  return ((path: unknown, init?: RequestInit) =>
    init?.redirect === "follow"
      ? Promise.reject(
          new NoxConfigurationError(
            `nox.${verb} does not take redirect: "follow": fetch would send the API key on to wherever a redirect points. ` +
              "Leave redirect out (a 3xx is then the response), or use a client without the key.",
          ),
        )
      : call(path, init)) as V;
}
