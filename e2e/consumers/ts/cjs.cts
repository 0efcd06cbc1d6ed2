// A CommonJS TypeScript service (compiled to require() calls): the published `require` declarations must
// type it, resolved the classic way (node10) where the compiler has it and as `bundler` on TypeScript 7.
import assert from "node:assert/strict";
import { createNoxClient, NoxValidationError, type NoxClient } from "@nox-energy/authenticator-client";
import { isBrandForAssetType, type AssetType } from "@nox-energy/authenticator-enums";
import { createNoxTestServer, TEST_API_KEY } from "@nox-energy/authenticator-testing";
import type { CreateSupplierLinkSessionResponse } from "@nox-energy/authenticator-types";

async function main(): Promise<void> {
  const server = await createNoxTestServer();
  try {
    const nox: NoxClient = createNoxClient({ apiKey: TEST_API_KEY, baseUrl: server.url });
    const assetType: AssetType = "hp";
    const session: CreateSupplierLinkSessionResponse = await nox.createLinkSession({
      user_id: "u-ts-cjs",
      asset_type: assetType,
      redirect_url: "https://app.example/cb",
    });
    assert.equal(session.supplier_user_id, "u-ts-cjs");
    assert.ok(
      session.brand === null || session.brand === undefined || isBrandForAssetType(session.brand, "hp"),
    );

    // The types are real, not `any`: this call must be a compile error (never run).
    const typeChecks = () => {
      // @ts-expect-error not an asset type
      void nox.createLinkSession({ user_id: "u", asset_type: "ev", redirect_url: "https://app.example/cb" });
    };
    void typeChecks;

    await assert.rejects(
      nox.createLinkSession({ user_id: "", asset_type: "pv", redirect_url: "not a url" }),
      NoxValidationError,
    );
    assert.equal(typeof require, "function", "compiled to CommonJS");
    console.log(JSON.stringify({ consumer: "ts-cjs", node: process.version }));
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
