import { NoxValidationError } from "../../errors.js";
import { CODECS } from "../../generated/codecs.js";
import type { CheckedCreateLinkSessionRequest } from "../../generated/curated.js";
import { OPERATIONS } from "../../generated/operations.js";
import type { NoxOperation } from "../../operation.js";
import { snapshotBody } from "../../snapshot.js";
import { findBodyIssues } from "../../validate-input.js";

/** What {@link safeLinkSessionRequest} returns: the checked body, or the error listing every problem. */
export type SafeLinkSessionRequestResult =
  | { readonly success: true; readonly data: CheckedCreateLinkSessionRequest }
  | { readonly success: false; readonly error: NoxValidationError };

/** The operation whose body the curated brand rule ties (the generated descriptor that names it). */
function brandRuleOperation(): NoxOperation {
  const operations: readonly NoxOperation[] = Object.values(OPERATIONS);
  // Generated only when the rule fits the spec, so the descriptor is there.
  return operations.find((op) => op.brandRule !== undefined)!;
}

/**
 * Checks untrusted input (a parsed form, a JSON request body) as the link-session request it claims to
 * be, with the same generated validator and brand rule the client applies before sending; sends nothing.
 * Returns a fresh copy of it typed `CheckedCreateLinkSessionRequest`, which `createLinkSession` takes as
 * it is; throws a `NoxValidationError` whose `issues` list every problem (see
 * {@link safeLinkSessionRequest} for a result instead).
 * @example
 * const body = toLinkSessionRequest({ user_id: "u-1", asset_type: form.get("asset_type"), brand: form.get("brand"), redirect_url });
 * await nox.createLinkSession(body);
 */
export function toLinkSessionRequest(input: unknown): CheckedCreateLinkSessionRequest {
  const operation = brandRuleOperation();
  const body = snapshotBody(input, "body", operation.methodName);
  const issues = findBodyIssues(operation, body, true, CODECS);
  if (issues.length > 0) throw new NoxValidationError(issues, operation.methodName);
  return body as CheckedCreateLinkSessionRequest;
}

/**
 * {@link toLinkSessionRequest} without the throw: `{ success: true, data }` with the checked body, or
 * `{ success: false, error }` with the `NoxValidationError` (its `issues` name each bad field).
 * @example
 * const result = safeLinkSessionRequest(input);
 * if (!result.success) return reply.status(400).send({ issues: result.error.issues });
 * await nox.createLinkSession(result.data);
 */
export function safeLinkSessionRequest(input: unknown): SafeLinkSessionRequestResult {
  try {
    return { success: true, data: toLinkSessionRequest(input) };
  } catch (error) {
    if (error instanceof NoxValidationError) return { success: false, error };
    throw error;
  }
}
