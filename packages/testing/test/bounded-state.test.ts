import { afterEach, describe, expect, test } from "vitest";
import { startTestServer } from "../src/create-test-server.js";
import {
  createNoxTestServer,
  DEFAULT_MAX_RECORDED_REQUESTS,
  EXPIRED_RETENTION_SECONDS,
  MAX_REFUSED_BODY_EXCERPT,
  SESSION_TTL_SECONDS,
  TEST_API_KEY,
  type NoxTestServer,
} from "../src/index.js";
import { FIXTURE_API } from "./fixture-api.js";

const VALID = { user_id: "u-1", asset_type: "hp", redirect_url: "https://supplier.example/back" } as const;

let server: NoxTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A POST to the link-sessions route through the server's in-process fetch. */
function post(s: NoxTestServer, body: string, key = TEST_API_KEY): Promise<Response> {
  return s.fetch(`${s.url}/supplier/link-sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key },
    body,
  });
}

describe("the request log is a ring of the last N, with a count of those dropped", () => {
  test("maxRecordedRequests keeps the newest; reset() clears the count", async () => {
    server = await createNoxTestServer({ maxRecordedRequests: 3 });
    for (let i = 0; i < 5; i++) await server.fetch(`${server.url}/nothing/${i}`);
    expect(server.requests.map((r) => r.path)).toEqual(["/nothing/2", "/nothing/3", "/nothing/4"]);
    expect(server.droppedRequests).toBe(2);
    server.reset();
    expect(server.requests).toEqual([]);
    expect(server.droppedRequests).toBe(0);
  });

  test(`by default it keeps ${DEFAULT_MAX_RECORDED_REQUESTS}`, async () => {
    server = await createNoxTestServer();
    const extra = 7;
    for (let i = 0; i < DEFAULT_MAX_RECORDED_REQUESTS + extra; i++) {
      await server.fetch(`${server.url}/nothing/${i}`);
    }
    expect(server.requests).toHaveLength(DEFAULT_MAX_RECORDED_REQUESTS);
    expect(server.requests[0]?.path).toBe(`/nothing/${extra}`);
    expect(server.droppedRequests).toBe(extra);
  });

  test.each([0, -1, 1.5, Number.NaN])("maxRecordedRequests %s is refused", async (value) => {
    await expect(createNoxTestServer({ maxRecordedRequests: value })).rejects.toThrow(/maxRecordedRequests/);
  });

  test("each request says what it was answered", async () => {
    server = await createNoxTestServer();
    await post(server, JSON.stringify(VALID));
    await post(server, JSON.stringify(VALID), "wrong-key");
    expect(server.requests.map((r) => r.status)).toEqual([201, 401]);
  });
});

describe("a refused request keeps only an excerpt of its body", () => {
  // Unknown fields pass the spec's schema: an asset type outside the enum makes it a 400.
  const big = JSON.stringify({ ...VALID, asset_type: "ev", padding: "x".repeat(512 * 1024) });

  test.each([
    ["a 401", "wrong-key", 401],
    ["a 400", TEST_API_KEY, 400],
  ])("%s: bodyText cut, body left unparsed", async (_name, key, status) => {
    server = await createNoxTestServer();
    expect((await post(server, big, key)).status).toBe(status);
    const [request] = server.requests;
    expect(request?.bodyText).toBe(big.slice(0, MAX_REFUSED_BODY_EXCERPT));
    expect(request?.bodyTruncated).toBe(true);
    expect(request?.body).toBeUndefined();
  });

  test("an accepted request, and a small refused one, keep the whole body", async () => {
    server = await createNoxTestServer();
    const accepted = JSON.stringify({ ...VALID, user_id: "u".repeat(4096) });
    await post(server, accepted);
    await post(server, JSON.stringify(VALID), "wrong-key");
    expect(server.requests.map((r) => [r.bodyText, r.bodyTruncated])).toEqual([
      [accepted, false],
      [JSON.stringify(VALID), false],
    ]);
    expect(server.requests[1]?.body).toEqual(VALID);
  });

  test("three hundred refused 512 KiB bodies keep no more than their excerpts", async () => {
    server = await createNoxTestServer();
    for (let i = 0; i < 300; i++) await post(server, big, "wrong-key");
    const kept = server.requests.reduce((sum, r) => sum + r.bodyText.length, 0);
    expect(kept).toBeLessThanOrEqual(300 * MAX_REFUSED_BODY_EXCERPT);
  });
});

describe("expired sessions and resources are evicted on the fake's clock", () => {
  test(`a session is kept ${EXPIRED_RETENTION_SECONDS} s past expires_at (its link says "expired"), then forgotten`, async () => {
    let clock = 1_700_000_000;
    server = await createNoxTestServer({ now: () => clock });
    const old = (await (await post(server, JSON.stringify(VALID))).json()) as { link_token: string };
    clock += SESSION_TTL_SECONDS + EXPIRED_RETENTION_SECONDS - 1;
    expect((await server.fetch(`${server.url}/ui?token=${old.link_token}`)).status).toBe(410);
    expect(server.sessions).toHaveLength(1);
    clock += 1;
    await post(server, JSON.stringify({ ...VALID, user_id: "u-2" }));
    expect(server.sessions.map((s) => s.supplier_user_id)).toEqual(["u-2"]);
    expect((await server.fetch(`${server.url}/ui?token=${old.link_token}`)).status).toBe(404);
  });

  test("1,500 day-old sessions are not kept", async () => {
    let clock = 1_700_000_000;
    server = await createNoxTestServer({ now: () => clock });
    for (let i = 0; i < 1500; i++) await post(server, JSON.stringify({ ...VALID, user_id: `u-${i}` }));
    clock += 24 * 3600;
    expect(server.sessions).toEqual([]);
  });

  test("a resource a GET reads is evicted with its session", async () => {
    let clock = 1_700_000_000;
    server = await startTestServer({ now: () => clock }, FIXTURE_API);
    const created = (await (await post(server, JSON.stringify(VALID))).json()) as { link_token: string };
    const read = () =>
      server!.fetch(`${server!.url}/supplier/link-sessions/${created.link_token}`, {
        headers: { "x-api-key": TEST_API_KEY },
      });
    expect((await read()).status).toBe(200);
    clock += SESSION_TTL_SECONDS + EXPIRED_RETENTION_SECONDS;
    expect((await read()).status).toBe(404);
  });
});
