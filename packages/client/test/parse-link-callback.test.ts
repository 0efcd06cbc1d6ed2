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
function issuesOf(
  input: Parameters<typeof parseLinkCallback>[0],
  options: object = { acceptAnyUser: true },
): [string, string][] {
  try {
    parseLinkCallback(input, options as never);
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
    expect(parseLinkCallback(input, { supplierUserId: "u-1" })).toEqual(PAYLOAD);
  });

  test("unknown fields and a brand outside today's enum pass (NOX may add both)", () => {
    const payload = { ...PAYLOAD, brand: "new-brand-2027", extra: { nested: true } };
    expect(parseLinkCallback(`?data=${data(payload)}`, { supplierUserId: "u-1" })).toEqual(payload);
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
    expect(() =>
      parseLinkCallback(`?data=${data({ ...PAYLOAD, brand: 5 })}`, { supplierUserId: "u-1" }),
    ).toThrow(
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
        options: { supplierUserId: "u-1", maxAgeSeconds: 600, now: PAYLOAD.connected_at + 601 },
        want: [["connected_at", /601 s ago, more than maxAgeSeconds \(600\)/]],
      },
    ],
    [
      "in the future beyond the skew",
      {
        options: { supplierUserId: "u-1", maxAgeSeconds: 600, now: PAYLOAD.connected_at - 61 },
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
    ["within maxAgeSeconds", { supplierUserId: "u-1", maxAgeSeconds: 600, now: NOW }],
    [
      "exactly maxAgeSeconds old",
      { supplierUserId: "u-1", maxAgeSeconds: 600, now: PAYLOAD.connected_at + 600 },
    ],
    ["a little in the future", { supplierUserId: "u-1", maxAgeSeconds: 600, now: PAYLOAD.connected_at - 60 }],
    ["any user, said explicitly", { acceptAnyUser: true }],
  ])("%s is accepted", (_name, options) => {
    expect(parseLinkCallback(given, options as never)).toEqual(PAYLOAD);
  });

  test.each([
    [{ supplierUserId: "" }],
    [{ supplierUserId: 5 }],
    [{ supplierUserId: null }],
    [{ supplierUserId: "u-1", maxAgeSeconds: -1 }],
    [{ supplierUserId: "u-1", maxAgeSeconds: Number.NaN }],
    [{ supplierUserId: "u-1", now: Number.POSITIVE_INFINITY }],
  ])("bad options %j are a NoxConfigurationError", (options) => {
    expect(() => parseLinkCallback(given, options as never)).toThrow(NoxConfigurationError);
  });

  // The README's pattern passes `session.userId`: with no session, or a misspelt property, that is
  // undefined or absent, and the payload must not then be accepted for whoever it names.
  test.each<[string, unknown, RegExp]>([
    ["supplierUserId present but undefined", { supplierUserId: undefined }, /supplierUserId is undefined/],
    ["no options", undefined, /say whose callback/],
    ["empty options", {}, /say whose callback/],
    ["only maxAgeSeconds", { maxAgeSeconds: 600 }, /say whose callback/],
    [
      "a misspelt supplierUserId",
      { supplierUserID: "u-1" },
      /unknown option "supplierUserID": did you mean "supplierUserId"\?/,
    ],
    ["acceptAnyUser other than true", { acceptAnyUser: false }, /acceptAnyUser must be true/],
    ["both a user and acceptAnyUser", { supplierUserId: "u-1", acceptAnyUser: true }, /not both/],
    ["options that are not an object", "u-1", /must be an object/],
  ])("the user binding fails closed: %s", (_name, options, message) => {
    const parse = () => parseLinkCallback(given, options as never);
    expect(parse).toThrow(NoxConfigurationError);
    expect(parse).toThrow(message);
  });
});

test("options are read once: a getter that answers differently later cannot unbind the user", () => {
  let reads = 0;
  const options = {
    get supplierUserId() {
      return ++reads === 1 ? "u-2" : "u-1";
    },
  };
  expect(issuesOf(`?data=${data(PAYLOAD)}`, options)).toEqual([
    ["supplier_user_id", expect.stringMatching(/not this user's \("u-2"\)/)],
  ]);
});

describe("the result is a fresh object, never the parsed payload", () => {
  /** `?data=` of raw JSON text (JSON.stringify cannot write an own `__proto__` key). */
  const raw = (json: string): string => `?data=${encode(json)}`;
  const parse = (json: string) => parseLinkCallback(raw(json), { supplierUserId: "u-1" });
  const fields = JSON.stringify(PAYLOAD).slice(1, -1);

  test("an own __proto__ key does not survive, so Object.assign cannot swap a prototype", () => {
    const callback = parse(`{${fields},"__proto__":{"isAdmin":true}}`);
    expect(Object.hasOwn(callback, "__proto__")).toBe(false);
    expect(Object.getPrototypeOf(callback)).toBe(Object.prototype);
    const user = Object.assign({ name: "u-1" }, callback);
    expect(Object.getPrototypeOf(user)).toBe(Object.prototype);
    expect((user as { isAdmin?: unknown }).isAdmin).toBeUndefined();
  });

  test("constructor and prototype keys are dropped, at every depth", () => {
    const callback = parse(
      `{${fields},"constructor":{"prototype":1},"prototype":2,"extra":{"__proto__":[1],"constructor":3,"ok":[{"prototype":4,"kept":5}]}}`,
    ) as LinkCallback & Record<string, unknown>;
    expect(Object.keys(callback)).toEqual([...Object.keys(PAYLOAD), "extra"]);
    expect(callback.extra).toEqual({ ok: [{ kept: 5 }] });
    expect(Object.hasOwn(callback.extra as object, "__proto__")).toBe(false);
    expect(Object.hasOwn(callback.extra as object, "constructor")).toBe(false);
  });

  test("nesting deeper than 64 levels is refused", () => {
    const deep = `${"[".repeat(2500)}${"]".repeat(2500)}`;
    expect(issuesOf(raw(`{${fields},"extra":${deep}}`))).toEqual([
      ["data", expect.stringMatching(/nested deeper than 64 levels/)],
    ]);
    expect(parse(`{${fields},"extra":${"[".repeat(63)}${"]".repeat(63)}}`)).toBeTruthy();
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
        const options =
          p.supplier_user_id === ""
            ? { acceptAnyUser: true as const }
            : { supplierUserId: p.supplier_user_id };
        expect(parseLinkCallback(input as string, options)).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  /** Parses `input`; anything thrown must be a NoxCallbackError. */
  const onlyCallbackErrors = (input: unknown): void => {
    try {
      parseLinkCallback(input as string, { acceptAnyUser: true });
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
