import { readFile } from "node:fs/promises";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createNoxClient, NoxConfigurationError, type NoxClientOptions } from "../src/index.js";
import { userAgent, VERSION } from "../src/user-agent.js";
import { created, startFaultServer } from "./fault-server.js";

const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("the User-Agent", () => {
  test("names the package, its package.json version and Node's version", () => {
    expect(VERSION).toBe(pkg.version);
    expect(userAgent()).toBe(`nox-authenticator-client/${pkg.version} node/${process.versions.node}`);
  });

  test.each(["index.js", "index.cjs"])(
    "dist/%s carries package.json's version (tsup define)",
    async (file) => {
      const dist = await readFile(new URL(`../dist/${file}`, import.meta.url), "utf8");
      expect(dist).toContain(`VERSION = ${JSON.stringify(pkg.version)}`);
      expect(dist).not.toContain("__NOX_CLIENT_VERSION__");
    },
  );
});

describe("the userAgent option", () => {
  const KEY = "nox_ua_test_51e0";
  const BODY = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;

  /** The User-Agent header of each request a client with `options` sends, over createLinkSession and nox.POST. */
  async function sentUserAgents(options: NoxClientOptions): Promise<(string | undefined)[]> {
    const server = await startFaultServer(created);
    try {
      const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, ...options });
      await nox.createLinkSession(BODY);
      await nox.POST("/supplier/link-sessions", { body: BODY });
      return server.requests.map((r) => r.headers["user-agent"]);
    } finally {
      await server.close();
    }
  }

  test("is appended to the client's own User-Agent, on every request", async () => {
    const want = `nox-authenticator-client/${pkg.version} node/${process.versions.node} billing-service/1.2`;
    expect(await sentUserAgents({ userAgent: "billing-service/1.2" })).toEqual([want, want]);
    expect(userAgent("billing-service/1.2 (eu-west)")).toMatch(/ billing-service\/1\.2 \(eu-west\)$/);
  });

  test("without it, the client's own User-Agent is sent", async () => {
    expect(await sentUserAgents({})).toEqual([userAgent(), userAgent()]);
  });

  test.each([
    ["a CR/LF (header injection)", "svc/1\r\nx-api-key: stolen"],
    ["a LF", "svc/1\nx"],
    ["a tab", "svc/1\tx"],
    ["non-ASCII", "sérvice/1"],
    ["empty", ""],
    ["only spaces", "   "],
    ["a leading space", " svc/1"],
    ["a trailing space", "svc/1 "],
    ["over 200 characters", `svc/${"1".repeat(200)}`],
    ["not a string", 12 as unknown as string],
  ])("%s is a configuration error at creation", (_name, value) => {
    const create = () => createNoxClient({ apiKey: KEY, userAgent: value });
    expect(create).toThrow(NoxConfigurationError);
    expect(create).toThrow(/^userAgent must be 1 to 200 printable ASCII characters/);
  });

  test("any printable ASCII up to 200 characters is taken", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,198}[\x21-\x7e])?$/), (value) => {
        expect(userAgent(value).endsWith(` ${value}`)).toBe(true);
        expect(() => createNoxClient({ apiKey: KEY, userAgent: value })).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  const names = ["User-Agent", "user-agent", "USER-AGENT", "uSeR-aGeNt"];
  test.each(names)("a %j in the client's headers is refused, pointing to userAgent", (name) => {
    const create = () => createNoxClient({ apiKey: KEY, headers: { [name]: "mine/1" } });
    expect(create).toThrow(NoxConfigurationError);
    expect(create).toThrow(/would replace the client's own User-Agent; pass createNoxClient\(\{ userAgent/);
  });

  test.each(names)("a %j in a call's headers is refused before anything is sent", async (name) => {
    const server = await startFaultServer(created);
    try {
      const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl });
      const error = await nox
        .createLinkSession(BODY, { headers: { [name]: "mine/1" } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NoxConfigurationError);
      expect((error as Error).message).toMatch(/userAgent/);
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
