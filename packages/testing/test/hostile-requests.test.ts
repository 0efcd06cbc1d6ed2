import { request as httpRequest } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  createNoxTestServer,
  MAX_REFUSED_BODY_EXCERPT,
  TEST_API_KEY,
  type NoxTestServer,
} from "../src/index.js";
import { postLinkSession, TRANSPORTS } from "./transports.js";

const VALID = { user_id: "u-1", asset_type: "hp", redirect_url: "https://supplier.example/back" } as const;
const KEY = { "x-api-key": TEST_API_KEY };
const LIMIT = 64 * 1024;

/** One raw HTTP/1.1 request, so the path goes out exactly as written (fetch would normalise it). */
function rawRequest(server: NoxTestServer, method: string, path: string): Promise<number> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers: KEY }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describe.each(TRANSPORTS)("hostile requests over %s", (transport, sendFor) => {
  let server: NoxTestServer;
  let send: typeof fetch;
  beforeAll(async () => {
    server = await createNoxTestServer({ maxBodyBytes: LIMIT });
    send = sendFor(server);
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  describe("JSON nested 10,000 deep answers 400, not a stack overflow", () => {
    const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    test.each([
      ["as the whole body", deep(10_000)],
      ["inside a field", `{"user_id":${deep(10_000)},"asset_type":"hp","redirect_url":"https://a.example/"}`],
      ["objects inside a field", `{"user_id":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`],
    ])("%s", async (_name, body) => {
      const res = await postLinkSession(send, server, body, KEY);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/nested deeper than \d+ levels/) });
      // Refused, so only the start of the body is kept.
      expect(server.requests[0]).toMatchObject({
        body: undefined,
        bodyText: body.slice(0, MAX_REFUSED_BODY_EXCERPT),
        bodyTruncated: true,
      });
      expect(server.sessions).toEqual([]);
    });

    test("a string full of brackets is not nesting", async () => {
      const res = await postLinkSession(send, server, { ...VALID, user_id: "[".repeat(10_000) }, KEY);
      expect(res.status).toBe(201);
    });
  });

  describe("a body over maxBodyBytes answers 413 and is not kept", () => {
    test.each([
      ["one byte over", LIMIT + 1],
      ["far over (8 MiB)", 8 * 1024 * 1024],
    ])("%s", async (_name, size) => {
      const body = `"${"x".repeat(size - 2)}"`;
      const res = await postLinkSession(send, server, body, KEY);
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({
        error: `Request body is larger than ${LIMIT} bytes, the most this NOX test server accepts`,
      });
      expect(server.requests).toEqual([expect.objectContaining({ bodyText: "", body: undefined })]);
      expect(server.sessions).toEqual([]);
      // The server is still fine afterwards.
      expect((await postLinkSession(send, server, VALID, KEY)).status).toBe(201);
    });

    test("exactly maxBodyBytes is read as usual", async () => {
      const json = JSON.stringify(VALID);
      const body = `${json}${" ".repeat(LIMIT - json.length)}`;
      expect((await postLinkSession(send, server, body, KEY)).status).toBe(201);
      expect(server.requests[0]?.bodyText).toBe(body);
    });

    test("a streamed body without a length is cut off at the limit", async () => {
      let pulls = 0;
      const chunk = new Uint8Array(16 * 1024).fill(0x20);
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          // Bounded: far more than the limit, so the server must stop reading well before the end.
          if (++pulls > 4096) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const res = await send(`${server.url}/supplier/link-sessions`, {
        method: "POST",
        headers: { ...KEY, "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(pulls).toBeLessThan(4096);
      expect(server.requests[0]?.bodyText).toBe("");
    });
  });

  describe("redirect_url: URLs that parsers read differently are refused (400)", () => {
    test.each([
      [
        "a backslash before @ (browser: evil.example; RFC 3986: good.example)",
        "https://evil.example\\@good.example/",
      ],
      ["credentials before the host", "https://good.example@evil.example/"],
      ["a pipe in the host", "https://a|b.example/"],
      ["braces", "https://a.example/{x}"],
      ["a raw IDN host", "https://bücher.example/"],
      ["a host the URL parser rewrites", "https://0x7f.1/"],
    ])("%s", async (_name, redirectUrl) => {
      const res = await postLinkSession(send, server, { ...VALID, redirect_url: redirectUrl }, KEY);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: expect.stringMatching(/^Invalid redirect_url .*: expected an absolute http\(s\) URL$/),
      });
      expect(server.sessions).toEqual([]);
    });

    test("the xn-- form of an IDN host is fine", async () => {
      const body = { ...VALID, redirect_url: "https://xn--bcher-kva.example/back?x=1" };
      expect((await postLinkSession(send, server, body, KEY)).status).toBe(201);
    });
  });

  test("a path is routed and recorded exactly as received", async () => {
    const path = "//supplier/link-sessions?x=1";
    const status =
      transport === "http"
        ? await rawRequest(server, "POST", path)
        : (await send(`${server.url}${path}`, { method: "POST", headers: KEY })).status;
    expect(status).toBe(404);
    expect(server.requests.map((r) => r.path)).toEqual([path]);
  });
});

describe("server.fetch with an aborted signal", () => {
  test.each([
    ["aborted without a reason", () => AbortSignal.abort(), { name: "AbortError" }],
    ["aborted with a reason", () => AbortSignal.abort(new Error("gave up")), { message: "gave up" }],
  ])("%s: rejects as fetch does, and nothing reaches the server", async (_name, signal, want) => {
    await using server = await createNoxTestServer();
    const given = signal();
    const error = await postLinkSession(
      (input, init) => server.fetch(input, { ...init, signal: given }),
      server,
      VALID,
      KEY,
    ).catch((e: unknown) => e);
    const viaFetch = await fetch(`${server.url}/supplier/link-sessions`, { signal: given }).catch(
      (e: unknown) => e,
    );
    expect(error).toBe(given.reason);
    expect(viaFetch).toBe(given.reason);
    expect(error).toMatchObject(want);
    expect(server.requests).toEqual([]);
    expect(server.sessions).toEqual([]);
  });
});

describe("maxBodyBytes", () => {
  test("defaults to 1 MiB", async () => {
    await using server = await createNoxTestServer();
    const body = `"${"x".repeat(1024 * 1024 - 1)}"`;
    expect((await postLinkSession(server.fetch, server, body, KEY)).status).toBe(413);
    expect((await postLinkSession(server.fetch, server, body.slice(1), KEY)).status).toBe(400);
  });

  test.each([0, -1, 1.5, Number.NaN])("refuses %s", async (maxBodyBytes) => {
    await expect(createNoxTestServer({ maxBodyBytes })).rejects.toThrow(
      /maxBodyBytes must be a positive integer/,
    );
  });
});
