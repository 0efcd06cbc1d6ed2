import { brandLabel } from "./brand-label.js";
import { brandsFor } from "./brands-by-asset-type.js";
// The bindings export AssetType and Language even when the spec lacks one (the contract), so this builds on any spec.
import {
  ASSET_TYPES,
  DEFAULT_LANGUAGE,
  isAssetType,
  isLanguage,
  type AssetType,
  type Language,
} from "../../generated/curated-bindings.js";
import type { BrandFor } from "./guards.js";

/** One entry of a brand dropdown: the value to send and the label to show. */
export interface BrandOption<A extends AssetType = AssetType> {
  /** The brand as the API spells it, e.g. `"saunier-duval"`. */
  readonly value: BrandFor<A>;
  /** Its display label, e.g. `"Saunier Duval"`. */
  readonly label: string;
}

// One collator per spec language, made on first use: building one costs far more than comparing with it.
// Keyed only by the spec's languages, so the cache cannot grow with its callers' input.
const collators = new Map<Language | undefined, Intl.Collator>();

function collatorFor(language: Language | undefined): Intl.Collator {
  let collator = collators.get(language);
  if (collator === undefined) {
    collator = new Intl.Collator(language, { sensitivity: "base", numeric: true });
    collators.set(language, collator);
  }
  return collator;
}

/**
 * The brands valid for `assetType` as `{ value, label }` options sorted by label, what a dropdown
 * needs: a fresh frozen array of frozen options on every call.
 *
 * Labels are compared with `Intl.Collator` for `language` (default `DEFAULT_LANGUAGE`, the language the
 * Authenticator UI uses when none is asked for), ignoring case and accents, and reading digits as
 * numbers. A `language` the spec lacks sorts as the default; brands whose labels compare equal keep
 * the spec's order.
 * @throws {TypeError} when `assetType` is not one of the spec's asset types, as `brandsFor` does.
 * @example brandOptions("hp", "nl")[0] // { value: "alpha-innotec", label: "alpha innotec" }
 */
export function brandOptions<A extends AssetType>(
  assetType: A,
  language?: Language,
): readonly BrandOption<A>[] {
  if (!isAssetType(assetType)) {
    throw new TypeError(
      `brandOptions: ${JSON.stringify(assetType)} is not an asset type; expected one of ${ASSET_TYPES.join(", ")}. ` +
        `Check the value with isAssetType() first when it comes from outside your code.`,
    );
  }
  const { compare } = collatorFor(isLanguage(language) ? language : DEFAULT_LANGUAGE);
  const options = brandsFor(assetType).map((value) => Object.freeze({ value, label: brandLabel(value) }));
  // Array.prototype.sort is stable, so equal labels keep the spec's order.
  return Object.freeze(options.sort((a, b) => compare(a.label, b.label)));
}
