import { generatedHeader } from "../lib/generated-header.ts";
import { jsLiteral } from "../lib/js-literal.ts";
import { SPEC_FILE } from "../lib/repo.ts";
import { reachable } from "../model/enums.ts";
import type { ApiModel, BrandRule, GeneratedFile, MediaKind, Operation, Schema } from "../model/types.ts";
import { printSchema } from "./print-openapi.ts";

/** Where the fake's route table lives, relative to the repo root. */
export const ROUTES_FILE = "packages/testing/src/generated/routes.ts";

/** A schema as the fake's sampler reads it (canonical OpenAPI 3.0 form, JSON Schema bounds). */
type Printed = ReturnType<typeof printSchema>;

/** One credential a request may present, as the fake checks it. */
export type FakeCredential =
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string }
  | { type: "bearer" }
  | { type: "basic" };

/** One path, query or header parameter, with how it is serialised (OpenAPI `style` and `explode`). */
export interface FakeParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  style: string;
  explode: boolean;
  schema: Printed;
}

/** One operation as the fake server serves it: what to check, what to answer, with which credentials. */
export interface FakeRoute {
  operationId: string;
  method: string;
  /** The path template, `{name}` for a path parameter. */
  path: string;
  /** Path, query and header parameters (header names lower-cased); a credential's own header or query name left out. */
  parameters: FakeParameter[];
  /** The request body, or `null` when the operation takes none. */
  body: { required: boolean; mediaType: string; kind: MediaKind; schema: Printed } | null;
  /**
   * What a valid request is answered: the first documented 2xx status, else the first 3xx; `null` when
   * the operation documents neither (the fake answers 204 without a body).
   */
  success: {
    status: number;
    /** The status as the spec documents it (`"201"`, `"2XX"`): its validator's key. */
    documented: string;
    mediaType: string | null;
    kind: MediaKind | null;
    schema: Printed | null;
    /** Documented response headers (lower-cased), with their schemas. */
    headers: { name: string; required: boolean; schema: Printed }[];
  } | null;
  /** Each documented 4xx status with the spec's example `error` message, or `null` without one. */
  errors: Record<string, string | null>;
  /** Security alternatives (any one suffices), each a list of credentials sent together; `[]` = none needed. */
  security: FakeCredential[][];
  /** The brand rule on this operation's body (decision 4): which property is the brand, which the asset type. */
  brandRule: { brand: string; assetType: string; brandNullable: boolean } | null;
}

/** What the fake server needs from the model: a route per operation and the component schemas they use. */
export interface FakeApi {
  routes: FakeRoute[];
  components: Record<string, Printed>;
}

const print = (s: Schema): Printed => printSchema(s, { jsonSchemaBounds: true });

/** A documented status as the fake answers it: `2XX` as 200, `3XX` as 302. */
function statusOf(status: string): number {
  if (/^2XX$/i.test(status)) return 200;
  if (/^3XX$/i.test(status)) return 302;
  return Number(status);
}

function credentialsOf(op: Operation): FakeCredential[][] {
  return op.security.map((alternative) =>
    alternative.flatMap((c): FakeCredential[] => {
      if (c.type === "apiKey" && (c.in === "header" || c.in === "query" || c.in === "cookie") && c.name) {
        return [{ type: "apiKey", in: c.in, name: c.in === "header" ? c.name.toLowerCase() : c.name }];
      }
      // http basic is Basic; http bearer, oauth2 and openIdConnect all travel as a Bearer token.
      if (c.type === "http" && c.name?.toLowerCase() === "basic") return [{ type: "basic" }];
      if (c.type === "http" || c.type === "oauth2" || c.type === "openIdConnect") return [{ type: "bearer" }];
      return [];
    }),
  );
}

function brandRuleOf(rule: BrandRule, model: ApiModel): FakeRoute["brandRule"] {
  const brand = model.schemas.get(rule.request)?.properties?.find((p) => p.name === rule.brand.key);
  return {
    brand: rule.brand.key,
    assetType: rule.assetType.key,
    brandNullable: brand?.schema.nullable === true,
  };
}

function routeOf(op: Operation, model: ApiModel): { route: FakeRoute; roots: Schema[] } {
  const security = credentialsOf(op);
  const carried = new Set(
    security.flat().flatMap((c) => (c.type === "apiKey" && c.in !== "cookie" ? [`${c.in} ${c.name}`] : [])),
  );
  const params = op.parameters.filter((p) => p.in !== "cookie" && !carried.has(`${p.in} ${p.name}`));
  // The model's success rule: every documented 2xx, else every 3xx, else none; the fake answers the first.
  const answer = op.responses.find((r) => r.status === op.successStatuses[0]);
  const roots = [
    ...params.map((p) => p.schema),
    ...(op.requestBody ? [op.requestBody.schema] : []),
    ...op.responses.flatMap((r) => [...(r.schema ? [r.schema] : []), ...r.headers.map((h) => h.schema)]),
  ];
  const errors = Object.fromEntries(
    op.responses
      .filter((r) => /^4\d\d$/.test(r.status))
      .map((r) => {
        const message = (r.example as { error?: unknown } | undefined)?.error;
        return [r.status, typeof message === "string" ? message : null];
      }),
  );
  const rule = model.curated.brandRule;
  const route: FakeRoute = {
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: op.path,
    parameters: params.map((p) => ({
      name: p.name,
      in: p.in as FakeParameter["in"],
      required: p.required,
      style: p.style,
      explode: p.explode,
      schema: print(p.schema),
    })),
    body: op.requestBody
      ? {
          required: op.requestBody.required,
          mediaType: op.requestBody.mediaType,
          kind: op.requestBody.kind,
          schema: print(op.requestBody.schema),
        }
      : null,
    success:
      answer === undefined
        ? null
        : {
            status: statusOf(answer.status),
            documented: answer.status,
            mediaType: answer.mediaType ?? null,
            kind: answer.kind ?? null,
            schema: answer.schema ? print(answer.schema) : null,
            headers: answer.headers
              .filter((h) => h.name !== "content-type" && h.name !== "content-length")
              .map((h) => ({ name: h.name, required: h.required, schema: print(h.schema) })),
          },
    errors,
    security,
    brandRule: rule?.operationId === op.operationId ? brandRuleOf(rule, model) : null,
  };
  return { route, roots };
}

/**
 * The fake server's view of the API: one route per operation, in the spec's order, and every component
 * schema the routes (and the `extra` schemas) reference.
 */
export function fakeApiOf(model: ApiModel, extra: readonly Schema[] = []): FakeApi {
  const built = model.operations.map((op) => routeOf(op, model));
  const used = reachable([...built.flatMap((b) => b.roots), ...extra], model.schemas);
  const components = Object.fromEntries(
    [...model.schemas].filter(([n]) => used.has(n)).map(([n, s]) => [n, print(s)]),
  );
  return { routes: built.map((b) => b.route), components };
}

/**
 * The default server's URL (issue #14, decision 1): the first server, its variables set to their
 * defaults, without a trailing slash; `undefined` when the spec lists none.
 */
export function defaultServerUrl(model: ApiModel): string | undefined {
  const server = model.servers[0] as
    { url: string; variables?: Readonly<Record<string, { default?: unknown }>> } | undefined;
  if (server === undefined) return undefined;
  const url = server.url.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const value = server.variables?.[name]?.default;
    return value === undefined ? whole : String(value);
  });
  return url.replace(/\/+$/, "");
}

/** A JavaScript expression for `value` with every object and array frozen. */
export function frozen(value: unknown): string {
  if (Array.isArray(value)) return `Object.freeze([${value.map(frozen).join(", ")}])`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${frozen(v)}`);
    return `Object.freeze({ ${entries.join(", ")} })`;
  }
  return value === undefined ? "undefined" : JSON.stringify(value);
}

/**
 * Renders what the fake server needs, so the published package never reads spec/: a route per
 * operation, the component schemas they reference (its sampler's input) and the default server.
 */
export function emitTestingRoutes(model: ApiModel): GeneratedFile[] {
  const api = fakeApiOf(model);
  const base = defaultServerUrl(model);
  const source = [
    generatedHeader({ from: SPEC_FILE, change: "the spec (or scripts/emit/testing-routes.ts)" }),
    'import { deepFreeze } from "../deep-freeze.js";',
    'import type { Route } from "../fake-api.js";',
    "",
    // One typed constant per route: the checker reads each literal against `Route` on its own, where
    // one array literal of 1,000 routes would be typed as a union of them first (TS2590 on GitHub's spec).
    ...api.routes.flatMap((route, i) => [
      `/** ${route.method} ${route.path.replaceAll("*/", "*\\/")} */`,
      `const route${i}: Route = ${jsLiteral(route)};`,
      "",
    ]),
    "/** A route per operation, in the spec's order: parameters, body, answer, documented error messages, credentials. */",
    `export const ROUTES: readonly Route[] = deepFreeze([${api.routes.map((_, i) => `route${i}`).join(", ")}]);`,
    "",
    "/** Every `#/components/schemas/<name>` the routes reference, as the spec states them (the sampler's input). */",
    `export const COMPONENT_SCHEMAS: Readonly<Record<string, unknown>> = deepFreeze(${jsLiteral(api.components)});`,
    "",
    base === undefined
      ? "/** The spec lists no server: give the MSW handlers a `baseUrl`. */"
      : "/** Where the MSW handlers intercept by default: the spec's default server (its first, variables at their defaults). */",
    `export const DEFAULT_BASE_URL = ${base === undefined ? "undefined" : JSON.stringify(base)};`,
    "",
  ].join("\n");
  return [{ path: ROUTES_FILE, source }];
}
