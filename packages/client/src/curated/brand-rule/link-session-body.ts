import type {
  BrandRuleOperationId,
  CheckBrandForAssetType,
  CheckedCreateLinkSessionRequest,
  UncheckedCreateLinkSessionRequest,
} from "../../generated/curated.js";

/**
 * The body `createLinkSession` takes: `brand` tied to `asset_type` when the client checks the brand rule
 * (`Checked` is `true`, the default), any spec brand with any asset type when it does not (`false`). A
 * `boolean` known only at run time (options built elsewhere) gets the looser type, so the types never
 * refuse a body the run time would send; the run-time check still applies when it is on.
 */
// A lookup, not a conditional type: TypeScript then compares clients by their members, so a client that
// takes more bodies (NoxClient<false>) fits where a NoxClient is expected.
export type LinkSessionBody<Checked extends boolean = true> = {
  true: CheckedCreateLinkSessionRequest;
  false: UncheckedCreateLinkSessionRequest;
}[`${Checked}`];

/** The body types the brand-rule plug-in puts on the generated methods: its operation's, by operationId (none when off). */
export type BrandRuleBodies<Checked extends boolean = true> = {
  [K in BrandRuleOperationId]: LinkSessionBody<Checked>;
};

/** What the brand-rule operation's method infers its body type `B` within: any spec body (the looser type). */
export type BrandRuleInput = UncheckedCreateLinkSessionRequest;

/**
 * The parameter type of the brand-rule operation's method for a body of type `B`, given the body type
 * `Declared` the client takes ({@link LinkSessionBody}): on a checking client, `B` itself when its
 * brand fits its asset type, else `B` with the offending field typed as a sentence the compiler's
 * error quotes (`"solaredge is not a brand for asset_type hp: use one of …"`); on any other client,
 * `Declared` as it is.
 */
// `Parameters<typeof nox.createLinkSession>[0]` instantiates B with BrandRuleInput, which gives the
// declared type: CheckBrandForAssetType maps the looser type itself to the checked one.
export type BrandRuleArgument<Declared, B> = [Declared] extends [CheckedCreateLinkSessionRequest]
  ? CheckBrandForAssetType<B>
  : Declared;
