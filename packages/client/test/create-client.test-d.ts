import type {
  CheckedCreateLinkSessionRequest,
  CreateSupplierLinkSessionResponse,
} from "@nox-energy/authenticator-types";
import { describe, expectTypeOf, test } from "vitest";
import { createNoxClient, type NoxClientOptions } from "../src/index.js";

const nox = createNoxClient({ apiKey: "k" });
const body = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;

describe("createLinkSession's types", () => {
  test("resolves to the spec's response type", () => {
    expectTypeOf(nox.createLinkSession(body)).resolves.toEqualTypeOf<CreateSupplierLinkSessionResponse>();
    expectTypeOf(nox.createLinkSession).parameter(0).toEqualTypeOf<CheckedCreateLinkSessionRequest>();
  });

  test("accepts brand: null and a language, and per-call options", () => {
    void nox.createLinkSession(
      { ...body, brand: null, language: "fr" },
      { timeoutMs: 5, maxRetries: 0, signal: AbortSignal.abort(), headers: { a: "b" } },
    );
  });

  test("rejects misspelled fields", () => {
    // @ts-expect-error: redirectUrl is not a field
    void nox.createLinkSession({ user_id: "u", asset_type: "hp", redirectUrl: "https://a" });
    // @ts-expect-error: assetType is not a field
    void nox.createLinkSession({ ...body, assetType: "hp" });
  });

  test("rejects values outside the enums", () => {
    // @ts-expect-error: "ev" is not an asset type
    void nox.createLinkSession({ ...body, asset_type: "ev" });
    // @ts-expect-error: "acme" is not a brand
    void nox.createLinkSession({ ...body, brand: "acme" });
    // @ts-expect-error: "de" is not a language
    void nox.createLinkSession({ ...body, language: "de" });
  });

  test("rejects a missing required field", () => {
    // @ts-expect-error: user_id is required
    void nox.createLinkSession({ asset_type: "hp", redirect_url: "https://a" });
  });

  test("rejects unknown per-call options", () => {
    // @ts-expect-error: retries is not an option
    void nox.createLinkSession(body, { retries: 3 });
  });
});

describe("nox.POST's types are openapi-fetch's for the spec", () => {
  test("data is the response type, error the ErrorResponse", async () => {
    const { data, error } = await nox.POST("/supplier/link-sessions", { body });
    expectTypeOf(data).toEqualTypeOf<CreateSupplierLinkSessionResponse | undefined>();
    expectTypeOf(error).toEqualTypeOf<{ error: string } | undefined>();
  });

  test("rejects a path the spec lacks", () => {
    // @ts-expect-error: no such path
    void nox.POST("/supplier/link-session", { body });
  });
});

describe("the fetch option takes fetch's own signature", () => {
  test("accepts globalThis.fetch and an (input, init) function", () => {
    createNoxClient({ apiKey: "k", fetch: globalThis.fetch });
    createNoxClient({ apiKey: "k", fetch: (input, init) => globalThis.fetch(input, init) });
    createNoxClient({
      apiKey: "k",
      fetch: async (input: string | URL | Request, init?: RequestInit) => fetch(input, init),
    });
    expectTypeOf<NonNullable<NoxClientOptions["fetch"]>>().toBeCallableWith("https://a.example", {
      method: "POST",
    });
    expectTypeOf<NonNullable<NoxClientOptions["fetch"]>>().toBeCallableWith(new Request("https://a.example"));
  });

  test("rejects a fetch that takes only a Request (it is called with a URL string and init)", () => {
    // @ts-expect-error: a Request-only fetch cannot be called as fetch(url, init)
    createNoxClient({ apiKey: "k", fetch: (request: Request) => globalThis.fetch(request) });
  });
});
