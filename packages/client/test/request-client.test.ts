// The `middleware` option: openapi-fetch middleware on every attempt of every call, and the key kept
// to the base URL's origin whatever the middleware does to the request.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Middleware } from "openapi-fetch";
import { describe, expect, test } from "vitest";
import {
  createNoxClient,
  NoxConfigurationError,
  NoxServerError,
  type NoxClientOptions,
} from "../src/index.js";
import { created, flood, json, LINK_SESSION, useFaultServers } from "./fault-server.js";

const KEY = "nox_mw_test_29c1";
const BODY = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;
const FAST = { backoff: { initialDelayMs: 1, maxDelayMs: 5 } } satisfies NoxClientOptions;

const { serve, track } = useFaultServers();

/** A server on 127.0.0.2, a second loopback host (another origin than 127.0.0.1), answering 201. */
async function serveElsewhere(): Promise<{ origin: string; requests: IncomingHttpHeaders[] }> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    req
      .resume()
      .on("end", () =>
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(LINK_SESSION)),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
  track({
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  return { origin: `http://127.0.0.2:${(server.address() as AddressInfo).port}`, requests };
}

/** A middleware that records what it sees: each request's URL and key header, each response's status. */
function recorder() {
  const seen: string[] = [];
  const middleware: Middleware = {
    onRequest({ request }) {
      seen.push(
        `request ${request.method} ${new URL(request.url).pathname} key=${request.headers.get("x-api-key")}`,
      );
    },
    onResponse({ request, response }) {
      seen.push(`response ${response.status} key=${request.headers.get("x-api-key")}`);
    },
    onError({ request }) {
      seen.push(`error key=${request.headers.get("x-api-key")}`);
    },
  };
  return { seen, middleware };
}

describe("the middleware option", () => {
  test("runs on every attempt of createLinkSession, retries included, and never sees the key", async () => {
    const server = await serve(json(503, { error: "down" }), json(503, { error: "down" }), created);
    const { seen, middleware } = recorder();
    const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, ...FAST, middleware: [middleware] });
    expect(await nox.createLinkSession(BODY)).toEqual(LINK_SESSION);
    const attempt = (status: number) => [
      "request POST /v2/supplier/link-sessions key=null",
      `response ${status} key=null`,
    ];
    expect(seen).toEqual([...attempt(503), ...attempt(503), ...attempt(201)]);
    expect(server.requests.map((r) => r.headers["x-api-key"])).toEqual([KEY, KEY, KEY]);
    expect(server.requests.map((r) => JSON.parse(r.body) as unknown)).toEqual([BODY, BODY, BODY]);
  });

  test("sees a connection failure through onError, and the retry after it", async () => {
    const down = await serve(created);
    await down.close();
    const { seen, middleware } = recorder();
    const nox = createNoxClient({
      apiKey: KEY,
      baseUrl: down.baseUrl,
      ...FAST,
      maxRetries: 1,
      middleware: [middleware],
    });
    await expect(nox.createLinkSession(BODY)).rejects.toThrow(/Could not reach NOX/);
    expect(seen).toEqual([
      "request POST /v2/supplier/link-sessions key=null",
      "error key=null",
      "request POST /v2/supplier/link-sessions key=null",
      "error key=null",
    ]);
  });

  test("runs on nox.POST too", async () => {
    const server = await serve(created);
    const { seen, middleware } = recorder();
    const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, middleware: [middleware] });
    const { data } = await nox.POST("/supplier/link-sessions", { body: BODY });
    expect(data).toEqual(LINK_SESSION);
    expect(seen).toEqual(["request POST /v2/supplier/link-sessions key=null", "response 201 key=null"]);
    expect(server.requests[0]?.headers["x-api-key"]).toBe(KEY);
  });

  test("a middleware that sends the request to another loopback host does not take the key there", async () => {
    const home = await serve(created);
    const elsewhere = await serveElsewhere();
    const redirect: Middleware = {
      onRequest({ request }) {
        return new Request(request.url.replace(home.origin, elsewhere.origin), request);
      },
    };
    const nox = createNoxClient({ apiKey: KEY, baseUrl: home.baseUrl, middleware: [redirect] });
    expect(await nox.createLinkSession(BODY)).toEqual(LINK_SESSION);
    await nox.POST("/supplier/link-sessions", { body: BODY });
    expect(home.requests).toEqual([]);
    expect(elsewhere.requests).toHaveLength(2);
    for (const headers of elsewhere.requests) {
      expect(headers.host).toBe(new URL(elsewhere.origin).host);
      expect(headers["x-api-key"]).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(KEY);
    }
  });

  test("a call's own middleware on nox.POST cannot take the key elsewhere either", async () => {
    const home = await serve(created);
    const elsewhere = await serveElsewhere();
    const nox = createNoxClient({ apiKey: KEY, baseUrl: home.baseUrl });
    const redirect: Middleware = {
      onRequest: ({ request }) => new Request(request.url.replace(home.origin, elsewhere.origin), request),
    };
    await nox.POST("/supplier/link-sessions", { body: BODY, middleware: [redirect] });
    expect(elsewhere.requests).toHaveLength(1);
    expect(elsewhere.requests[0]?.["x-api-key"]).toBeUndefined();
    expect(home.requests).toEqual([]);
  });

  test("a middleware that rewrites the path on the same origin keeps the key", async () => {
    const server = await serve(created);
    const rewrite: Middleware = {
      onRequest: ({ request }) => new Request(request.url.replace("/v2/", "/v2/tenant-a/"), request),
    };
    const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, middleware: [rewrite] });
    await nox.createLinkSession(BODY);
    expect(server.requests[0]?.url).toBe("/v2/tenant-a/supplier/link-sessions");
    expect(server.requests[0]?.headers["x-api-key"]).toBe(KEY);
  });

  test("a middleware's own Response short-circuits the attempt, and errors map as usual", async () => {
    const server = await serve(created);
    const answer: Middleware = {
      onRequest: () => Response.json({ error: "from middleware" }, { status: 503 }),
    };
    const nox = createNoxClient({
      apiKey: KEY,
      baseUrl: server.baseUrl,
      ...FAST,
      maxRetries: 1,
      middleware: [answer],
    });
    const error = await nox.createLinkSession(BODY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoxServerError);
    expect((error as NoxServerError).attempts).toBe(2);
    expect(server.requests).toEqual([]);
  });

  test("with middleware, an error body is still read only up to maxResponseBytes", async () => {
    const { fault, sent } = flood(502, 64 * 1024 * 1024, "<html>");
    const server = await serve(fault);
    const { seen, middleware } = recorder();
    const nox = createNoxClient({
      apiKey: KEY,
      baseUrl: server.baseUrl,
      maxRetries: 0,
      middleware: [middleware],
    });
    const error = await nox.createLinkSession(BODY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoxServerError);
    expect(seen).toContain("response 502 key=null");
    // The client stopped reading near the cap; a buffered body would have pulled all 64 MiB.
    expect(sent()).toBeLessThan(16 * 1024 * 1024);
  });

  test("a middleware that asks to follow redirects cannot send the key to where a 3xx points", async () => {
    const elsewhere = await serveElsewhere();
    const server = await serve((res) =>
      res.writeHead(307, { location: `${elsewhere.origin}/v2/supplier/link-sessions` }).end(),
    );
    const follow: Middleware = { onRequest: ({ request }) => new Request(request, { redirect: "follow" }) };
    const nox = createNoxClient({
      apiKey: KEY,
      baseUrl: server.baseUrl,
      maxRetries: 0,
      middleware: [follow],
    });
    await expect(nox.createLinkSession(BODY)).rejects.toMatchObject({ status: 307 });
    await nox.POST("/supplier/link-sessions", { body: BODY, middleware: [follow] });
    expect(server.requests).toHaveLength(2);
    expect(elsewhere.requests).toEqual([]);
  });

  test.each([
    ["not an array", { onRequest() {} }],
    ["an entry without a hook", [{}]],
    ["a null entry", [null]],
    ["a function", [() => {}]],
  ])("%s is a configuration error at creation", (_name, middleware) => {
    const create = () => createNoxClient({ apiKey: KEY, middleware: middleware as unknown as Middleware[] });
    expect(create).toThrow(NoxConfigurationError);
    expect(create).toThrow(/^middleware must be an array of openapi-fetch middleware objects/);
  });
});
