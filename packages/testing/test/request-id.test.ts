import { describe, expect, test } from "vitest";
import { createNoxTestServer, TEST_API_KEY } from "../src/index.js";

const post = (url: string, headers: Record<string, string>, body: unknown = {}) =>
  fetch(`${url}/supplier/link-sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const valid = { user_id: "u", asset_type: "hp", redirect_url: "https://app.example/cb" };

// Issue #16: the fake never sent x-request-id, so a client's error could not carry one.
describe("x-request-id on every answer", () => {
  test("echoes the caller's, on successes and on errors, over HTTP and in process", async () => {
    const server = await createNoxTestServer();
    try {
      const ok = await post(server.url, { "x-api-key": TEST_API_KEY, "x-request-id": "req-abc" }, valid);
      expect([ok.status, ok.headers.get("x-request-id")]).toEqual([201, "req-abc"]);
      const refused = await post(server.url, { "x-api-key": "wrong", "x-request-id": "req-def" }, valid);
      expect([refused.status, refused.headers.get("x-request-id")]).toEqual([401, "req-def"]);
      const inProcess = await server.fetch(`${server.url}/nowhere`, {
        headers: { "x-request-id": "req-ghi" },
      });
      expect(inProcess.headers.get("x-request-id")).toBe("req-ghi");
    } finally {
      await server.close();
    }
  });

  test("makes one when the caller sent none (or one no header may carry); a fault's own id wins", async () => {
    const server = await createNoxTestServer();
    try {
      const made = await post(server.url, { "x-api-key": TEST_API_KEY }, valid);
      expect(made.headers.get("x-request-id")).toMatch(/^req_[0-9a-f-]{36}$/);
      const long = await post(
        server.url,
        { "x-api-key": TEST_API_KEY, "x-request-id": "x".repeat(201) },
        valid,
      );
      expect(long.headers.get("x-request-id")).toMatch(/^req_/);
      server.failNext({ status: 503, headers: { "x-request-id": "edge-1" } });
      expect((await post(server.url, { "x-request-id": "mine" })).headers.get("x-request-id")).toBe("edge-1");
    } finally {
      await server.close();
    }
  });
});
