import type { Validate } from "@nox-energy/authenticator-types/validators";
import { missingCodec, type NoxCodecs } from "./codecs.js";
import { brandRuleIssues } from "./curated/brand-rule/check-brand-rule.js";
import type { NoxValidationIssue } from "./errors.js";
import type { NoxOperation } from "./operation.js";
import { issuesFrom, shown } from "./validation-issues.js";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A body's issues: its media codec's (text and binary: what fetch can send), then its generated validator. */
function bodyIssues(
  op: NoxOperation,
  body: unknown,
  root: string,
  prefix: string,
  checkBrandForAssetType: boolean,
  codecs: NoxCodecs,
): NoxValidationIssue[] {
  const media = op.body!;
  if (body === undefined) {
    return media.required
      ? [{ field: root, message: `is required: the ${media.mediaType} request body (got undefined)` }]
      : [];
  }
  if (media.kind !== "json") {
    const codec = codecs.bodies[media.kind];
    if (codec === undefined) throw missingCodec(op, `the ${media.kind} body codec`);
    const refused = codec.refuse?.(body, media.mediaType);
    if (refused !== undefined) return [{ field: root, message: refused }];
  }
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
  codecs: NoxCodecs,
): NoxValidationIssue[] {
  return op.body === undefined ? [] : bodyIssues(op, body, "body", "", checkBrandForAssetType, codecs);
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
  codecs: NoxCodecs,
): NoxValidationIssue[] {
  if (op.bodyOnly) {
    if (op.body !== undefined) return bodyIssues(op, input, "body", "", checkBrandForAssetType, codecs);
    if (input === undefined || (isObject(input) && Object.keys(input).length === 0)) return [];
    return [
      {
        field: "params",
        message: `must be left out: this operation takes no parameters or body (got ${shown(input)})`,
      },
    ];
  }
  if (codecs.parameters === undefined) throw missingCodec(op, "the parameters codec");
  return codecs.parameters.findIssues(op, input, (body) =>
    bodyIssues(op, body, "body", "body.", checkBrandForAssetType, codecs),
  );
}
