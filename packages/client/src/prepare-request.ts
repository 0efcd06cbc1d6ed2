import { missingCodec, needsParameters, type EncodedBody, type NoxCodecs } from "./codecs.js";
import type { NoxValidationIssue } from "./errors.js";
import type { NoxCredential, NoxOperation } from "./operation.js";

/** A request body as fetch sends it. */
export type SendableBody = string | Blob | ArrayBuffer | ArrayBufferView | FormData;

/** What one call sends on every attempt: the path with its parameters filled in, headers, the body. */
export interface PreparedRequest {
  /** The path, each path parameter percent-encoded, then `?query` when there is one. */
  readonly path: string;
  /** Header parameters and credentials (`null` un-sets a default credential the operation does not take). */
  readonly headers: Record<string, string | null> | undefined;
  /** The body, serialised once (JSON, form or text), or as given (binary, multipart's FormData). */
  readonly body: SendableBody | undefined;
}

/** A credential's value (exported for the client's default headers): the key, `Bearer <key>`, or `Basic base64(<key>)` (the key holds `user:password`). */
export function credentialValue(c: NoxCredential, apiKey: string): string {
  if (c.scheme === "Bearer") return `Bearer ${apiKey}`;
  if (c.scheme === "Basic") return `Basic ${btoa(apiKey)}`;
  return apiKey;
}

// Per operation: whether its credentials are the client's default ones (sent as the client's own headers).
const SAME = new WeakMap<NoxOperation, boolean>();

function sameAsDefault(op: NoxOperation, defaults: readonly NoxCredential[]): boolean {
  let same = SAME.get(op);
  if (same === undefined) SAME.set(op, (same = JSON.stringify(op.credentials) === JSON.stringify(defaults)));
  return same;
}

/** `headers` plus the credentials that travel in headers when they are not the client's default. */
function withCredentials(
  op: NoxOperation,
  headers: Record<string, string | null> | undefined,
  apiKey: string,
  defaults: readonly NoxCredential[],
): Record<string, string | null> | undefined {
  if (sameAsDefault(op, defaults)) return headers;
  for (const c of defaults) if (c.in === "header") (headers ??= {})[c.name] = null;
  for (const c of op.credentials)
    if (c.in === "header" && apiKey !== "") (headers ??= {})[c.name] = credentialValue(c, apiKey);
  return headers;
}

/** The body serialised once for its media: JSON text, or its media's codec. */
function serialise(op: NoxOperation, body: unknown, codecs: NoxCodecs): EncodedBody {
  const media = op.body;
  if (media === undefined || body === undefined) return { body: undefined };
  // openapi-fetch sends application/json itself.
  if (media.kind === "json")
    return media.mediaType === "application/json"
      ? { body: JSON.stringify(body) }
      : { body: JSON.stringify(body), contentType: media.mediaType };
  const codec = codecs.bodies[media.kind];
  if (codec === undefined) throw missingCodec(op, `the ${media.kind} body codec`);
  return codec.encode(body, media.mediaType);
}

/**
 * The request for `op` from its validated input (the body itself, or `{ ...parameters, body }`):
 * parameters in their OpenAPI styles (the parameters codec), the credentials where the spec says they
 * travel, the body serialised once for its media. Problems go to `issues` (the caller throws them;
 * nothing is sent).
 */
export function prepareRequest(
  op: NoxOperation,
  input: unknown,
  apiKey: string,
  defaults: readonly NoxCredential[],
  issues: NoxValidationIssue[],
  codecs: NoxCodecs,
): PreparedRequest {
  const params = op.bodyOnly ? {} : (input as Record<string, unknown>);
  let url: { path: string; headers: Record<string, string | null> | undefined } = {
    path: op.path,
    headers: undefined,
  };
  if (codecs.parameters !== undefined) url = codecs.parameters.encode(op, params, apiKey, issues);
  else if (needsParameters(op)) throw missingCodec(op, "the parameters codec");
  const { body, contentType } = serialise(op, op.bodyOnly ? input : params.body, codecs);
  let headers = withCredentials(op, url.headers, apiKey, defaults);
  if (contentType !== undefined) headers = { ...headers, "content-type": contentType };
  return { path: url.path, headers, body };
}
