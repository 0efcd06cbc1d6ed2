// Dogfooding: the client against @nox-energy/authenticator-testing, the fake NOX server services use.
// The fault server in fault-server.ts stays the tool for byte-level faults; this file checks that the
// client and the fake agree on the spec, over HTTP and through the fake's in-process `fetch`.
import {
  TEST_API_KEY,
  TEST_SUPPLIER_NAME,
  createNoxTestServer,
  type NoxTestServer,
} from "@nox-energy/authenticator-testing";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  NoxAuthenticationError,
  NoxBadRequestError,
  NoxConnectionError,
  NoxServerError,
  createNoxClient,
  type NoxClientOptions,
} from "../src/index.js";

const BODY = {
  user_id: "u-dogfood",
  asset_type: "pv",
  redirect_url: "https://app.example/nox/back",
  brand: "solaredge",
  language: "fr",
} as const;
const FAST = { backoff: { initialDelayMs: 1, maxDelayMs: 5 } } satisfies NoxClientOptions;

let server: NoxTestServer;
beforeAll(async () => {
  server = await createNoxTestServer({ basePath: "/v2", now: () => 1_703_123_456 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const transports: [string, () => NoxClientOptions][] = [
  ["over HTTP on 127.0.0.1", () => ({})],
  ["through the fake's in-process fetch", () => ({ fetch: server.fetch })],
];

describe.each(transports)("createNoxClient against the test server, %s", (_name, transport) => {
  const nox = (options: NoxClientOptions = {}) =>
    createNoxClient({ apiKey: TEST_API_KEY, baseUrl: server.url, ...FAST, ...transport(), ...options });

  test("creates the session the spec describes", async () => {
    const session = await nox().createLinkSession(BODY);
    expect(session).toEqual(server.sessions[0]);
    expect(session).toMatchObject({
      supplier: TEST_SUPPLIER_NAME,
      supplier_user_id: BODY.user_id,
      brand: "solaredge",
      language: "fr",
      asset_type: "pv",
      created_at: 1_703_123_456,
      expires_at: 1_703_123_456 + 600,
      completed_at: null,
    });
    expect(new URL(session.link_url).searchParams.get("language")).toBe("fr");
    expect(server.requests[0]?.path).toBe("/v2/supplier/link-sessions");
    expect(server.requests[0]?.headers["x-api-key"]).toBe(TEST_API_KEY);
    expect(server.requests[0]?.body).toEqual(BODY);
  });

  test("omitted language and brand: null are accepted; the server fills in its default", async () => {
    const { language: _omitted, ...withoutLanguage } = BODY;
    const session = await nox().createLinkSession({ ...withoutLanguage, brand: null });
    expect(server.requests[0]?.body).not.toHaveProperty("language");
    expect(session.language).toBe("nl");
    expect(session.brand ?? null).toBeNull();
  });

  test("an unknown key is a NoxAuthenticationError carrying the server's message", async () => {
    const error = await nox({ apiKey: "revoked-key" })
      .createLinkSession(BODY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoxAuthenticationError);
    expect((error as NoxAuthenticationError).status).toBe(401);
    expect((error as Error).message).toContain("Invalid API key");
    expect(server.requests).toHaveLength(1);
  });

  test("the server's own brand rule answers 400 when the client's check is turned off", async () => {
    const error = await nox({ checkBrandForAssetType: false })
      .createLinkSession({ ...BODY, asset_type: "hp", brand: "solaredge" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoxBadRequestError);
    expect((error as Error).message).toMatch(/solaredge/);
    expect(server.requests).toHaveLength(1);
    expect(server.sessions).toHaveLength(0);
  });

  test("a scripted 503 then success: retried, one session, the same body each time", async () => {
    server.failNext(2, { status: 503, body: { error: "Service unavailable" } });
    const session = await nox().createLinkSession(BODY);
    expect(server.requests).toHaveLength(3);
    expect(server.sessions).toEqual([session]);
    expect(new Set(server.requests.map((r) => r.bodyText)).size).toBe(1);
  });

  test("more 5xx than retries: a NoxServerError after 1 + maxRetries attempts", async () => {
    server.failNext(5, { status: 502, body: "<html><body>Bad gateway</body></html>" });
    const error = await nox({ maxRetries: 1 })
      .createLinkSession(BODY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoxServerError);
    expect((error as Error).message).toContain("Bad gateway");
    expect(server.requests).toHaveLength(2);
  });

  test("a dropped connection is retried; with no retries left it is a NoxConnectionError", async () => {
    server.failNext({ reset: true });
    await expect(nox().createLinkSession(BODY)).resolves.toMatchObject({ supplier_user_id: BODY.user_id });
    server.failNext({ reset: true });
    await expect(nox({ maxRetries: 0 }).createLinkSession(BODY)).rejects.toBeInstanceOf(NoxConnectionError);
  });

  test("nox.POST reaches the same server with the same auth, without throwing on 401", async () => {
    const { data, error, response } = await nox({ apiKey: "revoked-key" }).POST("/supplier/link-sessions", {
      body: BODY,
    });
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
    expect(error).toEqual({ error: "Invalid API key" });
  });
});
