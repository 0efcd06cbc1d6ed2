import { describe, expect, test } from "vitest";
import {
  createNoxClient,
  NoxConfigurationError,
  NoxConnectionError,
  NoxServerError,
  NoxTimeoutError,
  type NoxError,
} from "../src/index.js";
import { created, hang, json, startFaultServer } from "./fault-server.js";

const body = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const fast = { initialDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 };
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable(),
    (e: NoxError) => e,
  );

// Issue #16: a request id reached an error only when the server sent one; a timeout had none.
describe("x-request-id", () => {
  test("one UUID per call, the same on every retry, a new one for the next call", async () => {
    const server = await startFaultServer(json(503, { error: "busy" }), created, created);
    try {
      const nox = createNoxClient({ apiKey: "k", baseUrl: server.baseUrl, backoff: fast });
      await nox.createLinkSession(body);
      await nox.createLinkSession(body);
      const ids = server.requests.map((r) => r.headers["x-request-id"]);
      expect(ids[0]).toMatch(UUID);
      expect(ids[1]).toBe(ids[0]);
      expect(ids[2]).toMatch(UUID);
      expect(ids[2]).not.toBe(ids[0]);
    } finally {
      await server.close();
    }
  });

  test("the requestId option or an x-request-id header (any case) sets it, sent once", async () => {
    const server = await startFaultServer(created, created);
    try {
      const nox = createNoxClient({ apiKey: "k", baseUrl: server.baseUrl });
      await nox.createLinkSession(body, { requestId: "order-42" });
      await nox.createLinkSession(body, { headers: { "X-Request-Id": "order-43" } });
      expect(server.requests.map((r) => r.headers["x-request-id"])).toEqual(["order-42", "order-43"]);
      await expect(nox.createLinkSession(body, { requestId: "has space" })).rejects.toThrow(
        NoxConfigurationError,
      );
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  test("an error carries the server's id when it sent one, else ours: a 5xx, a timeout, a refused connection", async () => {
    const server = await startFaultServer(
      json(500, { error: "x" }, { "x-request-id": "edge-7" }),
      json(502, {}),
      hang,
    );
    try {
      const nox = createNoxClient({ apiKey: "k", baseUrl: server.baseUrl, maxRetries: 0, timeoutMs: 200 });
      const fromServer = await failure(nox.createLinkSession(body, { requestId: "mine-1" }));
      expect([fromServer instanceof NoxServerError, fromServer.requestId]).toEqual([true, "edge-7"]);
      const withoutOne = await failure(nox.createLinkSession(body, { requestId: "mine-2" }));
      expect([withoutOne instanceof NoxServerError, withoutOne.requestId]).toEqual([true, "mine-2"]);
      const timedOut = await failure(nox.createLinkSession(body));
      expect(timedOut).toBeInstanceOf(NoxTimeoutError);
      expect(timedOut.requestId).toBe(server.requests[2]?.headers["x-request-id"]);
      expect(timedOut.requestId).toMatch(UUID);
    } finally {
      await server.close();
    }
    const gone = createNoxClient({ apiKey: "k", baseUrl: server.baseUrl, maxRetries: 0 });
    const refused = await failure(gone.createLinkSession(body, { requestId: "mine-3" }));
    expect([refused instanceof NoxConnectionError, refused.requestId]).toEqual([true, "mine-3"]);
  });

  test("nothing sent, no id: a validation error has none", async () => {
    const nox = createNoxClient({ apiKey: "k", baseUrl: "https://auth.nox.energy/v2" });
    const invalid = await failure(nox.createLinkSession({ ...body, asset_type: "boat" as never }));
    expect(invalid.requestId).toBeUndefined();
  });
});
