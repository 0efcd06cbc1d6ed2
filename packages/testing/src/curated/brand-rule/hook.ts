import type { Route } from "../../fake-api.js";
import type { RouteHook } from "../../plugins.js";
import { brandHint, checkBrandRule } from "./check.js";

/** The brand rule on a route that carries one (generated data): a 400 for a brand of another asset type. */
export function brandRuleHook(route: Route): RouteHook | undefined {
  const rule = route.brandRule;
  if (rule === null) return undefined;
  return { check: (body) => checkBrandRule(body, rule), hint: (body) => brandHint(body, rule) };
}
