import type { BrandsByAssetType } from "./generated/brand-rule.js";
import type { AssetType, Brand, CreateSupplierLinkSessionRequest } from "./generated/aliases.js";

type Request = CreateSupplierLinkSessionRequest;

/** A table of the brands valid for each asset type, like the generated {@link BrandsByAssetType}. */
export type BrandTable = { readonly [A in AssetType]: Brand };

type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];

// The identity map flattens an intersection into one object type, so editors and errors show its fields.
type Flatten<T> = { [K in keyof T]: T[K] };

// Under exactOptionalPropertyTypes `brand?: Brand` refuses `brand: undefined`; the client's run-time
// check accepts it (as JSON.stringify drops it), so the request types say so too.
type OptionalAcceptsUndefined<T> = Flatten<
  { [K in Exclude<keyof T, OptionalKeys<T>>]: T[K] } & { [K in OptionalKeys<T>]?: T[K] | undefined }
>;

/**
 * The body of `POST /supplier/link-sessions` for asset type `A`: `brand` is one of `A`'s brands (from
 * `Table`, by default the curated {@link BrandsByAssetType}), `null`, or absent. Optional fields accept
 * `undefined`.
 * @example const body: LinkSessionRequestFor<"hp"> = { user_id: "u-1", asset_type: "hp", brand: "daikin", redirect_url: "https://app.example/cb" };
 */
export type LinkSessionRequestFor<
  A extends AssetType,
  Table extends BrandTable = BrandsByAssetType,
> = OptionalAcceptsUndefined<
  Omit<Request, "asset_type" | "brand"> & {
    asset_type: A;
    // What the spec allows besides a brand (null), kept from the spec rather than restated here.
    brand?: Table[A] | Exclude<Request["brand"], Brand>;
  }
>;

/**
 * The body of `POST /supplier/link-sessions` with the brand rule applied at compile time: a union over
 * the asset types, so a heat-pump brand with `asset_type: "pv"` is a type error, a brand listed under
 * both fits both, and `brand: null` or no brand always fits. What `createLinkSession` takes by default.
 */
export type CheckedCreateLinkSessionRequest<Table extends BrandTable = BrandsByAssetType> = {
  [A in AssetType]: LinkSessionRequestFor<A, Table>;
}[AssetType];

/**
 * The spec's request body as is (any brand with any asset type), with optional fields that accept
 * `undefined`: what `createLinkSession` takes on a client created with `checkBrandForAssetType: false`.
 */
export type UncheckedCreateLinkSessionRequest = OptionalAcceptsUndefined<Request>;
