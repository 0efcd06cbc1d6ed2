import { brandForAssetType } from "./brand-rule.js";
import { checkSchema, type CheckMode } from "./check-schema.js";
import type { ClientSchema } from "./client-schema.js";
import type { NoxValidationIssue } from "./errors.js";
import { CREATE_SUPPLIER_LINK_SESSION_REQUEST_BODY } from "./generated/schemas.js";

const WITH_BRAND_RULE: CheckMode = { request: true, rule: brandForAssetType };
const WITHOUT_BRAND_RULE: CheckMode = { request: true };
const RESPONSE: CheckMode = { request: false };

/**
 * Every problem with a createLinkSession body, in the spec's field order; empty when it can be sent.
 * Checks the spec's request schema (required fields, types, enums, `brand: null`, `redirect_url` an
 * http(s) URL, no unknown fields, required strings not blank) plus the curated brand-per-asset-type
 * rule, unless `checkBrandForAssetType` is false.
 */
export function findRequestIssues(body: unknown, checkBrandForAssetType: boolean): NoxValidationIssue[] {
  return checkSchema(
    CREATE_SUPPLIER_LINK_SESSION_REQUEST_BODY,
    body,
    "body",
    checkBrandForAssetType ? WITH_BRAND_RULE : WITHOUT_BRAND_RULE,
  );
}

/**
 * Every way a parsed success body breaks its response schema: required
 * fields, types, integers, formats and nullability. Unknown fields and enum values outside today's
 * lists pass, so a new brand upstream does not break a deployed service.
 */
export function findResponseIssues(schema: ClientSchema, body: unknown): NoxValidationIssue[] {
  return checkSchema(schema, body, "body", RESPONSE);
}

/**
 * Every problem with a method's input (`root` is `body` or `params`) against its generated schema:
 * required, types, enums, nullable, formats, lengths, patterns, unknown fields named as likely typos,
 * plus the curated brand-per-asset-type rule on every object unless `checkBrandForAssetType` is false.
 */
export function findInputIssues(
  schema: ClientSchema,
  input: unknown,
  root: string,
  checkBrandForAssetType: boolean,
): NoxValidationIssue[] {
  return checkSchema(schema, input, root, checkBrandForAssetType ? WITH_BRAND_RULE : WITHOUT_BRAND_RULE);
}
