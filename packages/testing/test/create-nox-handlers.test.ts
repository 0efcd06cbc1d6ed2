import type { paths } from "@nox-energy/authenticator-types";
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createNoxHandlers, DEFAULT_BASE_URL } from "../src/msw/index.js";
import { NOX_LINK_BASE_URL, TEST_API_KEY, TEST_SUPPLIER_NAME } from "../src/index.js";
import type { LinkCallback } from "../src/index.js";

const VALID = { user_id: "u-1", asset_type: "pv", redirect_url: "https://supplier.example/back" } as const;
const ROUTE = "https://auth.nox.energy/v2/supplier/link-sessions";
const START = 1703123456;

let clock = START;
const nox = createNoxHandlers({ now: () => clock, maxBodyBytes: 4096 });
const elsewhere = createNoxHandlers({ baseUrl: "http://127.0.0.1:9/api/", tokenFactory: () => "t-1" });
const unhandled: string[] = [];
const server = setupServer(...nox.handlers, ...elsewhere.handlers);
beforeAll(() =>
  server.listen({
    onUnhandledRequest: (request) => {
      unhandled.push(`${request.method} ${request.url}`);
    },
  }),
);
afterEach(() => {
  nox.reset();
  elsewhere.reset();
  unhandled.length = 0;
  clock = START;
});
afterAll(() => server.close());

/** A client's call: a JSON POST to the production URL. */
const post = (
  body: unknown,
  headers: Record<string, string> = { "x-api-key": TEST_API_KEY },
  init: RequestInit = {},
) =>
  fetch(ROUTE, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });

describe("createNoxHandlers with msw/node's setupServer", () => {
  test("intercepts the spec's server by default: 201 with a session, recorded", async () => {
    expect(nox.baseUrl).toBe(DEFAULT_BASE_URL);
    const res = await post(VALID);
    expect(res.status).toBe(201);
    const session = (await res.json()) as { link_url: string; supplier: string };
    expect(session.supplier).toBe(TEST_SUPPLIER_NAME);
    expect(session.link_url).toMatch(
      /^https:\/\/auth\.nox\.energy\/v2\/ui\?token=[0-9a-f-]{36}&language=nl$/,
    );
    expect(nox.sessions).toEqual([session]);
    expect(nox.requests).toEqual([
      expect.objectContaining({
        transport: "msw",
        method: "POST",
        path: "/v2/supplier/link-sessions",
        body: VALID,
      }),
    ]);
  });

  test("works with openapi-fetch (the client's base) on DEFAULT_BASE_URL", async () => {
    const client = createClient<paths>({ baseUrl: DEFAULT_BASE_URL, headers: { "x-api-key": TEST_API_KEY } });
    const { data, response } = await client.POST("/supplier/link-sessions", { body: VALID });
    expect(response.status).toBe(201);
    expect(data?.supplier_user_id).toBe("u-1");
  });

  test.each([
    ["missing fields", { asset_type: "hp" }, 400, "Missing required fields: user_id, redirect_url"],
    [
      "a redirect_url parsers read differently",
      { ...VALID, redirect_url: "https://evil.example\\@good.example/" },
      400,
      expect.stringMatching(/^Invalid redirect_url/),
    ],
    [
      "JSON nested 1,500 deep",
      `{"user_id":${"[".repeat(1_500)}${"]".repeat(1_500)}}`,
      400,
      expect.stringMatching(/nested deeper than/),
    ],
    [
      "a body over maxBodyBytes",
      `"${"x".repeat(5000)}"`,
      413,
      expect.stringMatching(/larger than 4096 bytes/),
    ],
  ])("%s", async (_name, body, status, error) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error });
    expect(nox.sessions).toEqual([]);
  });

  test.each([
    ["missing", {}],
    ["unknown", { "x-api-key": "revoked" }],
  ])("API key %s -> 401", async (_name, headers) => {
    const res = await post(VALID, headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Invalid API key" });
  });

  test("GET on the API route is 405 with Allow: POST", async () => {
    const res = await fetch(ROUTE, { headers: { "x-api-key": TEST_API_KEY } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  test("faults: a status, then reset as a network error (TypeError), then normal service", async () => {
    nox.failNext({ status: 503, body: { error: "Service unavailable" }, headers: { "retry-after": "1" } });
    nox.failNext({ reset: true });
    const first = await post(VALID);
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("1");
    await expect(post(VALID)).rejects.toThrow(TypeError);
    expect((await post(VALID)).status).toBe(201);
    expect(nox.requests).toHaveLength(3);
    expect(nox.pendingFaults).toBe(0);
  });

  test("a delay fault holds the answer until the client gives up", async () => {
    nox.failNext({ delayMs: 5_000 });
    const started = performance.now();
    await expect(post(VALID, undefined, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
      name: "TimeoutError",
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(nox.sessions).toEqual([]);
  });

  test("failNext refuses a fault it could not deliver", () => {
    expect(() => nox.failNext({ delayMs: 2 ** 31 })).toThrow(/delayMs must be at most/);
  });

  test("the link page completes a session: 302 to redirect_url with data", async () => {
    const session = (await (await post({ ...VALID, brand: "sma" })).json()) as { link_url: string };
    clock += 7;
    const res = await fetch(session.link_url, { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(/^https:\/\/supplier\.example\/back\?data=[A-Za-z0-9_-]+$/);
    const data = new URL(location).searchParams.get("data") ?? "";
    expect(JSON.parse(Buffer.from(data, "base64url").toString("utf8"))).toEqual({
      nox_user_id: expect.any(String),
      supplier_user_id: "u-1",
      brand: "sma",
      device_ids: [expect.any(String)],
      connected_at: START + 7,
    } satisfies Record<keyof LinkCallback, unknown>);
    expect(nox.sessions[0]?.completed_at).toBe(START + 7);
  });

  test("an expired link answers 410; completeSession works without HTTP", async () => {
    const first = (await (await post(VALID)).json()) as { link_url: string; link_token: string };
    const second = (await (await post(VALID)).json()) as { link_token: string };
    const { callback, redirectUrl } = nox.completeSession(second.link_token, { device_ids: ["d-1"] });
    expect(callback).toMatchObject({ supplier_user_id: "u-1", device_ids: ["d-1"], connected_at: START });
    expect(redirectUrl).toMatch(/^https:\/\/supplier\.example\/back\?data=/);
    clock += 600;
    const res = await fetch(first.link_url, { redirect: "manual" });
    expect(res.status).toBe(410);
    expect(res.headers.get("location")).toBeNull();
    expect(() => nox.completeSession(first.link_token)).toThrow(/expired/);
  });

  test("baseUrl: another origin and path prefix; other paths are not intercepted", async () => {
    expect(elsewhere.baseUrl).toBe("http://127.0.0.1:9/api");
    const res = await fetch("http://127.0.0.1:9/api/supplier/link-sessions", {
      method: "POST",
      headers: { "x-api-key": TEST_API_KEY, "content-type": "application/json" },
      body: JSON.stringify(VALID),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { link_url: string }).link_url).toBe(
      "http://127.0.0.1:9/api/ui?token=t-1&language=nl",
    );
    expect(elsewhere.sessions).toHaveLength(1);
    expect(nox.requests).toEqual([]);
    // Unhandled, so MSW lets it through to 127.0.0.1:9, where nothing listens.
    await fetch("http://127.0.0.1:9/api/other").catch(() => undefined);
    expect(unhandled).toEqual(["GET http://127.0.0.1:9/api/other"]);
  });

  test("linkBaseUrl: NOX_LINK_BASE_URL keeps NOX's own link host", async () => {
    const own = createNoxHandlers({ linkBaseUrl: NOX_LINK_BASE_URL, tokenFactory: () => "t" });
    server.use(...own.handlers);
    const session = (await (await post(VALID)).json()) as { link_url: string };
    expect(session.link_url).toBe("https://auth.nox.energy/ui?token=t&language=nl");
    server.resetHandlers();
  });

  test.each([
    ["auth.nox.energy/v2", /baseUrl must be an absolute http\(s\) URL/],
    ["ftp://auth.nox.energy/v2", /baseUrl must be an absolute http\(s\) URL/],
    ["https://auth.nox.energy/v2?x=1", /without query or fragment/],
  ])("refuses baseUrl %j", (baseUrl, message) => {
    expect(() => createNoxHandlers({ baseUrl })).toThrow(message);
  });

  test("refuses the same bad options as the test server", () => {
    expect(() => createNoxHandlers({ maxBodyBytes: 0 })).toThrow(
      /createNoxHandlers: maxBodyBytes must be a positive integer/,
    );
    expect(() => createNoxHandlers({ linkBaseUrl: "ui" })).toThrow(
      /createNoxHandlers: linkBaseUrl must be an absolute URL/,
    );
  });
});
