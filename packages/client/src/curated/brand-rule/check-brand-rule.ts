import { brandRuleIssue } from "@nox-energy/authenticator-enums/validators";
import type { NoxValidationIssue } from "../../errors.js";
import type { NoxOperation } from "../../operation.js";

// What to do when the curated list lags NOX, added to the enums package's message (the fake's has none).
const LAGS =
  "(if NOX accepts it and this package lags, create the client with checkBrandForAssetType: false)";

/**
 * The curated brand rule on `operation`'s body, when the operation's descriptor names where it applies:
 * the one function in the enums package decides, this adds the client's way out. `prefix` puts the
 * field under `body.` when the body sits in params.
 */
export function brandRuleIssues(
  operation: NoxOperation,
  body: unknown,
  prefix: string,
): NoxValidationIssue[] {
  const fields = operation.brandRule;
  if (fields === undefined) return [];
  const issue = brandRuleIssue(body, fields);
  return issue === undefined
    ? []
    : [{ field: `${prefix}${issue.field}`, message: `${issue.message} ${LAGS}` }];
}
