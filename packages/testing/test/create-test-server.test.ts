import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { COMPONENT_SCHEMAS } from "../src/generated/routes.js";
import { createSchemaSet } from "./support/compile-validators.js";
import {
  createNoxTestServer,
  NOX_LINK_BASE_URL,
  SESSION_TTL_SECONDS,
  TEST_API_KEY,
  TEST_SUPPLIER_NAME,
  type NoxTestServer,
} from "../src/index.js";
import { errorOf, postLinkSession, sessionOf, TRANSPORTS } from "./transports.js";

const VALID = { user_id: "u-1", asset_type: "hp", redirect_url: "https://supplier.example/back" } as const;
const KEY = { "x-api-key": TEST_API_KEY };
const RESPONSES = {
  "201": "CreateSupplierLinkSessionResponse",
  "400": "ErrorResponse",
  "401": "ErrorResponse",
};
const SCHEMAS = createSchemaSet(COMPONENT_SCHEMAS);
const validResponse = (status: keyof typeof RESPONSES) =>
  SCHEMAS.compile({ $ref: `#/components/schemas/${RESPONSES[status]}` });

describe.each(TRANSPORTS)("over %s", (_transport, sendFor) => {
  let server: NoxTestServer;
  let send: typeof fetch;
  beforeAll(async () => {
    server = await createNoxTestServer();
    send = sendFor(server);
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  describe("201: a realistic link session", () => {
    test.each([
      ["brand omitted -> null, language defaults to nl", VALID, { brand: null, language: "nl" }],
      ["brand: null echoed as null", { ...VALID, brand: null }, { brand: null, language: "nl" }],
      [
        "brand and language echoed",
        { ...VALID, brand: "daikin", language: "fr" },
        { brand: "daikin", language: "fr" },
      ],
    ] as const)("%s", async (_name, body, want) => {
      const before = Math.floor(Date.now() / 1000);
      const res = await postLinkSession(send, server, body, KEY);
      expect(res.status).toBe(201);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const session = await sessionOf(res);
      const validate = validResponse("201");
      expect(validate(session), JSON.stringify(validate.errors)).toBe(true);
      expect(session).toEqual({
        link_url: `${server.url}/ui?token=${session.link_token}&language=${want.language}`,
        link_token: expect.stringMatching(/^[0-9a-f-]{36}$/),
        brand: want.brand,
        language: want.language,
        asset_type: "hp",
        redirect_url: VALID.redirect_url,
        supplier: TEST_SUPPLIER_NAME,
        supplier_user_id: VALID.user_id,
        completed_at: null,
        created_at: expect.any(Number),
        expires_at: session.created_at + SESSION_TTL_SECONDS,
      });
      expect(session.created_at).toBeGreaterThanOrEqual(before);
      expect(session.created_at).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
      expect(server.sessions).toEqual([session]);
    });

    test("each session gets a fresh token", async () => {
      const tokens = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const session = await sessionOf(await postLinkSession(send, server, VALID, KEY));
        tokens.add(session.link_token);
      }
      expect(tokens.size).toBe(5);
      expect(server.sessions.map((s) => s.link_token)).toEqual([...tokens]);
    });
  });

  describe("401: the API key", () => {
    test.each([
      ["missing", {}],
      ["unknown", { "x-api-key": "not-a-key" }],
      ["empty", { "x-api-key": "" }],
      ["sent under another header", { authorization: `Bearer ${TEST_API_KEY}` }],
    ])("%s -> the spec's example body", async (_name, headers) => {
      const res = await postLinkSession(send, server, VALID, headers);
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body).toEqual({ error: "Invalid API key" });
      expect(validResponse("401")(body)).toBe(true);
      expect(server.sessions).toEqual([]);
    });

    test("is checked before the body", async () => {
      const res = await postLinkSession(send, server, {}, {});
      expect(res.status).toBe(401);
    });
  });

  describe("400: the body", () => {
    test.each([
      ["the spec's example", { asset_type: "hp" }, "Missing required fields: user_id, redirect_url"],
      [
        // The one brand rule's message (issue #14, decision 4).
        "brand not valid for the asset type",
        { ...VALID, brand: "solaredge" },
        /^"solaredge" is not a brand for asset_type "hp"; use one of "alpha-innotec", .* or null$/,
      ],
      [
        "brand: 123",
        { ...VALID, brand: 123 },
        /^Invalid brand 123: expected one of the brands for asset_type hp/,
      ],
      ["not JSON", "{user_id:", "Request body must be valid JSON"],
      ["empty", "", "Request body must be valid JSON"],
      ["a JSON array", "[]", "Request body must be a JSON object"],
    ] as const)("%s", async (_name, body, error) => {
      const res = await postLinkSession(send, server, body, KEY);
      expect(res.status).toBe(400);
      const json = await errorOf(res);
      expect(validResponse("400")(json)).toBe(true);
      if (typeof error === "string") expect(json).toEqual({ error });
      else expect(json.error).toMatch(error);
      expect(server.sessions).toEqual([]);
    });

    test("a body that is not declared application/json", async () => {
      const res = await send(`${server.url}/supplier/link-sessions`, {
        method: "POST",
        headers: { ...KEY, "content-type": "text/plain" },
        body: JSON.stringify(VALID),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: "Content-Type must be application/json, got text/plain" });
    });

    test("application/json with a charset is fine", async () => {
      const res = await postLinkSession(send, server, VALID, {
        ...KEY,
        "content-type": "application/json; charset=utf-8",
      });
      expect(res.status).toBe(201);
    });
  });

  describe("other routes", () => {
    test.each([
      ["GET", "/supplier/link-sessions", 405],
      ["PUT", "/supplier/link-sessions", 405],
      ["DELETE", "/supplier/link-sessions", 405],
      ["GET", "/", 404],
      ["POST", "/supplier/link-sessions/", 404],
      ["POST", "/v2/supplier/link-sessions", 404],
    ])("%s %s -> %i with an { error } body", async (method, path, status) => {
      const res = await send(`${server.url}${path}`, { method, headers: KEY });
      expect(res.status).toBe(status);
      expect(res.headers.get("allow")).toBe(status === 405 ? "POST" : null);
      expect(await res.json()).toEqual({ error: expect.stringContaining(path) });
    });

    test("the query string is ignored by routing and kept in the record", async () => {
      const res = await send(`${server.url}/supplier/link-sessions?trace=1`, {
        method: "POST",
        headers: { ...KEY, "content-type": "application/json" },
        body: JSON.stringify(VALID),
      });
      expect(res.status).toBe(201);
      expect(server.requests[0]?.path).toBe("/supplier/link-sessions?trace=1");
    });
  });

  describe("recording", () => {
    test("requests are recorded in order, with headers as received and the parsed body", async () => {
      await postLinkSession(send, server, VALID, { ...KEY, "X-Trace": "abc" });
      await postLinkSession(send, server, "not json", {});
      expect(server.requests).toEqual([
        expect.objectContaining({
          transport: _transport,
          method: "POST",
          path: "/supplier/link-sessions",
          headers: expect.objectContaining({ "x-api-key": TEST_API_KEY, "x-trace": "abc" }),
          body: VALID,
          bodyText: JSON.stringify(VALID),
        }),
        expect.objectContaining({ body: undefined, bodyText: "not json" }),
      ]);
      expect(server.sessions).toHaveLength(1);
    });

    test("the recorded lists are snapshots, and reset() empties them", async () => {
      await postLinkSession(send, server, VALID, KEY);
      const requests = server.requests;
      (requests as unknown[]).push("tampered");
      expect(server.requests).toHaveLength(1);
      server.reset();
      expect(server.requests).toEqual([]);
      expect(server.sessions).toEqual([]);
    });
  });
});

describe("options", () => {
  test("apiKeys: each key resolves to its supplier, and the default key is no longer accepted", async () => {
    await using server = await createNoxTestServer({
      apiKeys: { "k-eneco": "Eneco", "k-vattenfall": "Vattenfall" },
    });
    for (const [key, supplier] of [
      ["k-eneco", "Eneco"],
      ["k-vattenfall", "Vattenfall"],
    ] as const) {
      const session = await sessionOf(
        await postLinkSession(server.fetch, server, VALID, { "x-api-key": key }),
      );
      expect(session.supplier).toBe(supplier);
    }
    expect((await postLinkSession(server.fetch, server, VALID, KEY)).status).toBe(401);
  });

  test("now, tokenFactory and linkBaseUrl shape the session like the spec's example", async () => {
    await using server = await createNoxTestServer({
      now: () => 1703123456,
      tokenFactory: () => "abc123",
      linkBaseUrl: "https://auth.example/ui",
    });
    const session = await sessionOf(await postLinkSession(server.fetch, server, VALID, KEY));
    expect(session).toMatchObject({
      link_url: "https://auth.example/ui?token=abc123&language=nl",
      link_token: "abc123",
      created_at: 1703123456,
      expires_at: 1703124056,
    });
  });

  test("linkBaseUrl: NOX_LINK_BASE_URL gives link_urls on NOX's host, as in production", async () => {
    await using server = await createNoxTestServer({
      linkBaseUrl: NOX_LINK_BASE_URL,
      tokenFactory: () => "t",
    });
    const session = await sessionOf(await postLinkSession(server.fetch, server, VALID, KEY));
    expect(session.link_url).toBe("https://auth.nox.energy/ui?token=t&language=nl");
  });

  test("link_url defaults to the server's own link page, below basePath", async () => {
    await using server = await createNoxTestServer({ basePath: "/v2", tokenFactory: () => "t" });
    const session = await sessionOf(await postLinkSession(server.fetch, server, VALID, KEY));
    expect(session.link_url).toBe(`${server.url}/ui?token=t&language=nl`);
    expect(server.url).toMatch(/\/v2$/);
  });

  test("linkBaseUrl keeps its own query parameters", async () => {
    await using server = await createNoxTestServer({
      linkBaseUrl: "https://auth.example/ui?env=test",
      tokenFactory: () => "t",
    });
    const session = await sessionOf(
      await postLinkSession(server.fetch, server, { ...VALID, language: "en" }, KEY),
    );
    expect(session.link_url).toBe("https://auth.example/ui?env=test&token=t&language=en");
  });

  test.each([
    ["/v2", "/v2"],
    ["/v2/", "/v2"],
    ["/", ""],
    ["", ""],
  ])("basePath %j routes under %j and is part of url", async (basePath, prefix) => {
    await using server = await createNoxTestServer({ basePath });
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${prefix}$`));
    for (const send of [fetch, server.fetch]) {
      expect((await postLinkSession(send, server, VALID, KEY)).status).toBe(201);
    }
    if (prefix !== "") {
      const bare = await fetch(`${new URL(server.url).origin}/supplier/link-sessions`, { method: "POST" });
      expect(bare.status).toBe(404);
    }
  });

  test.each([
    [{ basePath: "v2" }, /basePath must be a path such as "\/v2", got "v2"/],
    [{ basePath: "/v2?x" }, /basePath must be a path/],
    [{ linkBaseUrl: "auth/ui" }, /linkBaseUrl must be an absolute URL, got auth\/ui/],
  ])("rejects %j", async (options, message) => {
    await expect(createNoxTestServer(options)).rejects.toThrow(message);
  });
});

describe("lifecycle", () => {
  test("listens on 127.0.0.1, and close() stops it (twice is fine)", async () => {
    const server = await createNoxTestServer();
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
    await server.close();
    await server.close();
    await expect(fetch(`${server.url}/supplier/link-sessions`, { method: "POST" })).rejects.toThrow(
      TypeError,
    );
  });

  test("await using closes it at the end of the block", async () => {
    let url = "";
    {
      await using server = await createNoxTestServer();
      url = server.url;
      expect((await fetch(`${url}/`)).status).toBe(404);
    }
    await expect(fetch(`${url}/`)).rejects.toThrow(TypeError);
  });

  test("two servers run side by side on different ports", async () => {
    await using a = await createNoxTestServer();
    await using b = await createNoxTestServer();
    expect(a.url).not.toBe(b.url);
    await postLinkSession(fetch, a, VALID, KEY);
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(0);
  });
});
