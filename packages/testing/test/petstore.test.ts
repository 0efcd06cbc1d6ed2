import { sample } from "openapi-sampler";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer } from "../src/create-test-server.js";
import type { Route } from "../src/fake-api.js";
import { TEST_API_KEY, type NoxTestServer } from "../src/index.js";
import { readRuleFor } from "../src/resource-store.js";
import { loadFixtureApi } from "./fixture-api.js";
import { createSchemaSet } from "./support/compile-validators.js";

/** Swagger's petstore as scripts/emit/testing-routes.ts makes it (scripts/test/testing-routes.test.ts keeps it fresh). */
const PETSTORE = loadFixtureApi("petstore-api.json");
const SPEC = { openapi: "3.0.3", components: { schemas: PETSTORE.components } };
const SCHEMAS = createSchemaSet(PETSTORE.components);

let server: NoxTestServer;
beforeAll(async () => {
  server = await startTestServer({ basePath: "/v2" }, PETSTORE);
});
afterAll(() => server.close());

/** A valid value for a parameter or body schema (openapi-sampler, readOnly fields left out). */
const valid = (schema: unknown) => sample(schema as never, { skipReadOnly: true, quiet: true }, SPEC);

/** A request every check of `route` accepts: its credential, required parameters and body. */
function validRequest(route: Route): { url: string; init: RequestInit } {
  const headers: Record<string, string> = {};
  const query = new URLSearchParams();
  let path = route.path;
  for (const param of route.parameters) {
    const value = valid(param.schema);
    const text = Array.isArray(value) ? value.map(String) : [String(value)];
    if (param.in === "path") path = path.replace(`{${param.name}}`, encodeURIComponent(text.join(",")));
    else if (param.in === "query") for (const item of text) query.append(param.name, item);
    else headers[param.name] = text.join(",");
  }
  for (const credential of route.security[0] ?? []) {
    if (credential.type === "apiKey") headers[credential.name] = TEST_API_KEY;
    if (credential.type === "bearer") headers["authorization"] = `Bearer ${TEST_API_KEY}`;
  }
  let body: RequestInit["body"];
  const given = route.body;
  if (given?.kind === "json") {
    headers["content-type"] = given.mediaType;
    body = JSON.stringify(valid(given.schema));
  } else if (given?.kind === "form") {
    headers["content-type"] = given.mediaType;
    body = new URLSearchParams(
      Object.entries(valid(given.schema) as object).map(([k, v]): [string, string] => [k, String(v)]),
    );
  } else if (given?.kind === "multipart") {
    const form = new FormData();
    form.set("additionalMetadata", "a photo");
    form.set("file", new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])]), "pet.png");
    body = form;
  }
  const search = query.size > 0 ? `?${query}` : "";
  return {
    url: `${server.url}${path}${search}`,
    init: { method: route.method, headers, ...(body && { body }) },
  };
}

describe("a spec like petstore: the fake serves every operation", () => {
  test.each(PETSTORE.routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    "%s: its documented success, a body its schema accepts",
    async (_name, route) => {
      const { url, init } = validRequest(route);
      const res = await server.fetch(url, init);
      const text = await res.text();
      // A GET that reads what a POST created answers 404 until one did (see the next tests).
      if (readRuleFor(route, PETSTORE.routes, PETSTORE.components) !== undefined) {
        expect([res.status, JSON.parse(text)]).toEqual([404, { error: expect.any(String) }]);
        return;
      }
      expect(res.status, text).toBe(route.success?.status ?? 204);
      if (route.success?.kind === "json" && route.success.schema != null) {
        const validate = SCHEMAS.compile(route.success.schema as never);
        expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
      } else {
        expect(text).toBe("");
      }
    },
  );

  test("a secured operation without its credential is 401; with the key in the wrong place too", async () => {
    const getPet = PETSTORE.routes.find((r) => r.operationId === "getPetById")!;
    expect((await server.fetch(`${server.url}/pet/1`)).status).toBe(401);
    const bearer = { authorization: `Bearer ${TEST_API_KEY}` };
    expect((await server.fetch(`${server.url}/pet/1`, { headers: bearer })).status).toBe(401);
    expect(getPet.security).toEqual([[{ type: "apiKey", in: "header", name: "api_key" }]]);
    expect((await server.fetch(`${server.url}/pet/1`, { headers: { api_key: TEST_API_KEY } })).status).toBe(
      200,
    );
  });

  test("a POST's answer is returned by the matching GET (placeOrder, then getOrderById)", async () => {
    const created = await server.fetch(`${server.url}/store/order`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: 7, petId: 3, quantity: 1, status: "placed", complete: false }),
    });
    const order = (await created.json()) as { id: number; petId: number };
    expect(order).toMatchObject({ id: 7, petId: 3 });
    const read = await server.fetch(`${server.url}/store/order/7`);
    expect([read.status, await read.json()]).toEqual([200, order]);
  });

  test("parameters and bodies are checked: a 400 in NOX's style", async () => {
    const bad = await server.fetch(`${server.url}/pet/findByStatus?status=lost`, {
      headers: { authorization: `Bearer ${TEST_API_KEY}` },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'Invalid status "lost": expected one of available, pending, sold',
    });
    const missing = await server.fetch(`${server.url}/user/login`);
    expect(await missing.json()).toEqual({ error: "Missing required parameters: username, password" });
  });
});
