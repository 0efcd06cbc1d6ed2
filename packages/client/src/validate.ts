import {
  ASSET_TYPES,
  BRANDS_BY_ASSET_TYPE,
  LANGUAGES,
  isAssetType,
  isBrand,
  isBrandForAssetType,
  isLanguage,
} from "@nox-energy/authenticator-enums";
import type { NoxValidationIssue } from "./errors.js";

const FIELDS = ["user_id", "asset_type", "redirect_url", "brand", "language"];

const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(", ");

/**
 * A value as it would read in code, shortened, so the caller can find it. Objects are named by kind,
 * not converted: a hostile `toString` must not turn a validation error into a TypeError.
 */
function shown(value: unknown): string {
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "an array" : "an object";
  if (typeof value === "function") return "a function";
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

const issue = (field: string, message: string): NoxValidationIssue => ({ field, message });

// The URL parser forgives leading spaces, tabs and newlines; a URI does not, and neither does the server.
const isHttpUrl = (value: unknown): boolean =>
  typeof value === "string" && /^https?:\/\/[^\s\x00-\x1f\x7f]+$/i.test(value) && URL.canParse(value);

/**
 * Every problem with a createLinkSession body, in field order; empty when it can be sent.
 * Checks what the spec says (required fields, enums, `brand: null` allowed, `redirect_url` a URI)
 * plus the curated brand-per-asset-type rule, unless `checkBrandForAssetType` is false.
 */
export function findRequestIssues(body: unknown, checkBrandForAssetType: boolean): NoxValidationIssue[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return [
      issue("body", `must be an object with user_id, asset_type and redirect_url (got ${shown(body)})`),
    ];
  }
  // Runs on every call: the checks below allocate nothing, and messages are written only for bad fields.
  const issues: NoxValidationIssue[] = [];
  const { user_id, asset_type, redirect_url, brand, language } = body as Record<string, unknown>;

  if (typeof user_id !== "string" || user_id.trim() === "") {
    issues.push(issue("user_id", `is required: a non-empty string (got ${shown(user_id)})`));
  }
  if (!isAssetType(asset_type)) {
    issues.push(issue("asset_type", `is required: one of ${quoted(ASSET_TYPES)} (got ${shown(asset_type)})`));
  }
  if (!isHttpUrl(redirect_url)) {
    issues.push(
      issue(
        "redirect_url",
        `is required: an absolute http(s) URL, e.g. "https://app.example/cb" (got ${shown(redirect_url)})`,
      ),
    );
  }
  if (brand !== undefined && brand !== null) {
    if (!isBrand(brand)) {
      issues.push(issue("brand", `must be one of the spec's brands, or null (got ${shown(brand)})`));
    } else if (checkBrandForAssetType && isAssetType(asset_type) && !isBrandForAssetType(brand, asset_type)) {
      issues.push(
        issue(
          "brand",
          `"${brand}" is not a brand for asset_type "${asset_type}"; use one of ${quoted(BRANDS_BY_ASSET_TYPE[asset_type])} or null ` +
            `(if NOX accepts it and this package lags, create the client with checkBrandForAssetType: false)`,
        ),
      );
    }
  }
  if (language !== undefined && !isLanguage(language)) {
    issues.push(
      issue(
        "language",
        `must be one of ${quoted(LANGUAGES)}, or left out for the server's default (got ${shown(language)})`,
      ),
    );
  }
  for (const key of Object.keys(body)) {
    if (!FIELDS.includes(key)) {
      issues.push(
        issue(key, `is not a field of the request (expected ${FIELDS.join(", ")}); check its spelling`),
      );
    }
  }
  return issues;
}
