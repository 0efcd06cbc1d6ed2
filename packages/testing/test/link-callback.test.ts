import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { LinkCallback } from "@nox-energy/authenticator-types";
import { encodeLinkCallback, withCallbackData } from "../src/curated/link-session/link-callback.js";

const callback = fc.record({
  nox_user_id: fc.string(),
  supplier_user_id: fc.string(),
  brand: fc.string(),
  device_ids: fc.array(fc.string()),
  connected_at: fc.integer({ min: 0 }),
}) satisfies fc.Arbitrary<LinkCallback>;

describe("encodeLinkCallback", () => {
  test("is base64url JSON without padding that decodes to the callback, for any text (property)", () => {
    fc.assert(
      fc.property(callback, (value) => {
        const data = encodeLinkCallback(value);
        expect(data).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(JSON.parse(Buffer.from(data, "base64url").toString("utf8"))).toEqual(value);
      }),
    );
  });
});

describe("withCallbackData", () => {
  test.each([
    ["no query", "https://a.example/cb", "https://a.example/cb?data=D"],
    ["a query", "https://a.example/cb?x=1", "https://a.example/cb?x=1&data=D"],
    ["an empty query", "https://a.example/cb?", "https://a.example/cb?data=D"],
    ["a query that is a question mark", "https://a.example/cb??", "https://a.example/cb??&data=D"],
    ["a trailing &", "https://a.example/cb?x=1&", "https://a.example/cb?x=1&data=D"],
    ["a fragment", "https://a.example/cb?x=a%20b#f?g", "https://a.example/cb?x=a%20b&data=D#f?g"],
    ["no path", "https://a.example", "https://a.example?data=D"],
  ])("%s", (_name, url, want) => {
    expect(withCallbackData(url, "D")).toBe(want);
  });

  test("keeps the URL's own query parameters as written, and data reads back (property)", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const result = withCallbackData(url, "D");
        const hash = url.indexOf("#");
        expect(result.startsWith(hash === -1 ? url : url.slice(0, hash))).toBe(true);
        expect(new URL(result).searchParams.getAll("data").at(-1)).toBe("D");
      }),
      { numRuns: 50 },
    );
    // fc.webUrl is slow to generate; a generous bound for a loaded machine, not a timing assertion.
  }, 30_000);
});
