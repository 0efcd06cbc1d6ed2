import { LINK_CALLBACK_FILE } from "../lib/repo.ts";
import { diagnosticsFor } from "./errors.ts";
import { isObject, normaliseSchema } from "./schemas.ts";
import type { CuratedSchema, Misfit, Schema } from "./types.ts";

/** The name the types package exports the callback payload under (packages/types/src/index.ts). */
export const LINK_CALLBACK_NAME = "LinkCallback";

/** An object of unknown fields: what the payload is typed and checked as while its schema misfits. */
const LOOSE: Schema = { kind: "object", nullable: false, properties: [], additionalProperties: true };

function misfit(misfits: Misfit[], what: string): CuratedSchema {
  misfits.push({
    file: LINK_CALLBACK_FILE,
    kind: "unreadable",
    subjects: [LINK_CALLBACK_NAME],
    message: `${what}\n    fix the schema; until then ${LINK_CALLBACK_NAME} is typed and checked as an object of unknown fields.`,
  });
  return { name: LINK_CALLBACK_NAME, schema: LOOSE };
}

/**
 * Reads spec/link-callback.schema.json (the redirect callback's `data` payload, curated from NOX's
 * integration guide) into the model's schema form, with its title, description and provenance. A
 * schema the model cannot read, or one that is not an object titled `LinkCallback`, is a misfit and reads
 * as an object of unknown fields, so the rest still generates. `null` when the file is absent.
 */
export function readLinkCallback(raw: unknown, misfits: Misfit[]): CuratedSchema | null {
  if (raw === null) return null;
  if (!isObject(raw) || raw.title !== LINK_CALLBACK_NAME) {
    return misfit(misfits, `is not a schema object titled "${LINK_CALLBACK_NAME}" (the type it generates).`);
  }
  // The file is its own document: a local $ref points into it.
  const diagnostics = diagnosticsFor(LINK_CALLBACK_FILE);
  const schema: Schema = normaliseSchema(raw, "#", { document: raw, version: "3.1", diagnostics });
  const [first] = diagnostics.problems;
  if (first !== undefined) return misfit(misfits, `${first.pointer}: ${first.message}`);
  if (schema.kind !== "object" || schema.nullable) return misfit(misfits, "is not an object schema.");
  const provenance = isObject(raw["x-provenance"]) ? raw["x-provenance"] : {};
  const section = provenance.section && `section "${String(provenance.section)}"`;
  const source = [provenance.source, section].filter(Boolean).join(", ");
  return {
    name: LINK_CALLBACK_NAME,
    schema,
    ...(source !== "" && { see: `${source} (read ${String(provenance.read)})` }),
  };
}
