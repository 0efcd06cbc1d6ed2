import { generatedHeader } from "../lib/generated-header.ts";
import { BRANDS_FILE, SPEC_FILE } from "../lib/repo.ts";
import { CURATED_ENUMS } from "../model/curated.ts";
import type { ApiModel, BrandRule, GeneratedFile } from "../model/types.ts";

/** Where the brand rule's types live, relative to the repo root. */
export const BRAND_RULE_FILE = "packages/types/src/generated/brand-rule.ts";

const literal = (value: unknown): string => JSON.stringify(value);

/** `BrandsByAssetType`: for each asset type, the union of its brands, in the spec's order. */
function brandTable(model: ApiModel): string[] {
  const rows = model.curated.assetTypes.map((assetType) => {
    const brands = model.curated.brands.filter((b) => b.assetTypes.includes(assetType)).map((b) => b.brand);
    return `  ${literal(assetType)}: ${brands.length === 0 ? "never" : brands.map(literal).join(" | ")};`;
  });
  return [
    "/**",
    ` * The brands valid for each asset type (curated in ${BRANDS_FILE}), as types: a brand listed under`,
    " * several asset types appears in each. `CheckedCreateLinkSessionRequest` is built on it.",
    " */",
    "export interface BrandsByAssetType {",
    ...rows,
    "}",
    "",
  ];
}

const HELPERS = [
  "type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];",
  "",
  "// The identity map flattens an intersection into one object type, so editors and errors show its fields.",
  "type Flatten<T> = { [K in keyof T]: T[K] };",
  "",
  "// Under exactOptionalPropertyTypes `brand?: Brand` refuses `brand: undefined`; the client's run-time",
  "// check accepts it (as JSON.stringify drops it), so the request types say so too.",
  "type OptionalAcceptsUndefined<T> = Flatten<",
  "  { [K in Exclude<keyof T, OptionalKeys<T>>]: T[K] } & { [K in OptionalKeys<T>]?: T[K] | undefined }",
  ">;",
  "",
];

const UNCHECKED = [
  "/**",
  " * The spec's request body as is (any brand with any asset type), with optional fields that accept",
  " * `undefined`: what `createLinkSession` takes on a client created with `checkBrandForAssetType: false`.",
  " */",
  "export type UncheckedCreateLinkSessionRequest = OptionalAcceptsUndefined<Request>;",
  "",
];

/** The types with the rule applied: `brand` tied to `asset_type` through the table. */
function checked(rule: BrandRule): string[] {
  const { brand: B, assetType: A } = CURATED_ENUMS;
  const path = (op: string) => `\`${op}\``;
  const b = rule.brand;
  const a = rule.assetType;
  return [
    `/** A table of the brands valid for each asset type, like the generated {@link BrandsByAssetType}. */`,
    `export type BrandTable = { readonly [A in ${A}]: ${B} };`,
    "",
    ...HELPERS,
    "/**",
    ` * The body of ${path(rule.operationId)} for asset type \`A\`: \`${b.key}\` is one of \`A\`'s brands (from`,
    " * `Table`, by default the curated {@link BrandsByAssetType}), `null` when the spec allows it, or absent",
    " * when optional. Optional fields accept `undefined`.",
    " */",
    `export type LinkSessionRequestFor<A extends ${A}, Table extends BrandTable = BrandsByAssetType> = OptionalAcceptsUndefined<`,
    `  Omit<Request, ${literal(a.key)} | ${literal(b.key)}> & {`,
    `    ${literal(a.key)}${a.required ? "" : "?"}: A;`,
    "    // What the spec allows besides a brand (null), kept from the spec rather than restated here.",
    `    ${literal(b.key)}${b.required ? "" : "?"}: Table[A] | Exclude<Request[${literal(b.key)}], ${B}>;`,
    "  }",
    ">;",
    "",
    "/**",
    ` * The body of ${path(rule.operationId)} with the brand rule applied at compile time: a union over the`,
    " * asset types, so a brand not listed for the asset type is a type error, a brand listed under several",
    " * fits each, and `null` (when the spec allows it) or no brand always fits. What `createLinkSession`",
    " * takes by default.",
    " */",
    "export type CheckedCreateLinkSessionRequest<Table extends BrandTable = BrandsByAssetType> = {",
    `  [A in ${A}]: LinkSessionRequestFor<A, Table>;`,
    `}[${A}];`,
    "",
    ...UNCHECKED,
  ];
}

/**
 * Renders the brand rule's types: `BrandsByAssetType` (the curated table as types), `BrandTable`,
 * `LinkSessionRequestFor`, `CheckedCreateLinkSessionRequest` and `UncheckedCreateLinkSessionRequest`,
 * the checked request tying the brand to the asset type. Only when the brand-rule plug-in is on (a
 * request with a `Brand`-typed and an `AssetType`-typed property); otherwise nothing, and the model
 * names the misfit (`no-brand-rule`).
 */
export function emitBrandRule(model: ApiModel): GeneratedFile[] {
  const rule = model.curated.brandRule;
  if (rule === null) return [];
  const aliases = [CURATED_ENUMS.assetType, CURATED_ENUMS.brand, rule.request].sort();
  const source = [
    generatedHeader({
      from: `${BRANDS_FILE} and ${SPEC_FILE}`,
      change: "the inputs (or scripts/emit/brand-rule.ts)",
    }),
    `import type { ${aliases.join(", ")} } from "./aliases.js";`,
    "",
    `type Request = ${rule.request};`,
    "",
    ...brandTable(model),
    ...checked(rule),
  ].join("\n");
  return [{ path: BRAND_RULE_FILE, source }];
}
