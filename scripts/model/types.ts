/**
 * The one typed model of the API that every emitter and the classifier read (load -> model -> emit).
 * Only scripts/model/ reads the raw OpenAPI document; 3.0 and 3.1 spellings of the same thing
 * (nullable, exclusive bounds, examples) arrive here as one form.
 */

/** The kinds of schema node the model knows; anything else is a {@link ModelError}. */
export type SchemaKind =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | "null"
  | "array"
  | "object"
  | "ref"
  | "union"
  | "intersection"
  | "any";

/** One object property: its schema and whether the object requires it. */
export interface Property {
  name: string;
  required: boolean;
  schema: Schema;
}

/** A normalised schema node: `$ref` + sibling `nullable`, `type: [T, "null"]` and `anyOf [X, {type: "null"}]` all read `nullable: true`. */
export interface Schema {
  kind: SchemaKind;
  nullable: boolean;
  /** The component name, for `kind: "ref"`. */
  ref?: string;
  /** Allowed values (also `const`, as one value). */
  enum?: readonly unknown[];
  format?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  /** For `kind: "array"`. */
  items?: Schema;
  /** For `kind: "object"`, in the spec's order. */
  properties?: readonly Property[];
  /** The required property names in the spec's order (each property also says so); for `kind: "object"`. */
  requiredOrder?: readonly string[];
  /** `true`/`false` as the spec says; a schema for typed maps; absent when unspecified. */
  additionalProperties?: boolean | Schema;
  /** For `kind: "union"` (`oneOf`/`anyOf`, or a 3.1 `type` list) and `"intersection"` (`allOf`). */
  variants?: readonly Schema[];
  /** `oneOf` or `anyOf`, for a union read from one. */
  combinator?: "oneOf" | "anyOf";
  title?: string;
  description?: string;
  example?: unknown;
  deprecated?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
}

/** Where a parameter travels. */
export type ParameterLocation = "path" | "query" | "header" | "cookie";

/** One operation parameter (path-item parameters merged in). Header names are lower-cased. */
export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: Schema;
  description?: string;
  deprecated: boolean;
}

/** The request body of an operation (its JSON media type, or the first one listed). */
export interface RequestBody {
  required: boolean;
  mediaType: string;
  schema: Schema;
  description?: string;
}

/** One response of an operation, by status (`"201"`, `"4XX"`, `"default"`). */
export interface Response {
  status: string;
  description: string;
  mediaType?: string;
  schema?: Schema;
  example?: unknown;
  /** Response header names (lower-cased) with their schemas. */
  headers: readonly { name: string; required: boolean; schema: Schema }[];
}

/** One credential a request presents: the scheme's name and where its value goes. */
export interface Credential {
  scheme: string;
  type: string;
  /** `header`, `query` or `cookie` for API keys; absent for HTTP and OAuth schemes. */
  in?: string;
  /** The API key's parameter name (lower-cased for headers), or the HTTP scheme (`bearer`). */
  name?: string;
}

/** One API operation, with what the client's methods and the fake's routes need. */
export interface Operation {
  operationId: string;
  /** The client method name: curated (spec/method-names.json) or the operationId in camelCase. */
  methodName: string;
  /** Other names the client also offers for it (the operationId's own when curated renames it). */
  aliases: readonly string[];
  method: string;
  path: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  tags: readonly string[];
  parameters: readonly Parameter[];
  requestBody?: RequestBody;
  responses: readonly Response[];
  /** Alternatives (any one suffices), each a list of credentials presented together; `[]` = none needed. */
  security: readonly (readonly Credential[])[];
}

/** Where an enum's values travel: what a caller sends, receives, or both (unused counts as both). */
export type EnumUsage = "request" | "response" | "both";

/** Every enum in the spec, named by the rule in spec/README.md. */
export interface EnumInfo {
  /** PascalCase: the component name, or `<Owner><Property>` for an inline one. */
  name: string;
  /** True for a component schema (its alias exists in the types package). */
  named: boolean;
  /** The JSON pointer of the schema that holds it. */
  pointer: string;
  values: readonly unknown[];
  default?: unknown;
  usage: EnumUsage;
}

/** One brand's curated facts that fit the spec. */
export interface CuratedBrand {
  brand: string;
  label: string;
  assetTypes: readonly string[];
}

/** Curated data that no longer fits the spec: named, never fatal. */
export interface Misfit {
  /** The curated file it sits in. */
  file: string;
  /** A short kind, e.g. "unplaced", "unknown", "bad-asset-types", "unlabelled", "missing-enum". */
  kind: string;
  subjects: readonly string[];
  /** What is wrong and what to do about it. */
  message: string;
}

/** The curated data of spec/, as far as it fits the spec. */
export interface Curated {
  /** The brands of the spec's Brand enum that curated data places, in spec order. */
  brands: readonly CuratedBrand[];
  /** Every asset type: the spec's AssetType enum, or the curated ones when the spec has none. */
  assetTypes: readonly string[];
  /** operationId -> the method name the client keeps for it, then any extra aliases. */
  methodNames: Readonly<Record<string, readonly string[]>>;
  misfits: readonly Misfit[];
  /** spec/labels.json against the enums' asset types and languages; `null` when absent. */
  labels: CuratedLabels | null;
  /** spec/link-callback.schema.json as a model schema; `null` when absent. */
  linkCallback: CuratedSchema | null;
  /** Where the brand rule (a brand valid for an asset type) applies; `null` when no request fits it. */
  brandRule: BrandRule | null;
  /** The link-session plug-in's operation (scripts/model/link-session.ts); `null` when it does not fit. */
  linkSession: LinkSessionPlugin | null;
}

/** The operation the link-session plug-in shapes: its request and response components and success status. */
export interface LinkSessionPlugin {
  operationId: string;
  /** The request body's component name. */
  request: string;
  /** The first 2xx response's component name. */
  response: string;
  status: string;
  /** The default of the request's `language` (its own or its component's), or `null`. */
  defaultLanguage: string | null;
}

/** spec/labels.json as far as it fits: every asset type and language, in the enums' order, labelled. */
export interface CuratedLabels {
  /** Each asset type with its label per language (a missing label is the raw language value's own). */
  assetTypes: readonly (readonly [
    assetType: string,
    labels: readonly (readonly [language: string, label: string])[],
  ])[];
  /** Each language with its name in itself. */
  languages: readonly (readonly [language: string, label: string])[];
}

/** A curated JSON schema outside the OpenAPI document (spec/link-callback.schema.json). */
export interface CuratedSchema {
  /** The type name it generates (its `title`). */
  name: string;
  schema: Schema;
  /** Where its facts come from (`x-provenance`), for a `@see` line. */
  see?: string;
}

/** The request the curated brand rule applies to: its Brand-typed and AssetType-typed properties. */
export interface BrandRule {
  operationId: string;
  /** The request body's component name. */
  request: string;
  brand: { key: string; required: boolean };
  assetType: { key: string; required: boolean };
}

/** The API as one typed model. */
export interface ApiModel {
  /** The OpenAPI version the document declared (the model itself is version-free). */
  openapi: string;
  info: {
    title: string;
    version: string;
    description?: string;
    contact?: unknown;
    license?: unknown;
    termsOfService?: unknown;
  };
  servers: readonly { url: string; description?: string }[];
  securitySchemes: Readonly<Record<string, Credential & { description?: string }>>;
  operations: readonly Operation[];
  /** Named component schemas, in the spec's order. */
  schemas: ReadonlyMap<string, Schema>;
  enums: readonly EnumInfo[];
  curated: Curated;
}

/** One file an emitter produces, relative to the repository root, before formatting. */
export interface GeneratedFile {
  path: string;
  source: string;
}

/** An emitter: reads the model, returns the files it owns. Registering one is one line in scripts/emit/index.ts. */
export type Emitter = (model: ApiModel) => GeneratedFile[] | Promise<GeneratedFile[]>;
