import { describe, expect, test } from "vitest";
import { BRANDS_BY_ASSET_TYPE } from "../../src/index.js";
import { brandRuleIssue } from "../../src/validators/brand-rule.js";

const FIELDS = { brand: "brand", assetType: "asset_type", brandNullable: true } as const;

describe("brandRuleIssue: the brand rule, decided in one place", () => {
  test.each<[string, unknown, boolean]>([
    ["a heat-pump brand for hp", { brand: "daikin", asset_type: "hp" }, false],
    ["a PV brand for hp", { brand: "solaredge", asset_type: "hp" }, true],
    ["no brand", { asset_type: "hp" }, false],
    ["brand null", { brand: null, asset_type: "pv" }, false],
    ["a brand outside the enum (the schema's to refuse)", { brand: "acme", asset_type: "hp" }, false],
    ["an asset type outside the enum", { brand: "daikin", asset_type: "ev" }, false],
    ["not an object", "daikin", false],
  ])("%s", (_name, body, broken) => {
    expect(brandRuleIssue(body, FIELDS) !== undefined).toBe(broken);
  });

  test("names the field, the pair, what fits and that null does", () => {
    expect(brandRuleIssue({ brand: "solaredge", asset_type: "hp" }, FIELDS)).toEqual({
      field: "brand",
      message: `"solaredge" is not a brand for asset_type "hp"; use one of ${BRANDS_BY_ASSET_TYPE.hp.map((b) => JSON.stringify(b)).join(", ")} or null`,
    });
  });

  test("reads the properties the descriptor names, whatever they are called", () => {
    const issue = brandRuleIssue({ maker: "solaredge", kind: "hp" }, { brand: "maker", assetType: "kind" });
    expect(issue?.field).toBe("maker");
    expect(issue?.message).toMatch(/for kind "hp"; use one of .*"daikin"(?!.* or null)/);
  });
});
