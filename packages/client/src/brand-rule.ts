import {
  ASSET_TYPES,
  BRANDS,
  BRANDS_BY_ASSET_TYPE,
  isAssetType,
  isBrand,
  isBrandForAssetType,
} from "@nox-energy/authenticator-enums";
import { fieldOf, quoted, type ObjectRule } from "./check-schema.js";
import type { ClientSchema } from "./client-schema.js";

// Per object schema: its Brand-enum and AssetType-enum properties (found by the enums package's own
// arrays, which the generated schemas reference), or null when it lacks either.
const KEYS = new WeakMap<ClientSchema, [brand: string, assetType: string, nullable: boolean] | null>();

function keysOf(schema: ClientSchema): [string, string, boolean] | null {
  let keys = KEYS.get(schema);
  if (keys === undefined) {
    const props = Object.entries(schema.properties ?? {});
    const brand = props.find(([, p]) => p.enum === BRANDS);
    const assetType = props.find(([, p]) => p.enum === ASSET_TYPES);
    keys = brand && assetType ? [brand[0], assetType[0], brand[1].nullable === true] : null;
    KEYS.set(schema, keys);
  }
  return keys;
}

/**
 * The curated brand-per-asset-type rule, for an object with a Brand and an AssetType property: the
 * brand must be one the enums package lists for the asset type. Values outside the enums are left to
 * the schema check; the client skips this rule when created with `checkBrandForAssetType: false`.
 */
export const brandForAssetType: ObjectRule = (schema, value, field, issues) => {
  const keys = keysOf(schema);
  if (keys === null) return;
  const [brandKey, assetTypeKey, nullable] = keys;
  const brand = value[brandKey];
  const assetType = value[assetTypeKey];
  if (isBrand(brand) && isAssetType(assetType) && !isBrandForAssetType(brand, assetType)) {
    issues.push({
      field: fieldOf(field, brandKey),
      message:
        `"${brand}" is not a brand for ${assetTypeKey} "${assetType}"; use one of ${quoted(BRANDS_BY_ASSET_TYPE[assetType])}${nullable ? " or null" : ""} ` +
        `(if NOX accepts it and this package lags, create the client with checkBrandForAssetType: false)`,
    });
  }
};
