// values.ts exports both even when the spec lacks one (a fallback), so this builds on any spec.
import type { AssetType, Language } from "./generated/values.js";
import { ASSET_TYPE_LABELS, LANGUAGE_LABELS } from "./generated/labels.js";

/**
 * The asset type's display label in `language`, one of the Authenticator UI's languages.
 *
 * An asset type or a language newer than this package gets the raw `assetType` back instead of an
 * error: a label is cosmetic, and a UI should not break because NOX added a value.
 * @example assetTypeLabel("hp", "fr") // "Pompe à chaleur"
 */
export function assetTypeLabel(assetType: AssetType, language: Language): string {
  if (!Object.hasOwn(ASSET_TYPE_LABELS, assetType)) return assetType;
  const labels: Readonly<Record<string, string>> = ASSET_TYPE_LABELS[assetType];
  return Object.hasOwn(labels, language) ? (labels[language] ?? assetType) : assetType;
}

/**
 * The language's name in itself (its endonym), for a language picker; the raw value back for a
 * language newer than this package.
 * @example languageLabel("fr") // "Français"
 */
export function languageLabel(language: Language): string {
  return Object.hasOwn(LANGUAGE_LABELS, language) ? LANGUAGE_LABELS[language] : language;
}
