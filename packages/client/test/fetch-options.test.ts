import { describe, expect, test } from "vitest";
import { createNoxClient, NoxConfigurationError, type NoxFetchOptions } from "../src/index.js";
import { created, startFaultServer } from "./fault-server.js";

const body = { user_id: "u-1", asset_type: "pv", redirect_url: "https://app.example/cb" } as const;

// Issue #16: the proxy advice needed `as RequestInit` for undici's `dispatcher`.
describe("fetchOptions", () => {
  test("reach every fetch under the call's own init: a dispatcher, keepalive; the client's method and signal win", async () => {
    const server = await startFaultServer(created);
    const seen: RequestInit[] = [];
    const dispatcher = { dispatch: () => true }; // what undici's ProxyAgent is to fetch: an opaque object
    try {
      const fetchOptions: NoxFetchOptions = { dispatcher, keepalive: true };
      const nox = createNoxClient({
        apiKey: "k",
        baseUrl: server.baseUrl,
        fetchOptions: { ...fetchOptions, method: "DELETE" } as NoxFetchOptions,
        fetch: (input, init) => {
          seen.push(init ?? {});
          const { dispatcher: _, ...rest } = init as RequestInit & { dispatcher?: unknown };
          return globalThis.fetch(input, rest);
        },
      });
      await nox.createLinkSession(body);
      expect(seen).toHaveLength(1);
      expect((seen[0] as { dispatcher?: unknown }).dispatcher).toBe(dispatcher);
      expect(seen[0]!.keepalive).toBe(true);
      expect(seen[0]!.method).toBe("POST");
      expect(seen[0]!.signal).toBeInstanceOf(AbortSignal);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  test("must be an object", () => {
    expect(() => createNoxClient({ apiKey: "k", fetchOptions: "proxy" as never })).toThrow(
      NoxConfigurationError,
    );
  });
});
