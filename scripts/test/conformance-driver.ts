/**
 * Run with tsx inside a built copy of the repository (./built-repo.ts): the copy's built client calls
 * the copy's built fake for every operation of the copy's generated operation table, and prints one
 * JSON report. Argument 1 (optional): a JSON list of extra {@link Call}s, run first, in order.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createNoxClient } from "@nox-energy/authenticator-client";
import { createNoxTestServer, TEST_API_KEY } from "@nox-energy/authenticator-testing";

/** The compact schema the generated operation table holds (packages/client/src/client-schema.ts). */
interface Schema {
  type?: string;
  nullable?: true;
  enum?: readonly unknown[];
  format?: string;
  maxLength?: number;
  minLength?: number;
  required?: readonly string[];
  properties?: Record<string, Schema>;
  items?: Schema;
}

/** One client call: `input` strings `$last.<name>` read that property of the last call's result. */
export interface Call {
  name: string;
  method: string;
  input: unknown;
}

/** What one call did: `ok` or the error's class name, how many requests reached the fake, and what it got. */
export interface Outcome {
  name: string;
  operationId?: string;
  outcome: string;
  message?: string;
  sent: number;
  received?: unknown;
  result?: unknown;
}

const ROOT = join(import.meta.dirname, "..", "..");
const generated = pathToFileURL(join(ROOT, "packages/client/src/generated/operations.ts")).href;
const { OPERATIONS } = (await import(generated)) as {
  OPERATIONS: Record<string, { methodName: string; safe: boolean; input: Schema }>;
};

const server = await createNoxTestServer();
const client = createNoxClient({
  apiKey: TEST_API_KEY,
  baseUrl: server.url,
  fetch: server.fetch,
  logLevel: "off",
}) as unknown as Record<string, (input: unknown) => Promise<unknown>>;

/** Values earlier results returned, by property name: a later path parameter of that name reuses one. */
const seen = new Map<string, unknown>();
let last: Record<string, unknown> = {};

/**
 * A valid value for `schema`: required properties (all, with `full`), enums' first value, a URI. An
 * optional nullable property is null: a cross-field rule the schema cannot tell (the brand rule) may
 * refuse its first value.
 */
function valid(schema: Schema, name = "", full = false): unknown {
  if (full && schema.nullable) return null;
  if (schema.enum) return schema.enum.find((v) => v !== null);
  switch (schema.type) {
    case "object": {
      const keys = full ? Object.keys(schema.properties ?? {}) : (schema.required ?? []);
      const props = schema.properties ?? {};
      return Object.fromEntries(keys.map((k) => [k, valid(props[k] ?? {}, k, full)]));
    }
    case "array":
      return [valid(schema.items ?? {}, name, full)];
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    default:
      if (schema.format === "uri") return "https://app.example/cb";
      if (seen.has(name)) return seen.get(name);
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
  }
}

/** A value of the wrong JSON type for `schema`. */
const wrongType = (schema: Schema): unknown =>
  schema.type === "string" || schema.type === undefined ? 12345 : "not-a-" + schema.type;

/** Every invalid variant of `input` the schema tells: a required field missing, a wrong type, an enum or length outside. */
function invalid(schema: Schema, input: Record<string, unknown>, at = ""): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const props = schema.properties ?? {};
  const variant = (name: string, key: string, value: unknown, remove = false) => {
    const copy = { ...input };
    if (remove) delete copy[key];
    else copy[key] = value;
    out.push([`${at}${key}: ${name}`, copy]);
  };
  for (const key of schema.required ?? []) variant("missing", key, undefined, true);
  for (const [key, prop] of Object.entries(props)) {
    variant("wrong type", key, wrongType(prop));
    if (prop.enum) variant("outside the enum", key, "zz-not-a-value");
    if (prop.format === "uri") variant("not a URI", key, "not a url");
    if (prop.maxLength !== undefined) variant("too long", key, "x".repeat(prop.maxLength + 1));
    const inner = input[key];
    if (prop.type === "object" && inner !== null && typeof inner === "object") {
      for (const [name, value] of invalid(prop, inner as Record<string, unknown>, `${at}${key}.`)) {
        out.push([name, { ...input, [key]: value }]);
      }
    }
  }
  return out;
}

const substitute = (input: unknown): unknown =>
  JSON.parse(JSON.stringify(input), (_, v) =>
    typeof v === "string" && v.startsWith("$last.") ? last[v.slice(6)] : v,
  );

async function call(name: string, method: string, input: unknown, operationId?: string): Promise<Outcome> {
  const before = server.requests.length;
  const base = { name, ...(operationId && { operationId }) };
  try {
    const result = (await client[method]!(input)) as Record<string, unknown>;
    last = result;
    for (const [k, v] of Object.entries(result ?? {})) seen.set(k, v);
    const sent = server.requests.length - before;
    return { ...base, outcome: "ok", sent, received: server.requests.at(-1)?.body, result };
  } catch (error) {
    const { name: cls, message } = error as Error;
    return { ...base, outcome: cls, message, sent: server.requests.length - before };
  }
}

const outcomes: Outcome[] = [];
for (const c of JSON.parse(process.argv[2] ?? "[]") as Call[]) {
  outcomes.push(await call(c.name, c.method, substitute(c.input)));
}
// Operations that create first, so a read by a created resource's property finds one.
const ordered = Object.entries(OPERATIONS).sort(([, a], [, b]) => Number(a.safe) - Number(b.safe));
for (const [id, op] of ordered) {
  for (const full of [false, true]) {
    const input = valid(op.input, "", full);
    outcomes.push(await call(`valid (${full ? "every" : "required"} field)`, op.methodName, input, id));
  }
  for (const [name, input] of invalid(op.input, valid(op.input, "", true) as Record<string, unknown>)) {
    outcomes.push(await call(name, op.methodName, input, id));
  }
  outcomes.push(await call("not an object", op.methodName, "x", id));
}
await server.close();
console.log(JSON.stringify({ operations: Object.keys(OPERATIONS), outcomes }));
