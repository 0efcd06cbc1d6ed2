import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createNoxClient, NoxConfigurationError } from "../src/index.js";

const KEY = "nox_test_0123456789abcdef";
const BODY = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;
const seen: unknown[] = [];
const agents: unknown[] = [];
let server: Server;
let url = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers["x-api-key"]);
    agents.push(req.headers["user-agent"]);
    res.writeHead(400, { "content-type": "application/json" }).end('{"error":"x"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// A JavaScript caller (the type says Record<string, string>) can hand a Headers or an entry list; the
// checks read it with Object.entries and see nothing, while openapi-fetch sends every entry.
test.each([
  ["a Headers setting x-api-key", () => new Headers({ "x-api-key": "other-key" })],
  ["a Headers setting user-agent", () => new Headers({ "user-agent": "spoof/1" })],
  ["an entry list setting x-api-key", () => [["x-api-key", "other-key"]]],
])("per-call headers given as %s are refused before anything is sent", async (_case, make) => {
  seen.length = 0;
  const nox = createNoxClient({ apiKey: KEY, baseUrl: url, maxRetries: 0, logLevel: "off" });
  const error = await nox.createLinkSession(BODY, { headers: make() as never }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NoxConfigurationError);
  expect(seen).toEqual([]);
});

test("per-call headers whose keys change between reads are read once: what is checked is what is sent", async () => {
  seen.length = 0;
  let reads = 0;
  // First look: no keys (the checks pass); any later look: an x-api-key that would replace the real one.
  const shifty = new Proxy({} as Record<string, string>, {
    ownKeys: () => (reads++ === 0 ? [] : ["x-api-key"]),
    getOwnPropertyDescriptor: () => ({ value: "other-key", enumerable: true, configurable: true }),
    get: (_target, name) => (name === "x-api-key" ? "other-key" : undefined),
  });
  const nox = createNoxClient({ apiKey: KEY, baseUrl: url, maxRetries: 0, logLevel: "off" });
  await nox.createLinkSession(BODY, { headers: shifty }).catch(() => undefined);
  expect(seen).toEqual([KEY]);
});

test("client headers whose keys change between reads are read once at creation", async () => {
  agents.length = 0;
  let reads = 0;
  // First look: no keys (the User-Agent check passes); any later look: a User-Agent replacing ours.
  const shifty = new Proxy({} as Record<string, string>, {
    ownKeys: () => (reads++ === 0 ? [] : ["user-agent"]),
    getOwnPropertyDescriptor: () => ({ value: "spoof/1", enumerable: true, configurable: true }),
    get: (_target, name) => (name === "user-agent" ? "spoof/1" : undefined),
  });
  const nox = createNoxClient({ apiKey: KEY, baseUrl: url, maxRetries: 0, logLevel: "off", headers: shifty });
  await nox.createLinkSession(BODY).catch(() => undefined);
  expect(agents).toHaveLength(1);
  expect(String(agents[0])).toMatch(/^nox-authenticator-client\//);
});
