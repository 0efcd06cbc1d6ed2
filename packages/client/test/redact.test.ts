import { inspect } from "node:util";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createNoxClient, NoxApiError, type NoxClient, type NoxError } from "../src/index.js";
import { redact } from "../src/redact.js";
import { hang, json, reset, startFaultServer, text, type Fault, type FaultServer } from "./fault-server.js";

const KEY = "nox_secret_key_7f3a9e";
const BODY = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;

const servers: FaultServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function errorFrom(fault: Fault): Promise<{ nox: NoxClient; error: NoxError }> {
  const server = await startFaultServer(fault);
  servers.push(server);
  const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, maxRetries: 0, timeoutMs: 100 });
  const error = await nox.createLinkSession(BODY).catch((e: NoxError) => e);
  return { nox, error: error as NoxError };
}

/** Every way a service might print or ship an object. */
function renderings(value: unknown): string[] {
  const logged: string[] = [];
  vi.spyOn(console, "log").mockImplementation(
    (...args) => void logged.push(args.map((a) => inspect(a)).join(" ")),
  );
  vi.spyOn(console, "error").mockImplementation(
    (...args) => void logged.push(args.map((a) => inspect(a)).join(" ")),
  );
  console.log(value);
  console.error({ wrapped: value });
  vi.restoreAllMocks();
  const out = [
    ...logged,
    inspect(value, { depth: Infinity, showHidden: true }),
    JSON.stringify(value) ?? "",
    String(value),
  ];
  for (let e: unknown = value; e instanceof Error; e = e.cause) out.push(e.message, e.stack ?? "");
  return out;
}

describe("the API key appears nowhere", () => {
  test.each<[string, Fault]>([
    ["a 401 whose message echoes the key", json(401, { error: `Invalid API key ${KEY}` })],
    ["an HTML 502 that echoes the key", text(502, `<h1>Bad gateway for key ${KEY}</h1>`)],
    ["a 201 that is not JSON and echoes the key", text(201, `oops ${KEY}`)],
    [
      "a redirect whose Location echoes the key",
      text(302, "", { location: `https://sso.example/?k=${KEY}` }),
    ],
    ["a connection reset", reset],
    ["a timeout", hang],
  ])("in the error for %s, however it is printed", async (_name, fault) => {
    const { error } = await errorFrom(fault);
    for (const rendered of renderings(error)) expect(rendered).not.toContain(KEY);
  });

  test.each<[string, () => unknown]>([
    ["a custom fetch whose error message carries the key", () => new TypeError(`proxy refused ${KEY}`)],
    [
      "a custom fetch whose error's own cause carries the key",
      () => new TypeError("fetch failed", { cause: new Error(`header x-api-key: ${KEY}`) }),
    ],
    ["a custom fetch that throws a string with the key", () => `bad key ${KEY}`],
  ])("in the cause chain of %s", async (_name, thrown) => {
    const nox = createNoxClient({
      apiKey: KEY,
      baseUrl: "https://nox.example/v2",
      maxRetries: 0,
      fetch: async () => {
        throw thrown();
      },
    });
    const error = (await nox.createLinkSession(BODY).catch((e: NoxError) => e)) as NoxError;
    expect(error.name).toBe("NoxConnectionError");
    for (const rendered of renderings(error)) expect(rendered).not.toContain(KEY);
    expect((error.cause as Error).message).toContain("original error withheld");
  });

  test("a cause without the key is handed on untouched", async () => {
    const original = new TypeError("fetch failed");
    const nox = createNoxClient({
      apiKey: KEY,
      baseUrl: "https://nox.example/v2",
      maxRetries: 0,
      fetch: async () => {
        throw original;
      },
    });
    const error = (await nox.createLinkSession(BODY).catch((e: NoxError) => e)) as NoxError;
    expect(error.cause).toBe(original);
  });

  test("an echoed key is redacted, not dropped, so the message still reads", async () => {
    const { error } = await errorFrom(json(401, { error: `Invalid API key ${KEY}` }));
    expect((error as NoxApiError).serverMessage).toBe("Invalid API key [redacted]");
  });

  test("in the client, however it is printed", async () => {
    const { nox } = await errorFrom(json(201, {}));
    const all = renderings(nox);
    for (const rendered of all) expect(rendered).not.toContain(KEY);
    expect(inspect(nox)).toMatch(
      /^NoxClient \{ baseUrl: 'http:\/\/127\.0\.0\.1:\d+\/v2', apiKey: '\[redacted\]' \}$/,
    );
    expect(JSON.parse(JSON.stringify(nox))).toEqual({ baseUrl: nox.baseUrl, apiKey: "[redacted]" });
  });

  test("errors still print usefully: name, message, stack and cause", async () => {
    const { error } = await errorFrom(reset);
    const printed = inspect(error);
    expect(printed).toMatch(/^NoxConnectionError: Could not reach NOX/);
    expect(printed).toMatch(/\n {4}at /);
    expect(printed).toMatch(/\[cause\]: TypeError: fetch failed/);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "NoxConnectionError", attempts: 1 });
  });
});

describe("redact", () => {
  test.each([
    ["no secret", "hello", undefined, "hello"],
    ["an empty secret", "hello", "", "hello"],
    ["one occurrence", "key=abc;", "abc", "key=[redacted];"],
    ["several", "abc abc", "abc", "[redacted] [redacted]"],
  ])("%s", (_name, text, secret, want) => {
    expect(redact(text, secret)).toBe(want);
  });
});
