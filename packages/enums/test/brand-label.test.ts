import { expect, test } from "vitest";
import { BRANDS, brandLabel, type Brand } from "../src/index.js";

test.each([
  ["solaredge", "SolarEdge"],
  ["saunier-duval", "Saunier Duval"],
  ["lg", "LG"],
  ["sma", "SMA"],
  ["fox-ess", "Fox ESS"],
  ["alpha-innotec", "alpha innotec"],
  ["victron", "Victron Energy"],
] as const)("brandLabel(%s) is %s", (brand, label) => {
  expect(brandLabel(brand)).toBe(label);
});

test("every brand has a non-empty label", () => {
  for (const brand of BRANDS) expect(brandLabel(brand).trim()).not.toBe("");
});

test("a brand newer than the package gets its own value back, not an error", () => {
  expect(brandLabel("new-brand" as Brand)).toBe("new-brand");
  expect(brandLabel("toString" as Brand)).toBe("toString");
});
