// A CommonJS service: require() the published packages and create a link session against the fake server.
const assert = require("node:assert/strict");
const { createNoxClient, NoxValidationError } = require("@nox-energy/authenticator-client");
const { isBrandForAssetType } = require("@nox-energy/authenticator-enums");
const { createNoxTestServer, TEST_API_KEY } = require("@nox-energy/authenticator-testing");

async function main() {
  const server = await createNoxTestServer();
  try {
    const nox = createNoxClient({ apiKey: TEST_API_KEY, baseUrl: server.url });
    const session = await nox.createLinkSession({
      user_id: "u-cjs",
      asset_type: "pv",
      redirect_url: "https://app.example/cb",
      brand: null,
      language: "en",
    });
    assert.equal(session.language, "en");
    assert.equal(session.brand ?? null, null);
    assert.ok(isBrandForAssetType("solaredge", session.asset_type));

    await assert.rejects(
      nox.createLinkSession({ user_id: "", asset_type: "pv", redirect_url: "not a url" }),
      NoxValidationError,
    );
    assert.equal(server.requests.length, 1, "invalid input must not reach the server");
    console.log(JSON.stringify({ consumer: "cjs", node: process.version }));
  } finally {
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
