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
  "// Under exactOptionalPropertyTypes `brand?: Brand` refuses `brand: undefined`; the client's run-time",
  "// check accepts it (as JSON.stringify drops it), so the request types say so too. An intersection: the",
  "// exported types map over it, so editors and errors show one object under the exported type's name.",
  "type OptionalAcceptsUndefined<T> = { [K in Exclude<keyof T, OptionalKeys<T>>]: T[K] } & {",
  "  [K in OptionalKeys<T>]?: T[K] | undefined;",
  "};",
  "",
];

const UNCHECKED = [
  "/**",
  " * The spec's request body as is (any brand with any asset type), with optional fields that accept",
  " * `undefined`: what `createLinkSession` takes on a client created with `checkBrandForAssetType: false`.",
  " */",
  "export type UncheckedCreateLinkSessionRequest = {",
  "  [K in keyof OptionalAcceptsUndefined<Request>]: OptionalAcceptsUndefined<Request>[K];",
  "};",
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
    `type LinkSessionFields<A extends ${A}, Table extends BrandTable> = OptionalAcceptsUndefined<`,
    `  Omit<Request, ${literal(a.key)} | ${literal(b.key)}> & {`,
    `    ${literal(a.key)}${a.required ? "" : "?"}: A;`,
    "    // What the spec allows besides a brand (null), kept from the spec rather than restated here.",
    `    ${literal(b.key)}${b.required ? "" : "?"}: Table[A] | Exclude<Request[${literal(b.key)}], ${B}>;`,
    "  }",
    ">;",
    "",
    "/**",
    ` * The body of ${path(rule.operationId)} for asset type \`A\`: \`${b.key}\` is one of \`A\`'s brands (from`,
    " * `Table`, by default the curated {@link BrandsByAssetType}), `null` when the spec allows it, or absent",
    " * when optional. Optional fields accept `undefined`.",
    " */",
    `export type LinkSessionRequestFor<A extends ${A}, Table extends BrandTable = BrandsByAssetType> = {`,
    "  [K in keyof LinkSessionFields<A, Table>]: LinkSessionFields<A, Table>[K];",
    "};",
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

// TypeScript cuts a type it prints in an error at 320 characters: each message stays under this.
const MESSAGE_BUDGET = 300;

/**
 * What to use instead of a brand that does not fit `assetType`, in words: its brands, as many as fit
 * the message (then "and N more"), and null when the spec allows it.
 */
export function brandHint(brands: readonly string[], prefix: number, nullable: boolean): string {
  const orNull = nullable ? ", or null" : "";
  if (brands.length === 0) return `no brand is listed for it${nullable ? "; use null" : ""}`;
  const room = MESSAGE_BUDGET - prefix - orNull.length - "use one of ".length;
  let shown = brands.length;
  const list = (n: number) =>
    brands.slice(0, n).join(", ") + (n < brands.length ? ` and ${brands.length - n} more` : "");
  while (shown > 1 && list(shown).length > room) shown--;
  return `use one of ${list(shown)}${orNull}`;
}

/**
 * The types that make a wrong brand/asset type pair read as a sentence at compile time:
 * `CheckBrandForAssetType<Body>`, what the client's method takes for a body of type `Body`.
 */
function mismatch(model: ApiModel, rule: BrandRule): string[] {
  const { brand: B, assetType: A } = CURATED_ENUMS;
  const a = rule.assetType.key;
  const b = rule.brand.key;
  const nullable =
    model.schemas.get(rule.request)?.properties?.find((p) => p.name === b)?.schema.nullable === true;
  const longest = Math.max(0, ...model.curated.brands.map((x) => x.brand.length));
  const hints = model.curated.assetTypes.map((assetType) => {
    const brands = model.curated.brands.filter((x) => x.assetTypes.includes(assetType)).map((x) => x.brand);
    const prefix = `${"x".repeat(longest)} is not a brand for ${a} ${assetType}: `.length;
    return `  ${literal(assetType)}: ${literal(brandHint(brands, prefix, nullable))};`;
  });
  const parse = "parse the input with toLinkSessionRequest(input)";
  return [
    "// What to use instead of a brand that does not fit each asset type, for the messages below.",
    "interface BrandHints {",
    ...hints,
    "}",
    "",
    "// The asset types in the spec's order, to name a union of them in a message.",
    `type AssetTypeOrder = [${model.curated.assetTypes.map(literal).join(", ")}];`,
    "",
    "type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;",
    "",
    "// `hp | pv`: the members of Order that are in U, joined (tail-recursive, so a long enum is fine).",
    'type JoinIn<Order extends readonly string[], U, Done extends string = ""> = Order extends readonly [',
    "  infer H extends string,",
    "  ...infer Rest extends string[],",
    "]",
    '  ? JoinIn<Rest, U, H extends U ? (Done extends "" ? H : `${Done} | ${H}`) : Done>',
    "  : Done;",
    "",
    "// Body with its asset type or its brand typed as a sentence saying what is wrong and what to do, so the",
    "// compiler's error reads `Type '\"solaredge\"' is not assignable to type '\"solaredge is not a brand ...\"'`.",
    "type BrandRuleMismatch<Body> = Body extends { " + literal(a) + ": infer At extends " + A + " }",
    "  ? true extends IsUnion<At>",
    "    ? {",
    `        [K in keyof Body]: K extends ${literal(a)}`,
    `          ? \`${a} is \${JoinIn<AssetTypeOrder, At>} here, not one value, so ${b} cannot be checked against it: ${parse}, or narrow ${a} to one value first\``,
    "          : Body[K];",
    "      }",
    `    : Body extends { ${literal(b)}?: infer Br }`,
    `      ? Exclude<Br, BrandsByAssetType[At] | null | undefined> extends infer Bad extends ${B}`,
    "        ? [Bad] extends [never]",
    "          ? CheckedCreateLinkSessionRequest",
    "          : {",
    `              [K in keyof Body]: K extends ${literal(b)}`,
    "                ? true extends IsUnion<Bad>",
    `                  ? \`${b} is not checked against ${a} \${At} here: narrow it with isBrandForAssetType(${b}, ${a}), or ${parse}\``,
    `                  : \`\${Bad} is not a brand for ${a} \${At}: \${BrandHints[At]}\``,
    "                : Body[K];",
    "            }",
    "        : CheckedCreateLinkSessionRequest",
    "      : CheckedCreateLinkSessionRequest",
    "  : CheckedCreateLinkSessionRequest;",
    "",
    "/**",
    ` * What \`${rule.operationId}\` takes, with the brand rule checked, for a body of type \`Body\`:`,
    ` * \`Body\` itself when its brand fits its asset type; else \`Body\` with \`${b}\` (or \`${a}\`, when it`,
    " * is a union) typed as a sentence naming the brand, the asset type and what to use instead, which the",
    " * compiler's error quotes. A body the spec itself refuses (a missing field, an unknown one) gets",
    " * `CheckedCreateLinkSessionRequest`, and the compiler's usual error.",
    " */",
    "export type CheckBrandForAssetType<Body> = [UncheckedCreateLinkSessionRequest] extends [Body]",
    "  ? CheckedCreateLinkSessionRequest",
    "  : [Exclude<keyof Body, keyof Request>] extends [never]",
    "    ? [Body] extends [CheckedCreateLinkSessionRequest]",
    "      ? Body",
    "      : BrandRuleMismatch<Body>",
    "    : CheckedCreateLinkSessionRequest;",
    "",
  ];
}

/**
 * Renders the brand rule's types: `BrandsByAssetType` (the curated table as types), `BrandTable`,
 * `LinkSessionRequestFor`, `CheckedCreateLinkSessionRequest`, `UncheckedCreateLinkSessionRequest` and
 * `CheckBrandForAssetType`: the checked request tying the brand to the asset type, and the argument type
 * that makes a wrong pair's compile error a sentence. Only when the brand-rule plug-in is on (a
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
    ...mismatch(model, rule),
  ].join("\n");
  return [{ path: BRAND_RULE_FILE, source }];
}
