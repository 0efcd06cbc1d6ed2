import fc from "fast-check";
import { afterEach, describe, expect, test } from "vitest";
import { callOperation } from "../src/create-client.js";
import { HTTP_METHODS, METHOD_NAMES, OPERATIONS } from "../src/generated/operations.js";
import {
  createNoxClient,
  NoxConfigurationError,
  NoxInvalidResponseError,
  NoxNotFoundError,
  NoxServerError,
  NoxValidationError,
} from "../src/index.js";
import type { NoxOperation } from "../src/operation.js";
import { compileValidator, NON_BLANK } from "./compile-validator.js";
import { created, json, LINK_SESSION, startFaultServer, type FaultServer } from "./fault-server.js";

const KEY = "nox_test_key_operations";
const BODY = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;

// What scripts/emit/client-operations.ts writes for `GET /supplier/link-sessions/{link_token}` (the
// fixture in scripts/test/client-operations.test.ts): the pipeline reads descriptors, whatever exists.
const GET_LINK_SESSION: NoxOperation = {
  operationId: "getSupplierLinkSession",
  methodName: "getSupplierLinkSession",
  method: "GET",
  path: "/supplier/link-sessions/{link_token}",
  label: "getSupplierLinkSession GET /supplier/link-sessions/{link_token}",
  bodyOnly: false,
  parameters: [{ name: "link_token", in: "path", required: true, style: "simple", explode: false }],
  success: [{ status: 200, kind: "json" }],
  errors: [404],
  credentials: [{ in: "header", name: "x-api-key" }],
  validators: {
    params: compileValidator({
      type: "object",
      required: ["link_token"],
      properties: { link_token: NON_BLANK },
      additionalProperties: false,
      "x-known": ["link_token"],
    }),
    responses: { "200": OPERATIONS.createSupplierLinkSession.validators.responses["201"] },
  },
};

// A made-up operation with query and header parameters and a body, to cover every location.
const SEARCH: NoxOperation = {
  operationId: "searchThings",
  methodName: "searchThings",
  method: "POST",
  path: "/things/{id}/search",
  label: "searchThings POST /things/{id}/search",
  bodyOnly: false,
  body: { kind: "json", mediaType: "application/json", required: true },
  parameters: [
    { name: "id", in: "path", required: true, style: "simple", explode: false },
    { name: "limit", in: "query", required: false, style: "form", explode: true },
    { name: "tag", in: "query", required: false, style: "form", explode: true },
    { name: "x-trace", in: "header", required: false, style: "simple", explode: false },
  ],
  success: [{ status: 200 }],
  errors: [],
  credentials: [{ in: "header", name: "x-api-key" }],
  validators: {
    params: compileValidator({
      type: "object",
      required: ["id"],
      properties: {
        id: { type: "integer" },
        limit: { type: "integer", minimum: 1, maximum: 100 },
        tag: { type: "array", items: { type: "string" } },
        "x-trace": { type: "string", pattern: "^[a-z0-9-]+$" },
      },
      additionalProperties: false,
    }),
    body: compileValidator({
      type: "object",
      required: ["q"],
      properties: { q: NON_BLANK },
      additionalProperties: false,
    }),
    responses: {},
  },
  effect: "NOX may have acted on the request",
};

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(...faults: Parameters<typeof startFaultServer>) {
  server = await startFaultServer(...faults);
  const backoff = { initialDelayMs: 1, maxDelayMs: 2 };
  return createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, backoff, logLevel: "off" });
}

describe("a generated GET operation (getSupplierLinkSession)", () => {
  test("sends GET to the encoded path with the key, and returns the checked session", async () => {
    const nox = await clientFor(json(200, LINK_SESSION));
    await expect(callOperation(nox, GET_LINK_SESSION, { link_token: "abc123" })).resolves.toEqual(
      LINK_SESSION,
    );
    const [seen] = server!.requests;
    expect(seen).toMatchObject({ method: "GET", url: "/v2/supplier/link-sessions/abc123", body: "" });
    expect(seen!.headers["x-api-key"]).toBe(KEY);
    expect(seen!.headers["content-type"]).toBeUndefined();
  });

  test.each([
    ["a slash", "a/b", "a%2Fb"],
    ["a query", "x?admin=1", "x%3Fadmin%3D1"],
    ["a fragment", "x#frag", "x%23frag"],
    ["a dot-dot inside", "../../admin", "..%2F..%2Fadmin"],
    ["an encoded dot-dot", "%2e%2e", "%252e%252e"],
    ["a percent", "100%", "100%25"],
    ["a space and unicode", "a b é", "a%20b%20%C3%A9"],
  ])("%s in link_token stays inside one path segment", async (_, token, wire) => {
    const nox = await clientFor(json(200, LINK_SESSION));
    await callOperation(nox, GET_LINK_SESSION, { link_token: token });
    expect(server!.requests[0]!.url).toBe(`/v2/supplier/link-sessions/${wire}`);
  });

  test("no string ever leaves /v2/supplier/link-sessions/ or adds a query (property)", async () => {
    const nox = await clientFor(json(200, LINK_SESSION));
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 12 }), async (token) => {
        fc.pre(token.trim() !== "" && token !== "." && token !== "..");
        const before = server!.requests.length;
        await callOperation(nox, GET_LINK_SESSION, { link_token: token });
        const url = server!.requests[before]!.url;
        expect(url.startsWith("/v2/supplier/link-sessions/")).toBe(true);
        expect(decodeURIComponent(url.slice("/v2/supplier/link-sessions/".length))).toBe(token);
      }),
      { numRuns: 40 },
    );
  });

  test.each([
    ["missing", {}, /link_token: is required: a non-empty string/],
    ["blank", { link_token: " " }, /link_token: must be a non-empty string/],
    ["a number", { link_token: 7 }, /link_token: must be a non-empty string \(got 7\)/],
    [".", { link_token: "." }, /link_token: must not be empty, "\." or "\.\."/],
    ["..", { link_token: ".." }, /link_token: must not be empty, "\." or "\.\."/],
    [
      "a typo",
      { link_token: "abc", link_tokn: "abc" },
      /link_tokn: is not a field of the request.*did you mean "link_token"/,
    ],
    ["not an object", "abc", /params: must be an object with link_token/],
  ])("a link_token %s is a NoxValidationError and nothing is sent", async (_, params, message) => {
    const nox = await clientFor(json(200, LINK_SESSION));
    const error = await callOperation(nox, GET_LINK_SESSION, params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoxValidationError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/^Invalid getSupplierLinkSession request; nothing was sent/);
    expect(server!.requests).toHaveLength(0);
  });

  test("a 404 is a NoxNotFoundError, not retried", async () => {
    const nox = await clientFor(json(404, { error: "Link session not found" }));
    const error = (await callOperation(nox, GET_LINK_SESSION, { link_token: "gone" }).catch(
      (e: unknown) => e,
    )) as NoxServerError;
    expect(error).toBeInstanceOf(NoxNotFoundError);
    expect(error.message).toMatch(/404: Link session not found\. Check the parameters you sent/);
    expect(server!.requests).toHaveLength(1);
  });

  test("a 503 is retried on GET, then the session is returned", async () => {
    const nox = await clientFor(json(503, {}), json(503, {}), json(200, LINK_SESSION));
    await expect(callOperation(nox, GET_LINK_SESSION, { link_token: "abc" })).resolves.toEqual(LINK_SESSION);
    expect(server!.requests.map((r) => r.method)).toEqual(["GET", "GET", "GET"]);
  });

  test("503s until maxRetries are spent: a NoxServerError after maxRetries + 1 attempts", async () => {
    const nox = await clientFor(json(503, {}));
    const error = (await callOperation(nox, GET_LINK_SESSION, { link_token: "a" }, { maxRetries: 1 }).catch(
      (e: unknown) => e,
    )) as NoxServerError;
    expect(error).toBeInstanceOf(NoxServerError);
    expect(error.attempts).toBe(2);
  });

  test("a 200 breaking the response schema is a NoxInvalidResponseError; unknown fields pass", async () => {
    const nox = await clientFor(
      json(200, { ...LINK_SESSION, link_url: 5 }),
      json(200, { ...LINK_SESSION, extra: 1 }),
    );
    const error = (await callOperation(nox, GET_LINK_SESSION, { link_token: "a" }).catch(
      (e: unknown) => e,
    )) as NoxServerError;
    expect(error).toBeInstanceOf(NoxInvalidResponseError);
    expect(error.message).toMatch(/200 with a body without a valid link_url.*It was not retried/);
    await expect(callOperation(nox, GET_LINK_SESSION, { link_token: "a" })).resolves.toMatchObject({
      extra: 1,
    });
  });
});

describe("parameters in every location", () => {
  test("path, query (repeated for a list) and header parameters, and params.body as the JSON body", async () => {
    const nox = await clientFor(json(200, {}));
    const params = { id: 7, limit: 10, tag: ["a b", "c&d"], "x-trace": "t-1", body: { q: "heat" } };
    await expect(callOperation(nox, SEARCH, params)).resolves.toBeUndefined();
    const [seen] = server!.requests;
    expect(seen).toMatchObject({ method: "POST", url: "/v2/things/7/search?limit=10&tag=a+b&tag=c%26d" });
    expect(seen!.headers["x-trace"]).toBe("t-1");
    expect(JSON.parse(seen!.body)).toEqual({ q: "heat" });
  });

  test.each([
    ["a query below its minimum", { id: 1, limit: 0, body: { q: "" } }, /limit: must be at least 1/],
    [
      "a header breaking its pattern",
      { id: 1, "x-trace": "A\r\nx-api-key: z", body: { q: "q" } },
      /x-trace: must match/,
    ],
    ["a missing body", { id: 1 }, /body: is required/],
    [
      "a body field typo",
      { id: 1, body: { query: "q" } },
      /body\.q: is required.*\n.*body\.query: is not a field/,
    ],
    ["a fractional path integer", { id: 1.5, body: { q: "q" } }, /id: must be an integer/],
  ])("%s is a NoxValidationError, nothing sent", async (_, params, message) => {
    const nox = await clientFor(json(200, {}));
    const error = await callOperation(nox, SEARCH, params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoxValidationError);
    expect((error as Error).message).toMatch(message);
    expect(server!.requests).toHaveLength(0);
  });

  test("a header parameter may never set the key or the framing, even from a hand-made descriptor", async () => {
    const { body: _body, ...withoutBody } = SEARCH;
    const hostile: NoxOperation = {
      ...withoutBody,
      validators: {
        params: compileValidator({ type: "object", properties: { "x-api-key": { type: "string" } } }),
        responses: {},
      },
      parameters: [{ name: "x-api-key", in: "header", required: false, style: "simple", explode: false }],
      bodyOnly: false,
      path: "/things",
    };
    const nox = await clientFor(json(200, {}));
    const error = await callOperation(nox, hostile, { "x-api-key": "attacker" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoxValidationError);
    expect(server!.requests).toHaveLength(0);
  });
});

describe("the generated table", () => {
  test("createLinkSession and createSupplierLinkSession both name createSupplierLinkSession", () => {
    expect(METHOD_NAMES).toMatchObject({
      createLinkSession: "createSupplierLinkSession",
      createSupplierLinkSession: "createSupplierLinkSession",
    });
    expect(Object.isFrozen(OPERATIONS.createSupplierLinkSession)).toBe(true);
  });

  test("createSupplierLinkSession behaves like createLinkSession: same request, same validation", async () => {
    const nox = await clientFor(created);
    await expect(nox.createSupplierLinkSession(BODY)).resolves.toEqual(LINK_SESSION);
    await expect(nox.createLinkSession(BODY)).resolves.toEqual(LINK_SESSION);
    const [a, b] = server!.requests;
    expect(a).toMatchObject({ method: b!.method, url: b!.url, body: b!.body });
    const bad = { ...BODY, asset_type: "hp", brand: "sma" } as never;
    const e1 = await nox.createSupplierLinkSession(bad).catch((e: Error) => e.message);
    const e2 = await nox.createLinkSession(bad).catch((e: Error) => e.message);
    expect(e1).toBe(e2);
    expect(e1).toMatch(/brand/);
    expect(server!.requests).toHaveLength(2);
  });

  test.each(HTTP_METHODS)("nox.%s exists and refuses redirect: follow", async (verb) => {
    const nox = await clientFor(created);
    const send = nox[verb] as (path: string, init: RequestInit) => Promise<unknown>;
    const error = await send("/supplier/link-sessions", { redirect: "follow" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoxConfigurationError);
    expect((error as Error).message).toMatch(`nox.${verb} does not take redirect: "follow"`);
    expect(server!.requests).toHaveLength(0);
  });
});
