import { assetTypesFor, brandsFor, isAssetType, isBrandForAssetType } from "@nox-energy/authenticator-enums";
import type { CreateSupplierLinkSessionRequest } from "@nox-energy/authenticator-types";
import type { ErrorObject } from "ajv";
import { REQUEST_SCHEMA } from "./generated/schemas.js";
import { compileSpecSchema, resolveRef, toJsonSchema } from "./spec-schema.js";

/** The outcome of {@link validateLinkSessionRequest}: the request, or the 400 message NOX would send. */
export type LinkSessionRequestValidation =
  { ok: true; value: CreateSupplierLinkSessionRequest } | { ok: false; error: string };

interface ObjectSchema {
  required?: readonly string[];
  properties?: Readonly<Record<string, FieldSchema>>;
}

interface FieldSchema {
  $ref?: string;
  anyOf?: readonly FieldSchema[];
  type?: string;
  enum?: readonly unknown[];
  format?: string;
  nullable?: boolean;
}

const MAX_LISTED = 12;

/**
 * Validates a parsed JSON body against the spec's `CreateSupplierLinkSessionRequest`, then checks the
 * brand against the asset type (the curated data in `@nox-energy/authenticator-enums`).
 *
 * Messages follow the spec's example: "Missing required fields: user_id, redirect_url" (every missing
 * field, in the spec's `required` order), then one readable message per invalid field, joined by "; ".
 * @example validateLinkSessionRequest({ user_id: "u1" }) // { ok: false, error: "Missing required fields: redirect_url, asset_type" }
 */
export function validateLinkSessionRequest(body: unknown): LinkSessionRequestValidation {
  const validate = compileSpecSchema(REQUEST_SCHEMA);
  if (!validate(body)) return { ok: false, error: describeErrors(body, validate.errors ?? []) };
  const request = body as CreateSupplierLinkSessionRequest;
  const { brand, asset_type: assetType } = request;
  if (brand != null && !isBrandForAssetType(brand, assetType)) {
    return {
      ok: false,
      error:
        `Brand ${quote(brand)} is not valid for asset_type ${quote(assetType)}; ` +
        `${brand} is a brand for ${assetTypesFor(brand).join(", ")}`,
    };
  }
  return { ok: true, value: request };
}

function describeErrors(body: unknown, errors: readonly ErrorObject[]): string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return "Request body must be a JSON object";
  }
  const schema = requestSchema();
  const required = schema.required ?? [];
  const missing = new Set(
    errors.filter((e) => e.keyword === "required").map((e) => String(e.params["missingProperty"])),
  );
  const messages: string[] = [];
  if (missing.size > 0) {
    messages.push(`Missing required fields: ${required.filter((field) => missing.has(field)).join(", ")}`);
  }
  const invalid = new Set(errors.map((e) => e.instancePath.split("/")[1]).filter((f) => f !== undefined));
  const fields = body as Record<string, unknown>;
  for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
    if (!invalid.has(field)) continue;
    messages.push(
      `Invalid ${field} ${quote(fields[field])}: expected ${expectation(fieldSchema, fields["asset_type"])}`,
    );
  }
  return messages.join("; ");
}

function requestSchema(): ObjectSchema {
  const root = toJsonSchema(REQUEST_SCHEMA) as FieldSchema;
  return (root.$ref === undefined ? root : resolveRef(root.$ref)) as ObjectSchema;
}

/** What a field's schema accepts, in words, e.g. "one of hp, pv" or "null or one of the brands for hp: ...". */
function expectation(schema: FieldSchema, assetType: unknown): string {
  if (schema.$ref !== undefined) {
    const target = (resolveRef(schema.$ref) ?? {}) as FieldSchema;
    // Brand's enum is long; the brands valid for the request's asset type are the useful list.
    if (schema.$ref === "#/$defs/Brand" && isAssetType(assetType)) {
      return `one of the brands for asset_type ${assetType}: ${brandsFor(assetType).join(", ")}`;
    }
    return expectation(target, assetType);
  }
  if (schema.anyOf !== undefined) return schema.anyOf.map((s) => expectation(s, assetType)).join(" or ");
  const nullable = schema.nullable === true ? "null or " : "";
  if (schema.enum !== undefined) {
    // A list longer than a glance (the spec's 56 brands) helps nobody; name where to look instead.
    if (schema.enum.length > MAX_LISTED) return `${nullable}one of the spec's ${schema.enum.length} values`;
    return `${nullable}one of ${schema.enum.map(String).join(", ")}`;
  }
  if (schema.format === "uri") return `${nullable}an absolute http(s) URL`;
  if (schema.type === "null") return "null";
  if (schema.type === "integer") return `${nullable}an integer`;
  return `${nullable}a ${schema.type ?? "value"}`;
}

/** A value as JSON, cut short so a huge field does not flood the message. */
function quote(value: unknown): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
