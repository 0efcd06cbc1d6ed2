import { describe, expect, test } from "vitest";
import {
  createNoxClient,
  NoxApiError,
  NoxAuthenticationError,
  NoxBadRequestError,
  NoxConfigurationError,
  NoxInvalidResponseError,
  NoxServerError,
  NoxUnprocessableEntityError,
  type NoxClientOptions,
  type NoxError,
} from "../src/index.js";
import {
  brokenBody,
  created,
  flood,
  text,
  type Fault,
  type FaultServer,
  useFaultServers,
} from "./fault-server.js";

const KEY = "nox_test_4b1d9c";
const BODY = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;
const FAST: NoxClientOptions = { backoff: { initialDelayMs: 1, maxDelayMs: 5 } };

const { serve } = useFaultServers();

async function failure(server: FaultServer, options: NoxClientOptions = {}): Promise<NoxError> {
  const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, ...FAST, ...options });
  return (await nox.createLinkSession(BODY).then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  )) as NoxError;
}

describe("a 2xx whose body breaks off is never retried (item 3)", () => {
  test.each(["short content-length", "chunked cut", "gzip garbage", "stall"] as const)(
    "%s: NoxInvalidResponseError after one attempt, saying the session may exist",
    async (how) => {
      const server = await serve(brokenBody(201, how));
      const error = await failure(server, { timeoutMs: 300 });
      expect(error).toBeInstanceOf(NoxInvalidResponseError);
      expect(error.attempts).toBe(1);
      expect(server.requests).toHaveLength(1);
      expect(error.message).toMatch(/^NOX answered 201 but /);
      expect(error.message).toMatch(/session may have been created/);
      expect(error.message).not.toMatch(/did not answer/);
      expect((error as NoxApiError).status).toBe(201);
    },
  );

  test("an error status whose body breaks off keeps its class (and its retries)", async () => {
    const server = await serve(brokenBody(503, "chunked cut"));
    const error = await failure(server, { maxRetries: 1 });
    expect(error).toBeInstanceOf(NoxServerError);
    expect(error.attempts).toBe(2);
  });

  test("a 400 whose body stalls is a NoxBadRequestError, not a retried timeout", async () => {
    const server = await serve(brokenBody(400, "stall"));
    const error = await failure(server, { timeoutMs: 200 });
    expect(error).toBeInstanceOf(NoxBadRequestError);
    expect(error.attempts).toBe(1);
  });
});

describe("response size is capped at maxResponseBytes (item 5)", () => {
  const MB = 1024 * 1024;

  test("a 64 MB 201 stops at the cap: not retried, and the rest is never read", async () => {
    const big = flood(201, 64 * MB, '{"link_url":"');
    const server = await serve(big.fault);
    const error = await failure(server);
    expect(error).toBeInstanceOf(NoxInvalidResponseError);
    expect(error.message).toMatch(/more than maxResponseBytes \(65536 bytes\)/);
    expect(error.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
    // Socket buffers absorb a few MB before the client hangs up; reading it all would be 64.
    expect(big.sent()).toBeLessThan(16 * MB);
  });

  test("a 64 MB HTML 502 keeps its excerpt, and the rest is never read", async () => {
    const big = flood(502, 64 * MB, "<html><title>502 Bad Gateway</title><body>", " ");
    const server = await serve(big.fault);
    const error = await failure(server, { maxRetries: 0 });
    expect(error).toBeInstanceOf(NoxServerError);
    expect((error as NoxApiError).bodyExcerpt).toBe("502 Bad Gateway");
    expect(big.sent()).toBeLessThan(16 * MB);
  });

  test("per client and per call: a 201 over the limit is refused, under it accepted", async () => {
    const server = await serve(created);
    const small = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, maxResponseBytes: 100 });
    await expect(small.createLinkSession(BODY)).rejects.toThrow(NoxInvalidResponseError);
    await expect(small.createLinkSession(BODY, { maxResponseBytes: 4096 })).resolves.toMatchObject({
      link_token: "abc123",
    });
    const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl });
    await expect(nox.createLinkSession(BODY, { maxResponseBytes: 100 })).rejects.toThrow(
      /more than maxResponseBytes \(100 bytes\)/,
    );
    expect(server.requests).toHaveLength(3);
  });

  test.each([0, -1, 1.5, Number.NaN])("maxResponseBytes %s is refused", async (maxResponseBytes) => {
    expect(() => createNoxClient({ apiKey: KEY, maxResponseBytes })).toThrow(NoxConfigurationError);
    const nox = createNoxClient({ apiKey: KEY });
    await expect(nox.createLinkSession(BODY, { maxResponseBytes })).rejects.toThrow(
      /maxResponseBytes must be an integer >= 1/,
    );
  });
});

describe("the status decides the error class, whatever the body (item 6)", () => {
  const deep = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
  const deepArray = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
  test.each<[number, string, abstract new (...args: never[]) => NoxError]>([
    [400, deep, NoxBadRequestError],
    [401, deep, NoxAuthenticationError],
    [422, deepArray, NoxUnprocessableEntityError],
  ])("a %d with JSON nested 10,000 levels deep", async (status, body, ErrorClass) => {
    const server = await serve(text(status, body, { "content-type": "application/json" }));
    const error = await failure(server);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.attempts).toBe(1);
  });
});

describe("the excerpt of a hostile body costs a bounded amount of work (item 2)", () => {
  const lt = "<".repeat(100_000);
  test.each<[string, Fault, abstract new (...args: never[]) => NoxError]>([
    ["a 502 of 100 KB of '<'", text(502, lt, { "content-type": "text/html" }), NoxServerError],
    ["a 201 of 100 KB of '<'", text(201, lt, { "content-type": "text/html" }), NoxInvalidResponseError],
    ["a 201 of '<' and a 100 KB tag", text(201, `<${"a".repeat(100_000)}`), NoxInvalidResponseError],
  ])("%s", async (_name, fault, ErrorClass) => {
    const server = await serve(fault);
    const start = performance.now();
    const error = await failure(server, { maxRetries: 0, maxResponseBytes: 1024 * 1024 });
    // Generous bound: the quadratic tag strip took ~5.7 s per pass here.
    expect(performance.now() - start).toBeLessThan(1500);
    expect(error).toBeInstanceOf(ErrorClass);
  });
});
