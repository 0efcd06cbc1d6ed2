import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { TEST_API_KEY } from "@nox-energy/authenticator-testing";
import { createNoxHandlers } from "@nox-energy/authenticator-testing/msw";

// Your service's code: it calls NOX at its production URL, which MSW intercepts in tests.
async function startLinking(apiKey: string, userId: string): Promise<Response> {
  return fetch("https://auth.nox.energy/v2/supplier/link-sessions", {
    method: "POST",
    headers: { "x-api-key": apiKey, "content-type": "application/json" },
    body: JSON.stringify({ user_id: userId, asset_type: "pv", redirect_url: "https://app.example/back" }),
  });
}

const nox = createNoxHandlers();
const server = setupServer(...nox.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => nox.reset());
afterAll(() => server.close());

test("the user comes back with NOX's callback", async () => {
  const session = (await (await startLinking(TEST_API_KEY, "user-42")).json()) as { link_token: string };
  const { redirectUrl, callback } = nox.completeSession(session.link_token, { brand: "sma" });
  expect(redirectUrl).toMatch(/^https:\/\/app\.example\/back\?data=/);
  expect(callback).toMatchObject({ supplier_user_id: "user-42", brand: "sma" });
});

test("a dropped connection reaches your error handling", async () => {
  nox.failNext({ reset: true });
  await expect(startLinking(TEST_API_KEY, "user-42")).rejects.toThrow(TypeError);
});
