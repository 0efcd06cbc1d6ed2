import { expect, onTestFinished, test } from "vitest";
import { createNoxClient, NoxCallbackError, parseLinkCallback } from "../src/index.js";
import { createNoxTestServer, TEST_API_KEY } from "@nox-energy/authenticator-testing";

// Your service (normally imported from your app): start linking, then handle NOX's redirect back.
async function startLinking(nox: ReturnType<typeof createNoxClient>, userId: string): Promise<string> {
  const session = await nox.createLinkSession({
    user_id: userId,
    asset_type: "hp",
    redirect_url: "https://app.example/nox/callback",
  });
  return session.link_url; // send the user's browser here
}
function handleCallback(callbackUrl: string, signedInUserId: string) {
  // The payload is not signed: bind it to the user whose own session started the link.
  return parseLinkCallback(callbackUrl, { supplierUserId: signedInUserId, maxAgeSeconds: 15 * 60 });
}

test("a user links a heat pump and comes back with a callback the service accepts", async () => {
  const server = await createNoxTestServer();
  onTestFinished(() => server.close());
  const nox = createNoxClient({ apiKey: TEST_API_KEY, baseUrl: server.url });

  const linkUrl = await startLinking(nox, "user-42");
  // The user finishes on NOX: the fake's link page completes the session and redirects back.
  const page = await fetch(linkUrl, { redirect: "manual" });
  expect(page.status).toBe(302);
  const callbackUrl = page.headers.get("location")!;

  const callback = handleCallback(callbackUrl, "user-42");
  expect(callback.supplier_user_id).toBe("user-42");
  expect(server.sessions[0]?.completed_at).toBe(callback.connected_at);
  // Someone else's callback URL, opened in this user's browser, is refused.
  expect(() => handleCallback(callbackUrl, "user-7")).toThrow(NoxCallbackError);
});

test("the testing package's README shows this file as its link flow example", async () => {
  const { readFile } = await import("node:fs/promises");
  const readme = await readFile(new URL("../../testing/README.md", import.meta.url), "utf8");
  const source = await readFile(new URL(import.meta.url), "utf8");
  const example = source
    .slice(0, source.indexOf("\ntest(\"the testing package's README"))
    .replace('from "../src/index.js"', 'from "@nox-energy/authenticator-client"')
    .trimEnd();
  expect(readme).toContain(`\`\`\`ts\n${example}\n\`\`\``);
});
