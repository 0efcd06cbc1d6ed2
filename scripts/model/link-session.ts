import { METHOD_NAMES_FILE } from "../lib/repo.ts";
import type { LinkSessionPlugin, Misfit, Operation, Schema } from "./types.ts";

/** The client method whose operation the link-session plug-in shapes (curated in spec/method-names.json). */
export const LINK_SESSION_METHOD = "createLinkSession";

/** The request fields the plug-in reads, and the response fields that make the answer a link session. */
export const LINK_SESSION_CONTRACT = {
  request: ["user_id", "redirect_url"],
  response: ["link_url", "link_token"],
} as const;

/** A component schema's object form: through one `$ref` to a component; `undefined` for anything else. */
function componentObject(
  schema: Schema | undefined,
  schemas: ReadonlyMap<string, Schema>,
): { name: string; schema: Schema } | undefined {
  if (schema?.kind !== "ref" || schema.nullable || schema.ref === undefined) return undefined;
  const target = schemas.get(schema.ref);
  return target?.kind === "object" ? { name: schema.ref, schema: target } : undefined;
}

const lacks = (schema: Schema, names: readonly string[]) =>
  names.filter((name) => !(schema.properties ?? []).some((p) => p.name === name));

/**
 * The link-session plug-in's fit (issue #14, decision 5): the operation spec/method-names.json names
 * `createLinkSession`, with a JSON request body that is a component object with `user_id` and
 * `redirect_url`, and a first 2xx JSON response that is a component object with `link_url` and
 * `link_token`. Anything else is a named misfit (`link-session`) and the plug-in is off: the fake then
 * serves the operation like any other, and the types it exports are the plug-in's own contract.
 */
export function findLinkSession(
  operations: readonly Operation[],
  schemas: ReadonlyMap<string, Schema>,
  misfits: Misfit[],
): LinkSessionPlugin | null {
  const op = operations.find(
    (o) => o.methodName === LINK_SESSION_METHOD || o.aliases.includes(LINK_SESSION_METHOD),
  );
  const miss = (why: string): null => {
    misfits.push({
      file: METHOD_NAMES_FILE,
      kind: "link-session",
      subjects: [LINK_SESSION_METHOD],
      message: `the link-session plug-in (the fake's sessions and link page, the client's createLinkSession typing) is off: ${why}`,
    });
    return null;
  };
  if (op === undefined) return miss(`no operation is the client's ${LINK_SESSION_METHOD}.`);
  const json = (mediaType: string | undefined) => mediaType !== undefined && /\bjson\b/i.test(mediaType);
  const request = json(op.requestBody?.mediaType)
    ? componentObject(op.requestBody?.schema, schemas)
    : undefined;
  if (request === undefined) {
    return miss(`${op.operationId}'s request body is not a JSON component object schema.`);
  }
  const success = op.responses.find((r) => /^2\d\d$/.test(r.status));
  const response = json(success?.mediaType) ? componentObject(success?.schema, schemas) : undefined;
  if (success === undefined || response === undefined) {
    return miss(`${op.operationId}'s first 2xx response is not a JSON component object schema.`);
  }
  const missing = [
    ...lacks(request.schema, LINK_SESSION_CONTRACT.request).map((n) => `${request.name}.${n}`),
    ...lacks(response.schema, LINK_SESSION_CONTRACT.response).map((n) => `${response.name}.${n}`),
  ];
  if (missing.length > 0) return miss(`${op.operationId} lacks ${missing.join(", ")}.`);
  const language = request.schema.properties?.find((p) => p.name === "language")?.schema;
  const languageDefault =
    language?.default ?? (language?.kind === "ref" ? schemas.get(language.ref ?? "")?.default : undefined);
  return {
    operationId: op.operationId,
    request: request.name,
    response: response.name,
    status: success.status,
    defaultLanguage: typeof languageDefault === "string" ? languageDefault : null,
  };
}
