export * from "./generated/values.js";
export * from "./generated/curated-exports.js";
// The http(s)-URL check lives beside the validators that use it (the types package); re-exported here,
// where it was first published.
export { isHttpUrl } from "@nox-energy/authenticator-types/validators";
// Always exported, whether the brand plug-ins fit or not: the client's and the fake's generic pipelines
// call it for the operation the generated data names (none when the rule does not fit).
export {
  brandRuleIssue,
  type BrandRuleFields,
  type BrandRuleIssue,
} from "./curated/brand-rule/brand-rule.js";
