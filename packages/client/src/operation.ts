import type { BrandRuleFields, OperationValidators } from "@nox-energy/authenticator-enums/validators";

/** Where a parameter travels. */
export type ParameterLocation = "path" | "query" | "header";

/** How a body travels: what the client serialises it as, or reads it back as. */
export type MediaKind = "json" | "form" | "multipart" | "text" | "binary";

/** Where one credential goes: a header or query parameter, with `Bearer `/`Basic ` before the key. */
export interface NoxCredential {
  readonly in: "header" | "query";
  /** The header (lower-case) or query parameter name. */
  readonly name: string;
  /** `Bearer <key>`, or `Basic base64(<key>)`; absent: the key as is. */
  readonly scheme?: "Bearer" | "Basic";
}

/**
 * One API operation as the client's generic call reads it: generated per operation into
 * `generated/operations.ts` from the spec, never written by hand (a test may build one).
 */
export interface NoxOperation {
  readonly operationId: string;
  /** The client method's name (curated, else the operationId in camelCase), for messages. */
  readonly methodName: string;
  /** The HTTP method, upper-case. */
  readonly method: string;
  /** The path template, `{name}` for each path parameter. */
  readonly path: string;
  /** What logs call it: `createLinkSession POST /supplier/link-sessions`. */
  readonly label: string;
  /** True when the method takes `(body, options?)`: the input is the body itself. */
  readonly bodyOnly: boolean;
  /** The request body's media (the input itself, or `params.body`), when the operation takes one. */
  readonly body?: { readonly kind: MediaKind; readonly mediaType: string; readonly required: boolean };
  /** Each parameter the method takes, under its spec name (header names lower-case), with its OpenAPI style. */
  readonly parameters: readonly {
    readonly name: string;
    readonly in: ParameterLocation;
    readonly required: boolean;
    /** `form` (query), `simple` (path, header), `deepObject`, ... */
    readonly style: string;
    readonly explode: boolean;
  }[];
  /**
   * The documented successes: every 2xx, else every 3xx (returned, not followed); each with the kind of
   * its body (absent: none). Empty: any 2xx is a success.
   */
  readonly success: readonly { readonly status: number; readonly kind?: MediaKind }[];
  /** The documented error statuses. */
  readonly errors: readonly number[];
  /** Where the API key goes (the first of the spec's security alternatives); empty: the operation needs none. */
  readonly credentials: readonly NoxCredential[];
  /** The generated validators of its parameters, body and success bodies. */
  readonly validators: OperationValidators;
  /** Where the curated brand rule applies in its body, when it does. */
  readonly brandRule?: BrandRuleFields;
  /** For an unsafe method, what a 2xx whose body is unusable may mean ("The link session may have been created"). */
  readonly effect?: string;
}
