import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { createNoxTestServer, TEST_API_KEY, type NoxTestServer } from "@nox-energy/authenticator-testing";

// Your service's code (normally imported from your app): create a link session, retrying a 5xx once.
async function startLinking(noxUrl: string, apiKey: string, userId: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${noxUrl}/supplier/link-sessions`, {
      method: "POST",
      headers: { "x-api-key": apiKey, "content-type": "application/json" },
      body: JSON.stringify({
        user_id: userId,
        asset_type: "hp",
        redirect_url: "https://app.example/nox/back",
      }),
    });
    if (res.status >= 500 && attempt < 2) continue;
    const body = (await res.json()) as { link_url?: string; error?: string };
    if (res.status === 201 && body.link_url !== undefined) return body.link_url;
    throw new Error(`NOX ${res.status}: ${body.error}`);
  }
}

let nox: NoxTestServer;
beforeAll(async () => {
  nox = await createNoxTestServer();
});
afterEach(() => nox.reset());
afterAll(() => nox.close());

test("sends the user to the link_url NOX returns", async () => {
  const linkUrl = await startLinking(nox.url, TEST_API_KEY, "user-42");
  expect(linkUrl).toBe(nox.sessions[0]?.link_url);
  expect(nox.sessions[0]?.supplier_user_id).toBe("user-42");
  expect(nox.requests[0]?.headers["x-api-key"]).toBe(TEST_API_KEY);
});

test("retries once when NOX is briefly unavailable", async () => {
  nox.failNext({ status: 503, body: { error: "Service unavailable" } });
  await startLinking(nox.url, TEST_API_KEY, "user-42");
  expect(nox.requests).toHaveLength(2);
  expect(nox.sessions).toHaveLength(1);
});

test("reports NOX's error when the API key is wrong", async () => {
  await expect(startLinking(nox.url, "revoked-key", "user-42")).rejects.toThrow("NOX 401: Invalid API key");
});
