import { brandForAssetType } from "./brand-rule.js";
import { checkSchema, type CheckMode } from "./check-schema.js";
import type { NoxValidationIssue } from "./errors.js";
import {
  CREATE_SUPPLIER_LINK_SESSION_REQUEST_BODY,
  CREATE_SUPPLIER_LINK_SESSION_RESPONSE_BODY,
} from "./generated/schemas.js";

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
 * Every way a parsed createLinkSession success body breaks the spec's response schema: required
 * fields, types, integers, formats and nullability. Unknown fields and enum values outside today's
 * lists pass, so a new brand upstream does not break a deployed service.
 */
export function findResponseIssues(body: unknown): NoxValidationIssue[] {
  return checkSchema(CREATE_SUPPLIER_LINK_SESSION_RESPONSE_BODY, body, "body", RESPONSE);
}
