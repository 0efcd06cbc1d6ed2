import { describe, expect, test } from "vitest";
import {
  createNoxClient,
  NoxAbortError,
  NoxApiError,
  NoxAuthenticationError,
  NoxBadRequestError,
  NoxConflictError,
  NoxConnectionError,
  NoxInvalidResponseError,
  NoxNotFoundError,
  NoxPermissionDeniedError,
  NoxRateLimitError,
  NoxServerError,
  NoxTimeoutError,
  NoxUnprocessableEntityError,
  NoxValidationError,
  DEFAULT_BASE_URL,
  type NoxClientOptions,
  type NoxError,
} from "../src/index.js";
import {
  LINK_SESSION,
  created,
  hang,
  json,
  reset,
  text,
  type Fault,
  type FaultServer,
  useFaultServers,
} from "./fault-server.js";

const KEY = "nox_test_4b1d9c";
const BODY = {
  user_id: "u-1",
  asset_type: "hp",
  redirect_url: "https://app.example/cb",
  brand: "daikin",
  language: "en",
} as const;
// Tiny delays keep retry tests fast; the backoff itself is unit-tested in retry.test.ts.
const FAST: NoxClientOptions = { backoff: { initialDelayMs: 1, maxDelayMs: 5 } };

const { serve } = useFaultServers();

function client(server: FaultServer, options: NoxClientOptions = {}) {
  return createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, ...FAST, ...options });
}

/** The error `promise` rejects with, and how long it took. */
async function failure(promise: Promise<unknown>): Promise<{ error: NoxError; ms: number }> {
  const start = performance.now();
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e as NoxError,
  );
  return { error, ms: performance.now() - start };
}

describe("createLinkSession against a healthy server", () => {
  // Every fetch is handed (url, init); each must send the same request.
  test.each<[string, NoxClientOptions]>([
    ["the default fetch", {}],
    ["globalThis.fetch passed in", { fetch: globalThis.fetch }],
    ["a fetch of its own", { fetch: (input, init) => globalThis.fetch(input, init) }],
  ])(
    "%s: sends the body, the key, a User-Agent and JSON content type; resolves to the session",
    async (_name, options) => {
      const server = await serve(created);
      const session = await client(server, options).createLinkSession(BODY);
      expect(session).toEqual(LINK_SESSION);
      expect(server.requests).toHaveLength(1);
      const [req] = server.requests;
      expect(req?.method).toBe("POST");
      expect(req?.url).toBe("/v2/supplier/link-sessions");
      expect(JSON.parse(req?.body ?? "")).toEqual(BODY);
      expect(req?.headers["x-api-key"]).toBe(KEY);
      expect(req?.headers["content-type"]).toBe("application/json");
      expect(req?.headers["user-agent"]).toMatch(/^nox-authenticator-client\/\d+\.\d+\.\d+\S* node\/\d+/);
    },
  );

  test("client and per-call headers are sent, the call's winning", async () => {
    const server = await serve(created);
    const nox = client(server, { headers: { "x-team": "billing", "x-trace": "client" } });
    await nox.createLinkSession(BODY, { headers: { "x-trace": "call" } });
    expect(server.requests[0]?.headers).toMatchObject({ "x-team": "billing", "x-trace": "call" });
  });
});

type Want = {
  error?: abstract new (...args: never[]) => NoxError;
  message?: RegExp;
  attempts: number;
  status?: number;
};

describe("faults: error class, message, attempts (maxRetries 2)", () => {
  test.each<[string, { given: Fault[]; want: Want }]>([
    ["5xx then success", { given: [json(503, { error: "down" }), created], want: { attempts: 2 } }],
    ["connection reset then success", { given: [reset, created], want: { attempts: 2 } }],
    ["408 then success", { given: [json(408, { error: "timeout" }), created], want: { attempts: 2 } }],
    ["409 then success", { given: [json(409, { error: "busy" }), created], want: { attempts: 2 } }],
    [
      "5xx every time",
      {
        given: [json(500, { error: "boom" })],
        want: {
          error: NoxServerError,
          status: 500,
          attempts: 3,
          message: /^NOX answered 500: boom\. .*try again later/i,
        },
      },
    ],
    [
      "connection reset every time",
      {
        given: [reset],
        want: {
          error: NoxConnectionError,
          attempts: 3,
          message: /Could not reach NOX at http:\/\/127\.0\.0\.1:\d+\/v2: .*check the network/,
        },
      },
    ],
    [
      "an HTML 502 from a proxy",
      {
        given: [
          text(
            502,
            "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>",
            { "content-type": "text/html" },
          ),
        ],
        want: {
          error: NoxServerError,
          status: 502,
          attempts: 3,
          message: /502 with a body that is not NOX's JSON error: "502 Bad Gateway 502 Bad Gateway nginx"/,
        },
      },
    ],
    [
      "401 with {error}",
      {
        given: [json(401, { error: "Invalid API key" })],
        want: {
          error: NoxAuthenticationError,
          status: 401,
          attempts: 1,
          message: /401: Invalid API key\. Check that NOX_API_KEY/,
        },
      },
    ],
    [
      "400 with {error}",
      {
        given: [json(400, { error: "Missing required fields: user_id" })],
        want: {
          error: NoxBadRequestError,
          status: 400,
          attempts: 1,
          message: /400: Missing required fields: user_id\. Fix the request; it was not retried/,
        },
      },
    ],
    [
      "403",
      {
        given: [json(403, { error: "nope" })],
        want: { error: NoxPermissionDeniedError, status: 403, attempts: 1 },
      },
    ],
    [
      "404",
      {
        given: [text(404, "Not Found")],
        want: {
          error: NoxNotFoundError,
          status: 404,
          attempts: 1,
          message: /"Not Found"\. Check that baseUrl/,
        },
      },
    ],
    [
      "409 every time",
      { given: [json(409, { error: "busy" })], want: { error: NoxConflictError, status: 409, attempts: 3 } },
    ],
    [
      "422",
      {
        given: [json(422, { error: "bad" })],
        want: { error: NoxUnprocessableEntityError, status: 422, attempts: 1 },
      },
    ],
    [
      "418 (not in the spec)",
      {
        given: [json(418, { error: "teapot" })],
        want: { error: NoxApiError, status: 418, attempts: 1, message: /not in the NOX spec/ },
      },
    ],
    [
      "a 201 with malformed JSON",
      {
        given: [text(201, '{"link_url": "https://x', { "content-type": "application/json" })],
        want: {
          error: NoxInvalidResponseError,
          status: 201,
          attempts: 1,
          message: /201 with a body that is not a JSON object: "\{"link_url": "https:\/\/x"\. .*not retried/,
        },
      },
    ],
    [
      "a 201 with an empty body",
      {
        given: [text(201, "")],
        want: { error: NoxInvalidResponseError, status: 201, attempts: 1, message: /201 with an empty body/ },
      },
    ],
    [
      "a 201 with JSON that is not a link session",
      {
        given: [json(201, { ok: true, link_url: 1 })],
        want: {
          error: NoxInvalidResponseError,
          attempts: 1,
          message: /without a valid link_url, link_token, language, asset_type, redirect_url, supplier,/,
        },
      },
    ],
  ])("%s", async (_name, { given, want }) => {
    const server = await serve(...given);
    const call = client(server).createLinkSession(BODY);
    if (want.error === undefined) {
      await expect(call).resolves.toEqual(LINK_SESSION);
    } else {
      const { error } = await failure(call);
      expect(error).toBeInstanceOf(want.error);
      expect(error.name).toBe(want.error.name);
      expect(error.attempts).toBe(want.attempts);
      if (want.status !== undefined) expect((error as NoxApiError).status).toBe(want.status);
      if (want.message) expect(error.message).toMatch(want.message);
    }
    expect(server.requests).toHaveLength(want.attempts);
  });
});

describe("retries", () => {
  test("re-send the body byte-for-byte, with the key, on every attempt", async () => {
    const server = await serve(json(503, {}), reset, created);
    await client(server).createLinkSession(BODY);
    expect(server.requests).toHaveLength(3);
    const [first, ...rest] = server.requests;
    expect(first?.body).toBe(JSON.stringify(BODY));
    for (const req of rest) {
      expect(req.body).toBe(first?.body);
      expect(req.headers["x-api-key"]).toBe(KEY);
    }
  });

  test("429 with Retry-After: 1 waits about a second, then succeeds", async () => {
    const server = await serve(json(429, { error: "slow down" }, { "retry-after": "1" }), created);
    const start = performance.now();
    await client(server).createLinkSession(BODY);
    const gap = (server.requests[1]?.at ?? 0) - (server.requests[0]?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(performance.now() - start).toBeLessThan(2500);
  });

  test("429 every time: NoxRateLimitError with the Retry-After it was given", async () => {
    const server = await serve(
      json(429, { error: "slow down" }, { "retry-after": "0", "x-request-id": "req_42" }),
    );
    const { error } = await failure(client(server).createLinkSession(BODY));
    expect(error).toBeInstanceOf(NoxRateLimitError);
    expect((error as NoxRateLimitError).retryAfterMs).toBe(0);
    expect((error as NoxRateLimitError).requestId).toBe("req_42");
    expect(error.message).toMatch(/429: slow down\..*\(request id req_42\)$/);
    expect(error.attempts).toBe(3);
  });

  test("a Retry-After longer than maxRetryAfterMs is capped", async () => {
    const server = await serve(json(503, {}, { "retry-after": "3600" }), created);
    const start = performance.now();
    await client(server, { backoff: { maxRetryAfterMs: 50 } }).createLinkSession(BODY);
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  test("a Retry-After as an HTTP date is honoured", async () => {
    const inASecond = new Date(Date.now() + 1500).toUTCString();
    const server = await serve(json(503, {}, { "retry-after": inASecond }), created);
    await client(server).createLinkSession(BODY);
    const gap = (server.requests[1]?.at ?? 0) - (server.requests[0]?.at ?? 0);
    // HTTP dates have one-second resolution, so the wait is 0.5 to 1.5 s.
    expect(gap).toBeGreaterThanOrEqual(400);
    expect(gap).toBeLessThan(2000);
  });

  test("maxRetries: 0 makes one attempt; a per-call maxRetries overrides the client's", async () => {
    const server = await serve(json(500, {}));
    expect((await failure(client(server, { maxRetries: 0 }).createLinkSession(BODY))).error.attempts).toBe(1);
    expect(
      (await failure(client(server, { maxRetries: 0 }).createLinkSession(BODY, { maxRetries: 1 }))).error
        .attempts,
    ).toBe(2);
    expect(server.requests).toHaveLength(3);
  });
});

describe("timeouts and the caller's signal", () => {
  test("a response that never comes times out per attempt, and is retried", async () => {
    const server = await serve(hang);
    const { error, ms } = await failure(
      client(server, { timeoutMs: 100, maxRetries: 1 }).createLinkSession(BODY),
    );
    expect(error).toBeInstanceOf(NoxTimeoutError);
    expect(error).toBeInstanceOf(NoxConnectionError);
    expect(error.message).toMatch(/did not answer within timeoutMs \(100 ms\)/);
    expect(error.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(1500);
  });

  test("a hung attempt, then a good one: each attempt gets its own timeout", async () => {
    const server = await serve(hang, created);
    await expect(client(server, { timeoutMs: 100 }).createLinkSession(BODY)).resolves.toEqual(LINK_SESSION);
  });

  test("a per-call timeoutMs overrides the client's", async () => {
    const server = await serve(hang);
    const { error, ms } = await failure(
      client(server).createLinkSession(BODY, { timeoutMs: 50, maxRetries: 0 }),
    );
    expect(error).toBeInstanceOf(NoxTimeoutError);
    expect(ms).toBeLessThan(1000);
  });

  test("the caller's signal aborts an attempt in flight, and there is no retry", async () => {
    const server = await serve(hang);
    const reason = new Error("user navigated away");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    const { error, ms } = await failure(
      client(server).createLinkSession(BODY, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(NoxAbortError);
    expect(error.cause).toBe(reason);
    expect(error.attempts).toBe(1);
    expect(ms).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  test("the caller's signal stops the wait between retries", async () => {
    const controller = new AbortController();
    // Abort once the 503 is on its way, so the abort lands in the 10 s wait whatever the machine's load.
    const server = await serve((res, req) => {
      json(503, {})(res, req);
      setTimeout(() => controller.abort(), 50);
    });
    const nox = client(server, { backoff: { initialDelayMs: 10_000, maxDelayMs: 10_000 } });
    const { error, ms } = await failure(nox.createLinkSession(BODY, { signal: controller.signal }));
    expect(error).toBeInstanceOf(NoxAbortError);
    expect(ms).toBeLessThan(5000);
    expect(error.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  test("a fetch passed in the options gets (url, init) with each attempt's signal, aborted at the timeout", async () => {
    const calls: [unknown, RequestInit | undefined][] = [];
    const fetch = (input: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        calls.push([input, init]);
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const nox = createNoxClient({ apiKey: KEY, fetch, timeoutMs: 50, maxRetries: 1, ...FAST });
    const { error, ms } = await failure(nox.createLinkSession(BODY));
    expect(error).toBeInstanceOf(NoxTimeoutError);
    expect(error.attempts).toBe(2);
    expect(ms).toBeLessThan(1000);
    expect(calls).toHaveLength(2);
    const signals = calls.map(([, init]) => init?.signal);
    expect(signals[0]).not.toBe(signals[1]);
    for (const [input, init] of calls) {
      expect(input).toBe("https://auth.nox.energy/v2/supplier/link-sessions");
      expect(init?.signal?.aborted).toBe(true);
    }
  });

  test("a fetch of its own gets the same request, headers and body on every attempt", async () => {
    const calls: Request[] = [];
    const fetch = async (input: string | URL | Request, init?: RequestInit) => {
      calls.push(new Request(input, init));
      return calls.length < 3
        ? new Response("{}", { status: 503, headers: { "content-type": "application/json" } })
        : Response.json(LINK_SESSION, { status: 201 });
    };
    const nox = createNoxClient({ apiKey: KEY, fetch, headers: { "x-team": "billing" }, ...FAST });
    await expect(nox.createLinkSession(BODY, { headers: { "x-trace": "t-1" } })).resolves.toEqual(
      LINK_SESSION,
    );
    expect(calls).toHaveLength(3);
    for (const request of calls) {
      expect(request.method).toBe("POST");
      expect(request.redirect).toBe("manual");
      expect(request.headers.get("x-api-key")).toBe(KEY);
      expect(request.headers.get("content-type")).toBe("application/json");
      expect(request.headers.get("user-agent")).toMatch(/^nox-authenticator-client\//);
      expect(request.headers.get("x-team")).toBe("billing");
      expect(request.headers.get("x-trace")).toBe("t-1");
    }
    const bodies = await Promise.all(calls.map((request) => request.text()));
    expect(JSON.parse(bodies[0] ?? "")).toEqual(BODY);
    expect(new Set(bodies).size).toBe(1);
  });

  test("an already-aborted signal sends nothing", async () => {
    const server = await serve(created);
    const { error } = await failure(client(server).createLinkSession(BODY, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(NoxAbortError);
    expect(error.attempts).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});

describe("nox.POST (openapi-fetch style)", () => {
  test("returns { data, response } with the same key and User-Agent", async () => {
    const server = await serve(created);
    const { data, error, response } = await client(server).POST("/supplier/link-sessions", { body: BODY });
    expect(data).toEqual(LINK_SESSION);
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(server.requests[0]?.headers["x-api-key"]).toBe(KEY);
    expect(server.requests[0]?.headers["user-agent"]).toMatch(/^nox-authenticator-client\//);
  });

  test("a fetch of its own is handed a Request, with the key for the base URL's origin only", async () => {
    const seen: unknown[] = [];
    const fetch = async (input: string | URL | Request, init?: RequestInit) => {
      seen.push(input);
      expect(init).toBeUndefined();
      return Response.json(LINK_SESSION, { status: 201 });
    };
    const nox = createNoxClient({ apiKey: KEY, fetch });
    const { data } = await nox.POST("/supplier/link-sessions", { body: BODY });
    expect(data).toEqual(LINK_SESSION);
    await nox.POST("/supplier/link-sessions", { body: BODY, baseUrl: "https://elsewhere.example/v2" });
    const [home, elsewhere] = seen as Request[];
    expect(home).toBeInstanceOf(Request);
    expect(home?.url).toBe(`${DEFAULT_BASE_URL}/supplier/link-sessions`);
    expect(home?.redirect).toBe("manual");
    expect(home?.headers.get("x-api-key")).toBe(KEY);
    expect(await home?.json()).toEqual(BODY);
    expect(elsewhere?.url).toBe("https://elsewhere.example/v2/supplier/link-sessions");
    expect(elsewhere?.headers.has("x-api-key")).toBe(false);
  });

  test("does not throw on HTTP errors, and does not retry", async () => {
    const server = await serve(json(401, { error: "Invalid API key" }));
    const { data, error, response } = await client(server).POST("/supplier/link-sessions", { body: BODY });
    expect(data).toBeUndefined();
    expect(error).toEqual({ error: "Invalid API key" });
    expect(response.status).toBe(401);
    expect(server.requests).toHaveLength(1);
  });
});

describe("redirects are not followed, so the key stays on the base URL's host", () => {
  test("a 307 to another origin is an error, and the other origin sees nothing", async () => {
    const elsewhere = await serve(created);
    const server = await serve(text(307, "", { location: `${elsewhere.baseUrl}/supplier/link-sessions` }));
    const { error } = await failure(client(server).createLinkSession(BODY));
    expect(error).toBeInstanceOf(NoxApiError);
    expect((error as NoxApiError).status).toBe(307);
    expect(error.message).toMatch(/The client does not follow redirects.*check baseUrl with NOX/i);
    expect(error.message).not.toContain(elsewhere.baseUrl);
    const { response } = await client(server).POST("/supplier/link-sessions", { body: BODY });
    expect(response.status).toBe(307);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe("what is validated is what is sent (item 7)", () => {
  const GOOD = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;
  class WithGetters {
    get user_id() {
      return "u-1";
    }
    get asset_type() {
      return "hp";
    }
    get redirect_url() {
      return "https://app.example/cb";
    }
  }

  test.each<[string, () => unknown]>([
    ["Object.create(good)", () => Object.create(GOOD)],
    ["{ __proto__: good }", () => ({ __proto__: GOOD })],
    ["prototype getters", () => new WithGetters()],
  ])("inherited fields (%s) are not fields: refused, nothing sent", async (_name, make) => {
    const server = await serve(created);
    const { error } = await failure(client(server).createLinkSession(make() as typeof GOOD));
    expect(error).toBeInstanceOf(NoxValidationError);
    expect(server.requests).toHaveLength(0);
  });

  test("a prototype toJSON does not change what is sent", async () => {
    const server = await serve(created);
    const proto = {
      toJSON: () => ({ user_id: "someone-else", asset_type: "pv", redirect_url: "https://evil.example" }),
    };
    await client(server).createLinkSession(Object.assign(Object.create(proto), GOOD));
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(GOOD);
  });

  test("a getter is read once: the value validated is the value sent", async () => {
    const server = await serve(created);
    let reads = 0;
    const body = {
      ...GOOD,
      get user_id() {
        return reads++ === 0 ? "u-1" : "";
      },
    };
    await client(server).createLinkSession(body);
    expect(JSON.parse(server.requests[0]?.body ?? "").user_id).toBe("u-1");
    expect(reads).toBe(1);
  });

  test("a body changed after the call: every attempt sends the same bytes as the first", async () => {
    const server = await serve(json(503, {}), created);
    const body: { user_id: string; asset_type: "hp"; redirect_url: string } = { ...GOOD };
    const call = client(server).createLinkSession(body);
    body.user_id = "changed";
    await call;
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.body).toBe(server.requests[0]?.body);
    expect(JSON.parse(server.requests[1]?.body ?? "").user_id).toBe("u-1");
  });

  test.each<[string, () => unknown]>([
    [
      "a getter that throws",
      () => ({
        ...GOOD,
        get brand(): string {
          throw new Error("boom");
        },
      }),
    ],
    [
      "a Proxy whose ownKeys throws",
      () =>
        new Proxy(GOOD, {
          ownKeys() {
            throw new Error("boom");
          },
        }),
    ],
    [
      "a Proxy whose get throws",
      () =>
        new Proxy(GOOD, {
          get() {
            throw new Error("boom");
          },
        }),
    ],
    [
      "a cycle",
      () => {
        const loop: Record<string, unknown> = {};
        loop.loop = loop;
        return { ...GOOD, language: loop };
      },
    ],
    ["a bigint", () => ({ ...GOOD, language: 1n })],
  ])("%s is a NoxValidationError, and nothing is sent", async (_name, make) => {
    const server = await serve(created);
    const { error } = await failure(client(server).createLinkSession(make() as typeof GOOD));
    expect(error).toBeInstanceOf(NoxValidationError);
    expect(error.attempts).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});

describe("honest wording (item 16)", () => {
  test("a timeout with maxRetries 0 does not say it was retried", async () => {
    const server = await serve(hang);
    const { error } = await failure(client(server, { timeoutMs: 50, maxRetries: 0 }).createLinkSession(BODY));
    expect(error).toBeInstanceOf(NoxTimeoutError);
    expect(error.message).not.toMatch(/retried;/i);
    expect(error.message).toMatch(/1 attempt, not retried \(maxRetries is 0\)/);
  });

  test("a timeout on every attempt says how many were made", async () => {
    const server = await serve(hang);
    const { error } = await failure(client(server, { timeoutMs: 50, maxRetries: 1 }).createLinkSession(BODY));
    expect(error.message).toMatch(/2 attempts/);
  });

  test.each<[string, Fault]>([
    ["a reset", reset],
    ["a 503", json(503, { error: "down" })],
    ["a 429", json(429, { error: "slow down" })],
    ["a 409", json(409, { error: "busy" })],
  ])("%s with maxRetries 0 does not say it was retried", async (_name, fault) => {
    const server = await serve(fault);
    const { error } = await failure(client(server, { maxRetries: 0 }).createLinkSession(BODY));
    expect(error.message).not.toMatch(/\bretried\b(?!\s*\(maxRetries)/i);
    expect(error.message).toMatch(/not retried \(maxRetries is 0\)/);
  });
});

describe("one caller signal shared by many calls (item 13)", () => {
  test("12 concurrent calls with one signal emit no MaxListenersExceededWarning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const server = await serve(json(503, {}), json(503, {}), json(503, {}), created);
      const nox = client(server, { maxRetries: 4 });
      const controller = new AbortController();
      await Promise.all(
        Array.from({ length: 12 }, () => nox.createLinkSession(BODY, { signal: controller.signal })),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
  });
});
