import type {
  CheckedCreateLinkSessionRequest,
  CreateSupplierLinkSessionResponse,
  paths,
  UncheckedCreateLinkSessionRequest,
} from "@nox-energy/authenticator-types";
import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, test } from "vitest";
import { HTTP_METHODS } from "../src/generated/operations.js";
import { createNoxClient, type NoxClient } from "../src/index.js";

const nox = createNoxClient({ apiKey: "k" });
const lenient = createNoxClient({ apiKey: "k", checkBrandForAssetType: false });

describe("generated methods' types", () => {
  test("createSupplierLinkSession has createLinkSession's type, brand rule included", () => {
    expectTypeOf(nox.createSupplierLinkSession).parameter(0).toEqualTypeOf<CheckedCreateLinkSessionRequest>();
    expectTypeOf(lenient.createSupplierLinkSession)
      .parameter(0)
      .toEqualTypeOf<UncheckedCreateLinkSessionRequest>();
    expectTypeOf(
      nox.createSupplierLinkSession({ user_id: "u", asset_type: "hp", redirect_url: "https://a.example/" }),
    ).resolves.toEqualTypeOf<CreateSupplierLinkSessionResponse>();
    void nox.createSupplierLinkSession(
      // @ts-expect-error sma makes no heat pumps: the curated brand rule applies to the alias too
      { user_id: "u", asset_type: "hp", redirect_url: "https://a.example/", brand: "sma" },
    );
  });

  test("a lenient client still fits where a NoxClient is expected", () => {
    expectTypeOf(lenient).toMatchTypeOf<NoxClient>();
  });

  test("nox.<VERB> is openapi-fetch's method for each verb the spec uses", () => {
    expectTypeOf(HTTP_METHODS).toEqualTypeOf<Readonly<readonly ["POST"]>>();
    expectTypeOf(nox.POST).toEqualTypeOf<Client<paths>["POST"]>();
  });
});
