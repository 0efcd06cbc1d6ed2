import { brandsFor } from "@nox-energy/authenticator-enums";
import { brandRuleIssue } from "@nox-energy/authenticator-enums/validators";
import type { Route } from "../../fake-api.js";
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
    const brands = attempt(() => brandsFor(assetType as never));
    if (brands === undefined || !description.includes("one of")) return undefined;
    const list = `one of the brands for ${rule.assetType} ${String(assetType)}: ${brands.join(", ")}`;
    return description.replace(/(null or )?one of (the spec's \d+ values|.*?)(?= or null$|$)/, list);
  };
}
