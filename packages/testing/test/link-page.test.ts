import { brandsFor } from "@nox-energy/authenticator-enums";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  createNoxTestServer,
  NOX_LINK_BASE_URL,
  SESSION_TTL_SECONDS,
  TEST_API_KEY,
  type LinkCallback,
  type NoxTestServer,
} from "../src/index.js";
import { postLinkSession, sessionOf, TRANSPORTS } from "./transports.js";

const START = 1703123456;
const VALID = { user_id: "u-1", asset_type: "hp", redirect_url: "https://supplier.example/back" } as const;
const KEY = { "x-api-key": TEST_API_KEY };

/** The callback in a redirect URL's `data`: base64url JSON without padding. */
function callbackOf(location: string): LinkCallback {
  const data = new URL(location).searchParams.get("data") ?? "";
  expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
  return JSON.parse(Buffer.from(data, "base64url").toString("utf8")) as LinkCallback;
}

describe.each(TRANSPORTS)("the link page over %s", (_transport, sendFor) => {
  let clock = START;
  let server: NoxTestServer;
  let send: typeof fetch;
  beforeAll(async () => {
    server = await createNoxTestServer({ now: () => clock });
    send = sendFor(server);
  });
  afterEach(() => {
    server.reset();
    clock = START;
  });
  afterAll(() => server.close());

  const create = async (body: object = VALID) =>
    sessionOf(await postLinkSession(send, server, { ...VALID, ...body }, KEY));
  const open = (url: string, method = "GET") => send(url, { method, redirect: "manual" });

  test("opening link_url completes the session: a 302 to redirect_url with the callback in data", async () => {
    const session = await create({ brand: "daikin" });
    clock += 42;
    const res = await open(session.link_url);
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(/^https:\/\/supplier\.example\/back\?data=[A-Za-z0-9_-]+$/);
    expect(callbackOf(location)).toEqual({
      nox_user_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      supplier_user_id: "u-1",
      brand: "daikin",
      device_ids: [expect.any(String)],
      connected_at: START + 42,
    });
    expect(server.sessions[0]?.completed_at).toBe(START + 42);
    expect(server.requests.at(-1)).toMatchObject({
      method: "GET",
      path: new URL(session.link_url).pathname + new URL(session.link_url).search,
    });
  });

  test.each([
    ["the pre-selected brand", { brand: "vaillant" }, "", "vaillant"],
    ["the brand query parameter", {}, "&brand=nibe", "nibe"],
    ["the first brand for the asset type", {}, "", brandsFor("hp")[0]],
    ["the first brand for pv", { asset_type: "pv" }, "", brandsFor("pv")[0]],
  ])("brand: %s", async (_name, body, query, brand) => {
    const session = await create(body);
    const res = await open(`${session.link_url}${query}`);
    expect(callbackOf(res.headers.get("location") ?? "").brand).toBe(brand);
  });

  test("device_ids and nox_user_id query parameters stand for the user's choices", async () => {
    const session = await create();
    const res = await open(`${session.link_url}&device_ids=d-1,d-2&nox_user_id=nox-9`);
    expect(callbackOf(res.headers.get("location") ?? "")).toMatchObject({
      device_ids: ["d-1", "d-2"],
      nox_user_id: "nox-9",
    });
  });

  test("linking again with the same user_id keeps the NOX user id; another user gets another", async () => {
    const ids: string[] = [];
    for (const userId of ["u-1", "u-1", "u-2"]) {
      const session = await create({ user_id: userId });
      ids.push(callbackOf((await open(session.link_url)).headers.get("location") ?? "").nox_user_id);
    }
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  test("redirect_url keeps its own query parameters and fragment", async () => {
    const session = await create({ redirect_url: "https://supplier.example/back?state=a%20b&x=1#top" });
    const location = (await open(session.link_url)).headers.get("location") ?? "";
    expect(location).toMatch(/^https:\/\/supplier\.example\/back\?state=a%20b&x=1&data=[A-Za-z0-9_-]+#top$/);
    expect(callbackOf(location).supplier_user_id).toBe("u-1");
  });

  test.each([
    ["at expires_at", SESSION_TTL_SECONDS],
    ["an hour later", 3600],
  ])("an expired session (%s on the fake's clock) answers 410, no redirect", async (_name, later) => {
    const session = await create();
    clock += later;
    const res = await open(session.link_url);
    expect(res.status).toBe(410);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await res.text()).toContain("This link has expired");
    expect(server.sessions[0]?.completed_at).toBeNull();
  });

  test("one second before expires_at still completes", async () => {
    const session = await create();
    clock += SESSION_TTL_SECONDS - 1;
    expect((await open(session.link_url)).status).toBe(302);
  });

  test.each([
    ["an unknown token", "?token=nope", 404, "not known"],
    ["no token", "", 404, "not known"],
  ])("%s answers %i", async (_name, query, status, text) => {
    const res = await open(`${server.url}/ui${query}`);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(text);
  });

  test("a used link answers 410 the second time", async () => {
    const session = await create();
    expect((await open(session.link_url)).status).toBe(302);
    const again = await open(session.link_url);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("already been used");
  });

  test.each([
    ["a brand the session did not pre-select", { brand: "daikin" }, "&brand=nibe", /pre-selected as daikin/],
    ["a brand for another asset type", {}, "&brand=sma", /sma is not a brand for asset_type hp/],
  ])("%s answers 400", async (_name, body, query, text) => {
    const session = await create(body);
    const res = await open(`${session.link_url}${query}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(text);
    expect(server.sessions[0]?.completed_at).toBeNull();
  });

  test("a chosen brand is quoted in the page escaped, not as markup", async () => {
    const session = await create();
    const res = await open(`${session.link_url}&brand=${encodeURIComponent("<script>alert(1)</script>")}`);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).not.toContain("<script>");
    expect(page).toContain("&#60;script&#62;alert(1)&#60;/script&#62; is not a brand");
  });

  test("POST to the link page is 405 with Allow: GET", async () => {
    const session = await create();
    const res = await open(session.link_url, "POST");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
  });

  test("scripted faults apply to the link page too", async () => {
    const session = await create();
    server.failNext({ status: 503 });
    expect((await open(session.link_url)).status).toBe(503);
    expect((await open(session.link_url)).status).toBe(302);
  });
});

describe("completeSession", () => {
  let clock = START;
  let server: NoxTestServer;
  beforeAll(async () => {
    server = await createNoxTestServer({ now: () => clock, basePath: "/v2", linkBaseUrl: NOX_LINK_BASE_URL });
  });
  afterEach(() => {
    server.reset();
    clock = START;
  });
  afterAll(() => server.close());
  const create = async (body: object = {}) =>
    sessionOf(await postLinkSession(server.fetch, server, { ...VALID, ...body }, KEY));

  test("completes a session without HTTP, even with link_urls on NOX's host", async () => {
    const session = await create({ redirect_url: "https://supplier.example/back?x=1" });
    expect(session.link_url).toMatch(/^https:\/\/auth\.nox\.energy\/ui\?token=/);
    clock += 5;
    const { redirectUrl, callback } = server.completeSession(session.link_token, {
      brand: "nibe",
      device_ids: ["d-1"],
      nox_user_id: "nox-1",
    });
    expect(callback).toEqual({
      nox_user_id: "nox-1",
      supplier_user_id: "u-1",
      brand: "nibe",
      device_ids: ["d-1"],
      connected_at: START + 5,
    });
    expect(redirectUrl).toMatch(/^https:\/\/supplier\.example\/back\?x=1&data=/);
    expect(callbackOf(redirectUrl)).toEqual(callback);
    expect(server.sessions[0]?.completed_at).toBe(START + 5);
    expect(server.requests).toHaveLength(1);
  });

  test("keeps the NOX user id given for a supplier user", async () => {
    server.completeSession((await create()).link_token, { nox_user_id: "nox-7" });
    expect(server.completeSession((await create()).link_token).callback.nox_user_id).toBe("nox-7");
  });

  test.each([
    ["an unknown token", () => "nope", {}, /completeSession: This link is not known to NOX/],
    ["a bad brand", undefined, { brand: "sma" }, /sma is not a brand for asset_type hp/],
    ["empty device ids", undefined, { device_ids: [""] }, /device_ids must be a list of non-empty strings/],
    ["an empty nox_user_id", undefined, { nox_user_id: "" }, /nox_user_id must be a non-empty string/],
  ])("throws for %s", async (_name, token, choices, message) => {
    const session = await create();
    expect(() => server.completeSession(token?.() ?? session.link_token, choices)).toThrow(message);
    expect(server.sessions[0]?.completed_at).toBeNull();
  });

  test("throws for a session expired on the fake's clock", async () => {
    const session = await create();
    clock = session.expires_at;
    expect(() => server.completeSession(session.link_token)).toThrow(/This link has expired/);
  });

  test("reset() forgets NOX users too", async () => {
    const first = server.completeSession((await create()).link_token).callback.nox_user_id;
    server.reset();
    expect(server.completeSession((await create()).link_token).callback.nox_user_id).not.toBe(first);
  });
});
