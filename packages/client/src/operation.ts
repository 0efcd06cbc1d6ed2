import type { ClientSchema } from "./client-schema.js";

/** Where a parameter travels. */
export type ParameterLocation = "path" | "query" | "header";

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
  /** GET, HEAD or OPTIONS: sending it twice does no harm. */
  readonly safe: boolean;
  /** True when the method takes `(body, options?)`: the input is the body itself. */
  readonly bodyOnly: boolean;
  /** True when the operation sends a JSON body (`input` itself, or `params.body`). */
  readonly hasBody: boolean;
  /** The schema of the method's first argument: the body, or `{ ...parameters, body }`. */
  readonly input: ClientSchema;
  /** Each parameter, under its spec name (header names lower-case). */
  readonly parameters: readonly {
    readonly name: string;
    readonly in: ParameterLocation;
    readonly required: boolean;
  }[];
  /** The documented success: its status and, when it has a JSON body, that body's schema. */
  readonly success: { readonly status: number; readonly schema?: ClientSchema };
  /** The documented error statuses. */
  readonly errors: readonly number[];
  /** For an unsafe method, what a 2xx whose body is unusable may mean ("The link session may have been created"). */
  readonly effect?: string;
}
