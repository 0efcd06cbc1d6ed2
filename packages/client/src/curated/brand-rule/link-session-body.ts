import type {
  BrandRuleOperationId,
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
