import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, test } from "vitest";
import winston from "winston";
import { createNoxClient } from "../src/index.js";
import { created, json, startFaultServer } from "./fault-server.js";

const KEY = "nox_live_logger_secret_9d2";
const body = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;

/** A stream that keeps what the logger wrote, one JSON object per line. */
function sink(): { stream: Writable; entries: () => Record<string, unknown>[] } {
  let text = "";
  const stream = new Writable({
    write(chunk, _, done) {
      text += String(chunk);
      done();
    },
  });
  return {
    stream,
    entries: () =>
      text
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  };
}

/** One retried call (503 then 201), logged at info: the retry line carries details. */
async function retriedCall(logger: object): Promise<void> {
  const server = await startFaultServer(json(503, { error: "busy" }), created);
  try {
    const nox = createNoxClient({
      apiKey: KEY,
      baseUrl: server.baseUrl,
      logger: logger as never,
      logLevel: "info",
      backoff: { initialDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    });
    await nox.createLinkSession(body);
  } finally {
    await server.close();
  }
}

// Issue #16: pino takes (object, message) and dropped the details the client passed second.
describe("the logger conventions services use, without an adapter", () => {
  test("pino: the message as msg, the details as fields", async () => {
    const out = sink();
    await retriedCall(pino({ level: "info" }, out.stream));
    const retry = out.entries().find((e) => String(e["msg"]).includes("retrying"))!;
    expect(retry["msg"]).toMatch(/attempt 1 failed \(NoxServerError 503\).*retrying in \d+ ms/);
    expect(retry).toMatchObject({ error: "NoxServerError", delayMs: expect.any(Number) });
    expect(JSON.stringify(out.entries())).not.toContain(KEY);
  });

  test("winston: the message, the details as meta", async () => {
    const out = sink();
    const logger = winston.createLogger({
      level: "info",
      format: winston.format.json(),
      transports: [new winston.transports.Stream({ stream: out.stream })],
    });
    await retriedCall(logger);
    const retry = out.entries().find((e) => String(e["message"]).includes("retrying"))!;
    expect(retry["message"]).toMatch(/attempt 1 failed \(NoxServerError 503\)/);
    expect(retry).toMatchObject({ level: "info", error: "NoxServerError", delayMs: expect.any(Number) });
    expect(JSON.stringify(out.entries())).not.toContain(KEY);
  });
});
