import { SPEC_FILE } from "../lib/repo.ts";
import { CURATED_ENUMS, findBrandRule, findEnum, readBrands, readMethodNames } from "./curated.ts";
import { collectEnums } from "./enums.ts";
import { child, ModelError } from "./errors.ts";
import { readLabels } from "./labels.ts";
import { findLinkSession } from "./link-session.ts";
import { readLinkCallback } from "./link-callback.ts";
import type { ModelInputs } from "./load.ts";
import { readOperations } from "./operations.ts";
import { isObject, normaliseSchema } from "./schemas.ts";
import type { ApiModel, Credential, Misfit, Schema } from "./types.ts";

type Json = Record<string, unknown>;

function readSchemes(document: Json): Record<string, Credential & { description?: string }> {
  const raw =
    isObject(document.components) && isObject(document.components.securitySchemes)
      ? document.components.securitySchemes
      : {};
  const schemes: Record<string, Credential & { description?: string }> = {};
  for (const [name, s] of Object.entries(raw)) {
    if (!isObject(s) || typeof s.type !== "string") {
      throw new ModelError(
        child("#/components/securitySchemes", name),
        "is not a security scheme with a type.",
      );
    }
    const key =
      typeof s.name === "string"
        ? s.in === "header"
          ? s.name.toLowerCase()
          : s.name
        : typeof s.scheme === "string"
          ? s.scheme.toLowerCase()
          : undefined;
    schemes[name] = {
      scheme: name,
      type: s.type,
      ...(typeof s.in === "string" && { in: s.in }),
      ...(key !== undefined && { name: key }),
      ...(typeof s.description === "string" && { description: s.description }),
    };
  }
  return schemes;
}

function readSchemas(document: Json): Map<string, Schema> {
  const raw =
    isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  return new Map(
    Object.entries(raw).map(([name, s]) => [
      name,
      normaliseSchema(s, child("#/components/schemas", name), document),
    ]),
  );
}

function readServers(document: Json): ApiModel["servers"] {
  if (!Array.isArray(document.servers)) return [];
  return document.servers.filter(isObject).map((s) => ({
    url: String(s.url),
    ...(typeof s.description === "string" && { description: s.description }),
  }));
}

/**
 * Builds the model from spec/'s parsed files: the one reader of the raw OpenAPI document.
 *
 * @throws {ModelError} naming the JSON pointer of a construct the model does not support.
 */
export function buildModel(inputs: ModelInputs): ApiModel {
  const document = inputs.document;
  if (!isObject(document) || typeof document.openapi !== "string" || !/^3\.[01]\./.test(document.openapi)) {
    throw new ModelError(
      SPEC_FILE,
      "is not an OpenAPI 3.0 or 3.1 document (no `openapi: 3.0.x` or `3.1.x`).",
    );
  }
  const info = isObject(document.info) ? document.info : {};
  const securitySchemes = readSchemes(document);
  const rawIds = collectOperationIds(document);
  const misfits: Misfit[] = [];
  const methodNames = readMethodNames(inputs.methodNames, rawIds, misfits);
  const operations = readOperations(document, securitySchemes, methodNames);
  const schemas = readSchemas(document);
  const enums = collectEnums(operations, schemas);
  const { brands, assetTypes } = readBrands(inputs.brands, enums, misfits);
  const brandRule = findBrandRule(operations, schemas, misfits);
  // The languages the enums package exports: the spec's Language enum, or none.
  const languages = findEnum(enums, CURATED_ENUMS.language) ?? [];
  const labels = readLabels(inputs.labels, assetTypes, languages, misfits);
  const linkCallback = readLinkCallback(inputs.linkCallbackSchema, misfits);
  const linkSession = findLinkSession(operations, schemas, misfits);
  return {
    openapi: document.openapi,
    info: {
      title: typeof info.title === "string" ? info.title : "the API",
      version: typeof info.version === "string" ? info.version : "(none)",
      ...(typeof info.description === "string" && { description: info.description }),
      ...Object.fromEntries(
        ["contact", "license", "termsOfService"].filter((k) => k in info).map((k) => [k, info[k]]),
      ),
    },
    servers: readServers(document),
    securitySchemes,
    operations,
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
    },
  };
}

function collectOperationIds(document: Json): string[] {
  const paths = isObject(document.paths) ? document.paths : {};
  return Object.values(paths).flatMap((item) =>
    isObject(item)
      ? Object.values(item).flatMap((op) =>
          isObject(op) && typeof op.operationId === "string" ? [op.operationId] : [],
        )
      : [],
  );
}

/** The client method names every operation is reachable by (its name and aliases). */
export function methodNamesOf(model: ApiModel): string[] {
  return model.operations.flatMap((op) => [op.methodName, ...op.aliases]);
}
