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
  | "any"
  /** The `false` schema (nothing is valid), e.g. `items: false` after `prefixItems`, or `not: {}`. */
  | "never";

/** One object property: its schema and whether the object requires it. */
export interface Property {
  name: string;
  required: boolean;
  schema: Schema;
}

/** An OpenAPI discriminator, its mapping read to component names (implicit mapping: absent). */
export interface Discriminator {
  propertyName: string;
  /** Tag value -> component name (`#/components/schemas/Cat` and bare `Cat` both read `Cat`), in the spec's order. */
  mapping?: Readonly<Record<string, string>>;
}

/** `if`/`then`/`else` of JSON Schema 2020-12 (grouped: a `then` key would make a Schema look like a promise). */
export interface Conditional {
  if: Schema;
  then?: Schema;
  else?: Schema;
}

/**
 * A normalised schema node: `$ref` + sibling `nullable`, `type: [T, "null"]` and `anyOf [X, {type: "null"}]`
 * all read `nullable: true`. A node with its own shape *and* combinators (or a 3.1 `$ref` with constraining
 * siblings) is an `intersection` of the parts, the own shape first; annotations stay on the outer node.
 */
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
  /** For `kind: "array"`: the items after `prefixItems` (`kind: "never"` for `items: false`). */
  items?: Schema;
  /** For `kind: "array"`: tuple positions (2020-12 `prefixItems`; 3.0 has none). */
  prefixItems?: readonly Schema[];
  contains?: Schema;
  minContains?: number;
  maxContains?: number;
  /** `true`/`false` or a schema, as the spec says; absent when unspecified. */
  unevaluatedItems?: boolean | Schema;
  /**
   * For `kind: "object"`, in the spec's order. Object keywords (these, `required`, maps, ...) may also sit on
   * a `kind: "any"` node (a schema without `type`): they then apply to objects only, as JSON Schema says.
   */
  properties?: readonly Property[];
  /**
   * The required property names in the spec's order (each property also says so); names the spec requires
   * without listing them in `properties` are kept here too.
   */
  requiredOrder?: readonly string[];
  /** `true`/`false` as the spec says; a schema for typed maps; absent when unspecified. */
  additionalProperties?: boolean | Schema;
  /** For `kind: "object"`: property-name regular expressions (as written) with their value schemas, in order. */
  patternProperties?: readonly { pattern: string; schema: Schema }[];
  /** For `kind: "object"`: the schema every property name (a string) must match. */
  propertyNames?: Schema;
  /** `true`/`false` or a schema, as the spec says; absent when unspecified. */
  unevaluatedProperties?: boolean | Schema;
  /** Property name -> the names it requires when present (2020-12 `dependentRequired`). */
  dependentRequired?: Readonly<Record<string, readonly string[]>>;
  /** Property name -> the schema the object must also match when it is present. */
  dependentSchemas?: Readonly<Record<string, Schema>>;
  /** On a union (or an object that is a base others `allOf`-reference): which property tells the variants apart. */
  discriminator?: Discriminator;
  /** The schema a value must *not* match (`not`). */
  not?: Schema;
  conditional?: Conditional;
  /** For `kind: "union"` (`oneOf`/`anyOf`, or a 3.1 `type` list) and `"intersection"` (`allOf`). */
  variants?: readonly Schema[];
  /**
   * For an intersection: `variants[0]` is the schema's own shape, which the spec wrote beside its
   * combinators (or beside a 3.1 `$ref`); printers may write it back there.
   */
  withOwnShape?: boolean;
  /** `oneOf` or `anyOf`, for a union read from one. */
  combinator?: "oneOf" | "anyOf";
  /** Annotations of string content (2020-12 `contentMediaType` / `contentEncoding`): never checked. */
  contentMediaType?: string;
  contentEncoding?: string;
  title?: string;
  description?: string;
  example?: unknown;
  deprecated?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
}

/** Where a parameter travels. */
export type ParameterLocation = "path" | "query" | "header" | "cookie";

/** How a parameter's value is serialised (OpenAPI `style`); the spec's default when it says none. */
export type ParameterStyle =
  "form" | "simple" | "matrix" | "label" | "spaceDelimited" | "pipeDelimited" | "deepObject";

/** One operation parameter (path-item parameters merged in). Header names are lower-cased. */
export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: Schema;
  description?: string;
  deprecated: boolean;
  /** As the spec says, else its default: `form` for query and cookie, `simple` for path and header. */
  style: ParameterStyle;
  /** As the spec says, else its default: `true` for `form`, `false` otherwise. */
  explode: boolean;
  /** For a parameter given by `content` rather than `schema`: that media type (its value is serialised so). */
  mediaType?: string;
}

/** How a body travels, from its media type: what the client encodes and decodes it as. */
export type MediaKind = "json" | "form" | "multipart" | "text" | "binary";

/** One media type of a body, as the spec lists it. */
export interface Media {
  mediaType: string;
  kind: MediaKind;
  schema?: Schema;
  /** The media type's `example`, or the value of its first `examples` entry (`$ref`s resolved). */
  example?: unknown;
  /** The media type's named `examples`, each value with `$ref`s to `#/components/examples` resolved. */
  examples?: Readonly<Record<string, unknown>>;
}

/** The request body of an operation: every media type, and the one chosen (its JSON one, or the first listed). */
export interface RequestBody {
  required: boolean;
  /** The chosen media type. */
  mediaType: string;
  /** The chosen media type's kind. */
  kind: MediaKind;
  /** The chosen media type's schema (anything, `kind: "any"`, when it gives none). */
  schema: Schema;
  description?: string;
  /** Every media type listed, in the spec's order (the chosen one among them). */
  media: readonly Media[];
}

/** One response of an operation, by status (`"201"`, `"4XX"`, `"default"`). */
export interface Response {
  status: string;
  description: string;
  /** The chosen media type (JSON, else the first listed); absent when the response has no body. */
  mediaType?: string;
  /** The chosen media type's kind. */
  kind?: MediaKind;
  schema?: Schema;
  example?: unknown;
  /** Response header names (lower-cased) with their schemas. */
  headers: readonly { name: string; required: boolean; schema: Schema; description?: string }[];
  /** Every media type listed, in the spec's order (the chosen one among them); `[]` without a body. */
  media: readonly Media[];
}

/** One OAuth 2 flow of a security scheme. */
export interface OAuthFlow {
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  /** Scope name -> description. */
  scopes: Readonly<Record<string, string>>;
}

/** One credential a request presents: the scheme's name and where its value goes. */
export interface Credential {
  scheme: string;
  /** `apiKey`, `http`, `oauth2`, `openIdConnect` or `mutualTLS`. */
  type: string;
  /** `header`, `query` or `cookie` for API keys; absent for HTTP and OAuth schemes. */
  in?: string;
  /** The API key's parameter name (lower-cased for headers), or the HTTP scheme (`bearer`, `basic`). */
  name?: string;
  /** For `http` bearer schemes: the token's format, as documented. */
  bearerFormat?: string;
  /** For `oauth2`: its flows by name (`implicit`, `password`, `clientCredentials`, `authorizationCode`). */
  flows?: Readonly<Record<string, OAuthFlow>>;
  /** For `openIdConnect`: the discovery URL. */
  openIdConnectUrl?: string;
  /** In an operation's security: the scopes the requirement lists (absent when none). */
  scopes?: readonly string[];
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
  /**
   * The statuses that count as success, in the spec's order: every documented 2xx (`2XX` included); else
   * every documented 3xx (returned, not followed); else none (`[]`: every answer is an error).
   */
  successStatuses: readonly string[];
  /**
   * Parameters the client cannot take as input, left out of `parameters` with a warning: cookie parameters,
   * and headers the client sets itself (the credential's header, framing headers, `user-agent`). For
   * webhooks (the supplier receives them) nothing is dropped.
   */
  droppedParameters: readonly Parameter[];
  /** For a webhook (`webhooks` / `x-webhooks`): its name (its `path` is the same name). */
  webhook?: string;
}

/** A variable of a templated server URL (`https://{region}.example.com`). */
export interface ServerVariable {
  default: string;
  enum?: readonly string[];
  description?: string;
}

/** One server the spec lists, its URL as a template (`{name}` for a variable). */
export interface Server {
  url: string;
  description?: string;
  /** Each variable of the template, in the spec's order (`{}` when none). */
  variables: Readonly<Record<string, ServerVariable>>;
}

/** The server the client talks to unless told otherwise: the first one listed, variables at their defaults. */
export interface DefaultServer {
  /** Its index in `servers`. */
  index: number;
  /** The URL with every variable replaced by its default, as written otherwise (a relative URL stays relative). */
  url: string;
  /** True for an absolute URL (a scheme and a host); a relative one resolves against where the spec is served. */
  absolute: boolean;
}

/** Something the model read in a way worth saying, never fatal: printed by `pnpm generate` and `update-spec`. */
export interface ModelWarning {
  /**
   * A short kind: `nullable-without-type`, `unknown-format`, `dynamic-ref`, `dropped-parameter`,
   * `operation-servers`, `method-name-collision`, `empty-content`, `ref-siblings`.
   */
  kind: string;
  /** Where, as `spec/<file>#/...` (RFC 6901). */
  pointer: string;
  message: string;
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
  /** Its values in spec order, `null` excluded (see `nullable`). */
  values: readonly unknown[];
  /** True when `null` is one of its values (listed, or the schema is nullable). */
  nullable?: boolean;
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
  /** The operation the link-session plug-ins serve (curated method name `createLinkSession`); `null` without one. */
  linkSession: LinkSession | null;
  /** Which curated plug-ins fit the spec (each one's API is generated only when on; see spec/README.md). */
  plugins: CuratedPlugins;
}

/** The curated link-session operation, as far as the model checks it (the plug-ins check their fields). */
export interface LinkSession {
  operationId: string;
  /** Its JSON request body schema. */
  request: Schema;
  /** Its first JSON success response schema. */
  response: Schema;
}

/** Which curated plug-ins are on: each one's exports are generated only then; otherwise a misfit names why. */
export interface CuratedPlugins {
  /** The spec has a `Brand` string enum: brand table, brandsFor, brandLabel, brandOptions... (enums). */
  brands: boolean;
  /** The spec has `AssetType` and `Language` string enums and spec/labels.json exists (enums). */
  labels: boolean;
  /** `curated.brandRule` was found (types, client, fake). */
  brandRule: boolean;
  /** `curated.linkSession` was found (client, fake). */
  linkSession: boolean;
  /** link-session is on and spec/link-callback.schema.json fits (types, client, fake). */
  linkCallback: boolean;
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
  servers: readonly Server[];
  /** The first server with its variables resolved; `null` when the spec lists none. */
  defaultServer: DefaultServer | null;
  securitySchemes: Readonly<Record<string, Credential & { description?: string }>>;
  operations: readonly Operation[];
  /**
   * Operations the supplier *receives* (3.1 `webhooks`, and `x-webhooks`), in the spec's order: read by the
   * types emitter and the enum collector, never by the client or the fake. `path` is the webhook's name.
   */
  webhooks: readonly Operation[];
  /** Named component schemas, in the spec's order. */
  schemas: ReadonlyMap<string, Schema>;
  enums: readonly EnumInfo[];
  curated: Curated;
  /** What the model read with a caveat (never fatal), in document order. */
  warnings: readonly ModelWarning[];
}

/** One file an emitter produces, relative to the repository root, before formatting. */
export interface GeneratedFile {
  path: string;
  source: string;
}

/** An emitter: reads the model, returns the files it owns. Registering one is one line in scripts/emit/index.ts. */
export type Emitter = (model: ApiModel) => GeneratedFile[] | Promise<GeneratedFile[]>;
