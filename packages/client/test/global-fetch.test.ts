// A client made at module load, before a test installs its fetch double (vi.stubGlobal) or MSW starts,
// must still be intercepted: without a `fetch` option it reads globalThis.fetch at each call.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createNoxClient } from "../src/index.js";
import { LINK_SESSION } from "./fault-server.js";

const KEY = "nox_global_fetch_test_8b2f";
const BODY = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;
// Port 9 (discard) on loopback: nothing answers there, so a call that is not intercepted fails.
const BASE_URL = "http://127.0.0.1:9/v2";
const NO_RETRY = { maxRetries: 0, timeoutMs: 5_000 };

// Made before any test runs, as a service's module-level client is.
const nox = createNoxClient({ apiKey: KEY, baseUrl: BASE_URL, ...NO_RETRY });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a client made before vi.stubGlobal('fetch')", () => {
  test("createLinkSession and nox.POST use the stub", async () => {
    const calls: string[] = [];
    vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      calls.push(`${request.method} ${request.url} key=${request.headers.get("x-api-key")}`);
      return Response.json(LINK_SESSION, { status: 201 });
    });
    expect(await nox.createLinkSession(BODY)).toEqual(LINK_SESSION);
    expect((await nox.POST("/supplier/link-sessions", { body: BODY })).data).toEqual(LINK_SESSION);
    const call = `POST ${BASE_URL}/supplier/link-sessions key=${KEY}`;
    expect(calls).toEqual([call, call]);
  });

  test("a fetch given in the options is kept, whatever globalThis.fetch becomes", async () => {
    const own = vi.fn(async () => Response.json(LINK_SESSION, { status: 201 }));
    const withOwn = createNoxClient({ apiKey: KEY, baseUrl: BASE_URL, fetch: own, ...NO_RETRY });
    const stub = vi.fn(async () => Response.json({}, { status: 500 }));
    vi.stubGlobal("fetch", stub);
    await withOwn.createLinkSession(BODY);
    expect(own).toHaveBeenCalledTimes(1);
    expect(stub).not.toHaveBeenCalled();
  });
});

describe("a client made before MSW's server.listen()", () => {
  test("createLinkSession and nox.POST are intercepted", async () => {
    const seen: { key: string | null; body: unknown }[] = [];
    const server = setupServer(
      http.post(`${BASE_URL}/supplier/link-sessions`, async ({ request }) => {
        seen.push({ key: request.headers.get("x-api-key"), body: await request.json() });
        return HttpResponse.json(LINK_SESSION, { status: 201 });
      }),
    );
    server.listen({ onUnhandledRequest: "error" });
    try {
      expect(await nox.createLinkSession(BODY)).toEqual(LINK_SESSION);
      expect((await nox.POST("/supplier/link-sessions", { body: BODY })).data).toEqual(LINK_SESSION);
    } finally {
      server.close();
    }
    expect(seen).toEqual([
      { key: KEY, body: BODY },
      { key: KEY, body: BODY },
    ]);
  });

  test("after server.close(), calls go to the network again (here: refused)", async () => {
    await expect(nox.createLinkSession(BODY)).rejects.toThrow(/Could not reach NOX/);
  });
});
