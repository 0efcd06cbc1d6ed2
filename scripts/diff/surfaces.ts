import { isDeepStrictEqual } from "node:util";
import { clientTypeExports } from "../emit/client-curated.ts";
import { enumExportNames } from "../emit/enums.ts";
import { CURATED_ENUMS } from "../model/curated.ts";
import { reachable, operationSides } from "../model/enums.ts";
import type { ApiModel, Credential, Operation, Schema } from "../model/types.ts";
import type { PackageKey } from "./changes.ts";
import { operationKey } from "./operations.ts";
import { digest, SchemaResolver, type ResolveOptions } from "./resolve.ts";

/**
 * What one package exposes and does at run time, as named parts (`operations.POST /x.body`) with
 * JSON values; schemas appear as the digest of their resolved form. Two equal surfaces: the package's
 * consumers cannot tell the two models apart, so it gets no bump whatever its generated text did.
 */
export type Surface = Readonly<Record<string, unknown>>;

/** Every package's surface. */
export type Surfaces = Readonly<Record<PackageKey, Surface>>;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** The client method the curated link-session semantics are attached to (spec/method-names.json). */
const LINK_SESSION_METHOD = "createLinkSession";

const credentialKey = (c: Credential) => `${c.type}:${c.in ?? ""}:${c.name ?? ""}`;
/** Each security alternative, as the credentials presented together, in the spec's order. */
const alternatives = (op: Operation) => op.security.map((alt) => alt.map(credentialKey).sort().join("+"));

/** The curated table each package enforcing the brand rule carries: asset type -> its brands. */
function brandTable(model: ApiModel): Record<string, string[]> {
  return Object.fromEntries(
    model.curated.assetTypes.map((t) => [
      t,
      model.curated.brands.filter((b) => b.assetTypes.includes(t)).map((b) => b.brand),
    ]),
  );
}

/** Which of the curated plug-ins a package carries are on (each one's exports exist only then). */
function pluginsOf(model: ApiModel, names: readonly (keyof ApiModel["curated"]["plugins"])[]): unknown {
  return Object.fromEntries(names.map((n) => [n, model.curated.plugins[n]]));
}

/** The brand rule as the client and the fake apply it: where it applies, which keys, which table. */
function brandRule(model: ApiModel): unknown {
  const rule = model.curated.brandRule;
  if (rule === null) return null;
  const op = model.operations.find((o) => o.operationId === rule.operationId);
  return {
    operation: op === undefined ? null : operationKey(op),
    brand: rule.brand,
    assetType: rule.assetType,
    table: brandTable(model),
  };
}

/** The components the operations reach (what the client and the fake can ever see). */
export function operationComponents(model: ApiModel): Set<string> {
  return reachable(
    model.operations.flatMap((op) => {
      const s = operationSides(op);
      return [...s.request, ...s.response];
    }),
    model.schemas,
  );
}

/** Digests of schemas resolved as requests and as responses carry them. */
function resolvers(model: ApiModel, options: ResolveOptions) {
  const request = new SchemaResolver(model.schemas, { ...options, direction: "request" });
  const response = new SchemaResolver(model.schemas, { ...options, direction: "response" });
  return {
    request: (s: Schema) => digest(request.resolve(s)),
    response: (s: Schema) => digest(response.resolve(s)),
  };
}

/** Each operation as the client calls it: parameters, body and responses resolved, credentials, deprecation. */
function clientSurface(model: ApiModel): Surface {
  const { request, response } = resolvers(model, {});
  const parts: Record<string, unknown> = {
    // DEFAULT_BASE_URL (variables at their defaults) and the SERVERS table the `server` option picks from.
    "server.default": model.defaultServer?.url.replace(/\/+$/, "") ?? null,
    servers: model.servers.map((s) => ({
      url: s.url,
      description: s.description ?? null,
      variables: s.variables,
    })),
    typeExports: clientTypeExports(model),
    plugins: pluginsOf(model, ["brandRule", "linkSession", "linkCallback"]),
    brandRule: brandRule(model),
    callback: model.curated.linkCallback && response(model.curated.linkCallback.schema),
  };
  for (const op of model.operations) {
    const at = `operations.${operationKey(op)}`;
    parts[`${at}.parameters`] = op.parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required,
      deprecated: p.deprecated,
      style: p.style,
      explode: p.explode,
      mediaType: p.mediaType ?? null,
      schema: request(p.schema),
    }));
    parts[`${at}.success`] = op.successStatuses;
    parts[`${at}.body`] = op.requestBody
      ? {
          required: op.requestBody.required,
          mediaType: op.requestBody.mediaType,
          kind: op.requestBody.kind,
          schema: request(op.requestBody.schema),
        }
      : null;
    for (const r of op.responses) {
      parts[`${at}.responses.${r.status}`] = {
        mediaType: r.mediaType ?? null,
        kind: r.kind ?? null,
        schema: r.schema ? response(r.schema) : null,
        headers: r.headers.map((h) => ({ name: h.name, required: h.required, schema: response(h.schema) })),
      };
    }
    // The client presents the first alternative in the spec's order (or nothing when one is empty).
    const sent = alternatives(op);
    parts[`${at}.credentials`] = sent.includes("") ? "" : (sent[0] ?? "");
    parts[`${at}.deprecated`] = op.deprecated;
    for (const name of [op.methodName, ...op.aliases]) parts[`methods.${name}`] = operationKey(op);
  }
  return parts;
}

/** Each route the fake serves: what it validates, what it answers (examples and error messages embedded), which key it checks. */
function testingSurface(model: ApiModel): Surface {
  const { request, response } = resolvers(model, { examples: true });
  const link = model.operations.find(
    (o) => o.methodName === LINK_SESSION_METHOD || o.aliases.includes(LINK_SESSION_METHOD),
  );
  const parts: Record<string, unknown> = {
    linkSession: link ? operationKey(link) : null,
    plugins: pluginsOf(model, ["brandRule", "linkSession", "linkCallback"]),
    brandRule: brandRule(model),
    callback: model.curated.linkCallback && response(model.curated.linkCallback.schema),
  };
  for (const op of model.operations) {
    const at = `routes.${operationKey(op)}`;
    parts[`${at}.operationId`] = op.operationId;
    parts[`${at}.parameters`] = op.parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required,
      style: p.style,
      explode: p.explode,
      mediaType: p.mediaType ?? null,
      schema: request(p.schema),
    }));
    parts[`${at}.success`] = op.successStatuses;
    parts[`${at}.body`] = op.requestBody
      ? {
          required: op.requestBody.required,
          mediaType: op.requestBody.mediaType,
          kind: op.requestBody.kind,
          schema: request(op.requestBody.schema),
        }
      : null;
    for (const r of op.responses) {
      parts[`${at}.responses.${r.status}`] = {
        mediaType: r.mediaType ?? null,
        kind: r.kind ?? null,
        schema: r.schema ? response(r.schema) : null,
        example: r.example === undefined ? null : digest(r.example),
        headers: r.headers.map((h) => ({ name: h.name, required: h.required, schema: response(h.schema) })),
      };
    }
    parts[`${at}.security`] = alternatives(op).sort();
  }
  return parts;
}

/** Every exported enum (values, default), the curated fallbacks, the brand table, brand labels and UI labels. */
function enumsSurface(model: ApiModel): Surface {
  const parts: Record<string, unknown> = {};
  for (const e of model.enums) {
    if (!IDENTIFIER.test(e.name)) continue;
    parts[`enums.${e.name}`] = {
      exports: enumExportNames(e.name).values,
      values: e.values,
      nullable: e.nullable ?? false,
      default: e.default !== undefined && e.values.includes(e.default) ? e.default : null,
    };
  }
  // The emitter's fallbacks: the curated exports exist even when the spec lacks their enum.
  const has = (name: string) => model.enums.some((e) => e.named && e.name === name);
  if (!has(CURATED_ENUMS.brand)) parts["fallback.Brand"] = model.curated.brands.map((b) => b.brand);
  if (!has(CURATED_ENUMS.assetType)) parts["fallback.AssetType"] = model.curated.assetTypes;
  if (!has(CURATED_ENUMS.language)) parts["fallback.Language"] = [];
  parts.brandTable = brandTable(model);
  parts.brandLabels = Object.fromEntries(model.curated.brands.map((b) => [b.brand, b.label]));
  parts.labels = model.curated.labels;
  parts.plugins = { brands: model.curated.plugins.brands, labels: model.curated.plugins.labels };
  return parts;
}

/** Every shape and doc the types print: components as the spec states them, operations, the curated types. */
function typesSurface(model: ApiModel): Surface {
  const parts: Record<string, unknown> = {
    brandTable: brandTable(model),
    brandRule: model.curated.brandRule,
    plugins: pluginsOf(model, ["brandRule", "linkCallback"]),
    callback: model.curated.linkCallback && digest(model.curated.linkCallback),
  };
  for (const [name, s] of model.schemas) parts[`schemas.${name}`] = digest(s);
  for (const op of model.operations) {
    const { methodName: _m, aliases: _a, security: _s, tags: _t, ...printed } = op;
    parts[`operations.${operationKey(op)}`] = digest(printed);
  }
  for (const hook of model.webhooks) {
    const { methodName: _m, aliases: _a, security: _s, tags: _t, ...printed } = hook;
    parts[`webhooks.${operationKey(hook)}`] = digest(printed);
  }
  return parts;
}

/** Each package's surface computed from `model`. */
export function surfacesOf(model: ApiModel): Surfaces {
  return {
    types: typesSurface(model),
    enums: enumsSurface(model),
    client: clientSurface(model),
    testing: testingSurface(model),
  };
}

/** The parts that differ between two surfaces of one package, sorted (empty: equal). */
export function surfaceDifferences(a: Surface, b: Surface): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !isDeepStrictEqual(a[k], b[k])).sort();
}
