import { createRequire } from "node:module";
import openapiTS, { astToString, NULL, oapiRef, tsUnion } from "openapi-typescript";
import type { OpenAPI3, ReferenceObject, SchemaObject } from "openapi-typescript";
import { generatedHeader } from "../lib/generated-header.ts";
import { SPEC_FILE } from "../lib/repo.ts";
import { ModelError } from "../model/errors.ts";
import type { ApiModel, GeneratedFile } from "../model/types.ts";
import { printOpenApi } from "./print-openapi.ts";

const OPENAPI_TYPESCRIPT_VERSION = (
  createRequire(import.meta.url)("openapi-typescript/package.json") as { version: string }
).version;

/** Where the generated types live, relative to the repo root. */
export const TYPES_FILE = "packages/types/src/generated/openapi.ts";

/**
 * Renders the model as TypeScript with openapi-typescript, fed the canonical OpenAPI 3.0 document
 * printed from the model (so a 3.1 spec and its 3.0 equivalent give the same types).
 *
 * Two v7 defaults misread the spec, so both are overridden here:
 * - `defaultNonNullable: false`: a schema `default` (Language's `nl`) must not make a request field required.
 * - `{ $ref, nullable: true }`: openapi-typescript returns the bare reference and drops the sibling
 *   `nullable` (OpenAPI 3.0 says `$ref` siblings are ignored, but the spec's author means "Brand or null",
 *   and the server accepts `brand: null`), so such a property is typed `Ref | null`.
 *
 * openapi-typescript's own errors (plain `Error`s, with a stack) become a ModelError naming this emitter.
 */
export async function emitTypes(model: ApiModel): Promise<GeneratedFile[]> {
  let ast: Awaited<ReturnType<typeof openapiTS>>;
  try {
    ast = await openapiTS(printOpenApi(model) as unknown as OpenAPI3, {
      defaultNonNullable: false,
      alphabetize: false,
      silent: true,
      transform(schemaObject: SchemaObject | ReferenceObject) {
        if ("$ref" in schemaObject && (schemaObject as { nullable?: unknown }).nullable === true) {
          return tsUnion([oapiRef(schemaObject.$ref), NULL]);
        }
        return undefined;
      },
    });
  } catch (cause) {
    throw new ModelError(
      SPEC_FILE,
      `scripts/emit/types.ts: openapi-typescript ${OPENAPI_TYPESCRIPT_VERSION} could not type the spec (${(cause as Error).message}).`,
      { cause },
    );
  }
  const source = [
    generatedHeader({
      from: SPEC_FILE,
      tool: `openapi-typescript ${OPENAPI_TYPESCRIPT_VERSION}`,
      change: "the spec (or scripts/emit/types.ts)",
    }),
    astToString(ast),
  ].join("\n");
  return [{ path: TYPES_FILE, source }];
}
