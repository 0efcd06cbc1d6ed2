import { inspect } from "node:util";
import fc from "fast-check";
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
    [
      "a custom fetch whose error holds the key in a property (item 14)",
      () => Object.assign(new TypeError("fetch failed"), { config: { headers: { "x-api-key": KEY } } }),
    ],
    [
      "a custom fetch whose error holds the key in a non-enumerable property",
      () => Object.defineProperty(new TypeError("fetch failed"), "request", { value: { key: KEY } }),
    ],
    [
      "a custom fetch that throws a plain object holding the key",
      () => ({ code: "EPROXY", headers: [["x-api-key", KEY]] }),
    ],
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

describe("echoes of the key in every form, before any cut (item 4)", () => {
  const forms: [string, (key: string) => string][] = [
    ["raw", (k) => k],
    ["JSON-escaped", (k) => JSON.stringify(k).slice(1, -1)],
    [
      "JSON \\u-escaped",
      (k) => [...k].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join(""),
    ],
    ["URL-encoded", (k) => encodeURIComponent(k)],
    [
      "URL-encoded, every byte, lower case",
      (k) => [...k].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(""),
    ],
    ["form-encoded", (k) => encodeURIComponent(k).replace(/%20/g, "+")],
    [
      "HTML-escaped",
      (k) => k.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"),
    ],
    [
      "HTML numeric references",
      (k) =>
        [...k]
          .map((c, i) => (i % 2 ? `&#${c.charCodeAt(0)};` : `&#x${c.charCodeAt(0).toString(16)};`))
          .join(""),
    ],
  ];
  // Printable ASCII without [ and ], so a key can never be read inside "[redacted]".
  const keyChar = fc
    .integer({ min: 0x20, max: 0x7e })
    .filter((c) => c !== 0x5b && c !== 0x5d)
    .map((c) => String.fromCharCode(c));
  const apiKey = fc
    .array(keyChar, { minLength: 12, maxLength: 40 })
    .map((cs) => cs.join(""))
    .filter((k) => k.trim() === k);
  const around = fc.string({ maxLength: 30 }).map((s) => s.replace(/[\\%&+]/g, ""));

  test.each(forms)("%s: redact() leaves no trace of it, wherever it sits", (_name, encode) => {
    fc.assert(
      fc.property(apiKey, around, around, (key, before, after) => {
        const out = redact(`${before}${encode(key)}${after}`, key);
        expect(out).not.toContain(encode(key));
        expect(out).toContain("[redacted]");
      }),
      { numRuns: 200 },
    );
  });

  const SPECIAL = 'nox<b>se"cr\\et  k&y+7/f=';
  test.each(forms)(
    "%s, in an HTML 502 and a JSON 502: not in the excerpt or message",
    async (_name, encode) => {
      for (const fault of [
        text(502, `<html><h1>Bad gateway</h1><p>key ${encode(SPECIAL)} refused</p></html>`),
        text(502, `{"message":"key ${encode(SPECIAL)} refused"}`),
      ]) {
        const server = await startFaultServer(fault);
        servers.push(server);
        const nox = createNoxClient({ apiKey: SPECIAL, baseUrl: server.baseUrl, maxRetries: 0 });
        const error = (await nox.createLinkSession(BODY).catch((e: NoxError) => e)) as NoxApiError;
        expect(error.bodyExcerpt).toMatch(/refused/);
        for (const rendered of renderings(error)) {
          expect(rendered).not.toContain(encode(SPECIAL));
          expect(rendered).not.toContain("nox<b>se");
          expect(rendered).not.toContain("nox se");
        }
      }
    },
  );

  test("a key straddling the excerpt's 200-character cut leaves no prefix", async () => {
    for (let at = 190; at < 200; at++) {
      const { error } = await errorFrom(text(502, `${"x".repeat(at)}${KEY} and more`));
      expect((error as NoxApiError).bodyExcerpt).not.toContain("nox_s");
      expect(error.message).not.toContain("nox_s");
    }
  });

  test("a key straddling the maxResponseBytes cut leaves no prefix", async () => {
    const server = await startFaultServer(text(502, `${"y".repeat(95)}${KEY}`));
    servers.push(server);
    const nox = createNoxClient({
      apiKey: KEY,
      baseUrl: server.baseUrl,
      maxRetries: 0,
      maxResponseBytes: 100,
    });
    const error = (await nox.createLinkSession(BODY).catch((e: NoxError) => e)) as NoxApiError;
    expect(error.bodyExcerpt).toMatch(/^y+/);
    expect(error.bodyExcerpt).not.toContain("nox_s");
  });

  test("headers that echo the key: not in message, requestId, headers, JSON or inspect", async () => {
    const { error } = await errorFrom(
      json(
        500,
        { error: "boom" },
        { "x-request-id": `req-1-${KEY}`, "x-echo": encodeURIComponent(`k=${KEY}`) },
      ),
    );
    const api = error as NoxApiError;
    expect(api.requestId).toBe("req-1-[redacted]");
    expect(api.headers.get("x-request-id")).toBe("req-1-[redacted]");
    expect(api.headers.get("x-echo")).not.toContain(KEY);
    for (const rendered of renderings(error)) expect(rendered).not.toContain(KEY);
    for (const [, value] of api.headers) expect(value).not.toContain(KEY);
  });

  test("a 201 that is not a session, with the key in a header and in the body", async () => {
    const { error } = await errorFrom(
      text(201, `<p>${"&nbsp;".repeat(40)}${KEY}</p>`, { "request-id": KEY }),
    );
    expect((error as NoxApiError).requestId).toBe("[redacted]");
    for (const rendered of renderings(error)) expect(rendered).not.toContain(KEY);
  });
});
