// An ESM service: import the published packages, create a link session against the fake server and read
// the redirect callback once the (fake) user has linked their device.
import assert from "node:assert/strict";
import { createNoxClient, NoxAuthenticationError, parseLinkCallback } from "@nox-energy/authenticator-client";
import { brandLabel, brandsFor } from "@nox-energy/authenticator-enums";
import { createNoxTestServer, TEST_API_KEY } from "@nox-energy/authenticator-testing";

const server = await createNoxTestServer();
try {
  const nox = createNoxClient({ apiKey: TEST_API_KEY, baseUrl: server.url });
  const brand = brandsFor("hp")[0];
  const session = await nox.createLinkSession({
    user_id: "u-esm",
    asset_type: "hp",
    redirect_url: "https://app.example/cb",
    brand,
  });
  assert.equal(session.supplier_user_id, "u-esm");
  assert.equal(session.brand, brand);
  assert.ok(session.link_url.startsWith(`${server.url}/ui?token=`), session.link_url);
  assert.equal(server.sessions.length, 1);

  // The user finishes on the fake's link page, which redirects back with ?data=; the service reads it.
  const page = await fetch(session.link_url, { redirect: "manual" });
  assert.equal(page.status, 302);
  const callback = parseLinkCallback(page.headers.get("location"), { supplierUserId: "u-esm" });
  assert.equal(callback.brand, brand);
  assert.equal(server.sessions[0].completed_at, callback.connected_at);

  const wrongKey = createNoxClient({ apiKey: "not-the-key", baseUrl: server.url, maxRetries: 0 });
  await assert.rejects(
    wrongKey.createLinkSession({ user_id: "u", asset_type: "pv", redirect_url: "https://app.example/cb" }),
    NoxAuthenticationError,
  );
  console.log(JSON.stringify({ consumer: "esm", node: process.version, brand: brandLabel(brand) }));
} finally {
  await server.close();
}
