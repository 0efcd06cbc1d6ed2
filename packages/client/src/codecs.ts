import type { NoxValidationIssue } from "./errors.js";
import type { MediaKind, NoxCredential, NoxOperation } from "./operation.js";
import type { SendableBody } from "./prepare-request.js";

/** A body serialised for its media, and the content-type to send when fetch would not write the right one. */
export interface EncodedBody {
  readonly body: SendableBody | undefined;
  readonly contentType?: string;
}

/** How one request media other than JSON is checked and sent. */
export interface BodyCodec {
  /** What is wrong with `body` for this media (before any schema check), in words; undefined when fine. */
  refuse?(body: unknown, mediaType: string): string | undefined;
  /** The validated body as fetch sends it. */
  encode(body: unknown, mediaType: string): EncodedBody;
}

/** The path, query string and header parameters of one call, in their OpenAPI styles. */
export interface EncodedParameters {
  /** The path with each parameter percent-encoded, then `?query` when there is one. */
  readonly path: string;
  /** The header parameters (credentials are added by the caller). */
  readonly headers: Record<string, string | null> | undefined;
}

/** Parameters: checked as one object against the operation's validator, then encoded. */
export interface ParameterCodec {
  /** Every issue of a `{ ...parameters, body }` input; `bodyIssues` checks its `body`. */
  findIssues(
    op: NoxOperation,
    input: unknown,
    bodyIssues: (body: unknown) => NoxValidationIssue[],
  ): NoxValidationIssue[];
  /** The path, query (with query credentials) and header parameters; problems go to `issues`. */
  encode(
    op: NoxOperation,
    params: Record<string, unknown>,
    apiKey: string,
    issues: NoxValidationIssue[],
  ): EncodedParameters;
}

/**
 * What of the generic call only some specs need: parameters in their styles and request media other
 * than JSON. The generated operations module links the ones its spec's operations use (so a bundle keeps
 * only those); a descriptor built by hand runs with every one (`callOperation`).
 */
export interface NoxCodecs {
  /** Absent when every operation is body-only, with a plain path and no credential in the query. */
  readonly parameters?: ParameterCodec;
  /** Each request media other than JSON that some operation sends. */
  readonly bodies: Readonly<Partial<Record<Exclude<MediaKind, "json">, BodyCodec>>>;
}

/** True when `op` needs the parameters codec: parameters, a path template or a query credential. */
export function needsParameters(op: NoxOperation): boolean {
  return (
    op.parameters.length > 0 ||
    op.path.includes("{") ||
    op.credentials.some((c: NoxCredential) => c.in === "query")
  );
}

/** The error for a descriptor whose needs the linked codecs lack: the generated module is stale. */
export function missingCodec(op: NoxOperation, what: string): Error {
  return new Error(
    `${op.operationId}: the client was built without ${what} (src/generated/operations.ts is stale); run \`pnpm generate\`.`,
  );
}
