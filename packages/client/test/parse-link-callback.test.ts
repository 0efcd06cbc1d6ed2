import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  NoxCallbackError,
  NoxConfigurationError,
  parseLinkCallback,
  type LinkCallback,
} from "../src/index.js";

const PAYLOAD: LinkCallback = {
  nox_user_id: "nox-42",
  supplier_user_id: "u-1",
  brand: "daikin",
  device_ids: ["d-1", "d-2"],
  connected_at: 1764072000,
};
const NOW = PAYLOAD.connected_at + 30;

/** base64url of the UTF-8 bytes of `text`, without padding (as NOX sends it), written without Buffer. */
function encode(text: string, pad = false): string {
  const binary = String.fromCharCode(...new TextEncoder().encode(text));
  const base64 = btoa(binary).replace(/\+/g, "-").replace(/\//g, "_");
  return pad ? base64 : base64.replace(/=+$/, "");
}

const data = (value: unknown): string => encode(JSON.stringify(value));

/** The issues a callback is refused with; fails the test when it is accepted or throws anything else. */
function issuesOf(input: Parameters<typeof parseLinkCallback>[0], options = {}): [string, string][] {
  try {
    parseLinkCallback(input, options);
  } catch (error) {
    expect(error).toBeInstanceOf(NoxCallbackError);
    return (error as NoxCallbackError).issues.map((i) => [i.field, i.message]);
  }
  throw new Error(`accepted: ${String(input)}`);
}

describe("parseLinkCallback reads the payload from every input shape", () => {
  const d = data(PAYLOAD);
  test.each<[string, string | URL | URLSearchParams]>([
    ["a callback URL string", `https://app.example/cb?state=s&data=${d}`],
    ["a URL", new URL(`https://app.example/cb?data=${d}#frag`)],
    ["a query string with ?", `?data=${d}`],
    ["a query string without ?", `data=${d}&x=1`],
    ["a path and query", `/cb?data=${d}#x`],
    ["URLSearchParams", new URLSearchParams({ data: d })],
    ["padded base64url", `?data=${encode(JSON.stringify(PAYLOAD), true)}`],
  ])("%s", (_name, input) => {
    expect(parseLinkCallback(input)).toEqual(PAYLOAD);
  });

  test("unknown fields and a brand outside today's enum pass (NOX may add both)", () => {
    const payload = { ...PAYLOAD, brand: "new-brand-2027", extra: { nested: true } };
    expect(parseLinkCallback(`?data=${data(payload)}`)).toEqual(payload);
  });

  test("UTF-8 in the payload survives", () => {
    const payload = { ...PAYLOAD, supplier_user_id: "zoë-😀" };
    expect(parseLinkCallback(`?data=${data(payload)}`, { supplierUserId: "zoë-😀" })).toEqual(payload);
  });
});

describe("a bad callback throws NoxCallbackError naming what is wrong", () => {
  test.each<[string, { given: string | URLSearchParams; want: [string, RegExp][] }]>([
    ["no data parameter", { given: "https://app.example/cb?x=1", want: [["data", /is missing/]] }],
    ["an empty query", { given: "", want: [["data", /is missing/]] }],
    ["two data parameters", { given: `?data=${data(PAYLOAD)}&data=x`, want: [["data", /2 times/]] }],
    ["standard base64 '+'", { given: "?data=ab%2Bc", want: [["data", /not base64url/]] }],
    ["standard base64 '/'", { given: "?data=ab/c", want: [["data", /not base64url/]] }],
    ["a bad length", { given: "?data=abcde", want: [["data", /not base64url/]] }],
    ["padding at a bad length", { given: "?data=abc==", want: [["data", /not base64url/]] }],
    ["padding inside", { given: "?data=ab=c", want: [["data", /not base64url/]] }],
    ["an empty data", { given: "?data=", want: [["data", /not JSON/]] }],
    ["not JSON", { given: `?data=${encode("hello")}`, want: [["data", /base64url but not JSON/]] }],
    ["not UTF-8", { given: "?data=_w", want: [["data", /UTF-8/]] }],
    ["JSON that is not an object", { given: `?data=${data([1])}`, want: [["data", /must be an object/]] }],
    ["JSON null", { given: `?data=${data(null)}`, want: [["data", /got null/]] }],
    [
      "an empty object",
      {
        given: `?data=${data({})}`,
        want: ["nox_user_id", "supplier_user_id", "brand", "device_ids", "connected_at"].map((f) => [
          f,
          /is required/,
        ]),
      },
    ],
    [
      "each field of the wrong type",
      {
        given: `?data=${data({ nox_user_id: 1, supplier_user_id: null, brand: 5, device_ids: "d", connected_at: 1.5 })}`,
        want: [
          ["nox_user_id", /must be a string \(got 1\)/],
          ["supplier_user_id", /got null/],
          ["brand", /must be a string \(got 5\)/],
          ["device_ids", /must be an array/],
          ["connected_at", /must be an integer \(got 1\.5\)/],
        ],
      },
    ],
    [
      "a device id that is not a string",
      { given: `?data=${data({ ...PAYLOAD, device_ids: ["a", 2] })}`, want: [["device_ids[1]", /got 2/]] },
    ],
    [
      "a connected_at as a string",
      {
        given: `?data=${data({ ...PAYLOAD, connected_at: "1764072000" })}`,
        want: [["connected_at", /integer/]],
      },
    ],
  ])("%s", (_name, { given, want }) => {
    const issues = issuesOf(given);
    expect(issues.map(([field]) => field)).toEqual(want.map(([field]) => field));
    want.forEach(([, message], i) => expect(issues[i]?.[1]).toMatch(message));
  });

  test("a data parameter over 8 KiB is refused before decoding", () => {
    const big = `?data=${"A".repeat(8193)}`;
    expect(issuesOf(big)).toEqual([["data", expect.stringMatching(/more than 8192; it was not decoded/)]]);
  });

  test("the message says not to trust it and lists the fields", () => {
    expect(() => parseLinkCallback(`?data=${data({ ...PAYLOAD, brand: 5 })}`)).toThrow(
      /^Invalid NOX link callback; do not treat the user as linked\. .*\n {2}- brand: must be a string/,
    );
  });

  test("input of another type", () => {
    expect(issuesOf(42 as never)).toEqual([["input", expect.stringMatching(/got 42/)]]);
    expect(issuesOf({ toString: 1 } as never)).toEqual([["input", expect.stringMatching(/an object/)]]);
  });
});

describe("binding the callback to the user and time", () => {
  const given = `?data=${data(PAYLOAD)}`;
  test.each<[string, { options: object; want: [string, RegExp][] }]>([
    [
      "another user's",
      { options: { supplierUserId: "u-2" }, want: [["supplier_user_id", /not this user's/]] },
    ],
    [
      "too old",
      {
        options: { maxAgeSeconds: 600, now: PAYLOAD.connected_at + 601 },
        want: [["connected_at", /601 s ago, more than maxAgeSeconds \(600\)/]],
      },
    ],
    [
      "in the future beyond the skew",
      {
        options: { maxAgeSeconds: 600, now: PAYLOAD.connected_at - 61 },
        want: [["connected_at", /61 s in the future/]],
      },
    ],
  ])("%s is refused", (_name, { options, want }) => {
    const issues = issuesOf(given, options);
    expect(issues.map(([field]) => field)).toEqual(want.map(([field]) => field));
    want.forEach(([, message], i) => expect(issues[i]?.[1]).toMatch(message));
  });

  test.each([
    ["the same user", { supplierUserId: "u-1" }],
    ["within maxAgeSeconds", { maxAgeSeconds: 600, now: NOW }],
    ["exactly maxAgeSeconds old", { maxAgeSeconds: 600, now: PAYLOAD.connected_at + 600 }],
    ["a little in the future", { maxAgeSeconds: 600, now: PAYLOAD.connected_at - 60 }],
  ])("%s is accepted", (_name, options) => {
    expect(parseLinkCallback(given, options)).toEqual(PAYLOAD);
  });

  test.each([
    [{ supplierUserId: "" }],
    [{ supplierUserId: 5 }],
    [{ maxAgeSeconds: -1 }],
    [{ maxAgeSeconds: Number.NaN }],
    [{ now: Number.POSITIVE_INFINITY }],
  ])("bad options %j are a NoxConfigurationError", (options) => {
    expect(() => parseLinkCallback(given, options as never)).toThrow(NoxConfigurationError);
  });
});

describe("properties", () => {
  const payload = fc.record({
    nox_user_id: fc.string(),
    supplier_user_id: fc.string(),
    brand: fc.string(),
    device_ids: fc.array(fc.string(), { maxLength: 5 }),
    connected_at: fc.integer({ min: 0, max: 4_000_000_000 }),
  });

  test("any valid payload round-trips, padded or not, in every input shape", () => {
    fc.assert(
      fc.property(payload, fc.boolean(), fc.nat(2), (p, pad, shape) => {
        const d = encode(JSON.stringify(p), pad);
        const input = [`https://app.example/cb?data=${d}`, `?data=${d}`, new URLSearchParams({ data: d })][
          shape
        ];
        const options = p.supplier_user_id === "" ? {} : { supplierUserId: p.supplier_user_id };
        expect(parseLinkCallback(input as string, options)).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  /** Parses `input`; anything thrown must be a NoxCallbackError. */
  const onlyCallbackErrors = (input: unknown): void => {
    try {
      parseLinkCallback(input as string);
    } catch (error) {
      if (!(error instanceof NoxCallbackError)) throw error;
    }
  };

  test("junk throws NoxCallbackError and nothing else", () => {
    const junkData = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(..."AZaz09-_=+/%".split("")) }),
      fc.anything().map((v) => data(v)),
      fc.string({ unit: "binary" }).map((s) => encode(s)),
      fc.jsonValue().map((v) => data(v)),
      payload.chain((p) =>
        fc
          .record({ key: fc.constantFrom(...Object.keys(p)), value: fc.anything() })
          .map(({ key, value }) => data({ ...p, [key]: value })),
      ),
    );
    fc.assert(
      fc.property(junkData, (d) => onlyCallbackErrors(`?data=${encodeURIComponent(d)}`)),
      { numRuns: 400 },
    );
    fc.assert(fc.property(fc.string(), onlyCallbackErrors), { numRuns: 200 });
    fc.assert(fc.property(fc.anything(), onlyCallbackErrors), { numRuns: 100 });
  }, 30_000);
});
