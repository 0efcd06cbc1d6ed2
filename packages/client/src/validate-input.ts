import type { Validate } from "@nox-energy/authenticator-types/validators";
import { brandRuleIssues } from "./curated/brand-rule/check-brand-rule.js";
import type { NoxValidationIssue } from "./errors.js";
import type { NoxOperation } from "./operation.js";
import { issuesFrom, shown } from "./validation-issues.js";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isBinary = (v: unknown): boolean =>
  typeof v === "string" || v instanceof Blob || v instanceof ArrayBuffer || ArrayBuffer.isView(v);

/** A body's issues: its generated validator, or for text and binary media what fetch can send. */
function bodyIssues(
  op: NoxOperation,
  body: unknown,
  root: string,
  prefix: string,
  checkBrandForAssetType: boolean,
): NoxValidationIssue[] {
  const media = op.body!;
  if (body === undefined) {
    return media.required
      ? [{ field: root, message: `is required: the ${media.mediaType} request body (got undefined)` }]
      : [];
  }
  if (media.kind === "text" && typeof body !== "string")
    return [
      { field: root, message: `must be a string, the ${media.mediaType} body as sent (got ${shown(body)})` },
    ];
  if (media.kind === "binary" && !isBinary(body))
    return [
      {
        field: root,
        message: `must be a Blob, an ArrayBuffer, a typed array or a string (got ${shown(body)})`,
      },
    ];
  const validate: Validate | undefined = op.validators.body;
  const issues =
    validate === undefined || validate(body)
      ? []
      : issuesFrom(validate.errors ?? [], { root, prefix: prefix.replace(/\.$/, "") });
  if (checkBrandForAssetType) {
    for (const issue of brandRuleIssues(op, body, prefix))
      if (!issues.some((i) => i.field === issue.field)) issues.push(issue);
  }
  return issues;
}

/**
 * Every problem with a request body of `op` on its own (no parameters): what a method checks of its
 * body, in the same words; the brand rule applies unless `checkBrandForAssetType` is false.
 */
export function findBodyIssues(
  op: NoxOperation,
  body: unknown,
  checkBrandForAssetType: boolean,
): NoxValidationIssue[] {
  return op.body === undefined ? [] : bodyIssues(op, body, "body", "", checkBrandForAssetType);
}

/**
 * Every problem with a method's input against its operation's generated validators, in the schema's
 * order; empty when it can be sent. The input is the body itself (`bodyOnly`) or `{ ...parameters, body }`.
 * Required fields, types, enums, `null`, formats, lengths, patterns, unknown fields named as likely typos,
 * required strings not blank; plus the curated brand rule on the operation it names, unless
 * `checkBrandForAssetType` is false.
 */
export function findInputIssues(
  op: NoxOperation,
  input: unknown,
  checkBrandForAssetType: boolean,
): NoxValidationIssue[] {
  if (op.bodyOnly) {
    if (op.body !== undefined) return bodyIssues(op, input, "body", "", checkBrandForAssetType);
    if (input === undefined || (isObject(input) && Object.keys(input).length === 0)) return [];
    return [
      {
        field: "params",
        message: `must be left out: this operation takes no parameters or body (got ${shown(input)})`,
      },
    ];
  }
  const { params: validate } = op.validators;
  const required = op.parameters.some((p) => p.required) || op.body?.required === true;
  if (input === undefined && !required) return [];
  if (!isObject(input)) {
    const names = op.parameters.filter((p) => p.required).map((p) => p.name);
    if (op.body?.required) names.push("body");
    const list = names.join(", ").replace(/, (?!.*, )/, " and ");
    return [
      {
        field: "params",
        message: `must be an object${list === "" ? "" : ` with ${list}`} (got ${shown(input)})`,
      },
    ];
  }
  const { body, ...params } = input;
  const issues =
    validate === undefined || validate(params) ? [] : issuesFrom(validate.errors ?? [], { root: "params" });
  if (op.body !== undefined) issues.push(...bodyIssues(op, body, "body", "body.", checkBrandForAssetType));
  else if (body !== undefined && !issues.some((i) => i.field === "body"))
    issues.push({ field: "body", message: "must be left out: this operation takes no body" });
  return issues;
}
