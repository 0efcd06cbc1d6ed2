import type {
  CheckedCreateLinkSessionRequest,
  UncheckedCreateLinkSessionRequest,
} from "@nox-energy/authenticator-types";
import { describe, expectTypeOf, test } from "vitest";
import {
  createNoxClient,
  type LinkSessionBody,
  type NoxClient,
  type NoxClientOptions,
} from "../src/index.js";

// This package's tsconfig (the repository's base) has exactOptionalPropertyTypes on, so the
// `undefined` cases below test what they say. spec/brands.json lists no brand under both asset types
// today; "a brand listed under both fits both" is pinned in packages/types/test/brand-rule.test-d.ts
// on a fixture table of the generated shape.

const base = { user_id: "u-1", redirect_url: "https://app.example/cb" } as const;

describe("a default (checking) client ties brand to asset_type at compile time", () => {
  const nox = createNoxClient({ apiKey: "k" });

  test("createNoxClient() and checkBrandForAssetType: true give NoxClient<true>", () => {
    expectTypeOf(nox).toEqualTypeOf<NoxClient<true>>();
    expectTypeOf(createNoxClient()).toEqualTypeOf<NoxClient>();
    expectTypeOf(createNoxClient({ checkBrandForAssetType: true })).toEqualTypeOf<NoxClient<true>>();
    expectTypeOf(createNoxClient({ checkBrandForAssetType: undefined })).toEqualTypeOf<NoxClient<true>>();
    expectTypeOf(createNoxClient({ apiKey: "k", maxRetries: 0 })).toEqualTypeOf<NoxClient<true>>();
    expectTypeOf(nox.createLinkSession).parameter(0).toEqualTypeOf<CheckedCreateLinkSessionRequest>();
  });

  test("a brand with its own asset type compiles", () => {
    void nox.createLinkSession({ ...base, asset_type: "hp", brand: "daikin" });
    void nox.createLinkSession({ ...base, asset_type: "pv", brand: "solaredge" });
  });

  test("a heat-pump brand with asset_type pv, or a PV brand with hp, does not", () => {
    // @ts-expect-error: daikin is a heat-pump brand
    void nox.createLinkSession({ ...base, asset_type: "pv", brand: "daikin" });
    // @ts-expect-error: solaredge is a PV brand
    void nox.createLinkSession({ ...base, asset_type: "hp", brand: "solaredge" });
  });

  test("brand: null and no brand fit both asset types", () => {
    void nox.createLinkSession({ ...base, asset_type: "hp", brand: null });
    void nox.createLinkSession({ ...base, asset_type: "pv", brand: null });
    void nox.createLinkSession({ ...base, asset_type: "hp" });
    void nox.createLinkSession({ ...base, asset_type: "pv" });
  });

  test("optional fields take undefined under exactOptionalPropertyTypes, as the run time does", () => {
    void nox.createLinkSession({ ...base, asset_type: "pv", brand: undefined, language: undefined });
    const fromAForm: { brand?: "daikin" | undefined; language?: "en" | undefined } = {};
    void nox.createLinkSession({ ...base, asset_type: "hp", ...fromAForm });
  });
});

describe("a client created with checkBrandForAssetType: false", () => {
  const lenient = createNoxClient({ apiKey: "k", checkBrandForAssetType: false });

  test("is NoxClient<false> and takes the spec's request with any brand", () => {
    expectTypeOf(lenient).toEqualTypeOf<NoxClient<false>>();
    expectTypeOf(lenient.createLinkSession).parameter(0).toEqualTypeOf<UncheckedCreateLinkSessionRequest>();
    void lenient.createLinkSession({ ...base, asset_type: "pv", brand: "daikin" });
    void lenient.createLinkSession({ ...base, asset_type: "hp", brand: "solaredge", language: undefined });
  });

  test("still refuses what the spec refuses", () => {
    // @ts-expect-error: "acme" is not a brand
    void lenient.createLinkSession({ ...base, asset_type: "hp", brand: "acme" });
    // @ts-expect-error: "ev" is not an asset type
    void lenient.createLinkSession({ ...base, asset_type: "ev" });
  });
});

describe("a flag known only at run time", () => {
  test("gets the looser body, so the types never refuse what the run time may send", () => {
    const options: NoxClientOptions = { apiKey: "k", checkBrandForAssetType: process.env.X === "1" };
    const nox = createNoxClient(options);
    expectTypeOf(nox).toEqualTypeOf<NoxClient<boolean>>();
    // Checked | Unchecked: the same bodies as Unchecked, as each of the two extends the other.
    expectTypeOf<LinkSessionBody<boolean>>().toExtend<UncheckedCreateLinkSessionRequest>();
    expectTypeOf<UncheckedCreateLinkSessionRequest>().toExtend<LinkSessionBody<boolean>>();
    void nox.createLinkSession({ ...base, asset_type: "pv", brand: "daikin" });
  });
});

describe("NoxClient without a type argument", () => {
  test("is the checking client, and every client can be stored in one", () => {
    expectTypeOf<NoxClient>().toEqualTypeOf<NoxClient<true>>();
    const clients: NoxClient[] = [
      createNoxClient(),
      createNoxClient({ checkBrandForAssetType: false }),
      createNoxClient({} as NoxClientOptions),
    ];
    void clients;
  });
});
