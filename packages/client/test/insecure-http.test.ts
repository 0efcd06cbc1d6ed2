import { afterEach, describe, expect, test, vi } from "vitest";
import { createNoxClient, NoxConfigurationError, type NoxLogger } from "../src/index.js";
import { created, startFaultServer } from "./fault-server.js";

const KEY = "nox_test_plain_http_7f3a";
const body = { user_id: "u-1", asset_type: "pv", redirect_url: "https://app.example/cb" } as const;

/** A logger that keeps every line it is given. */
function recorder(): NoxLogger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (message: string) => void lines.push(message);
  return { lines, error: keep, warn: keep, info: keep, debug: keep };
}

afterEach(() => vi.unstubAllEnvs());

// Issue #16: a docker-compose suite reaches the fake as http://nox-fake:8080/v2.
describe("allowInsecureHttp", () => {
  test("is off by default: plain http to a container's host name is refused", () => {
    expect(() => createNoxClient({ apiKey: KEY, baseUrl: "http://nox-fake:8080/v2" })).toThrow(
      /plain http would send the API key unencrypted/,
    );
  });

  test("lets plain http go to a named host (any case), warns once that the key is unencrypted, never logs it", async () => {
    const server = await startFaultServer(created);
    const logger = recorder();
    // The container's name cannot resolve here: the transport sends to the real loopback server instead.
    const urls: string[] = [];
    const fetch = (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      urls.push(url);
      return globalThis.fetch(url.replace("http://nox-fake:8080/v2", server.baseUrl), init);
    };
    try {
      const nox = createNoxClient({
        apiKey: KEY,
        baseUrl: "http://nox-fake:8080/v2",
        allowInsecureHttp: ["NOX-Fake"],
        fetch,
        logger,
      });
      expect(nox.baseUrl).toBe("http://nox-fake:8080/v2");
      expect(logger.lines).toHaveLength(1);
      expect(logger.lines[0]).toMatch(/baseUrl http:\/\/nox-fake:8080\/v2 is plain http.*unencrypted/);
      await expect(nox.createLinkSession(body)).resolves.toMatchObject({ supplier_user_id: "u-1" });
      expect(urls).toEqual(["http://nox-fake:8080/v2/supplier/link-sessions"]);
      expect(server.requests[0]?.headers["x-api-key"]).toBe(KEY);
      expect(logger.lines.join("\n")).not.toContain(KEY);
    } finally {
      await server.close();
    }
  });

  test.each([
    ["another host", "http://nox-fake-2:8080/v2"],
    ["a host that only starts with the name", "http://nox-fake.evil.example/v2"],
  ])("does not open %s", (_, baseUrl) => {
    expect(() => createNoxClient({ apiKey: KEY, baseUrl, allowInsecureHttp: ["nox-fake"] })).toThrow(
      NoxConfigurationError,
    );
  });

  test("is refused when NODE_ENV is production, whatever the base URL", () => {
    vi.stubEnv("NODE_ENV", "production");
    const options = { apiKey: KEY, allowInsecureHttp: ["nox-fake"] };
    expect(() => createNoxClient({ ...options, baseUrl: "http://nox-fake:8080/v2" })).toThrow(
      /allowInsecureHttp is refused when NODE_ENV is production/,
    );
    expect(() => createNoxClient(options)).toThrow(/refused when NODE_ENV is production/);
  });

  test.each([["http://nox-fake"], ["nox-fake:8080"], [""], [42]])("refuses %j as a host name", (entry) => {
    expect(() => createNoxClient({ apiKey: KEY, allowInsecureHttp: [entry as string] })).toThrow(
      /allowInsecureHttp must list host names/,
    );
  });
});

describe("NOX_BASE_URL", () => {
  test("is the base URL's default; the baseUrl and server options win over it", () => {
    vi.stubEnv("NOX_BASE_URL", "https://staging.nox.example/v2/");
    expect(createNoxClient({ apiKey: KEY }).baseUrl).toBe("https://staging.nox.example/v2");
    expect(createNoxClient({ apiKey: KEY, baseUrl: "https://mine.example/v2" }).baseUrl).toBe(
      "https://mine.example/v2",
    );
    expect(createNoxClient({ apiKey: KEY, server: 0 }).baseUrl).toBe("https://auth.nox.energy/v2");
  });

  test("is checked like the option: plain http to a non-loopback host is refused", () => {
    vi.stubEnv("NOX_BASE_URL", "http://nox-fake:8080/v2");
    expect(() => createNoxClient({ apiKey: KEY })).toThrow(/plain http/);
    expect(createNoxClient({ apiKey: KEY, allowInsecureHttp: ["nox-fake"], logLevel: "error" }).baseUrl).toBe(
      "http://nox-fake:8080/v2",
    );
  });
});
