import { reachable } from "../model/enums.ts";
import type { ApiModel, Operation, Schema } from "../model/types.ts";
import { printSchema } from "./print-openapi.ts";

/** A schema as the fake's validator reads it (canonical OpenAPI 3.0 form, JSON Schema bounds). */
type Printed = ReturnType<typeof printSchema>;

/** One operation as the fake server serves it: what to validate, what to answer, with which key. */
export interface FakeRoute {
  operationId: string;
  method: string;
  /** The path template, `{name}` for a path parameter. */
  path: string;
  /** Path, query and header parameters (header names lower-cased), the API key's own header left out. */
  parameters: { name: string; in: "path" | "query" | "header"; required: boolean; schema: Printed }[];
  /** The JSON request body, or `null` when the operation takes none. */
  body: { required: boolean; schema: Printed } | null;
  /** The first documented 2xx status and its JSON body schema (`null` when it has no body). */
  success: { status: number; schema: Printed | null };
  /** Each documented 4xx status with the spec's example `error` message, or `null` without one. */
  errors: Record<string, string | null>;
  /** The header an API key travels in (lower-cased), or `null` when the operation needs none. */
  apiKeyHeader: string | null;
}

/** What the fake server needs from the model: a route per operation and the component schemas they use. */
export interface FakeApi {
  routes: FakeRoute[];
  components: Record<string, Printed>;
}

const print = (s: Schema): Printed => printSchema(s, { jsonSchemaBounds: true });

function routeOf(op: Operation): { route: FakeRoute; roots: Schema[] } {
  const apiKeyHeader = op.security.flat().find((c) => c.type === "apiKey" && c.in === "header")?.name ?? null;
  const params = op.parameters.filter(
    (p) => p.in !== "cookie" && !(p.in === "header" && p.name === apiKeyHeader),
  );
  const success = op.responses.find((r) => /^2\d\d$/.test(r.status));
  const roots = [
    ...params.map((p) => p.schema),
    ...(op.requestBody ? [op.requestBody.schema] : []),
    ...op.responses.flatMap((r) => (r.schema ? [r.schema] : [])),
  ];
  const errors = Object.fromEntries(
    op.responses
      .filter((r) => /^4\d\d$/.test(r.status))
      .map((r) => {
        const message = (r.example as { error?: unknown } | undefined)?.error;
        return [r.status, typeof message === "string" ? message : null];
      }),
  );
  const route: FakeRoute = {
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: op.path,
    parameters: params.map((p) => ({
      name: p.name,
      in: p.in as "path" | "query" | "header",
      required: p.required,
      schema: print(p.schema),
    })),
    body: op.requestBody ? { required: op.requestBody.required, schema: print(op.requestBody.schema) } : null,
    success: {
      status: success === undefined ? 200 : Number(success.status),
      schema: success?.schema ? print(success.schema) : null,
    },
    errors,
    apiKeyHeader,
  };
  return { route, roots };
}

/**
 * The fake server's view of the API: one route per operation, in the spec's order, and every component
 * schema the routes (and the `extra` schemas) reference.
 */
export function fakeApiOf(model: ApiModel, extra: readonly Schema[] = []): FakeApi {
  const built = model.operations.map(routeOf);
  const used = reachable([...built.flatMap((b) => b.roots), ...extra], model.schemas);
  const components = Object.fromEntries(
    [...model.schemas].filter(([n]) => used.has(n)).map(([n, s]) => [n, print(s)]),
  );
  return { routes: built.map((b) => b.route), components };
}
