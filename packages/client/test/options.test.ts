import { afterEach, describe, expect, test, vi } from "vitest";
import {
  createNoxClient,
  DEFAULT_BASE_URL,
  NoxConfigurationError,
  type NoxClientOptions,
} from "../src/index.js";
import { baseUrlOf } from "../src/options.js";
import { created, startFaultServer } from "./fault-server.js";

const KEY = "nox_test_4b1d9c";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the API key", () => {
  test("defaults to NOX_API_KEY", async () => {
    vi.stubEnv("NOX_API_KEY", "from-env");
    const server = await startFaultServer(created);
    try {
      await createNoxClient({ baseUrl: server.baseUrl }).createLinkSession({
        user_id: "u",
        asset_type: "pv",
        redirect_url: "https://a.example/cb",
      });
      expect(server.requests[0]?.headers["x-api-key"]).toBe("from-env");
    } finally {
      await server.close();
    }
  });

  test("none at all fails at creation, saying how to give one", () => {
    vi.stubEnv("NOX_API_KEY", undefined);
    expect(() => createNoxClient()).toThrow(NoxConfigurationError);
    expect(() => createNoxClient()).toThrow(/pass createNoxClient\(\{ apiKey \}\) or set the NOX_API_KEY/);
    expect(() => createNoxClient({ apiKey: "  " })).toThrow(/No NOX API key/);
  });

  test.each([
    ["a trailing newline", `${KEY}\n`, 15],
    ["a CR/LF header injection", `${KEY}\r\nx-evil: 1`, 15],
    ["a NUL", `${KEY}\0`, 15],
    ["a tab", `\t${KEY}`, 0],
    ["a non-ASCII character", `${KEY}é`, 15],
  ])("a key with %s is refused at creation, without echoing it", (_name, apiKey, position) => {
    const error = (() => {
      try {
        createNoxClient({ apiKey });
      } catch (e) {
        return e as Error;
      }
      throw new Error("expected a throw");
    })();
    expect(error).toBeInstanceOf(NoxConfigurationError);
    expect(error.message).toContain(`control or non-ASCII character at position ${position}`);
    expect(error.message).not.toContain(KEY);
  });
});

describe("the base URL", () => {
  test("defaults to the spec's server", () => {
    expect(DEFAULT_BASE_URL).toBe("https://auth.nox.energy/v2");
    expect(createNoxClient({ apiKey: KEY }).baseUrl).toBe(DEFAULT_BASE_URL);
  });

  test.each([
    ["https://eu.nox.example/v2/", "https://eu.nox.example/v2"],
    ["http://localhost:8080", "http://localhost:8080"],
    ["http://127.0.0.1:3000/v2", "http://127.0.0.1:3000/v2"],
    ["http://[::1]:3000/", "http://[::1]:3000"],
  ])("%s is accepted as %s", (baseUrl, want) => {
    expect(createNoxClient({ apiKey: KEY, baseUrl }).baseUrl).toBe(want);
  });

  test.each([
    [
      "plain http to a remote host",
      "http://auth.nox.energy/v2",
      /plain http would send the API key unencrypted/,
    ],
    ["http to a host merely named like loopback", "http://127.0.0.1.evil.example/v2", /plain http/],
    ["another protocol", "ftp://auth.nox.energy", /must be an https URL/],
    ["credentials", "https://user:pw@auth.nox.energy", /must not hold credentials/],
    ["a query", "https://auth.nox.energy/v2?x=1", /must not have a query/],
    ["not a URL", "auth.nox.energy", /is not an absolute URL/],
  ])("%s is refused", (_name, baseUrl, message) => {
    expect(() => createNoxClient({ apiKey: KEY, baseUrl })).toThrow(NoxConfigurationError);
    expect(() => createNoxClient({ apiKey: KEY, baseUrl })).toThrow(message);
  });
});

describe("numeric options", () => {
  test.each<[string, NoxClientOptions, RegExp]>([
    ["timeoutMs 0", { timeoutMs: 0 }, /timeoutMs must be an integer >= 1 \(got 0\)/],
    ["maxRetries -1", { maxRetries: -1 }, /maxRetries must be an integer >= 0/],
    ["maxRetries NaN", { maxRetries: Number.NaN }, /maxRetries must be an integer/],
    ["backoff.maxDelayMs 1.5", { backoff: { maxDelayMs: 1.5 } }, /backoff\.maxDelayMs must be an integer/],
  ])("%s is refused at creation", (_name, options, message) => {
    expect(() => createNoxClient({ apiKey: KEY, ...options })).toThrow(message);
  });

  test.each([
    ["a value with a newline", { "x-trace": "a\nb" }],
    ["a name with a space", { "x trace": "a" }],
  ])("a header with %s is refused at creation, without echoing its value", (_name, headers) => {
    expect(() => createNoxClient({ apiKey: KEY, headers })).toThrow(NoxConfigurationError);
    expect(() => createNoxClient({ apiKey: KEY, headers })).toThrow(/headers: "x.trace" is not a valid/);
    expect(() => createNoxClient({ apiKey: KEY, headers })).not.toThrow(/a\nb/);
  });

  test("a bad per-call header rejects the call before anything is sent: not a connection error, not retried", async () => {
    let sent = 0;
    const fetch = async () => {
      sent++;
      return new Response("{}", { status: 500 });
    };
    const nox = createNoxClient({ apiKey: KEY, fetch, backoff: { initialDelayMs: 1, maxDelayMs: 1 } });
    const body = { user_id: "u", asset_type: "hp", redirect_url: "https://a.example/cb" } as const;
    const error = await nox
      .createLinkSession(body, { headers: { "x-trace": "a\r\nx-evil: 1" } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(NoxConfigurationError);
    expect(error.attempts).toBe(0);
    expect(sent).toBe(0);
  });

  test("a bad per-call option rejects the call", async () => {
    const nox = createNoxClient({ apiKey: KEY });
    const body = { user_id: "u", asset_type: "hp", redirect_url: "https://a.example/cb" } as const;
    await expect(nox.createLinkSession(body, { timeoutMs: -5 })).rejects.toThrow(NoxConfigurationError);
  });
});

describe("issue #8 option checks", () => {
  const body = { user_id: "u", asset_type: "hp", redirect_url: "https://a.example/cb" } as const;
  function counting() {
    const seen = { sent: 0 };
    const fetch = async () => {
      seen.sent++;
      return Response.json({}, { status: 500 });
    };
    return { seen, fetch };
  }

  test.each([" leading", "trailing ", " both "])(
    "a key with white space at either end (%j) is refused at creation (item 4)",
    (pad) => {
      const apiKey = pad.replace(/\w+/, KEY);
      expect(() => createNoxClient({ apiKey })).toThrow(NoxConfigurationError);
      expect(() => createNoxClient({ apiKey })).toThrow(/starts or ends with white space/);
      expect(() => createNoxClient({ apiKey })).not.toThrow(KEY);
    },
  );

  test.each(["connection", "Transfer-Encoding", "keep-alive", "upgrade", "expect", "content-length", "host"])(
    "header %s is refused at creation and per call, before sending (item 10)",
    async (name) => {
      const headers = { [name]: name === "content-length" ? "3" : "x" };
      expect(() => createNoxClient({ apiKey: KEY, headers })).toThrow(NoxConfigurationError);
      expect(() => createNoxClient({ apiKey: KEY, headers })).toThrow(/cannot be set/);
      const { seen, fetch } = counting();
      const nox = createNoxClient({ apiKey: KEY, fetch, timeoutMs: 100 });
      const error = await nox.createLinkSession(body, { headers }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NoxConfigurationError);
      expect(seen.sent).toBe(0);
    },
  );

  test.each([
    "https://auth.nox.example/v2?",
    "https://auth.nox.example/v2#",
    "https://auth.nox.example/v2/?#",
  ])("baseUrl %s (an empty query or fragment) is refused (item 11)", (baseUrl) => {
    expect(() => createNoxClient({ apiKey: KEY, baseUrl })).toThrow(/must not have a query or fragment/);
  });

  test.each(["x-api-key", "X-Api-Key", "X-API-KEY"])(
    "%s in the client's headers is refused (item 12)",
    (name) => {
      expect(() => createNoxClient({ apiKey: KEY, headers: { [name]: "other" } })).toThrow(
        /headers must not set x-api-key: pass the key as apiKey/,
      );
    },
  );

  test.each<[string, unknown]>([
    ["another key", "other-key"],
    ["null (which would drop the key)", null],
  ])("x-api-key in a call's headers (%s) is refused, nothing sent (item 12)", async (_name, value) => {
    const { seen, fetch } = counting();
    const nox = createNoxClient({ apiKey: KEY, fetch });
    const headers = { "X-Api-Key": value } as unknown as Record<string, string>;
    const error = await nox.createLinkSession(body, { headers }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoxConfigurationError);
    expect((error as Error).message).toMatch(/headers must not set x-api-key/);
    expect(seen.sent).toBe(0);
  });
});

describe("servers: the server option, serverVariables, and a spec without a default", () => {
  const servers = [
    {
      url: "{scheme}://developer.example.gov/{base}",
      description: "Main",
      variables: {
        scheme: { default: "https", enum: ["https", "http"] },
        base: { default: "ds-api" },
      },
    },
    { url: "https://eu.example.com/v1", description: "EU", variables: {} },
    { url: "/relative", variables: {} },
  ];

  test.each<[string, { given: Parameters<typeof baseUrlOf>[0]; want: string }]>([
    ["the default when nothing is said", { given: {}, want: "https://default.example/v2" }],
    ["baseUrl as given", { given: { baseUrl: "https://mine.example" }, want: "https://mine.example" }],
    [
      "a server by index, variables at their defaults",
      { given: { server: 0 }, want: "https://developer.example.gov/ds-api" },
    ],
    ["a server by description", { given: { server: "EU" }, want: "https://eu.example.com/v1" }],
    [
      "a variable set",
      { given: { serverVariables: { base: "v2" } }, want: "https://developer.example.gov/v2" },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(baseUrlOf(given, servers, "https://default.example/v2")).toBe(want);
  });

  test.each<[string, Parameters<typeof baseUrlOf>[0], RegExp]>([
    [
      "an unknown server",
      { server: "US" },
      /server "US" is not one of the spec's servers: 0 \("Main"\), 1 \("EU"\), 2/,
    ],
    ["an index past the list", { server: 7 }, /server 7 is not one of/],
    [
      "an unknown variable",
      { serverVariables: { region: "x" } },
      /"region" is not a variable of .*; it has scheme, base/,
    ],
    [
      "a value outside the variable's enum",
      { serverVariables: { scheme: "ftp" } },
      /serverVariables\.scheme must be one of "https", "http" \(got "ftp"\)/,
    ],
    ["baseUrl and server together", { baseUrl: "https://a.example", server: 1 }, /not both/],
  ])("%s is a NoxConfigurationError", (_name, given, message) => {
    expect(() => baseUrlOf(given, servers, "https://default.example/v2")).toThrow(NoxConfigurationError);
    expect(() => baseUrlOf(given, servers, "https://default.example/v2")).toThrow(message);
  });

  test("without a default server (none, or a relative one), baseUrl is required, and the message says so", () => {
    expect(() => baseUrlOf({}, [], null)).toThrow(
      /names no absolute server URL, so there is no default: pass baseUrl/,
    );
    expect(baseUrlOf({ baseUrl: "https://mine.example" }, [], null)).toBe("https://mine.example");
  });

  test("an http server from the spec is still refused for a non-loopback host, saying why", () => {
    expect(() => createNoxClient({ apiKey: "k", baseUrl: "http://developer.example.gov/ds-api" })).toThrow(
      /plain http would send the API key unencrypted.*allowInsecureHttp/,
    );
  });
});
