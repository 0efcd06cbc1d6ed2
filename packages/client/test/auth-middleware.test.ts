import createClient from "openapi-fetch";
import type { paths } from "@nox-energy/authenticator-types";
import { afterEach, describe, expect, test } from "vitest";
import { createAuthMiddleware, createNoxClient, NoxConfigurationError } from "../src/index.js";
import { created, startFaultServer, type FaultServer } from "./fault-server.js";

const KEY = "nox_test_4b1d9c";
const BODY = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function twoOrigins(): Promise<[FaultServer, FaultServer]> {
  const pair = [await startFaultServer(created), await startFaultServer(created)] as const;
  servers.push(...pair);
  return [...pair];
}

describe("createAuthMiddleware on a team's own openapi-fetch client", () => {
  test("adds x-api-key for the client's base URL origin", async () => {
    const [home] = await twoOrigins();
    const client = createClient<paths>({ baseUrl: home.baseUrl });
    client.use(createAuthMiddleware(KEY));
    await client.POST("/supplier/link-sessions", { body: BODY });
    expect(home.requests[0]?.headers["x-api-key"]).toBe(KEY);
  });

  test("sends no key to another origin (a per-call baseUrl on another port)", async () => {
    const [home, other] = await twoOrigins();
    const client = createClient<paths>({ baseUrl: home.baseUrl });
    client.use(createAuthMiddleware(KEY, { origin: home.origin }));
    await client.POST("/supplier/link-sessions", { body: BODY, baseUrl: other.baseUrl });
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.headers["x-api-key"]).toBeUndefined();
  });

  test("unpinned, the origin is each request's resolved baseUrl (a per-call override included)", async () => {
    const [home, other] = await twoOrigins();
    const client = createClient<paths>({ baseUrl: home.baseUrl });
    client.use(createAuthMiddleware(KEY));
    await client.POST("/supplier/link-sessions", { body: BODY, baseUrl: other.baseUrl });
    expect(other.requests[0]?.headers["x-api-key"]).toBe(KEY);
  });

  test("strips a key a caller set by hand on a request to another origin", async () => {
    const [home, other] = await twoOrigins();
    const client = createClient<paths>({ baseUrl: home.baseUrl });
    client.use(createAuthMiddleware(KEY, { origin: home.origin }));
    await client.POST("/supplier/link-sessions", {
      body: BODY,
      baseUrl: other.baseUrl,
      headers: { "x-api-key": KEY },
    });
    expect(other.requests[0]?.headers["x-api-key"]).toBeUndefined();
  });

  test("refuses a key with a newline", () => {
    expect(() => createAuthMiddleware(`${KEY}\n`)).toThrow(NoxConfigurationError);
  });
});

describe("the NOX client's key never leaves its base URL's origin", () => {
  test("nox.POST with a per-call baseUrl on another port goes without the key", async () => {
    const [home, other] = await twoOrigins();
    const nox = createNoxClient({ apiKey: KEY, baseUrl: home.baseUrl });
    await nox.POST("/supplier/link-sessions", { body: BODY, baseUrl: other.baseUrl });
    await nox.POST("/supplier/link-sessions", { body: BODY });
    expect(other.requests[0]?.headers["x-api-key"]).toBeUndefined();
    expect(home.requests[0]?.headers["x-api-key"]).toBe(KEY);
  });
});
