import createClient from "openapi-fetch";
import type { paths } from "@nox-energy/authenticator-types";
import { describe, expect, test } from "vitest";
import { directFetchOptions } from "../src/direct-fetch.js";

describe("directFetchOptions", () => {
  test("openapi-fetch's request reaches fetch as (url, init): method, headers, body, redirect and signal intact", async () => {
    const calls: [unknown, RequestInit | undefined][] = [];
    const fetch = async (input: string | URL | Request, init?: RequestInit) => {
      calls.push([input, init]);
      return new Response('{"ok":true}', { status: 201, headers: { "content-type": "application/json" } });
    };
    const client = createClient<paths>({
      baseUrl: "https://auth.nox.energy/v2",
      redirect: "manual",
      headers: { "x-api-key": "k" },
      ...directFetchOptions(fetch),
    });
    const signal = new AbortController().signal;
    const body = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;
    const { data, response } = await client.POST("/supplier/link-sessions", {
      body,
      signal,
      parseAs: "text",
    });

    expect(response.status).toBe(201);
    expect(data).toBe('{"ok":true}');
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0] ?? [];
    expect(url).toBe("https://auth.nox.energy/v2/supplier/link-sessions");
    expect(init?.method).toBe("POST");
    expect(init?.redirect).toBe("manual");
    expect(init?.signal).toBe(signal);
    expect(init?.body).toBe(JSON.stringify(body));
    const headers = new Headers(init?.headers);
    expect(headers.get("x-api-key")).toBe("k");
    expect(headers.get("content-type")).toBe("application/json");
  });
});
