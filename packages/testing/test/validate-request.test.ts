import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { validateLinkSessionRequest } from "../src/index.js";

const VALID = { user_id: "u-1", asset_type: "hp", redirect_url: "https://supplier.example/back" } as const;
const REQUIRED = ["user_id", "redirect_url", "asset_type"] as const;

describe("validateLinkSessionRequest accepts what the spec allows", () => {
  test.each([
    ["the required fields only", VALID],
    ["brand: null (the spec's $ref with a sibling nullable)", { ...VALID, brand: null }],
    ["a brand valid for the asset type", { ...VALID, brand: "daikin" }],
    ["a PV brand for pv", { ...VALID, asset_type: "pv", brand: "solaredge" }],
    ["every language", { ...VALID, language: "es" }],
    [
      "an http redirect_url with a port and query",
      { ...VALID, redirect_url: "http://localhost:3000/cb?x=1" },
    ],
  ])("%s", (_name, body) => {
    expect(validateLinkSessionRequest(body)).toEqual({ ok: true, value: body });
  });
});

describe("validateLinkSessionRequest rejects with the spec's message style", () => {
  test.each([
    ["the spec's own example", { asset_type: "hp" }, "Missing required fields: user_id, redirect_url"],
    ["an empty object", {}, "Missing required fields: user_id, redirect_url, asset_type"],
    ["an array", [VALID], "Request body must be a JSON object"],
    ["null", null, "Request body must be a JSON object"],
    ["a string", "hello", "Request body must be a JSON object"],
    [
      "brand: 123",
      { ...VALID, brand: 123 },
      /^Invalid brand 123: expected one of the brands for asset_type hp: alpha-innotec, .*daikin.* or null$/,
    ],
    [
      "an unknown brand",
      { ...VALID, brand: "acme" },
      /^Invalid brand "acme": expected one of the brands for asset_type hp: /,
    ],
    [
      "an unknown brand with an unknown asset type",
      { ...VALID, asset_type: "ev", brand: "acme" },
      /Invalid brand "acme": expected one of the spec's 56 values or null; Invalid asset_type "ev": expected one of hp, pv$/,
    ],
    [
      // The one brand rule's message (enums' brandRuleIssue, the client's too: issue #14, decision 4).
      "a brand for another asset type",
      { ...VALID, asset_type: "pv", brand: "daikin" },
      /^"daikin" is not a brand for asset_type "pv"; use one of "alpha-ess", .*"sma".* or null$/,
    ],
    [
      // Refused since issue #14 (decision 3): client and fake share the request validators, which refuse them.
      "fields the spec does not name",
      { ...VALID, extra: true, brnd: "daikin" },
      "Unknown fields: extra, brnd (did you mean brand?)",
    ],
    ["a blank user_id", { ...VALID, user_id: " " }, 'Invalid user_id " ": expected a non-empty string'],
    [
      "an unknown asset type",
      { ...VALID, asset_type: "ev" },
      'Invalid asset_type "ev": expected one of hp, pv',
    ],
    [
      "an unknown language",
      { ...VALID, language: "de" },
      'Invalid language "de": expected one of nl, en, fr, es',
    ],
    [
      "language: null (Language is not nullable)",
      { ...VALID, language: null },
      "Invalid language null: expected one of nl, en, fr, es",
    ],
    ["a number user_id", { ...VALID, user_id: 42 }, "Invalid user_id 42: expected a string"],
    [
      "a relative redirect_url",
      { ...VALID, redirect_url: "/back" },
      'Invalid redirect_url "/back": expected an absolute http(s) URL',
    ],
    [
      "a redirect_url with a leading space (the client refuses it too)",
      { ...VALID, redirect_url: " https://supplier.example/back" },
      'Invalid redirect_url " https://supplier.example/back": expected an absolute http(s) URL',
    ],
    [
      "a javascript: redirect_url",
      { ...VALID, redirect_url: "javascript:alert(1)" },
      /^Invalid redirect_url "javascript:alert\(1\)"/,
    ],
    [
      "a missing field and an invalid one",
      { user_id: "u", asset_type: "ev" },
      'Missing required fields: redirect_url; Invalid asset_type "ev": expected one of hp, pv',
    ],
    [
      "a huge value, cut short",
      { ...VALID, user_id: 7, language: "x".repeat(500) },
      /^Invalid user_id 7: expected a string; Invalid language "x{56}\.\.\.: expected/,
    ],
  ] as const)("%s", (_name, body, error) => {
    const result = validateLinkSessionRequest(body);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatch(typeof error === "string" ? new RegExp(`^${escape(error)}$`) : error);
  });

  test("names exactly the missing required fields, in the spec's order (property)", () => {
    fc.assert(
      fc.property(fc.subarray([...REQUIRED]), (kept) => {
        const body = Object.fromEntries(kept.map((field) => [field, VALID[field]]));
        const missing = REQUIRED.filter((field) => !kept.includes(field));
        const result = validateLinkSessionRequest(body);
        if (missing.length === 0) expect(result.ok).toBe(true);
        else expect(result).toEqual({ ok: false, error: `Missing required fields: ${missing.join(", ")}` });
      }),
    );
  });

  test("never throws, whatever JSON it is given (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const result = validateLinkSessionRequest(body);
        if (!result.ok) expect(result.error).not.toBe("");
      }),
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
