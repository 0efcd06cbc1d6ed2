import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createNoxTestServer, TEST_API_KEY, type NoxTestServer } from "../src/index.js";
import { postLinkSession, TRANSPORTS } from "./transports.js";

const VALID = { user_id: "u-1", asset_type: "pv", redirect_url: "https://supplier.example/back" } as const;
const KEY = { "x-api-key": TEST_API_KEY };

describe.each(TRANSPORTS)("faults over %s", (_transport, sendFor) => {
  let server: NoxTestServer;
  let send: typeof fetch;
  const post = (init: RequestInit = {}) =>
    send(`${server.url}/supplier/link-sessions`, {
      method: "POST",
      headers: { ...KEY, "content-type": "application/json" },
      body: JSON.stringify(VALID),
      ...init,
    });
  beforeAll(async () => {
    server = await createNoxTestServer();
    send = sendFor(server);
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  test("failNext(n, status) answers the next n requests with it, then serves normally", async () => {
    server.failNext(2, {
      status: 503,
      body: { error: "Service unavailable" },
      headers: { "retry-after": "1" },
    });
    expect(server.pendingFaults).toBe(2);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post();
      statuses.push(res.status);
      if (res.status === 503) {
        expect(res.headers.get("retry-after")).toBe("1");
        expect(await res.json()).toEqual({ error: "Service unavailable" });
      }
    }
    expect(statuses).toEqual([503, 503, 201]);
    expect(server.requests).toHaveLength(3);
    expect(server.sessions).toHaveLength(1);
    expect(server.pendingFaults).toBe(0);
  });

  test("faults queue in order and apply whatever the route or key", async () => {
    server.failNext({ status: 500 });
    server.failNext({ status: 429, body: "slow down", headers: { "content-type": "text/plain" } });
    const first = await send(`${server.url}/nowhere`);
    expect(first.status).toBe(500);
    expect(first.headers.get("content-type")).toBeNull();
    expect(await first.text()).toBe("");
    const second = await post({ headers: {} });
    expect(second.status).toBe(429);
    expect(second.headers.get("content-type")).toBe("text/plain");
    expect(await second.text()).toBe("slow down");
    expect((await post()).status).toBe(201);
  });

  test("a scripted 201 is sent as given and creates no session", async () => {
    server.failNext({ status: 201, body: { link_url: "nope" } });
    expect(await (await post()).json()).toEqual({ link_url: "nope" });
    expect(server.sessions).toEqual([]);
  });

  test("a scripted 204 arrives without a body, whatever body was scripted", async () => {
    server.failNext({ status: 204, body: { ignored: true } });
    const res = await post();
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
  });

  test("reset drops the connection: the call rejects with a TypeError like fetch's, then the next succeeds", async () => {
    server.failNext({ reset: true });
    const error = await post().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe("fetch failed");
    expect(server.sessions).toEqual([]);
    expect((await post()).status).toBe(201);
    expect(server.requests).toHaveLength(2);
  });

  test("delayMs alone delays a normal answer", async () => {
    server.failNext({ delayMs: 150 });
    const started = performance.now();
    const res = await post();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(201);
  });

  test("delayMs with a status delays the fault", async () => {
    server.failNext({ delayMs: 100, status: 502 });
    const started = performance.now();
    expect((await post()).status).toBe(502);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  test("a client that gives up during a delay gets its abort error, and no session is made", async () => {
    server.failNext({ delayMs: 5_000 });
    const started = performance.now();
    await expect(post({ signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: "TimeoutError" });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server.sessions).toEqual([]);
    expect((await post()).status).toBe(201);
  });

  test("reset() drops queued faults", async () => {
    server.failNext(3, { status: 500 });
    server.reset();
    expect(server.pendingFaults).toBe(0);
    expect((await post()).status).toBe(201);
  });
});

function cyclic(): unknown {
  const value: Record<string, unknown> = {};
  value["self"] = value;
  return value;
}

describe("failNext rejects faults that cannot happen", () => {
  test.each([
    [[0, { status: 500 }], /count must be a positive integer, got 0/],
    [[1.5, { status: 500 }], /count must be a positive integer/],
    [[{ status: 99 }], /status must be an integer from 200 to 599, got 99/],
    [[{ status: 600 }], /status must be an integer from 200 to 599/],
    [[{ delayMs: -1 }], /delayMs must be a non-negative number, got -1/],
    [[{ reset: true, status: 500 }], /resets the connection or answers, not both/],
    [[{}], /needs a status, reset: true or delayMs/],
    [[{ reset: false }], /needs a status, reset: true or delayMs/],
  ] as const)("failNext(...%j)", async (args, message) => {
    await using server = await createNoxTestServer();
    expect(() => (server.failNext as (...a: unknown[]) => void)(...args)).toThrow(message);
    expect(server.pendingFaults).toBe(0);
  });
});

describe("failNext rejects, when queued, faults it could not deliver", () => {
  test.each([
    // setTimeout cannot wait longer than 2^31 - 1 ms: a longer delay would fire at once.
    [
      "a delay past 2^31 - 1 ms",
      { delayMs: 2 ** 31 },
      /delayMs must be at most 2147483647 ms \(about 24.8 days\), got 2147483648/,
    ],
    [
      "a header name with a space",
      { status: 500, headers: { "bad name": "x" } },
      /header name "bad name" is not a valid HTTP header name/,
    ],
    [
      "an empty header name",
      { status: 500, headers: { "": "x" } },
      /header name "" is not a valid HTTP header name/,
    ],
    [
      "a CRLF in a header value",
      { status: 500, headers: { "x-a": "1\r\nset-cookie: a=b" } },
      /header "x-a" has a value HTTP cannot carry/,
    ],
    [
      "a non-Latin-1 header value",
      { status: 500, headers: { "x-a": "\u2603" } },
      /header "x-a" has a value HTTP cannot carry/,
    ],
    ["a BigInt body", { status: 500, body: 1n }, /body cannot be sent as JSON/],
    ["a function body", { status: 500, body: () => 1 }, /body cannot be sent as JSON/],
    ["a cyclic body", { status: 500, body: cyclic() }, /body cannot be sent as JSON/],
  ])("%s", async (_name, fault, message) => {
    await using server = await createNoxTestServer();
    expect(() => server.failNext(fault)).toThrow(message);
    expect(server.pendingFaults).toBe(0);
  });

  test("a delay of exactly 2^31 - 1 ms is queued", async () => {
    await using server = await createNoxTestServer();
    server.failNext({ delayMs: 2 ** 31 - 1 });
    expect(server.pendingFaults).toBe(1);
  });
});

describe("closing", () => {
  test("close() does not wait for a request held by a long delay", async () => {
    const server = await createNoxTestServer();
    server.failNext(2, { delayMs: 60_000 });
    const overHttp = postLinkSession(fetch, server, VALID, KEY).catch((e: unknown) => e);
    const inProcess = postLinkSession(server.fetch, server, VALID, KEY).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await overHttp).toBeInstanceOf(TypeError);
    expect(await inProcess).toMatchObject({ message: "The NOX test server was closed." });
  });
});
