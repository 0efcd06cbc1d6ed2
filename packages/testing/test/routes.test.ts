import type { CreateSupplierLinkSessionResponse } from "@nox-energy/authenticator-types";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createHandlersFor } from "../src/create-nox-handlers.js";
import { startTestServer } from "../src/create-test-server.js";
import { createNoxTestServer, TEST_API_KEY, type NoxTestServer } from "../src/index.js";
import { FIXTURE_API } from "./fixture-api.js";
import { errorOf, postLinkSession, TRANSPORTS } from "./transports.js";

const VALID = { user_id: "u-1", asset_type: "hp", redirect_url: "https://supplier.example/back" } as const;
const KEY = { "x-api-key": TEST_API_KEY };
const START = 1703123456;

let clock = START;
let tokens = 0;
let server: NoxTestServer;
beforeAll(async () => {
  server = await startTestServer({ now: () => clock, tokenFactory: () => `tok ${++tokens}/x` }, FIXTURE_API);
});
afterEach(() => {
  server.reset();
  clock = START;
});
afterAll(() => server.close());

const getSession = (send: typeof fetch, token: string, headers: Record<string, string> = KEY) =>
  send(`${server.url}/supplier/link-sessions/${encodeURIComponent(token)}`, { headers });

describe.each(TRANSPORTS)(
  "a spec with GET /supplier/link-sessions/{link_token}, over %s",
  (_name, transport) => {
    test("the GET returns a created session: 200 with the POST's body", async () => {
      const send = transport(server);
      const created = await postLinkSession(send, server, { ...VALID, external_ref: "order-7" }, KEY);
      expect(created.status).toBe(201);
      const session = (await created.json()) as CreateSupplierLinkSessionResponse & { external_ref?: string };
      expect(session.external_ref).toBe("order-7");
      expect(session).toMatchObject({ supplier: "Acme Energy", created_at: START, expires_at: START + 600 });

      const read = await getSession(send, session.link_token);
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(session);
    });

    test("the GET shows a session completed on the link page", async () => {
      const send = transport(server);
      const session = (await (
        await postLinkSession(send, server, VALID, KEY)
      ).json()) as CreateSupplierLinkSessionResponse;
      clock += 5;
      server.completeSession(session.link_token);
      expect(await (await getSession(send, session.link_token)).json()).toMatchObject({
        completed_at: START + 5,
      });
    });

    test.each([
      ["an unknown token", "nope", KEY, 404, "Link session not found"],
      ["no API key", "nope", {}, 401, "Invalid API key"],
      ["an unknown API key", "nope", { "x-api-key": "revoked" }, 401, "Invalid API key"],
    ])("%s: %i with the spec's message", async (_case, token, headers, status, error) => {
      const res = await getSession(transport(server), token, headers);
      expect(res.status).toBe(status);
      expect(await errorOf(res)).toEqual({ error });
    });

    test("a created session's token needs the API key to be read", async () => {
      const send = transport(server);
      const session = (await (
        await postLinkSession(send, server, VALID, KEY)
      ).json()) as CreateSupplierLinkSessionResponse;
      expect((await getSession(send, session.link_token, {})).status).toBe(401);
    });

    test("another method on the GET's path is 405 with Allow", async () => {
      const res = await transport(server)(`${server.url}/supplier/link-sessions/abc`, {
        method: "DELETE",
        headers: KEY,
      });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET");
    });

    test.each([
      ["a deeper path", "/supplier/link-sessions/abc/extra"],
      ["an empty token", "/supplier/link-sessions/"],
    ])("%s is 404", async (_case, path) => {
      const res = await transport(server)(`${server.url}${path}`, { headers: KEY });
      expect(res.status).toBe(404);
    });

    test("faults and recording work on the GET route; the path is recorded as received", async () => {
      const send = transport(server);
      server.failNext({ status: 503, body: { error: "Service unavailable" } });
      const faulted = await send(`${server.url}/supplier/link-sessions/a%20b?x=1`, { headers: KEY });
      expect(faulted.status).toBe(503);
      const after = await send(`${server.url}/supplier/link-sessions/a%20b?x=1`, { headers: KEY });
      expect(after.status).toBe(404);
      expect(server.requests.map((r) => [r.method, r.path])).toEqual([
        ["GET", "/supplier/link-sessions/a%20b?x=1"],
        ["GET", "/supplier/link-sessions/a%20b?x=1"],
      ]);
    });
  },
);

test("the vendored spec has no GET route: a GET below link-sessions is 404 naming what is served", async () => {
  await using spec = await createNoxTestServer();
  const res = await spec.fetch(`${spec.url}/supplier/link-sessions/abc`, { headers: KEY });
  expect(res.status).toBe(404);
  expect((await errorOf(res)).error).toMatch(/serves POST \/supplier\/link-sessions$/);
});

describe("the fixture routes as MSW handlers", () => {
  const nox = createHandlersFor({ now: () => START, tokenFactory: () => "t-1" }, FIXTURE_API);
  const msw = setupServer(...nox.handlers);
  beforeAll(() => msw.listen({ onUnhandledRequest: "error" }));
  afterEach(() => nox.reset());
  afterAll(() => msw.close());
  const url = `${nox.baseUrl}/supplier/link-sessions`;

  test("cover every route path and the link page", () => {
    expect(nox.handlers).toHaveLength(3);
  });

  test("serve the GET for a created session, 404 for another, with faults and recording", async () => {
    const created = await fetch(url, {
      method: "POST",
      headers: { ...KEY, "content-type": "application/json" },
      body: JSON.stringify({ ...VALID, external_ref: "r" }),
    });
    const session = await created.json();
    const read = await fetch(`${url}/t-1`, { headers: KEY });
    expect([read.status, await read.json()]).toEqual([200, session]);
    expect((await fetch(`${url}/t-2`, { headers: KEY })).status).toBe(404);
    nox.failNext({ status: 500 });
    expect((await fetch(`${url}/t-1`, { headers: KEY })).status).toBe(500);
    expect(nox.requests.map((r) => `${r.transport} ${r.method} ${r.path}`)).toEqual([
      "msw POST /v2/supplier/link-sessions",
      "msw GET /v2/supplier/link-sessions/t-1",
      "msw GET /v2/supplier/link-sessions/t-2",
      "msw GET /v2/supplier/link-sessions/t-1",
    ]);
  });
});
