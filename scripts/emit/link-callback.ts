import { generatedHeader } from "../lib/generated-header.ts";
import { LINK_CALLBACK_FILE } from "../lib/repo.ts";
import { child, ModelError } from "../model/errors.ts";
import type { ApiModel, GeneratedFile, Schema } from "../model/types.ts";

/** Where the redirect callback's payload type lives, relative to the repo root. */
export const LINK_CALLBACK_TYPES_FILE = "packages/types/src/generated/link-callback.ts";

function fail(at: string, message: string): never {
  throw new ModelError(
    `${LINK_CALLBACK_FILE}${at}`,
    `${message}. The LinkCallback type is generated from it; keep to string, integer, number, boolean, ` +
      "arrays and objects, or extend scripts/emit/link-callback.ts.",
  );
}

/** A JSDoc line for a description (no `*\/` can end the comment early). */
const doc = (description: string | undefined, indent: string): string[] =>
  description === undefined
    ? []
    : [`${indent}/** ${description.replace(/\*\//g, "*\\/").replace(/\s+/g, " ")} */`];

/** The TypeScript type of a schema, with `| null` when it is nullable. */
function typeOf(schema: Schema, at: string, indent: string): string {
  let ts: string;
  if (schema.enum !== undefined) ts = schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  else if (schema.kind === "string" || schema.kind === "boolean") ts = schema.kind;
  else if (schema.kind === "integer" || schema.kind === "number") ts = "number";
  else if (schema.kind === "array") ts = `${typeOf(schema.items!, child(at, "items"), indent)}[]`;
  else if (schema.kind === "object") ts = objectType(schema, at, indent);
  else fail(at, `is a ${schema.kind} schema`);
  return schema.nullable ? `${ts} | null` : ts;
}

function objectType(schema: Schema, at: string, indent: string): string {
  const properties = schema.properties ?? [];
  // No known field (the schema misfits): an object of unknown fields.
  if (properties.length === 0) return `{\n${indent}  [field: string]: unknown;\n${indent}}`;
  const lines = properties.flatMap(({ name, required, schema: property }) => [
    ...doc(property.description, `${indent}  `),
    `${indent}  ${JSON.stringify(name)}${required ? "" : "?"}: ${typeOf(property, child(child(at, "properties"), name), `${indent}  `)};`,
  ]);
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/**
 * Renders `LinkCallback`, the type of the redirect callback's `?data=` payload, from its curated schema
 * (spec/link-callback.schema.json, read into the model). Unknown fields may arrive at run time; the
 * type names the ones the guide documents. Nothing when the link-callback plug-in is off (the file is
 * absent or misfits, or the spec lacks the link-session operation).
 */
export function emitLinkCallback(model: ApiModel): GeneratedFile[] {
  const callback = model.curated.linkCallback;
  if (callback === null || !model.curated.plugins.linkCallback) return [];
  const description = callback.schema.description ?? callback.name;
  const source = [
    generatedHeader({ from: LINK_CALLBACK_FILE }),
    "/**",
    ` * ${description.replace(/\*\//g, "*\\/")}`,
    ...(callback.see === undefined ? [] : [` * @see ${callback.see}`]),
    " */",
    `export interface ${callback.name} ${objectType(callback.schema, "#", "")}`,
    "",
  ].join("\n");
  return [{ path: LINK_CALLBACK_TYPES_FILE, source }];
}
