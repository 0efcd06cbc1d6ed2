import { generatedHeader } from "../lib/generated-header.ts";
import { METHOD_NAMES_FILE, SPEC_FILE } from "../lib/repo.ts";
import { ModelError } from "../model/errors.ts";
import type { ApiModel, GeneratedFile, Operation } from "../model/types.ts";
import { printSchema } from "./print-openapi.ts";
import { fakeApiOf } from "./testing-routes.ts";

/** Where the spec's schemas for the fake server live, relative to the repo root. */
export const SCHEMAS_FILE = "packages/testing/src/generated/schemas.ts";

/** The client method whose operation the fake server implements (curated in spec/method-names.json). */
const FAKE_METHOD = "createLinkSession";

/** A JavaScript expression for `value` with every object and array frozen. */
function frozen(value: unknown): string {
  if (Array.isArray(value)) return `Object.freeze([${value.map(frozen).join(", ")}])`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${frozen(v)}`);
    return `Object.freeze({ ${entries.join(", ")} })`;
  }
  return JSON.stringify(value);
}

/** The operation the fake's curated link-session semantics shape (via spec/method-names.json); throws when gone. */
export function linkSessionOperation(model: ApiModel): Operation {
  const op = model.operations.find((o) => o.methodName === FAKE_METHOD || o.aliases.includes(FAKE_METHOD));
  if (op !== undefined) return op;
  const curated = Object.entries(model.curated.methodNames).find(([, names]) =>
    names.includes(FAKE_METHOD),
  )?.[0];
  const lost = model.curated.misfits.find((m) => m.file === METHOD_NAMES_FILE)?.subjects ?? [];
  const from = curated ?? lost[0] ?? "createSupplierLinkSession";
  throw new ModelError(
    SPEC_FILE,
    `The spec has no operation for the fake server's ${FAKE_METHOD} (${METHOD_NAMES_FILE} maps operationId "${from}" to it). ` +
      `If upstream renamed the operation, point ${METHOD_NAMES_FILE} at the new operationId and run \`pnpm generate\`.`,
  );
}

/**
 * Renders what the fake server needs, so the published package never reads spec/: a route per
 * operation (see ./testing-routes.ts), the link-session operation's method, path and API key header, the request and response schemas with every component they
 * reference (canonical OpenAPI 3.0 form, JSON Schema bounds; the server adapts `$ref`s for ajv), and
 * the spec's example error message per status.
 */
export function emitTestingSchemas(model: ApiModel): GeneratedFile[] {
  const op = linkSessionOperation(model);
  if (op.requestBody === undefined)
    throw new ModelError(
      SPEC_FILE,
      `${op.operationId} has no request body schema; the fake server needs one.`,
    );
  const key = op.security.flat().find((c) => c.type === "apiKey" && c.in === "header");
  if (key?.name === undefined)
    throw new ModelError(
      SPEC_FILE,
      `${op.operationId} is not secured by an API key in a header; the fake server needs one.`,
    );
  const print = (s: Parameters<typeof printSchema>[0]) => printSchema(s, { jsonSchemaBounds: true });
  const responses = op.responses.filter((r) => r.schema !== undefined);
  const errorExamples = Object.fromEntries(
    op.responses.flatMap((r) => {
      const message = (r.example as { error?: unknown } | undefined)?.error;
      return typeof message === "string" ? [[r.status, message]] : [];
    }),
  );
  const api = fakeApiOf(model, [op.requestBody.schema, ...responses.map((r) => r.schema!)]);
  const source = [
    generatedHeader({ from: SPEC_FILE, change: "the spec (or scripts/emit/testing-schemas.ts)" }),
    `/** The spec's \`${op.operationId}\` operation: method, path and API key header. */`,
    `export const OPERATION = ${frozen({ operationId: op.operationId, method: op.method, path: op.path, apiKeyHeader: key.name })};`,
    "",
    "/** The request body schema (`application/json`), as the spec states it. */",
    `export const REQUEST_SCHEMA = ${frozen(print(op.requestBody.schema))};`,
    "",
    "/** The response body schema per status (`application/json`), as the spec states it. */",
    `export const RESPONSE_SCHEMAS = ${frozen(Object.fromEntries(responses.map((r) => [r.status, print(r.schema!)])))};`,
    "",
    "/** A route per operation, in the spec's order: parameters, body, success and documented error statuses, API key header. */",
    `export const ROUTES = ${frozen(api.routes)};`,
    "",
    "/** Every `#/components/schemas/<name>` the routes reference, as the spec states them. */",
    `export const COMPONENT_SCHEMAS = ${frozen(api.components)};`,
    "",
    "/** The spec's example `error` message per status. */",
    `export const ERROR_EXAMPLES = ${frozen(errorExamples)};`,
    "",
  ].join("\n");
  return [{ path: SCHEMAS_FILE, source }];
}
