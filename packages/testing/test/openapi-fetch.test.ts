import type { paths } from "@nox-energy/authenticator-types";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createNoxTestServer, TEST_API_KEY, TEST_SUPPLIER_NAME, type NoxTestServer } from "../src/index.js";

// openapi-fetch is what the client package builds on; the server must work with it as it comes.
let server: NoxTestServer;
beforeAll(async () => {
  server = await createNoxTestServer({ basePath: "/v2" });
});
afterAll(() => server.close());

describe.each([
  ["over HTTP with baseUrl: server.url", () => ({})],
  ["in-process with fetch: server.fetch", () => ({ fetch: server.fetch })],
])("openapi-fetch %s", (_name, extra) => {
  const client = () =>
    createClient<paths>({ baseUrl: server.url, headers: { "x-api-key": TEST_API_KEY }, ...extra() });

  test("creates a session (201, typed data)", async () => {
    const { data, error, response } = await client().POST("/supplier/link-sessions", {
      body: { user_id: "u-1", asset_type: "pv", brand: "sma", redirect_url: "https://supplier.example/back" },
    });
    expect(response.status).toBe(201);
    expect(error).toBeUndefined();
    expect(data?.supplier).toBe(TEST_SUPPLIER_NAME);
    expect(data?.brand).toBe("sma");
    expect(server.requests.at(-1)?.path).toBe("/v2/supplier/link-sessions");
  });

  test("gets the spec's 400 error body", async () => {
    const { data, error, response } = await client().POST("/supplier/link-sessions", {
      // @ts-expect-error - the missing fields are the point
      body: { asset_type: "hp" },
    });
    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    expect(error).toEqual({ error: "Missing required fields: user_id, redirect_url" });
  });

  test("gets 401 with a wrong key", async () => {
    const { error, response } = await client().POST("/supplier/link-sessions", {
      headers: { "x-api-key": "wrong" },
      body: { user_id: "u-1", asset_type: "hp", redirect_url: "https://supplier.example/back" },
    });
    expect(response.status).toBe(401);
    expect(error).toEqual({ error: "Invalid API key" });
  });
});
