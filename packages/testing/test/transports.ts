import type { CreateSupplierLinkSessionResponse, ErrorResponse } from "@nox-energy/authenticator-types";
import type { NoxTestServer } from "../src/index.js";

/** The two ways to reach a test server: over HTTP on 127.0.0.1, or in-process through `server.fetch`. */
export const TRANSPORTS = [
  ["http", (server: NoxTestServer) => globalThis.fetch.bind(globalThis)],
  ["fetch", (server: NoxTestServer) => server.fetch],
] as const satisfies readonly (readonly [string, (server: NoxTestServer) => typeof fetch])[];

/** A JSON POST to the link-sessions route with `headers` (add the API key yourself). */
export function postLinkSession(
  send: typeof fetch,
  server: NoxTestServer,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return send(`${server.url}/supplier/link-sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The body of a 201, typed as the spec's response. */
export async function sessionOf(res: Response): Promise<CreateSupplierLinkSessionResponse> {
  return (await res.json()) as CreateSupplierLinkSessionResponse;
}

/** The body of an error response, typed as the spec's `ErrorResponse`. */
export async function errorOf(res: Response): Promise<ErrorResponse> {
  return (await res.json()) as ErrorResponse;
}
