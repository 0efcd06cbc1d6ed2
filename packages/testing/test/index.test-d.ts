import type { CreateSupplierLinkSessionResponse } from "@nox-energy/authenticator-types";
import { describe, expectTypeOf, test } from "vitest";
import type { HttpHandler } from "msw";
import { createNoxHandlers, type NoxHandlers, type NoxHandlersOptions } from "../src/msw/index.js";
import {
  createNoxTestServer,
  type CompletedSession,
  type LinkCallback,
  type NoxFakeOptions,
  validateLinkSessionRequest,
  type Fault,
  type NoxTestServer,
  type NoxTestServerOptions,
  type RecordedRequest,
} from "../src/index.js";

describe("the public types", () => {
  test("createNoxTestServer takes optional options and resolves to a server", () => {
    expectTypeOf(createNoxTestServer).parameter(0).toEqualTypeOf<NoxTestServerOptions | undefined>();
    expectTypeOf(createNoxTestServer).returns.resolves.toEqualTypeOf<NoxTestServer>();
  });

  test("sessions are the types package's response type; requests are read-only records", () => {
    expectTypeOf<NoxTestServer["sessions"]>().toEqualTypeOf<readonly CreateSupplierLinkSessionResponse[]>();
    expectTypeOf<NoxTestServer["requests"]>().toEqualTypeOf<readonly RecordedRequest[]>();
  });

  test("server.fetch can stand in for the global fetch's common call forms", () => {
    expectTypeOf<NoxTestServer["fetch"]>().toBeCallableWith("http://127.0.0.1/x", { method: "POST" });
    expectTypeOf<NoxTestServer["fetch"]>().toBeCallableWith(new Request("http://127.0.0.1/x"));
    expectTypeOf<NoxTestServer["fetch"]>().returns.toEqualTypeOf<Promise<Response>>();
  });

  test("a server is async-disposable, for `await using`", () => {
    expectTypeOf<NoxTestServer>().toExtend<AsyncDisposable>();
  });

  test("failNext takes a fault, or a count and a fault", () => {
    expectTypeOf<NoxTestServer["failNext"]>().toBeCallableWith({ status: 503 });
    expectTypeOf<NoxTestServer["failNext"]>().toBeCallableWith(2, { reset: true });
    expectTypeOf<Fault["status"]>().toEqualTypeOf<number | undefined>();
  });

  test("the validation result narrows on ok", () => {
    const result = validateLinkSessionRequest({});
    if (result.ok) expectTypeOf(result.value.asset_type).toEqualTypeOf<"hp" | "pv">();
    else expectTypeOf(result.error).toEqualTypeOf<string>();
  });

  test("completeSession takes optional choices and returns the redirect and its callback", () => {
    expectTypeOf<NoxTestServer["completeSession"]>().toBeCallableWith("token");
    expectTypeOf<NoxTestServer["completeSession"]>().toBeCallableWith("token", {
      brand: "daikin",
      device_ids: ["d"],
    });
    expectTypeOf<NoxTestServer["completeSession"]>().returns.toEqualTypeOf<CompletedSession>();
    expectTypeOf<CompletedSession["callback"]>().toEqualTypeOf<LinkCallback>();
    expectTypeOf<LinkCallback["connected_at"]>().toEqualTypeOf<number>();
  });

  test("createNoxHandlers takes the server's options (baseUrl for basePath) and gives MSW handlers", () => {
    expectTypeOf(createNoxHandlers).parameter(0).toEqualTypeOf<NoxHandlersOptions | undefined>();
    expectTypeOf<NoxHandlersOptions>().toExtend<NoxFakeOptions>();
    expectTypeOf<NoxTestServerOptions>().toExtend<NoxFakeOptions>();
    expectTypeOf<NoxHandlers["handlers"]>().toEqualTypeOf<readonly HttpHandler[]>();
    expectTypeOf<NoxHandlers["completeSession"]>().toEqualTypeOf<NoxTestServer["completeSession"]>();
    expectTypeOf<NoxHandlers["sessions"]>().toEqualTypeOf<NoxTestServer["sessions"]>();
  });
});
