import { createConfig, lintFromString, type NormalizedProblem } from "@redocly/openapi-core";
import { InvalidSpecError } from "./spec-errors.ts";

/** A parsed OpenAPI 3.x document that passed {@link validateSpec}. */
export type OpenApiDocument = Record<string, unknown> & { openapi: string };

const MAX_LISTED_PROBLEMS = 10;
const KEEP_VENDORED = "Nothing was changed; the vendored spec is kept.";

function fail(source: string, what: string, cause?: unknown): never {
  throw new InvalidSpecError(`${source} is not a usable spec: ${what} ${KEEP_VENDORED}`, { cause });
}

function parseJson(bytes: Buffer, source: string): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (cause) {
    fail(source, "it is not UTF-8 text.", cause);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    // Upstream publishes JSON; a YAML or HTML answer (a login page, a proxy error) lands here.
    fail(
      source,
      `it is not JSON (${(cause as Error).message.replace(/\s+/g, " ")}). Upstream publishes the spec as JSON; pass that document.`,
      cause,
    );
  }
}

/** Every `$ref` value in the document, with the JSON pointer of the object holding it. */
function* refs(node: unknown, pointer = "#"): Generator<[string, string]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* refs(item, `${pointer}/${i}`);
  } else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") yield [pointer, value];
      else yield* refs(value, `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`);
    }
  }
}

/**
 * Redocly's `struct` rule refuses `nullable: true` without `type`, which OpenAPI 3.0.3 allows (it then
 * has no effect; GitHub's spec has 135). The model reads it as nullable, as openapi-typescript does, and
 * prints a `nullable-without-type` warning for each place, so it is not a refusal here.
 */
const TOLERATED = [/^The `type` field must be defined when the `nullable` field is used\.?$/];

const tolerated = (problem: NormalizedProblem): boolean => TOLERATED.some((re) => re.test(problem.message));

function formatProblem(problem: NormalizedProblem): string {
  const where = problem.location[0]?.pointer ?? "#/";
  return `  - ${where}: ${problem.message}`;
}

/**
 * Parses and validates a fetched spec before anything is written: JSON, `openapi: 3.x`, structurally
 * valid OpenAPI (@redocly/openapi-core's `spec` ruleset plus unresolved `$ref`s) and self-contained.
 * It never asks for particular schemas: curated data that no longer fits is named by the model instead.
 * Redocly's refusal of `nullable` without `type` is tolerated (the model warns instead); every other
 * validity error still refuses.
 *
 * @throws {InvalidSpecError} naming the source and every problem found.
 */
export async function validateSpec(bytes: Buffer, source: string): Promise<OpenApiDocument> {
  const document = parseJson(bytes, source);
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    fail(source, "the JSON is not an object.");
  }
  const version = (document as { openapi?: unknown }).openapi;
  if (typeof version !== "string" || !/^3\.\d+\.\d+$/.test(version)) {
    const declared =
      version !== undefined
        ? `openapi: ${JSON.stringify(version)}`
        : "swagger" in document
          ? `swagger: ${JSON.stringify(document.swagger)}`
          : "no openapi version";
    fail(source, `it declares ${declared}; only OpenAPI 3.x documents are supported.`);
  }

  // Checked before linting so the linter never follows a reference off this machine.
  const external = [...refs(document)].filter(([, ref]) => !ref.startsWith("#"));
  if (external.length > 0) {
    const listed = external.map(([at, ref]) => `  - ${at}: $ref ${ref}`).join("\n");
    fail(source, `it refers to other documents, and the vendored spec must be self-contained:\n${listed}\n`);
  }

  const config = await createConfig({ extends: ["spec"], rules: { "no-unresolved-refs": "error" } });
  const text = JSON.stringify(document);
  const problems = (await lintFromString({ source: text, absoluteRef: "openapi.json", config })).filter(
    (problem) => problem.severity === "error" && !tolerated(problem),
  );
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map(formatProblem);
    if (problems.length > MAX_LISTED_PROBLEMS)
      listed.push(`  - … and ${problems.length - MAX_LISTED_PROBLEMS} more`);
    fail(source, `it is not valid OpenAPI ${version} (${problems.length} error(s)):\n${listed.join("\n")}\n`);
  }
  return document as OpenApiDocument;
}
