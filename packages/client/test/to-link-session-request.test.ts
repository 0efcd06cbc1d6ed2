import fc from "fast-check";
import { ASSET_TYPES, BRANDS, LANGUAGES, brandsFor } from "@nox-energy/authenticator-enums";
import { describe, expect, expectTypeOf, test } from "vitest";
import {
  createNoxClient,
  NoxValidationError,
  safeLinkSessionRequest,
  toLinkSessionRequest,
  type CheckedCreateLinkSessionRequest,
} from "../src/index.js";

const VALID = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;

/** The issues `toLinkSessionRequest` throws with; fails the test when it returns. */
function issuesOf(input: unknown): { field: string; message: string }[] {
  try {
    toLinkSessionRequest(input);
  } catch (error) {
    expect(error).toBeInstanceOf(NoxValidationError);
    return [...(error as NoxValidationError).issues];
  }
  throw new Error(`accepted: ${JSON.stringify(input)}`);
}

describe("toLinkSessionRequest", () => {
  test.each<[string, { given: Record<string, unknown> }]>([
    ["the required fields", { given: { ...VALID } }],
    ["a brand of its asset type", { given: { ...VALID, asset_type: "pv", brand: "solaredge" } }],
    ["brand null and a language", { given: { ...VALID, brand: null, language: "fr" } }],
    ["optional fields undefined", { given: { ...VALID, brand: undefined, language: undefined } }],
  ])("returns %s as a fresh copy, typed CheckedCreateLinkSessionRequest", (_, { given }) => {
    const body = toLinkSessionRequest(given);
    expectTypeOf(body).toEqualTypeOf<CheckedCreateLinkSessionRequest>();
    expect(body).toEqual(given);
    expect(body).not.toBe(given);
  });

  test.each<[string, { given: unknown; want: [string, RegExp][] }]>([
    ["not an object", { given: "u-1", want: [["body", /must be an object/]] }],
    [
      "a missing form field (null from FormData.get)",
      { given: { ...VALID, asset_type: null }, want: [["asset_type", /one of "hp", "pv" \(got null\)/]] },
    ],
    [
      "a PV brand with asset_type hp",
      {
        given: { ...VALID, brand: "solaredge" },
        want: [["brand", /"solaredge" is not a brand for asset_type "hp"; use one of "alpha-innotec"/]],
      },
    ],
    [
      "every problem at once",
      {
        given: { asset_type: "ev", brand: "acme", redirect_url: "javascript:alert(1)", langauge: "en" },
        want: [
          ["user_id", /is required/],
          ["asset_type", /one of "hp", "pv" \(got "ev"\)/],
          ["redirect_url", /http\(s\) URL/],
          ["brand", /one of the spec's brands|got "acme"/],
          ["langauge", /is not a field of the request.*did you mean "language"\?/],
        ],
      },
    ],
  ])("throws a NoxValidationError listing %s", (_, { given, want }) => {
    const issues = issuesOf(given);
    expect(issues.map((i) => i.field).sort()).toEqual(want.map(([field]) => field).sort());
    for (const [field, message] of want)
      expect(issues.find((i) => i.field === field)?.message).toMatch(message);
  });

  test("reads each field once: what it checked is what it returns, whatever a getter does later", () => {
    let reads = 0;
    const input = {
      ...VALID,
      get brand() {
        reads += 1;
        return reads === 1 ? "daikin" : "solaredge";
      },
    };
    expect(toLinkSessionRequest(input).brand).toBe("daikin");
    expect(reads).toBe(1);
  });

  test("its message says nothing was sent, under the method's name", () => {
    expect(() => toLinkSessionRequest({})).toThrow(/^Invalid createLinkSession request; nothing was sent/);
  });
});

describe("safeLinkSessionRequest", () => {
  test("gives { success: true, data } or { success: false, error }, never throwing for bad input", () => {
    expect(safeLinkSessionRequest(VALID)).toEqual({ success: true, data: VALID });
    const result = safeLinkSessionRequest({ ...VALID, brand: "solaredge" });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error).toBeInstanceOf(NoxValidationError);
      expect(result.error.issues.map((i) => i.field)).toEqual(["brand"]);
    }
  });
});

describe("the same rules as the client", () => {
  // Values a form could send: the enums' own, near misses, empty strings and nothing.
  const field = (values: readonly unknown[]) =>
    fc.option(fc.constantFrom(...values, "", "HP", "acme"), { nil: undefined });
  const input = fc.record(
    {
      user_id: field(["u-1", "  "]),
      asset_type: field(ASSET_TYPES),
      brand: field([...BRANDS, null]),
      language: field(LANGUAGES),
      redirect_url: field(["https://app.example/cb", "ftp://x"]),
    },
    { requiredKeys: [] },
  );

  test("toLinkSessionRequest accepts exactly what createLinkSession would send, with the same issues", async () => {
    let sent = 0;
    const nox = createNoxClient({
      apiKey: "k",
      maxRetries: 0,
      fetch: async () => {
        sent += 1;
        return new Response("{}", { status: 500 });
      },
    });
    await fc.assert(
      fc.asyncProperty(input, async (given) => {
        const ours = safeLinkSessionRequest(given);
        const before = sent;
        const theirs = await nox.createLinkSession(given as CheckedCreateLinkSessionRequest).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (ours.success) expect(sent).toBe(before + 1);
        else {
          expect(sent).toBe(before);
          expect(theirs).toBeInstanceOf(NoxValidationError);
          expect((theirs as NoxValidationError).issues).toEqual(ours.error.issues);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("a brand is accepted with an asset type exactly when brandsFor lists it there", () => {
    for (const assetType of ASSET_TYPES)
      for (const brand of BRANDS)
        expect(safeLinkSessionRequest({ ...VALID, asset_type: assetType, brand }).success).toBe(
          brandsFor(assetType).includes(brand),
        );
  });
});
