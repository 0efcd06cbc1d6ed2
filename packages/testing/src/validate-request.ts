import { assetTypesFor, brandsFor, isAssetType, isBrandForAssetType } from "@nox-energy/authenticator-enums";
import type { CreateSupplierLinkSessionRequest } from "@nox-energy/authenticator-types";
import type { ErrorObject } from "ajv";
import { REQUEST_SCHEMA } from "./generated/schemas.js";
import { SPEC_SCHEMAS, toJsonSchema, type Json, type SchemaSet } from "./spec-schema.js";

/** The outcome of validating a body or parameters: the value, or the 400 message NOX would send. */
export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

/** The outcome of {@link validateLinkSessionRequest}: the request, or the 400 message NOX would send. */
export type LinkSessionRequestValidation =
  { ok: true; value: CreateSupplierLinkSessionRequest } | { ok: false; error: string };

interface ObjectSchema {
  required?: readonly string[];
  properties?: Readonly<Record<string, FieldSchema>>;
}

/** A schema node as the messages read it. */
export interface FieldSchema {
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
  const result = validateBody(body, REQUEST_SCHEMA, SPEC_SCHEMAS);
  if (!result.ok) return result;
  const request = result.value as CreateSupplierLinkSessionRequest;
  const problem = checkBrandForAssetType(request);
  return problem === undefined ? { ok: true, value: request } : { ok: false, error: problem };
}

/** Why a request's brand is not one for its asset type (the curated data), or `undefined` when it is. */
export function checkBrandForAssetType(request: CreateSupplierLinkSessionRequest): string | undefined {
  // Read loosely: this must still build from a spec without asset_type (upstream's earlier v2).
  const { brand, asset_type: assetType } = request as typeof request & { asset_type?: unknown };
  if (brand == null || isBrandForAssetType(brand, assetType)) return undefined;
  return (
    `Brand ${quote(brand)} is not valid for asset_type ${quote(assetType)}; ` +
    `${brand} is a brand for ${assetTypesFor(brand).join(", ")}`
  );
}

/**
 * Validates a parsed JSON body against `schema` (a spec schema, resolved in `set`), with the messages
 * {@link validateLinkSessionRequest} documents.
 */
export function validateBody(body: unknown, schema: Json, set: SchemaSet): Validation<unknown> {
  const validate = set.compile(schema);
  if (validate(body)) return { ok: true, value: body };
  return { ok: false, error: describeErrors(body, validate.errors ?? [], objectSchema(schema, set), set) };
}

function describeErrors(
  body: unknown,
  errors: readonly ErrorObject[],
  schema: ObjectSchema,
  set: SchemaSet,
): string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return "Request body must be a JSON object";
  }
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
      `Invalid ${field} ${quote(fields[field])}: expected ${expectation(fieldSchema, fields["asset_type"], set)}`,
    );
  }
  // A constraint on the whole body (e.g. minProperties) names no field.
  return messages.length > 0 ? messages.join("; ") : "Request body does not match the spec's schema";
}

function objectSchema(schema: Json, set: SchemaSet): ObjectSchema {
  const root = toJsonSchema(schema) as FieldSchema;
  return ((root.$ref === undefined ? root : set.resolve(root.$ref)) ?? {}) as ObjectSchema;
}

/** What a field's schema accepts, in words, e.g. "one of hp, pv" or "null or one of the brands for hp: ...". */
export function expectation(schema: FieldSchema, assetType: unknown, set: SchemaSet = SPEC_SCHEMAS): string {
  if (schema.$ref !== undefined) {
    const target = (set.resolve(schema.$ref) ?? {}) as FieldSchema;
    // Brand's enum is long; the brands valid for the request's asset type are the useful list.
    if (schema.$ref === "#/$defs/Brand" && isAssetType(assetType)) {
      return `one of the brands for asset_type ${assetType}: ${brandsFor(assetType).join(", ")}`;
    }
    return expectation(target, assetType, set);
  }
  if (schema.anyOf !== undefined) return schema.anyOf.map((s) => expectation(s, assetType, set)).join(" or ");
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
export function quote(value: unknown): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
