import { describe, expect, test } from "vitest";
import { validateLinkSessionRequest } from "../src/index.js";

const VALID = { user_id: "u-1", asset_type: "hp", redirect_url: "https://supplier.example/back" };

describe("redirect_url's format: uri is enums' isHttpUrl (what the client checks too)", () => {
  test.each([
    ["https://supplier.example/back", true],
    ["http://localhost:3000/cb?x=1#y", true],
    ["HTTPS://SUPPLIER.EXAMPLE", true],
    ["/back", false],
    ["supplier.example/back", false],
    ["ftp://supplier.example/", false],
    ["javascript:alert(1)", false],
    ["mailto:a@b.c", false],
    ["", false],
    ["https://", false],
    [" https://supplier.example/back", false],
    ["https://supplier.example/back ", false],
    ["https://supplier.example/ba\nck", false],
    ["https://supplier.example/ba\tck", false],
    ["https://supplier.example/ba ck", false],
    ["https://evil.example\\@good.example/", false],
    ["https://good.example@evil.example/", false],
    ["https://a|b.example/", false],
    ["https://a.example/{x}", false],
    ["https://bücher.example/", false],
    ["https://xn--bcher-kva.example/", true],
  ])("%j -> %s", (value, expected) => {
    expect(validateLinkSessionRequest({ ...VALID, redirect_url: value }).ok).toBe(expected);
  });
});

describe("the spec's nullable $ref", () => {
  test("brand: null is accepted, 123 is not", () => {
    expect(validateLinkSessionRequest({ ...VALID, brand: null }).ok).toBe(true);
    expect(validateLinkSessionRequest({ ...VALID, brand: 123 }).ok).toBe(false);
  });
});
