import createClient from "openapi-fetch";
import type { paths } from "@nox-energy/authenticator-types";
import { afterEach, describe, expect, test } from "vitest";
import { createAuthMiddleware, createNoxClient, NoxConfigurationError } from "../src/index.js";
import { created, startFaultServer, startFaultServerOn, text, type FaultServer } from "./fault-server.js";

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

describe("a redirect to another host never carries the key (issue #8, item 1)", () => {
  /** A home server on 127.0.0.1 that redirects with `status` to a second server on 127.0.0.2. */
  async function redirecting(status: number): Promise<[FaultServer, FaultServer]> {
    const other = await startFaultServerOn("127.0.0.2", created);
    const home = await startFaultServer(
      text(status, "", { location: `${other.baseUrl}/supplier/link-sessions` }),
    );
    servers.push(home, other);
    return [home, other];
  }

  test.each([302, 307, 308])(
    "a team's own openapi-fetch client (redirect: follow by default), pinned: %d",
    async (status) => {
      const [home, other] = await redirecting(status);
      const client = createClient<paths>({ baseUrl: home.baseUrl });
      client.use(createAuthMiddleware(KEY, { origin: home.origin }));
      const { response } = await client.POST("/supplier/link-sessions", { body: BODY });
      expect(home.requests[0]?.headers["x-api-key"]).toBe(KEY);
      expect(JSON.parse(home.requests[0]?.body ?? "")).toEqual(BODY);
      expect(response.status).toBe(status);
      expect(other.requests.map((r) => r.headers["x-api-key"])).toEqual([]);
    },
  );

  test("unpinned, and with redirect: follow asked for per call", async () => {
    const [home, other] = await redirecting(307);
    const client = createClient<paths>({ baseUrl: home.baseUrl, redirect: "follow" });
    client.use(createAuthMiddleware(KEY));
    await client.POST("/supplier/link-sessions", { body: BODY, redirect: "follow" });
    expect(other.requests.map((r) => r.headers["x-api-key"])).toEqual([]);
  });

  test("a request that goes without the key keeps its redirect mode", async () => {
    const [home, other] = await redirecting(307);
    const client = createClient<paths>({ baseUrl: home.baseUrl });
    client.use(createAuthMiddleware(KEY, { origin: "https://nox.example" }));
    await client.POST("/supplier/link-sessions", { body: BODY });
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.headers["x-api-key"]).toBeUndefined();
  });

  test("nox.POST refuses a per-call redirect: follow, and sends nothing", async () => {
    const [home, other] = await redirecting(307);
    const nox = createNoxClient({ apiKey: KEY, baseUrl: home.baseUrl });
    await expect(nox.POST("/supplier/link-sessions", { body: BODY, redirect: "follow" })).rejects.toThrow(
      NoxConfigurationError,
    );
    await expect(nox.POST("/supplier/link-sessions", { body: BODY, redirect: "follow" })).rejects.toThrow(
      /redirect: "follow"/,
    );
    expect(home.requests).toHaveLength(0);
    const { response } = await nox
      .POST("/supplier/link-sessions", { body: BODY, redirect: "error" })
      .catch(() => ({ response: undefined }));
    expect(response).toBeUndefined();
    await nox.POST("/supplier/link-sessions", { body: BODY });
    expect(other.requests).toHaveLength(0);
  });

  test("createLinkSession: a 308 to another host is an error that does not send people there", async () => {
    const [home, other] = await redirecting(308);
    const nox = createNoxClient({ apiKey: KEY, baseUrl: home.baseUrl, maxRetries: 0 });
    const error = (await nox.createLinkSession(BODY).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/does not follow redirects/);
    expect(error.message).toMatch(/check baseUrl with NOX/i);
    expect(error.message).not.toMatch(/set baseUrl to/);
    expect(error.message).not.toContain(other.origin);
    expect(other.requests).toHaveLength(0);
  });
});
