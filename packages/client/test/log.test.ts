import { afterEach, describe, expect, test, vi } from "vitest";
import { redactHeaders } from "../src/log.js";
import {
  createNoxClient,
  NoxConfigurationError,
  type NoxClientOptions,
  type NoxLogger,
  type NoxLogLevel,
} from "../src/index.js";
import { created, json, startFaultServer, type Fault, type FaultServer } from "./fault-server.js";

const KEY = "nox_log_test_7f3a";
const BODY = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;
const FAST = { backoff: { initialDelayMs: 1, maxDelayMs: 5 } } satisfies NoxClientOptions;

interface Line {
  level: string;
  message: string;
  details: unknown;
}

/** A logger that keeps every call. */
function capture(): { logger: NoxLogger; lines: Line[] } {
  const lines: Line[] = [];
  const write = (level: string) => (message: string, details?: unknown) => {
    lines.push({ level, message, details });
  };
  return {
    logger: { error: write("error"), warn: write("warn"), info: write("info"), debug: write("debug") },
    lines,
  };
}

const servers: FaultServer[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(...faults: Fault[]): Promise<FaultServer> {
  const server = await startFaultServer(...faults);
  servers.push(server);
  return server;
}

// A hostile server: it echoes the key in a header, the request id and the error message.
const echo503 = json(
  503,
  { error: `overloaded; your key ${KEY} is fine` },
  { "x-request-id": "r-503", "x-echo": KEY },
);

describe("logging at debug", () => {
  test("each attempt, response and retry is a line; the key is in none of them", async () => {
    const server = await serve(echo503, created);
    const { logger, lines } = capture();
    const nox = createNoxClient({
      apiKey: KEY,
      baseUrl: server.baseUrl,
      ...FAST,
      logger,
      logLevel: "debug",
      headers: { "x-forwarded-auth": `Bearer ${KEY}` },
    });
    await nox.createLinkSession(BODY);
    const messages = lines.map((l) => `${l.level} ${l.message}`);
    expect(messages).toEqual([
      "debug createLinkSession POST /supplier/link-sessions: attempt 1 of 3",
      expect.stringMatching(
        new RegExp(
          `^debug POST ${server.baseUrl}/supplier/link-sessions -> 503 in \\d+ ms \\(request id r-503\\)$`,
        ),
      ),
      expect.stringMatching(
        /^info createLinkSession POST \/supplier\/link-sessions: attempt 1 failed \(NoxServerError 503, request id r-503\); retrying in \d+ ms$/,
      ),
      "debug createLinkSession POST /supplier/link-sessions: attempt 2 of 3",
      expect.stringMatching(/^debug POST .* -> 201 in \d+ ms$/),
    ]);
    const response = lines[1]?.details as { requestHeaders: Record<string, string>; status: number };
    expect(response.status).toBe(503);
    expect(response.requestHeaders["x-api-key"]).toBe("[redacted]");
    expect(response.requestHeaders["x-forwarded-auth"]).toBe("Bearer [redacted]");
    expect(response.requestHeaders["user-agent"]).toMatch(/^nox-authenticator-client\//);
    expect(server.requests[0]?.headers["x-api-key"]).toBe(KEY);
    expect(JSON.stringify(lines)).not.toContain(KEY);
  });

  test("a connection failure is logged with its cause, not the key", async () => {
    const server = await serve(created);
    await server.close();
    const { logger, lines } = capture();
    const nox = createNoxClient({
      apiKey: KEY,
      baseUrl: server.baseUrl,
      ...FAST,
      maxRetries: 0,
      logger,
      logLevel: "debug",
    });
    await expect(nox.createLinkSession(BODY)).rejects.toThrow();
    expect(lines.map((l) => l.level)).toEqual(["debug", "debug", "info"]);
    expect(lines[1]?.message).toMatch(/-> no response after \d+ ms \(TypeError: fetch failed\)$/);
    expect(lines[2]?.message).toMatch(
      /^createLinkSession POST \/supplier\/link-sessions: failed after 1 attempt \(NoxConnectionError\): Could not reach NOX/,
    );
    expect(JSON.stringify(lines)).not.toContain(KEY);
  });
});

describe("log levels", () => {
  // What each level lets through, for: a success after one retry, then a final 400, then a final 503.
  const cases: [NoxLogLevel, string[]][] = [
    ["off", []],
    ["error", []],
    ["warn", []],
    ["info", ["info", "info", "info", "info", "info"]],
  ];
  test.each(cases)("%s", async (logLevel, want) => {
    const server = await serve(echo503, created, json(400, { error: "bad" }), echo503);
    const { logger, lines } = capture();
    const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, ...FAST, logger, logLevel });
    await nox.createLinkSession(BODY);
    await expect(nox.createLinkSession(BODY)).rejects.toThrow();
    await expect(nox.createLinkSession(BODY)).rejects.toThrow();
    expect(lines.map((l) => l.level)).toEqual(want);
    expect(JSON.stringify(lines)).not.toContain(KEY);
  });

  test("the default (warn) writes nothing for a success, a retry or a failure: the error is thrown", async () => {
    vi.stubEnv("NOX_LOG", "");
    const server = await serve(echo503, created, json(401, { error: `key ${KEY} revoked` }));
    const { logger, lines } = capture();
    const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, ...FAST, logger });
    await nox.createLinkSession(BODY);
    await expect(nox.createLinkSession(BODY)).rejects.toThrow();
    expect(lines).toEqual([]);
  });

  test("a Retry-After longer than maxRetryAfterMs is a warning (the retry may come too early)", async () => {
    vi.stubEnv("NOX_LOG", "");
    const server = await serve(
      json(429, { error: "slow down" }, { "retry-after": "120", "x-request-id": "r-429" }),
      created,
    );
    const { logger, lines } = capture();
    const backoff = { ...FAST.backoff, maxRetryAfterMs: 5 };
    await createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, backoff, logger }).createLinkSession(BODY);
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      [
        "warn",
        "createLinkSession POST /supplier/link-sessions: attempt 1 failed (NoxRateLimitError 429, request id r-429); " +
          "the server asked for 120000 ms (Retry-After), more than backoff.maxRetryAfterMs; retrying in 5 ms",
      ],
    ]);
  });

  test("at info, the final failure is a line with its attempts, status and request id, the key redacted", async () => {
    const server = await serve(json(401, { error: `key ${KEY} revoked` }, { "x-request-id": "r-401" }));
    const { logger, lines } = capture();
    const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, logger, logLevel: "info" });
    await expect(nox.createLinkSession(BODY)).rejects.toThrow();
    expect(lines).toEqual([
      {
        level: "info",
        message: expect.stringMatching(
          /^createLinkSession POST \/supplier\/link-sessions: failed after 1 attempt \(NoxAuthenticationError 401, request id r-401\): .*\[redacted\]/,
        ),
        details: undefined,
      },
    ]);
  });

  test("a caller's abort is a failure line too", async () => {
    const { logger, lines } = capture();
    const nox = createNoxClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9/v2", logger, logLevel: "info" });
    await expect(nox.createLinkSession(BODY, { signal: AbortSignal.abort() })).rejects.toThrow();
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ["info", expect.stringMatching(/failed after 0 attempts \(NoxAbortError\)/)],
    ]);
  });
});

describe("NOX_LOG", () => {
  const levelsSeen = async (options: NoxClientOptions) => {
    const server = await serve(created);
    const { logger, lines } = capture();
    await createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, logger, ...options }).createLinkSession(
      BODY,
    );
    return lines.map((l) => l.level);
  };

  test.each(["debug", "DEBUG", " debug "])("NOX_LOG=%j turns on debug lines", async (value) => {
    vi.stubEnv("NOX_LOG", value);
    expect(await levelsSeen({})).toEqual(["debug", "debug"]);
  });

  test("the logLevel option wins over NOX_LOG", async () => {
    vi.stubEnv("NOX_LOG", "debug");
    expect(await levelsSeen({ logLevel: "warn" })).toEqual([]);
    vi.stubEnv("NOX_LOG", "off");
    expect(await levelsSeen({ logLevel: "debug" })).toEqual(["debug", "debug"]);
  });

  test("an empty NOX_LOG is the default", async () => {
    vi.stubEnv("NOX_LOG", "");
    expect(await levelsSeen({})).toEqual([]);
  });

  test("a bad NOX_LOG is a configuration error naming the variable", () => {
    vi.stubEnv("NOX_LOG", "verbose");
    expect(() => createNoxClient({ apiKey: KEY })).toThrow(
      /NOX_LOG environment variable must be one of off, error, warn, info, debug \(got "verbose"\)/,
    );
  });

  test("a runtime without process (a browser, a worker) gets the default", () => {
    vi.stubGlobal("process", undefined);
    try {
      expect(() => createNoxClient({ apiKey: KEY })).not.toThrow();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("bad logging options are configuration errors at creation", () => {
  const noop = () => {};
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      "an unknown level",
      { logLevel: "verbose" },
      /^logLevel must be one of off, error, warn, info, debug \(got "verbose"\)/,
    ],
    ["a level in the wrong case", { logLevel: "DEBUG" }, /^logLevel must be one of/],
    ["a level that is not a string", { logLevel: 3 }, /^logLevel must be one of/],
    ["a logger that is a function", { logger: noop }, /^logger must be an object .* \(missing: an object\)/],
    ["a logger without debug", { logger: { error: noop, warn: noop, info: noop } }, /\(missing: debug\)/],
    [
      "a logger whose info is not a function",
      { logger: { error: noop, warn: noop, info: "x", debug: noop } },
      /\(missing: info\)/,
    ],
    ["null", { logger: null }, /^logger must be an object/],
  ];
  test.each(cases)("%s", (_name, options, message) => {
    const create = () => createNoxClient({ apiKey: KEY, ...(options as NoxClientOptions) });
    expect(create).toThrow(NoxConfigurationError);
    expect(create).toThrow(message);
  });

  test("console and a pino-shaped logger are accepted", () => {
    const pinoLike = {
      level: "info",
      error: noop,
      warn: noop,
      info: noop,
      debug: noop,
      fatal: noop,
      child: noop,
    };
    expect(() => createNoxClient({ apiKey: KEY, logger: console })).not.toThrow();
    expect(() => createNoxClient({ apiKey: KEY, logger: pinoLike })).not.toThrow();
  });
});

describe("redactHeaders", () => {
  const cases: [string, Record<string, string>, Record<string, string>][] = [
    ["the key header, whatever its value", { "X-Api-Key": "anything" }, { "x-api-key": "[redacted]" }],
    [
      "credentials by name",
      { authorization: "Basic abc", cookie: "s=1" },
      { authorization: "[redacted]", cookie: "[redacted]" },
    ],
    [
      "a value echoing the key",
      { "x-debug": `k=${KEY};k=${KEY}` },
      { "x-debug": "k=[redacted];k=[redacted]" },
    ],
    ["other headers as they are", { "x-trace-id": "t-1" }, { "x-trace-id": "t-1" }],
  ];
  test.each(cases)("%s", (_name, given, want) => {
    expect(redactHeaders(given, KEY)).toEqual(want);
  });
});
