/**
 * `@nox-energy/authenticator-enums/validators`: the spec's validators, compiled by Ajv when
 * `pnpm generate` ran (no schema compiler, `eval` or `new Function` at run time), and the curated brand rule.
 */
export { CURATED_VALIDATORS, OPERATION_VALIDATORS } from "../generated/validators.js";
export { brandRuleIssue, type BrandRuleFields, type BrandRuleIssue } from "./brand-rule.js";
export type { OperationValidators, Validate, ValidationError } from "./types.js";
