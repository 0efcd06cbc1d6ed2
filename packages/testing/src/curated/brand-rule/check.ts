import { brandRuleIssue } from "@nox-energy/authenticator-enums/validators";
import type { Route } from "../../fake-api.js";
import { BRAND_DATA } from "../../generated/brands.js";
import type { FieldHint } from "../../validation-messages.js";

/** Which body property is the brand and which the asset type (generated data on the route). */
export type BrandRule = NonNullable<Route["brandRule"]>;

// The enums package throws for a value outside its tables: here that only means "no list to offer".
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** The brands valid for `assetType` in the curated data, or `undefined` (no data, or an asset type it lacks). */
export function brandsForAssetType(assetType: unknown): readonly string[] | undefined {
  return BRAND_DATA === null ? undefined : attempt(() => BRAND_DATA!.brandsFor(assetType as never));
}

/** Whether the curated data allows `brand` for `assetType` (any brand, without data). */
export function allowsBrand(brand: unknown, assetType: unknown): boolean {
  return BRAND_DATA === null || BRAND_DATA.isBrandForAssetType(brand, assetType);
}

const fieldsOf = (body: unknown) =>
  (typeof body === "object" && body !== null ? body : {}) as Readonly<Record<string, unknown>>;

/**
 * Why a request's brand is not one for its asset type, or `undefined`: the one brand rule
 * (`brandRuleIssue` of `@nox-energy/authenticator-enums/validators`, which the client calls too), its message.
 */
export function checkBrandRule(body: unknown, rule: BrandRule): string | undefined {
  return brandRuleIssue(body, rule)?.message;
}

/**
 * The brand field's expectation, made useful: the brands valid for the request's asset type, not the
 * spec's whole brand enum. Nothing for other fields, or when the asset type is not one.
 */
export function brandHint(body: unknown, rule: BrandRule): FieldHint {
  return (field, description) => {
    if (field !== rule.brand) return undefined;
    const assetType = fieldsOf(body)[rule.assetType];
    const brands = brandsForAssetType(assetType);
    if (!brands || !description.includes("one of")) return undefined;
    const list = `one of the brands for ${rule.assetType} ${String(assetType)}: ${brands.join(", ")}`;
    return description.replace(/(null or )?one of (the spec's \d+ values|.*?)(?= or null$|$)/, list);
  };
}
