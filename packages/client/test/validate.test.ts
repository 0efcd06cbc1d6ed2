import fc from "fast-check";
import { ASSET_TYPES, BRANDS, BRANDS_BY_ASSET_TYPE, LANGUAGES } from "@nox-energy/authenticator-enums";
import type { CheckedCreateLinkSessionRequest } from "@nox-energy/authenticator-types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createNoxClient,
  NoxInvalidResponseError,
  NoxValidationError,
  type NoxClient,
} from "../src/index.js";
import { created, json, LINK_SESSION, startFaultServer, type FaultServer } from "./fault-server.js";

const VALID = { user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" } as const;

let server: FaultServer;
let nox: NoxClient;
beforeAll(async () => {
  server = await startFaultServer(created);
  nox = createNoxClient({ apiKey: "nox_test_4b1d9c", baseUrl: server.baseUrl, maxRetries: 0 });
});
afterAll(() => server.close());

/** The issues a body is refused with; fails the test when the body is accepted. */
async function issuesOf(body: unknown): Promise<{ field: string; message: string }[]> {
  const before = server.requests.length;
  const error = await nox.createLinkSession(body as CheckedCreateLinkSessionRequest).then(
    () => {
      throw new Error(`accepted: ${JSON.stringify(body)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NoxValidationError);
  expect(server.requests.length).toBe(before);
  return [...(error as NoxValidationError).issues];
}

describe("bad input is refused before sending, naming every bad field and why", () => {
  test.each<[string, { given: unknown; want: [string, RegExp][] }]>([
    ["not an object", { given: "u-1", want: [["body", /must be an object/]] }],
    ["null", { given: null, want: [["body", /got null/]] }],
    ["an array", { given: [VALID], want: [["body", /must be an object/]] }],
    [
      "an empty object",
      {
        given: {},
        want: [
          ["user_id", /is required/],
          ["asset_type", /is required: one of "hp", "pv" \(got undefined\)/],
          ["redirect_url", /is required: an absolute http\(s\) URL/],
        ],
      },
    ],
    [
      "an empty user_id",
      { given: { ...VALID, user_id: "" }, want: [["user_id", /non-empty string \(got ""\)/]] },
    ],
    ["a blank user_id", { given: { ...VALID, user_id: "   " }, want: [["user_id", /non-empty/]] }],
    [
      "an object user_id with a hostile toString",
      { given: { ...VALID, user_id: { toString: {} } }, want: [["user_id", /got an object/]] },
    ],
    ["a numeric user_id", { given: { ...VALID, user_id: 42 }, want: [["user_id", /got 42/]] }],
    ["an unknown asset_type", { given: { ...VALID, asset_type: "ev" }, want: [["asset_type", /got "ev"/]] }],
    [
      "a relative redirect_url",
      { given: { ...VALID, redirect_url: "/cb" }, want: [["redirect_url", /got "\/cb"/]] },
    ],
    [
      "a redirect_url with a leading space",
      { given: { ...VALID, redirect_url: " https://a.example/cb" }, want: [["redirect_url", /http\(s\)/]] },
    ],
    [
      "a redirect_url with a newline",
      { given: { ...VALID, redirect_url: "https://a.example/c\nb" }, want: [["redirect_url", /http\(s\)/]] },
    ],
    [
      "a javascript: redirect_url",
      { given: { ...VALID, redirect_url: "javascript:alert(1)" }, want: [["redirect_url", /http\(s\)/]] },
    ],
    [
      "an unknown brand",
      {
        given: { ...VALID, brand: "acme" },
        want: [["brand", /one of the spec's brands, or null \(got "acme"\)/]],
      },
    ],
    [
      "a PV brand for a heat pump",
      {
        given: { ...VALID, brand: "solaredge" },
        want: [
          [
            "brand",
            /"solaredge" is not a brand for asset_type "hp"; use one of .*"daikin".* or null .*checkBrandForAssetType: false/,
          ],
        ],
      },
    ],
    [
      "a language outside the enum",
      { given: { ...VALID, language: "de" }, want: [["language", /one of "nl", "en", "fr", "es"/]] },
    ],
    ["language: null", { given: { ...VALID, language: null }, want: [["language", /got null/]] }],
    [
      "a misspelled field",
      {
        given: { ...VALID, redirectUrl: "https://a.example" },
        want: [["redirectUrl", /not a field of the request .*check its spelling/]],
      },
    ],
  ])("%s", async (_name, { given, want }) => {
    const issues = await issuesOf(given);
    expect(issues.map((i) => i.field)).toEqual(want.map(([field]) => field));
    want.forEach(([, message], i) => expect(issues[i]?.message).toMatch(message));
  });

  test("the message lists every issue and says nothing was sent", async () => {
    const error = await nox
      .createLinkSession({ ...VALID, user_id: "", brand: "acme" } as never)
      .catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      /^Invalid createLinkSession request; nothing was sent\. Fix these fields:\n {2}- user_id: .*\n {2}- brand: /,
    );
  });
});

describe("valid input is sent", () => {
  test.each<[string, CheckedCreateLinkSessionRequest]>([
    ["the required fields", VALID],
    ["brand: null", { ...VALID, brand: null }],
    ["every field", { ...VALID, brand: "daikin", language: "fr" }],
    ["an http redirect_url", { ...VALID, redirect_url: "http://localhost:3000/cb" }],
  ])("%s", async (_name, body) => {
    const before = server.requests.length;
    await nox.createLinkSession(body);
    expect(server.requests.length).toBe(before + 1);
  });

  test("checkBrandForAssetType: false turns off only the brand-per-asset-type rule", async () => {
    const lenient = createNoxClient({ apiKey: "k", baseUrl: server.baseUrl, checkBrandForAssetType: false });
    await expect(lenient.createLinkSession({ ...VALID, brand: "solaredge" })).resolves.toBeDefined();
    await expect(lenient.createLinkSession({ ...VALID, brand: "acme" } as never)).rejects.toThrow(
      NoxValidationError,
    );
  });
});

describe("property: any invalid input throws NoxValidationError and the server sees no request", () => {
  const validBody = fc.constantFrom(...ASSET_TYPES).chain((asset_type) =>
    fc.record(
      {
        user_id: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
        asset_type: fc.constant(asset_type),
        // Built from parts: fc.webUrl takes seconds to set up, which pushed this past its timeout under load.
        redirect_url: fc
          .tuple(
            fc.constantFrom("http", "https"),
            fc.stringMatching(/^[a-z][a-z0-9]{0,9}(\.[a-z][a-z0-9]{0,9}){0,2}$/),
            fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,20}$/),
          )
          .filter(([, , path]) => !/%(?![0-9A-Fa-f]{2})/.test(path))
          .map(([scheme, host, path]) => `${scheme}://${host}/${path}`),
        brand: fc.option(fc.constantFrom(...BRANDS_BY_ASSET_TYPE[asset_type])),
        language: fc.constantFrom(...LANGUAGES),
      },
      { requiredKeys: ["user_id", "asset_type", "redirect_url"] },
    ),
  );
  const notIn = (values: readonly unknown[]) =>
    fc.anything().filter((v) => !values.includes(v) && v !== undefined);
  // Each breaks exactly one rule of an otherwise valid body.
  const breakage = fc.oneof(
    fc.record({
      field: fc.constant("user_id"),
      value: fc.oneof(fc.constant(""), fc.constant(" "), fc.integer(), fc.constant(null)),
    }),
    fc.record({ field: fc.constant("asset_type"), value: notIn(ASSET_TYPES) }),
    fc.record({
      field: fc.constant("redirect_url"),
      value: fc.oneof(
        fc.string().filter((s) => !/^https?:\/\/./i.test(s)),
        fc.integer(),
      ),
    }),
    fc.record({ field: fc.constant("brand"), value: notIn([...BRANDS, null]) }),
    fc.record({ field: fc.constant("language"), value: notIn(LANGUAGES) }),
    fc.record({ field: fc.constantFrom("userId", "assetType", "redirectUrl", "lang"), value: fc.anything() }),
  );

  test("one broken field", async () => {
    await fc.assert(
      fc.asyncProperty(validBody, breakage, async (body, { field, value }) => {
        const issues = await issuesOf({ ...body, [field]: value });
        expect(issues.map((i) => i.field)).toContain(field);
      }),
      { numRuns: 300 },
    );
  });

  test("a required field left out", async () => {
    await fc.assert(
      fc.asyncProperty(
        validBody,
        fc.constantFrom("user_id", "asset_type", "redirect_url"),
        async (body, field) => {
          const { [field as keyof typeof body]: _dropped, ...rest } = body;
          expect((await issuesOf(rest)).map((i) => i.field)).toEqual([field]);
        },
      ),
      { numRuns: 100 },
    );
  });

  test("a brand of the other asset type", async () => {
    await fc.assert(
      fc.asyncProperty(validBody, async (body) => {
        const other = body.asset_type === "hp" ? "pv" : "hp";
        const foreign = BRANDS_BY_ASSET_TYPE[other].filter(
          (b) => !(BRANDS_BY_ASSET_TYPE[body.asset_type] as readonly string[]).includes(b),
        );
        fc.pre(foreign.length > 0);
        expect((await issuesOf({ ...body, brand: foreign[0] })).map((i) => i.field)).toEqual(["brand"]);
      }),
      { numRuns: 50 },
    );
  });

  test("and every generated valid body is sent", async () => {
    await fc.assert(
      fc.asyncProperty(validBody, async (body) => {
        const before = server.requests.length;
        await nox.createLinkSession(body as CheckedCreateLinkSessionRequest);
        expect(server.requests.length).toBe(before + 1);
      }),
      { numRuns: 50 },
    );
  });
});

describe("the checks follow the spec's schemas (issue #8 items 8, 9, 16)", () => {
  test.each<[string, { given: Record<string, unknown>; want: [string, RegExp] }]>([
    [
      "a value given outside the enum is not called missing",
      {
        given: { ...VALID, asset_type: "ev" },
        want: ["asset_type", /^must be one of "hp", "pv" \(got "ev"\)$/],
      },
    ],
    [
      "a misspelled field gets the nearest name",
      {
        given: { ...VALID, redirectUrl: "https://a.example" },
        want: ["redirectUrl", /check its spelling: did you mean "redirect_url"\?$/],
      },
    ],
    [
      "a misspelling by one letter",
      { given: { ...VALID, langauge: "en" }, want: ["langauge", /did you mean "language"\?$/] },
    ],
  ])("%s", async (_name, { given, want }) => {
    const issues = await issuesOf(given);
    expect(issues.map((i) => [i.field, i.message])).toEqual([[want[0], expect.stringMatching(want[1])]]);
  });

  test("a field far from every name gets no guess", async () => {
    const [issue] = await issuesOf({ ...VALID, colour: "red" });
    expect(issue?.message).toMatch(/check its spelling$/);
  });

  // #8 item 9: format uri means isHttpUrl, so every URL the browser and the server could read as
  // different hosts is refused before sending.
  test.each([
    ["a backslash before @", "https://evil.example\\@good.example/"],
    ["credentials", "https://user@good.example/"],
    ["a pipe", "https://app.example/a|b"],
    ["braces", "https://app.example/{cb}"],
    ["a raw IDN host", "https://bücher.example/cb"],
    ["a space inside", "https://app.example/c b"],
    ["an empty string", ""],
  ])("redirect_url with %s is refused", async (_name, url) => {
    const issues = await issuesOf({ ...VALID, redirect_url: url });
    expect(issues.map((i) => i.field)).toEqual(["redirect_url"]);
    expect(issues[0]?.message).toMatch(/^must be an absolute http\(s\) URL/);
  });

  test("an IDN host in its xn-- form is sent", async () => {
    const before = server.requests.length;
    await nox.createLinkSession({ ...VALID, redirect_url: "https://xn--bcher-kva.example/cb" });
    expect(server.requests.length).toBe(before + 1);
  });
});

describe("the link session in a 201 is checked against the spec's response schema", () => {
  let body: unknown = LINK_SESSION;
  let answering: FaultServer;
  let client: NoxClient;
  beforeAll(async () => {
    answering = await startFaultServer((res, req) => json(201, body)(res, req));
    client = createNoxClient({ apiKey: "nox_test_4b1d9c", baseUrl: answering.baseUrl, maxRetries: 0 });
  });
  afterAll(() => answering.close());

  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      "a javascript: link_url",
      { link_url: "javascript:alert(1)" },
      /link_url must be an absolute http\(s\) URL/,
    ],
    ["an empty link_url", { link_url: "" }, /link_url must be an absolute http\(s\) URL.*\(got ""\)/],
    ["a fractional created_at", { created_at: 1.5 }, /created_at must be an integer \(got 1\.5\)/],
    ["a completed_at that is not a time", { completed_at: "no" }, /completed_at must be an integer, or null/],
    ["a numeric brand", { brand: 5 }, /brand must be .*, or null \(got 5\)/],
    ["a missing link_token", { link_token: undefined }, /link_token is required/],
    ["a null expires_at", { expires_at: null }, /expires_at must be an integer \(got null\)/],
  ])("%s is a NoxInvalidResponseError", async (_name, change, message) => {
    body = { ...LINK_SESSION, ...change };
    const error = await client.createLinkSession(VALID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoxInvalidResponseError);
    expect((error as Error).message).toMatch(message);
  });

  // Unknown fields and enum values pass: a brand or language added upstream must not break a deployed
  // service. The spec gives expires_at no minimum, so any integer is accepted.
  test.each<[string, Record<string, unknown>]>([
    ["a brand outside today's enum", { brand: "new-brand-2027" }],
    ["a language outside today's enum", { language: "de" }],
    ["an unknown field", { region: "eu" }],
    ["completed_at null", { completed_at: null }],
    ["completed_at left out", { completed_at: undefined }],
    ["a completed_at time", { completed_at: 1703123999 }],
    ["a negative expires_at (no minimum in the spec)", { expires_at: -7 }],
  ])("%s is accepted", async (_name, change) => {
    body = { ...LINK_SESSION, ...change };
    await expect(client.createLinkSession(VALID)).resolves.toEqual(JSON.parse(JSON.stringify(body)));
  });
});
