import { BRAND_LABELS, type Brand } from "../../generated/curated-bindings.js";

/**
 * The brand's display name in the manufacturer's own spelling.
 *
 * A brand the server sends that is newer than this package gets its raw value back instead of
 * an error: a label is cosmetic, and a UI should not break because NOX added a brand.
 * @example brandLabel("saunier-duval") // "Saunier Duval"
 */
export function brandLabel(brand: Brand): string {
  const labels: Readonly<Record<string, string>> = BRAND_LABELS;
  return Object.hasOwn(labels, brand) ? (labels[brand] ?? brand) : brand;
}
