import type { LinkSessionPlugin } from "./curated/link-session/contract.js";
import { COMPONENT_SCHEMAS, ROUTES } from "./generated/routes.js";
import { LINK_SESSION } from "./generated/link-session.js";
import { SPEC_VALIDATORS } from "./spec-validators.js";
import type { ValidatorTable } from "./validation.js";

/** A media kind: how a body travels (issue #14, decision 1). */
export type MediaKind = "json" | "form" | "multipart" | "text" | "binary";

/** One path, query or header parameter of a route (header names lower-cased), with its OpenAPI style. */
export interface RouteParameter {
  readonly name: string;
  readonly in: "path" | "query" | "header";
  readonly required: boolean;
  readonly style: string;
  readonly explode: boolean;
  readonly schema: unknown;
}

/** One credential a route accepts (an alternative may need several together). */
export type RouteCredential =
  | { readonly type: "apiKey"; readonly in: "header" | "query" | "cookie"; readonly name: string }
  | { readonly type: "bearer" }
  | { readonly type: "basic" };

/** One operation as the fake serves it (generated from the spec by scripts/emit/testing-routes.ts). */
export interface Route {
  readonly operationId: string;
  readonly method: string;
  /** The path template below `basePath`, `{name}` for a path parameter. */
  readonly path: string;
  readonly parameters: readonly RouteParameter[];
  readonly body: {
    readonly required: boolean;
    readonly mediaType: string;
    readonly kind: MediaKind;
    readonly schema: unknown;
  } | null;
  /** The first documented 2xx (else 3xx) answer; `null` when the spec documents neither (answered 204). */
  readonly success: {
    readonly status: number;
    /** The status as the spec documents it (`"201"`, `"2XX"`): its validator's key. */
    readonly documented: string;
    readonly mediaType: string | null;
    readonly kind: MediaKind | null;
    readonly schema: unknown;
    readonly headers: readonly {
      readonly name: string;
      readonly required: boolean;
      readonly schema: unknown;
    }[];
  } | null;
  /** Each documented 4xx status with the spec's example `error` message, or `null`. */
  readonly errors: Readonly<Record<string, string | null>>;
  /** Security alternatives (any one suffices), each the credentials sent together; `[]` = none needed. */
  readonly security: readonly (readonly RouteCredential[])[];
  /** The brand rule on this operation's body: which property is the brand, which the asset type. */
  readonly brandRule: {
    readonly brand: string;
    readonly assetType: string;
    readonly brandNullable: boolean;
  } | null;
}

/** What the fake serves: its routes, the component schemas they reference, their validators and plug-in data. */
export interface FakeApi {
  readonly routes: readonly Route[];
  /** `#/components/schemas/<name>` as the spec states them: what responses are sampled from. */
  readonly components: Readonly<Record<string, unknown>>;
  /** Each operation's validators (parameters, body, answers). */
  readonly validators: ValidatorTable;
  /** The operation the link-session plug-in shapes, or `null` when the spec does not fit it. */
  readonly linkSession: LinkSessionPlugin | null;
}

/** The API as the vendored spec describes it. */
export const SPEC_API: FakeApi = {
  routes: ROUTES,
  components: COMPONENT_SCHEMAS,
  validators: SPEC_VALIDATORS,
  linkSession: LINK_SESSION,
};
