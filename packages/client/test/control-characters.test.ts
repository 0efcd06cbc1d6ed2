import { describe, expect, test } from "vitest";
import {
  createNoxClient,
  NoxApiError,
  NoxCallbackError,
  NoxConnectionError,
  NoxInvalidResponseError,
  parseLinkCallback,
  type NoxClientOptions,
  type NoxLogger,
} from "../src/index.js";
import { json, LINK_SESSION, text, useFaultServers } from "./fault-server.js";

const KEY = "nox_ctrl_test_5b1e";
const BODY = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;
const FAST = { maxRetries: 0 } satisfies NoxClientOptions;
// C0 (NUL, ESC, CR, LF, TAB...), DEL and C1 (CSI is U+009B): none may reach a message or a log line raw.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// What a hostile server writes: a forged second log line, an ANSI "clear screen", a C1 CSI, a DEL.
const HOSTILE = "bad\nINFO 2026-12-02 payment approved\r\u001b[2J\u009b31m\u007fend\u2028x";

const { serve } = useFaultServers();

/** A logger keeping every line written. */
function capture(): { logger: NoxLogger; lines: string[] } {
  const lines: string[] = [];
  const write = (message: string) => void lines.push(message);
  return { logger: { error: write, warn: write, info: write, debug: write }, lines };
}

async function failureOf(options: NoxClientOptions): Promise<unknown> {
  const nox = createNoxClient({ apiKey: KEY, ...FAST, ...options });
  return nox.createLinkSession(BODY).then(
    () => expect.unreachable("the call succeeded"),
    (error: unknown) => error,
  );
}

describe("server-controlled text has its control characters escaped, visibly", () => {
  test("a JSON error string: in the message, serverMessage and the failure log line", async () => {
    const server = await serve(json(400, { error: HOSTILE }));
    const { logger, lines } = capture();
    const error = (await failureOf({ baseUrl: server.baseUrl, logger, logLevel: "info" })) as NoxApiError;
    expect(error).toBeInstanceOf(NoxApiError);
    expect(error.message).not.toMatch(CONTROL);
    expect(error.message).toContain(
      String.raw`bad\nINFO 2026-12-02 payment approved\r\u001b[2J\u009b31m\u007fend\u2028x`,
    );
    expect(error.serverMessage).not.toMatch(CONTROL);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(CONTROL);
    expect(lines.join("\n")).toContain(String.raw`\u001b[2J`);
  });

  test("a body that is not NOX's JSON error: in the excerpt", async () => {
    const server = await serve(text(502, `<html>${HOSTILE}</html>`, { "content-type": "text/html" }));
    const error = (await failureOf({ baseUrl: server.baseUrl })) as NoxApiError;
    expect(error.bodyExcerpt).toBeDefined();
    expect(error.bodyExcerpt).not.toMatch(CONTROL);
    expect(error.message).not.toMatch(CONTROL);
    expect(error.bodyExcerpt).toContain(String.raw`\u009b31m`);
  });

  test("a request id holding C1 characters (obs-text, which fetch reads as Latin-1)", async () => {
    const server = await serve(json(503, { error: "down" }, { "x-request-id": "r-1\u009b2J\u0085x" }));
    const error = (await failureOf({ baseUrl: server.baseUrl })) as NoxApiError;
    expect(error.requestId).not.toMatch(CONTROL);
    expect(error.message).not.toMatch(CONTROL);
    expect(error.message).toContain(String.raw`request id r-1\u009b2J\u0085x`);
  });

  test("a 2xx whose fields break the schema: in the NoxInvalidResponseError", async () => {
    const server = await serve(json(201, { ...LINK_SESSION, link_url: `x${HOSTILE}`, created_at: HOSTILE }));
    const error = await failureOf({ baseUrl: server.baseUrl });
    expect(error).toBeInstanceOf(NoxInvalidResponseError);
    expect((error as Error).message).not.toMatch(CONTROL);
    expect((error as Error).message).toContain(String.raw`\u009b31m`);
  });

  test("a fetch error's message and cause code: in the NoxConnectionError and the log", async () => {
    const { logger, lines } = capture();
    const fetch = () =>
      Promise.reject(new TypeError(`fetch failed ${HOSTILE}`, { cause: { code: `E${HOSTILE}` } }));
    const error = await failureOf({ baseUrl: "https://nox.example/v2", fetch, logger, logLevel: "debug" });
    expect(error).toBeInstanceOf(NoxConnectionError);
    expect((error as Error).message).not.toMatch(CONTROL);
    expect((error as Error).message).toContain(String.raw`\u001b[2J`);
    for (const line of lines) expect(line).not.toMatch(CONTROL);
  });

  test("a forged callback's fields: in the NoxCallbackError", () => {
    const payload = {
      nox_user_id: "n-1",
      supplier_user_id: "u-2\u009b31m\u001b[2J\n",
      brand: "daikin",
      device_ids: [],
      connected_at: 1,
    };
    const data = Buffer.from(JSON.stringify(payload)).toString("base64url");
    let error: unknown;
    try {
      parseLinkCallback(`?data=${data}`, { supplierUserId: "u-1" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NoxCallbackError);
    // The message lists its issues one per line: those line breaks are its own, the rest must be escaped.
    expect((error as Error).message.replaceAll("\n  - ", " - ")).not.toMatch(CONTROL);
    for (const issue of (error as NoxCallbackError).issues) expect(issue.message).not.toMatch(CONTROL);
    expect((error as Error).message).toContain(String.raw`\u009b31m`);
  });
});
