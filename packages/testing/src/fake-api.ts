import { COMPONENT_SCHEMAS, OPERATION, ROUTES } from "./generated/schemas.js";
import type { Json } from "./spec-schema.js";

/** One path, query or header parameter of a route (header names lower-cased). */
export interface RouteParameter {
  readonly name: string;
  readonly in: "path" | "query" | "header";
  readonly required: boolean;
  readonly schema: Json;
}

/** One operation as the fake serves it (generated from the spec by scripts/emit/testing-routes.ts). */
export interface Route {
  readonly operationId: string;
  readonly method: string;
  /** The path template below `basePath`, `{name}` for a path parameter. */
  readonly path: string;
  readonly parameters: readonly RouteParameter[];
  readonly body: { readonly required: boolean; readonly schema: Json } | null;
  readonly success: { readonly status: number; readonly schema: Json | null };
  /** Each documented 4xx status with the spec's example `error` message, or `null`. */
  readonly errors: Readonly<Record<string, string | null>>;
  readonly apiKeyHeader: string | null;
}

/** What the fake serves: its routes, the component schemas they reference, and the curated link-session operation. */
export interface FakeApi {
  readonly routes: readonly Route[];
  readonly components: Readonly<Record<string, unknown>>;
  /** The operation whose answers the link-session module shapes (curated: spec/method-names.json). */
  readonly linkSessionOperationId: string;
}

/** The API as the vendored spec describes it. */
export const SPEC_API: FakeApi = {
  routes: ROUTES as readonly Route[],
  components: COMPONENT_SCHEMAS,
  linkSessionOperationId: OPERATION.operationId,
};
