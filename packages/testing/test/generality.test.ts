import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer } from "../src/create-test-server.js";
import type { FakeApi, Route } from "../src/fake-api.js";
import { TEST_API_KEY, type NoxTestServer } from "../src/index.js";
import { compileValidators } from "./support/compile-validators.js";

const COMPONENTS = {
  Note: {
    type: "object",
    required: ["id", "text"],
    properties: {
      id: { type: "integer" },
      text: { type: "string" },
      tags: { type: "array", items: { type: "string" } },
    },
  },
};
const NOTE = { $ref: "#/components/schemas/Note" };
const json = (schema: unknown, status = 200) =>
  ({
    status,
    documented: String(status),
    mediaType: "application/json",
    kind: "json",
    schema,
    headers: [],
  }) as const;
const route = (operationId: string, method: string, path: string, extra: Partial<Route> = {}): Route => ({
  operationId,
  method,
  path,
  parameters: [],
  body: null,
  success: json(NOTE),
  errors: {},
  security: [],
  brandRule: null,
  ...extra,
});
const ROUTES: Route[] = [
  route("byQueryKey", "GET", "/query-key", { security: [[{ type: "apiKey", in: "query", name: "key" }]] }),
  route("byCookie", "GET", "/cookie", { security: [[{ type: "apiKey", in: "cookie", name: "session" }]] }),
  route("byBasic", "GET", "/basic", { security: [[{ type: "basic" }]] }),
  route("byEither", "GET", "/either", {
    security: [[{ type: "bearer" }], [{ type: "apiKey", in: "header", name: "x-key" }]],
  }),
  route("optionalAuth", "GET", "/optional", { security: [[{ type: "bearer" }], []] }),
  route("createForm", "POST", "/form", {
    body: { required: true, mediaType: "application/x-www-form-urlencoded", kind: "form", schema: NOTE },
  }),
  route("createMultipart", "POST", "/multipart", {
    body: { required: true, mediaType: "multipart/form-data", kind: "multipart", schema: NOTE },
  }),
  route("echoText", "POST", "/text", {
    body: { required: true, mediaType: "text/plain", kind: "text", schema: { type: "string", minLength: 2 } },
    success: {
      status: 200,
      documented: "200",
      mediaType: "text/plain",
      kind: "text",
      schema: { type: "string", example: "hello" },
      headers: [],
    },
  }),
  route("xml", "GET", "/xml", {
    success: {
      status: 200,
      documented: "200",
      mediaType: "application/xml",
      kind: "text",
      schema: NOTE,
      headers: [],
    },
  }),
  route("download", "GET", "/download", {
    success: {
      status: 200,
      documented: "200",
      mediaType: "application/octet-stream",
      kind: "binary",
      schema: { type: "string", format: "binary" },
      headers: [],
    },
  }),
  route("redirect", "GET", "/go/{id}", {
    parameters: [
      { name: "id", in: "path", required: true, style: "simple", explode: false, schema: { type: "string" } },
    ],
    success: { status: 302, documented: "302", mediaType: null, kind: null, schema: null, headers: [] },
  }),
  route("nothing", "DELETE", "/nothing", { success: null }),
  route("accepted", "POST", "/accepted", {
    success: {
      ...json(NOTE, 202),
      headers: [{ name: "x-request-id", required: true, schema: { type: "string", format: "uuid" } }],
    },
  }),
];
const API: FakeApi = {
  routes: ROUTES,
  components: COMPONENTS,
  validators: compileValidators(ROUTES, COMPONENTS),
  linkSession: null,
};

let server: NoxTestServer;
beforeAll(async () => {
  server = await startTestServer({}, API);
});
afterAll(() => server.close());
const send = (path: string, init: RequestInit = {}) => server.fetch(`${server.url}${path}`, init);
const basic = (key: string) => `Basic ${btoa(key)}`;

describe("credentials travel where the route's security says", () => {
  test.each([
    ["an API key in the query", "/query-key?key=" + TEST_API_KEY, {}, 200],
    ["an unknown one in the query", "/query-key?key=nope", {}, 401],
    ["an API key in a cookie", "/cookie", { cookie: `a=1; session=${TEST_API_KEY}` }, 200],
    ["Basic base64(key)", "/basic", { authorization: basic(TEST_API_KEY) }, 200],
    ["Basic of another key", "/basic", { authorization: basic("nope") }, 401],
    ["Basic that is not base64", "/basic", { authorization: "Basic ***" }, 401],
    ["the first alternative (Bearer)", "/either", { authorization: `Bearer ${TEST_API_KEY}` }, 200],
    ["the second alternative (a header key)", "/either", { "x-key": TEST_API_KEY }, 200],
    ["neither", "/either", {}, 401],
    ["none, where an alternative is empty", "/optional", {}, 200],
  ])("%s", async (_name, path, headers, status) => {
    expect((await send(path, { headers })).status).toBe(status);
  });
});

describe("request media", () => {
  test("a form body is read as its schema's types", async () => {
    const res = await send("/form", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "id=7&text=hi&tags=a&tags=b",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 7, text: "hi", tags: ["a", "b"] });
  });

  test("a form body that breaks the schema is a 400", async () => {
    const res = await send("/form", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "id=seven",
    });
    expect(await res.json()).toEqual({
      error: 'Missing required fields: text; Invalid id "seven": expected an integer',
    });
  });

  test("a multipart body, a file part among its fields", async () => {
    const form = new FormData();
    form.set("id", "3");
    form.set("text", "note");
    form.set("tags", new Blob(["x"]), "x.txt");
    const res = await send("/multipart", { method: "POST", body: form });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 3, text: "note" });
  });

  test("a body in another media type is a 400 naming the one expected", async () => {
    const res = await send("/form", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(await res.json()).toEqual({
      error: "Content-Type must be application/x-www-form-urlencoded, got application/json",
    });
  });

  test("a text body is validated as a string", async () => {
    const ok = await send("/text", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hey",
    });
    expect([ok.status, ok.headers.get("content-type"), await ok.text()]).toEqual([
      200,
      "text/plain",
      "hello",
    ]);
    const short = await send("/text", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "h",
    });
    expect(short.status).toBe(400);
  });
});

describe("answers", () => {
  test("XML for an object schema of an XML media type", async () => {
    const res = await send("/xml");
    expect(res.headers.get("content-type")).toBe("application/xml");
    expect(await res.text()).toMatch(/<id>0<\/id>/);
  });

  test("bytes for a binary media type", async () => {
    const res = await send("/download");
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  test("a 3xx-only operation answers its 3xx with a Location", async () => {
    const res = await send("/go/a%20b", { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${server.url}/go/a%20b`);
  });

  test("an operation documenting no 2xx or 3xx answers 204 without a body", async () => {
    const res = await send("/nothing", { method: "DELETE" });
    expect([res.status, await res.text()]).toEqual([204, ""]);
  });

  test("the first documented 2xx, with its documented headers", async () => {
    const res = await send("/accepted", { method: "POST" });
    expect(res.status).toBe(202);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
