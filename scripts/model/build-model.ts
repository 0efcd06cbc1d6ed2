import { SPEC_FILE } from "../lib/repo.ts";
import {
  CURATED_ENUMS,
  findBrandRule,
  findEnum,
  findLinkSession,
  readBrands,
  readMethodNames,
  readPlugins,
} from "./curated.ts";
import { collectEnums } from "./enums.ts";
import { child, diagnosticsFor, ModelError, problem, throwProblems, warn } from "./errors.ts";
import { readLabels } from "./labels.ts";
import { readLinkCallback } from "./link-callback.ts";
import type { ModelInputs } from "./load.ts";
import { disambiguateMethodNames, readOperations } from "./operations.ts";
import { isObject, normaliseSchema, type ReadContext } from "./schemas.ts";
import type {
  ApiModel,
  Credential,
  DefaultServer,
  Misfit,
  OAuthFlow,
  Operation,
  Schema,
  Server,
} from "./types.ts";

type Json = Record<string, unknown>;
type Scheme = Credential & { description?: string };

const SCHEME_TYPES = new Set(["apiKey", "http", "oauth2", "openIdConnect", "mutualTLS"]);
const str = (value: unknown): value is string => typeof value === "string";

function readFlows(raw: unknown): Record<string, OAuthFlow> {
  if (!isObject(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw)
      .filter((e): e is [string, Json] => isObject(e[1]))
      .map(([name, f]) => [
        name,
        {
          ...(str(f.authorizationUrl) && { authorizationUrl: f.authorizationUrl }),
          ...(str(f.tokenUrl) && { tokenUrl: f.tokenUrl }),
          ...(str(f.refreshUrl) && { refreshUrl: f.refreshUrl }),
          scopes: isObject(f.scopes)
            ? Object.fromEntries(Object.entries(f.scopes).map(([k, v]) => [k, String(v)]))
            : {},
        },
      ]),
  );
}

function readSchemes(context: ReadContext): Record<string, Scheme> {
  const document = context.document as Json;
  const raw =
    isObject(document.components) && isObject(document.components.securitySchemes)
      ? document.components.securitySchemes
      : {};
  const schemes: Record<string, Scheme> = {};
  for (const [name, entry] of Object.entries(raw)) {
    const at = child("#/components/securitySchemes", name);
    // A scheme may itself be a $ref to another (OpenAPI allows Reference Objects here).
    const s = isObject(entry) && str(entry.$ref) ? resolveScheme(context, entry.$ref, at) : entry;
    if (!isObject(s) || !str(s.type) || !SCHEME_TYPES.has(s.type)) {
      problem(
        context.diagnostics,
        at,
        "is not a security scheme with a type of apiKey, http, oauth2, openIdConnect or mutualTLS.",
      );
      continue;
    }
    const key = str(s.name)
      ? s.in === "header"
        ? s.name.toLowerCase()
        : s.name
      : str(s.scheme)
        ? s.scheme.toLowerCase()
        : undefined;
    schemes[name] = {
      scheme: name,
      type: s.type,
      ...(str(s.in) && { in: s.in }),
      ...(key !== undefined && { name: key }),
      ...(str(s.bearerFormat) && { bearerFormat: s.bearerFormat }),
      ...(s.type === "oauth2" && { flows: readFlows(s.flows) }),
      ...(str(s.openIdConnectUrl) && { openIdConnectUrl: s.openIdConnectUrl }),
      ...(str(s.description) && { description: s.description }),
    };
  }
  return schemes;
}

function resolveScheme(context: ReadContext, ref: string, at: string): unknown {
  const match = /^#\/components\/securitySchemes\/(.+)$/.exec(ref);
  const document = context.document as Json;
  const all = isObject(document.components) ? document.components.securitySchemes : undefined;
  const target = match && isObject(all) ? all[match[1]!] : undefined;
  if (target === undefined) problem(context.diagnostics, at, `$ref ${ref} points at no security scheme.`);
  return target;
}

function readSchemas(context: ReadContext): Map<string, Schema> {
  const document = context.document as Json;
  const raw =
    isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  return new Map(
    Object.entries(raw).map(([name, s]) => [
      name,
      normaliseSchema(s, child("#/components/schemas", name), context),
    ]),
  );
}

function readServers(context: ReadContext): Server[] {
  const document = context.document as Json;
  if (!Array.isArray(document.servers)) return [];
  return document.servers.flatMap((s, i): Server[] => {
    if (!isObject(s) || !str(s.url)) {
      problem(context.diagnostics, child("#/servers", i), "is not a server with a `url`.");
      return [];
    }
    const variables = isObject(s.variables) ? s.variables : {};
    return [
      {
        url: s.url,
        ...(str(s.description) && { description: s.description }),
        variables: Object.fromEntries(
          Object.entries(variables).map(([name, v]) => {
            const variable = isObject(v) ? v : {};
            const values = Array.isArray(variable.enum) ? variable.enum.map(String) : undefined;
            return [
              name,
              {
                default: str(variable.default) ? variable.default : (values?.[0] ?? ""),
                ...(values !== undefined && { enum: values }),
                ...(str(variable.description) && { description: variable.description }),
              },
            ];
          }),
        ),
      },
    ];
  });
}

/** `{scheme}://host/{version}` with each variable at its default; an undefined variable is warned and kept. */
export function resolveServer(context: ReadContext | null, server: Server, index: number): DefaultServer {
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = server.variables[name];
    if (variable !== undefined) return variable.default;
    if (context !== null)
      warn(
        context.diagnostics,
        "server-variable",
        child(child("#/servers", index), "url"),
        `uses {${name}}, which its variables do not define; it is kept as written.`,
      );
    return whole;
  });
  return { index, url, absolute: /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]/.test(url) };
}

/**
 * Builds the model from spec/'s parsed files: the one reader of the raw OpenAPI document. Every
 * construct it cannot represent is collected and thrown at once; caveats are `warnings`.
 *
 * @throws {ModelError} naming the JSON pointer (`spec/<file>#/...`) of every construct the model does not support.
 */
export function buildModel(inputs: ModelInputs): ApiModel {
  const document = inputs.document;
  if (!isObject(document) || !str(document.openapi) || !/^3\.[01]\./.test(document.openapi)) {
    throw new ModelError(
      SPEC_FILE,
      "is not an OpenAPI 3.0 or 3.1 document (no `openapi: 3.0.x` or `3.1.x`).",
    );
  }
  const diagnostics = diagnosticsFor(SPEC_FILE);
  const context: ReadContext = {
    document,
    version: document.openapi.startsWith("3.1") ? "3.1" : "3.0",
    diagnostics,
  };
  const info = isObject(document.info) ? document.info : {};
  const securitySchemes = readSchemes(context);
  const rawIds = collectOperationIds(document);
  const misfits: Misfit[] = [];
  const methodNames = readMethodNames(inputs.methodNames, rawIds, misfits);
  const operations = disambiguateMethodNames(context, readOperations(context, securitySchemes, methodNames));
  const webhooks = uniqueIds(context, operations, [
    ...readOperations(context, securitySchemes, {}, { at: "#/webhooks", webhook: true }),
    ...readOperations(context, securitySchemes, {}, { at: "#/x-webhooks", webhook: true }),
  ]);
  const schemas = readSchemas(context);
  const servers = readServers(context);
  throwProblems(diagnostics);
  const enums = collectEnums(operations, schemas, webhooks);
  const { brands, assetTypes } = readBrands(inputs.brands, enums, misfits);
  const brandRule = findBrandRule(operations, schemas, misfits);
  // The languages the enums package exports: the spec's Language enum, or none.
  const languages = findEnum(enums, CURATED_ENUMS.language) ?? [];
  const labels = readLabels(inputs.labels, assetTypes, languages, misfits);
  const linkSession = findLinkSession(operations, schemas);
  const linkCallback = readLinkCallback(inputs.linkCallbackSchema, misfits);
  const plugins = readPlugins({ enums, labels, brandRule, linkSession, linkCallback, misfits });
  return {
    openapi: document.openapi,
    info: {
      title: str(info.title) ? info.title : "the API",
      version: str(info.version) ? info.version : "(none)",
      ...(str(info.description) && { description: info.description }),
      ...Object.fromEntries(
        ["contact", "license", "termsOfService"].filter((k) => k in info).map((k) => [k, info[k]]),
      ),
    },
    servers,
    defaultServer: servers.length === 0 ? null : resolveServer(context, servers[0]!, 0),
    securitySchemes,
    operations,
    webhooks,
    schemas,
    enums,
    curated: {
      brands,
      assetTypes,
      methodNames,
      misfits,
      labels,
      linkCallback,
      brandRule,
      linkSession,
      plugins,
    },
    warnings: diagnostics.warnings,
  };
}

/** Webhook operationIds that an operation (or an earlier webhook) already uses get a number, warned. */
function uniqueIds(
  context: ReadContext,
  operations: readonly Operation[],
  webhooks: readonly Operation[],
): Operation[] {
  const document = context.document as Json;
  const taken = new Set(operations.map((op) => op.operationId));
  return webhooks.map((hook) => {
    if (!taken.has(hook.operationId)) {
      taken.add(hook.operationId);
      return hook;
    }
    let n = 2;
    while (taken.has(`${hook.operationId}${n}`)) n++;
    const operationId = `${hook.operationId}${n}`;
    taken.add(operationId);
    warn(
      context.diagnostics,
      "operation-id-collision",
      child(
        child(
          isObject(document.webhooks) && hook.path in document.webhooks ? "#/webhooks" : "#/x-webhooks",
          hook.path,
        ),
        hook.method.toLowerCase(),
      ),
      `webhook operationId "${hook.operationId}" is an operation's too; the types name it "${operationId}".`,
    );
    return { ...hook, operationId };
  });
}

function collectOperationIds(document: Json): string[] {
  const paths = isObject(document.paths) ? document.paths : {};
  return Object.values(paths).flatMap((item) =>
    isObject(item)
      ? Object.values(item).flatMap((op) => (isObject(op) && str(op.operationId) ? [op.operationId] : []))
      : [],
  );
}

/** The client method names every operation is reachable by (its name and aliases). */
export function methodNamesOf(model: ApiModel): string[] {
  return model.operations.flatMap((op) => [op.methodName, ...op.aliases]);
}
