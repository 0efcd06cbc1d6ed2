import { generatedHeader } from "./generated-header.ts";
import { SPEC_FILE } from "./repo.ts";

/** Where the spec's schemas for the fake server live, relative to the repo root. */
export const SCHEMAS_FILE = "packages/testing/src/generated/schemas.ts";

/** The one operation the fake server implements, found by its id so a moved path still resolves. */
const OPERATION_ID = "createSupplierLinkSession";
const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)$/;

interface Operation {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown; example?: unknown }> }>;
  security?: Record<string, unknown>[];
}

interface SpecLike {
  paths?: Record<string, Record<string, Operation>>;
  components?: {
    schemas?: Record<string, unknown>;
    securitySchemes?: Record<string, { type?: string; in?: string; name?: string }>;
  };
}

function fail(message: string): never {
  throw new Error(
    `${message} The fake server in packages/testing needs it; update scripts/lib/render-schemas.ts.`,
  );
}

function findOperation(spec: SpecLike): { method: string; path: string; operation: Operation } {
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation.operationId === OPERATION_ID) return { method: method.toUpperCase(), path, operation };
    }
  }
  return fail(`The spec has no operation with operationId "${OPERATION_ID}".`);
}

/** Every `#/components/schemas/<name>` reachable from `roots`, in the order the spec lists components. */
function referencedComponents(spec: SpecLike, roots: unknown[]): Record<string, unknown> {
  const all = spec.components?.schemas ?? {};
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      const name = key === "$ref" && typeof value === "string" ? COMPONENT_REF.exec(value)?.[1] : undefined;
      if (name === undefined) visit(value);
      else if (!found.has(name)) {
        if (!Object.hasOwn(all, name))
          fail(`The spec references ${String(value)}, which it does not define.`);
        found.add(name);
        visit(all[name]);
      }
    }
  };
  roots.forEach(visit);
  return Object.fromEntries(Object.entries(all).filter(([name]) => found.has(name)));
}

/** A JavaScript expression for `value` with every object and array frozen. */
function frozen(value: unknown): string {
  if (Array.isArray(value)) return `Object.freeze([${value.map(frozen).join(", ")}])`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${frozen(v)}`);
    return `Object.freeze({ ${entries.join(", ")} })`;
  }
  return JSON.stringify(value);
}

/**
 * Renders what the fake server needs from the spec, so the published package never reads spec/:
 * the operation's method and path, its API key header, the request and response schemas with every
 * component they reference (as the spec states them; the server adapts them for ajv in memory), and
 * the spec's example error message per status.
 */
export function renderSchemas(spec: unknown): string {
  const doc = spec as SpecLike;
  const { method, path, operation } = findOperation(doc);
  const requestSchema = operation.requestBody?.content?.["application/json"]?.schema;
  if (requestSchema === undefined) fail(`${OPERATION_ID} has no application/json request body schema.`);
  const responseSchemas: Record<string, unknown> = {};
  const errorExamples: Record<string, string> = {};
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const media = response.content?.["application/json"];
    if (media?.schema !== undefined) responseSchemas[status] = media.schema;
    const message = (media?.example as { error?: unknown } | undefined)?.error;
    if (typeof message === "string") errorExamples[status] = message;
  }
  const schemeName = Object.keys(operation.security?.[0] ?? {})[0];
  const scheme = schemeName === undefined ? undefined : doc.components?.securitySchemes?.[schemeName];
  if (scheme?.type !== "apiKey" || scheme.in !== "header" || typeof scheme.name !== "string") {
    fail(`${OPERATION_ID} is not secured by an API key in a header.`);
  }
  const components = referencedComponents(doc, [requestSchema, ...Object.values(responseSchemas)]);

  return [
    generatedHeader({ from: SPEC_FILE, change: "the spec (or scripts/lib/render-schemas.ts)" }),
    `/** The spec's \`${OPERATION_ID}\` operation: method, path and API key header. */`,
    `export const OPERATION = ${frozen({ operationId: OPERATION_ID, method, path, apiKeyHeader: scheme.name.toLowerCase() })};`,
    "",
    "/** The request body schema (`application/json`), as the spec states it. */",
    `export const REQUEST_SCHEMA = ${frozen(requestSchema)};`,
    "",
    "/** The response body schema per status (`application/json`), as the spec states it. */",
    `export const RESPONSE_SCHEMAS = ${frozen(responseSchemas)};`,
    "",
    "/** Every `#/components/schemas/<name>` the request and responses reference, as the spec states them. */",
    `export const COMPONENT_SCHEMAS = ${frozen(components)};`,
    "",
    "/** The spec's example `error` message per status. */",
    `export const ERROR_EXAMPLES = ${frozen(errorExamples)};`,
    "",
  ].join("\n");
}
