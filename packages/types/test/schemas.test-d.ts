import { describe, expectTypeOf, test } from "vitest";
import type {
  AssetType,
  Brand,
  CreateSupplierLinkSessionRequest as Request,
  CreateSupplierLinkSessionResponse as Response,
  ErrorResponse,
  Language,
  operations,
  paths,
} from "../src/index.js";

// These pin what the spec says, field by field, so a generator upgrade that changes
// required / optional / nullable fails typecheck instead of shipping.

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type IsOptional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false;

describe("enums", () => {
  test("Brand, AssetType and Language are the spec's string unions", () => {
    expectTypeOf<AssetType>().toEqualTypeOf<"hp" | "pv">();
    expectTypeOf<Language>().toEqualTypeOf<"nl" | "en" | "fr" | "es">();
    expectTypeOf<"daikin">().toExtend<Brand>();
    expectTypeOf<"solaredge">().toExtend<Brand>();
    expectTypeOf<"not-a-brand">().not.toExtend<Brand>();
  });
});

describe("CreateSupplierLinkSessionRequest", () => {
  test("user_id, asset_type and redirect_url are required", () => {
    expectTypeOf<IsOptional<Request, "user_id">>().toEqualTypeOf<false>();
    expectTypeOf<IsOptional<Request, "asset_type">>().toEqualTypeOf<false>();
    expectTypeOf<IsOptional<Request, "redirect_url">>().toEqualTypeOf<false>();
    expectTypeOf<Request["user_id"]>().toEqualTypeOf<string>();
    expectTypeOf<Request["asset_type"]>().toEqualTypeOf<AssetType>();
    expectTypeOf<Request["redirect_url"]>().toEqualTypeOf<string>();
  });

  test("brand is optional and nullable (the $ref's sibling nullable: true is kept)", () => {
    expectTypeOf<IsOptional<Request, "brand">>().toEqualTypeOf<true>();
    expectTypeOf<Equals<Request["brand"], Brand | null | undefined>>().toEqualTypeOf<true>();
    expectTypeOf({
      user_id: "u",
      asset_type: "hp",
      redirect_url: "https://x",
      brand: null,
    } as const).toExtend<Request>();
  });

  test("language is optional despite its default (defaultNonNullable off) and not nullable", () => {
    expectTypeOf<IsOptional<Request, "language">>().toEqualTypeOf<true>();
    expectTypeOf<Equals<Request["language"], Language | undefined>>().toEqualTypeOf<true>();
    expectTypeOf({ user_id: "u", asset_type: "pv", redirect_url: "https://x" } as const).toExtend<Request>();
    expectTypeOf<{
      user_id: string;
      asset_type: "hp";
      redirect_url: string;
      language: null;
    }>().not.toExtend<Request>();
  });

  test("non-nullable fields reject null", () => {
    expectTypeOf<null>().not.toExtend<Request["user_id"]>();
    expectTypeOf<null>().not.toExtend<Request["asset_type"]>();
    expectTypeOf<null>().not.toExtend<Request["redirect_url"]>();
  });
});

describe("CreateSupplierLinkSessionResponse", () => {
  const required = [
    "link_url",
    "link_token",
    "supplier",
    "supplier_user_id",
    "redirect_url",
    "language",
    "asset_type",
    "created_at",
    "expires_at",
  ] as const;

  test("the spec's required fields are required and not nullable", () => {
    type Required = (typeof required)[number];
    expectTypeOf<{ [K in Required]: IsOptional<Response, K> }[Required]>().toEqualTypeOf<false>();
    expectTypeOf<Extract<Response[Required], null>>().toEqualTypeOf<never>();
    expectTypeOf<Response["language"]>().toEqualTypeOf<Language>();
    expectTypeOf<Response["asset_type"]>().toEqualTypeOf<AssetType>();
    expectTypeOf<Response["created_at"]>().toEqualTypeOf<number>();
    expectTypeOf<Response["expires_at"]>().toEqualTypeOf<number>();
  });

  test("brand is optional and Brand | null", () => {
    expectTypeOf<IsOptional<Response, "brand">>().toEqualTypeOf<true>();
    expectTypeOf<Equals<Response["brand"], Brand | null | undefined>>().toEqualTypeOf<true>();
  });

  test("completed_at is optional and number | null", () => {
    expectTypeOf<IsOptional<Response, "completed_at">>().toEqualTypeOf<true>();
    expectTypeOf<Equals<Response["completed_at"], number | null | undefined>>().toEqualTypeOf<true>();
  });

  test("no fields beyond the spec's", () => {
    expectTypeOf<keyof Response>().toEqualTypeOf<(typeof required)[number] | "brand" | "completed_at">();
  });
});

describe("operations and paths", () => {
  type Op = operations["createSupplierLinkSession"];

  test("the request body is required and is the named request type", () => {
    expectTypeOf<Op["requestBody"]["content"]["application/json"]>().toEqualTypeOf<Request>();
    expectTypeOf<IsOptional<Op, "requestBody">>().toEqualTypeOf<false>();
  });

  test("201 is the session; 400 and 401 are ErrorResponse", () => {
    expectTypeOf<Op["responses"][201]["content"]["application/json"]>().toEqualTypeOf<Response>();
    expectTypeOf<Op["responses"][400]["content"]["application/json"]>().toEqualTypeOf<ErrorResponse>();
    expectTypeOf<Op["responses"][401]["content"]["application/json"]>().toEqualTypeOf<ErrorResponse>();
    expectTypeOf<ErrorResponse>().toEqualTypeOf<{ error: string }>();
  });

  test("POST /supplier/link-sessions is the operation", () => {
    expectTypeOf<paths["/supplier/link-sessions"]["post"]>().toEqualTypeOf<Op>();
  });
});
