// A TypeScript service: the published declarations must type this, under nodenext and bundler alike.
import assert from "node:assert/strict";
import {
  createNoxClient,
  NoxApiError,
  toLinkSessionRequest,
  type NoxClient,
} from "@nox-energy/authenticator-client";
import { BRANDS_BY_ASSET_TYPE, type BrandFor } from "@nox-energy/authenticator-enums";
import { createNoxTestServer, TEST_API_KEY } from "@nox-energy/authenticator-testing";
import type {
  CreateSupplierLinkSessionRequest,
  CreateSupplierLinkSessionResponse,
} from "@nox-energy/authenticator-types";

const server = await createNoxTestServer();
try {
  const nox: NoxClient = createNoxClient({ apiKey: TEST_API_KEY, baseUrl: server.url });
  const brand: BrandFor<"pv"> = BRANDS_BY_ASSET_TYPE.pv[0];
  // `satisfies`, not a type annotation: the literal asset_type "pv" is kept, so the body fits the
  // brand rule createLinkSession checks at compile time (a PV brand for "pv").
  const body = {
    user_id: "u-ts",
    asset_type: "pv",
    redirect_url: "https://app.example/cb",
    brand,
  } satisfies CreateSupplierLinkSessionRequest;
  const session: CreateSupplierLinkSessionResponse = await nox.createLinkSession(body);
  assert.equal(session.asset_type, "pv");

  // The types are real, not `any`: each call below must be a compile error (never run).
  const typeChecks = () => {
    // @ts-expect-error misspelled field
    void nox.createLinkSession({ user_id: "u", asset_type: "pv", redirect_uri: "https://app.example/cb" });
    // @ts-expect-error not an asset type
    void nox.createLinkSession({ user_id: "u", asset_type: "ev", redirect_url: "https://app.example/cb" });
    void nox.createLinkSession({
      user_id: "u",
      asset_type: "pv",
      redirect_url: "https://x.example",
      // @ts-expect-error a heat-pump brand with asset_type "pv" (the brand rule, from the published types)
      brand: "daikin",
    });
  };
  void typeChecks;

  // Form input: parsed as a whole into the checked request, which createLinkSession takes as it is.
  const form = new URLSearchParams("asset_type=hp&brand=daikin");
  const fromForm = toLinkSessionRequest({
    user_id: "u-ts",
    asset_type: form.get("asset_type"),
    brand: form.get("brand"),
    redirect_url: "https://app.example/cb",
  });
  assert.equal((await nox.createLinkSession(fromForm)).asset_type, "hp");

  // The fetch option takes fetch's own signature: the test server's in-process fetch fits as is.
  const inProcess = createNoxClient({ apiKey: TEST_API_KEY, baseUrl: server.url, fetch: server.fetch });
  assert.equal((await inProcess.createLinkSession(body)).supplier_user_id, "u-ts");

  const { data, error, response } = await nox.POST("/supplier/link-sessions", { body });
  assert.equal(response.status, 201);
  assert.equal(error, undefined);
  assert.equal(data?.supplier_user_id, "u-ts");
  assert.ok(NoxApiError.prototype instanceof Error);
  console.log(JSON.stringify({ consumer: "ts", node: process.version }));
} finally {
  await server.close();
}
