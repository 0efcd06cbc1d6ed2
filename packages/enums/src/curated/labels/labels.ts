// The bindings export both even when the spec lacks one (the contract), so this builds on any spec.
import {
  ASSET_TYPE_LABELS,
  LANGUAGE_LABELS,
  type AssetType,
  type Language,
} from "../../generated/curated-bindings.js";

/**
 * The asset type's display label in `language`, one of the Authenticator UI's languages.
 *
 * An asset type or a language newer than this package gets the raw `assetType` back instead of an
 * error: a label is cosmetic, and a UI should not break because NOX added a value.
 * @example assetTypeLabel("hp", "fr") // "Pompe à chaleur"
 */
export function assetTypeLabel(assetType: AssetType, language: Language): string {
  const tables: Readonly<Record<string, Readonly<Record<string, string>>>> = ASSET_TYPE_LABELS;
  const labels = Object.hasOwn(tables, assetType) ? tables[assetType] : undefined;
  return labels !== undefined && Object.hasOwn(labels, language)
    ? (labels[language] ?? assetType)
    : assetType;
}

/**
 * The language's name in itself (its endonym), for a language picker; the raw value back for a
 * language newer than this package.
 * @example languageLabel("fr") // "Français"
 */
export function languageLabel(language: Language): string {
  const labels: Readonly<Record<string, string>> = LANGUAGE_LABELS;
  return Object.hasOwn(labels, language) ? (labels[language] ?? language) : language;
}
