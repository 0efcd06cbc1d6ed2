import { BRAND_LABELS } from "./generated/brand-labels.js";
import type { Brand } from "./generated/values.js";

/**
 * The brand's display name in the manufacturer's own spelling.
 *
 * A brand the server sends that is newer than this package gets its raw value back instead of
 * an error: a label is cosmetic, and a UI should not break because NOX added a brand.
 * @example brandLabel("saunier-duval") // "Saunier Duval"
 */
export function brandLabel(brand: Brand): string {
  return Object.hasOwn(BRAND_LABELS, brand)
    ? (BRAND_LABELS as Readonly<Record<string, string>>)[brand]!
    : brand;
}
