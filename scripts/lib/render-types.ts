import { createRequire } from "node:module";
import openapiTS, { astToString, NULL, oapiRef, tsUnion } from "openapi-typescript";
import type { OpenAPI3, SchemaObject, ReferenceObject } from "openapi-typescript";
import { generatedHeader } from "./generated-header.ts";
import { SPEC_FILE } from "./repo.ts";

const OPENAPI_TYPESCRIPT_VERSION = (
  createRequire(import.meta.url)("openapi-typescript/package.json") as { version: string }
).version;

/** Where the generated types live, relative to the repo root. */
export const TYPES_FILE = "packages/types/src/generated/openapi.ts";

/**
 * Renders the spec as TypeScript with openapi-typescript, corrected to say what the spec means.
 *
 * Two v7 defaults misread this spec, so both are overridden here rather than in the vendored file:
 * - `defaultNonNullable: false`: a schema `default` (Language's `nl`) must not make a request field required.
 * - `{ $ref, nullable: true }`: openapi-typescript returns the bare reference and drops the sibling
 *   `nullable` (OpenAPI 3.0 says `$ref` siblings are ignored, but the spec's author means "Brand or null",
 *   and the server accepts `brand: null`), so such a property is typed `Ref | null`.
 */
export async function renderTypes(spec: unknown): Promise<string> {
  const ast = await openapiTS(structuredClone(spec) as OpenAPI3, {
    defaultNonNullable: false,
    // Keep the output identical whatever machine renders it.
    alphabetize: false,
    transform(schemaObject: SchemaObject | ReferenceObject) {
      if ("$ref" in schemaObject && (schemaObject as { nullable?: unknown }).nullable === true) {
        return tsUnion([oapiRef(schemaObject.$ref), NULL]);
      }
      return undefined;
    },
  });
  return [
    generatedHeader({
      from: SPEC_FILE,
      tool: `openapi-typescript ${OPENAPI_TYPESCRIPT_VERSION}`,
      change: "the spec (or scripts/lib/render-types.ts)",
    }),
    astToString(ast),
  ].join("\n");
}
