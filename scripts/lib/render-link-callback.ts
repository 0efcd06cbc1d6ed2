import { generatedHeader } from "./generated-header.ts";
import { LINK_CALLBACK_FILE } from "./repo.ts";

/** Where the redirect callback's payload type lives, relative to the repo root. */
export const LINK_CALLBACK_TYPES_FILE = "packages/types/src/generated/link-callback.ts";

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function fail(at: string, message: string): never {
  throw new Error(
    `${LINK_CALLBACK_FILE} ${at}: ${message}. The LinkCallback type is generated from it; ` +
      `keep to string, integer, number, boolean, arrays and objects, or extend scripts/lib/render-link-callback.ts.`,
  );
}

/** A JSDoc line for a schema's description (no `*\/` can end the comment early). */
const doc = (schema: Node, indent: string): string[] =>
  typeof schema.description === "string"
    ? [`${indent}/** ${schema.description.replace(/\*\//g, "*\\/").replace(/\s+/g, " ")} */`]
    : [];

/** The TypeScript type of a schema, with `| null` when it is nullable. */
function typeOf(schema: unknown, at: string, indent: string): string {
  if (!isNode(schema)) fail(at, "is not a schema object");
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const nullable = schema.nullable === true || types.includes("null");
  const [type, ...more] = types.filter((t) => t !== "null");
  if (more.length > 0) fail(at, `has more than one type (${JSON.stringify(schema.type)})`);
  let ts: string;
  if (Array.isArray(schema.enum)) ts = schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  else if (type === "string" || type === "boolean") ts = type;
  else if (type === "integer" || type === "number") ts = "number";
  else if (type === "array") ts = `${typeOf(schema.items, `${at}.items`, indent)}[]`;
  else if (type === "object") ts = objectType(schema, at, indent);
  else fail(at, `has type ${JSON.stringify(schema.type)}`);
  return nullable ? `${ts} | null` : ts;
}

function objectType(schema: Node, at: string, indent: string): string {
  const properties = schema.properties ?? {};
  if (!isNode(properties)) fail(`${at}.properties`, "is not an object");
  const required = Array.isArray(schema.required) ? schema.required : [];
  const lines = Object.entries(properties).flatMap(([name, property]) => [
    ...doc(isNode(property) ? property : {}, `${indent}  `),
    `${indent}  ${JSON.stringify(name)}${required.includes(name) ? "" : "?"}: ${typeOf(property, `${at}.properties.${name}`, `${indent}  `)};`,
  ]);
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/**
 * Renders `LinkCallback`, the type of the redirect callback's `?data=` payload, from its JSON schema
 * (spec/link-callback.schema.json, curated from NOX's integration guide). Unknown fields may arrive
 * at run time; the type names the ones the guide documents.
 */
export function renderLinkCallback(schema: unknown): string {
  if (!isNode(schema) || schema.type !== "object") fail("(root)", "is not an object schema");
  const name = schema.title;
  if (typeof name !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(name)) fail("title", "is not a type name");
  const provenance = isNode(schema["x-provenance"]) ? schema["x-provenance"] : {};
  const source = [provenance.source, provenance.section && `section "${String(provenance.section)}"`]
    .filter(Boolean)
    .join(", ");
  return [
    generatedHeader({ from: LINK_CALLBACK_FILE }),
    "/**",
    ` * ${String(schema.description ?? name).replace(/\*\//g, "*\\/")}`,
    ...(source ? [` * @see ${source} (read ${String(provenance.read)})`] : []),
    " */",
    `export interface ${name} ${objectType(schema, "(root)", "")}`,
    "",
  ].join("\n");
}
