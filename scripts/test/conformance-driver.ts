/**
 * Run with tsx inside a built copy of the repository (./built-repo.ts): the copy's built client calls
 * the copy's built fake (in this process, through the fake's own fetch) for every operation of the
 * copy's generated tables (./conformance-table.ts), with valid inputs derived from each operation's
 * input schema (they must resolve, one request sent) and invalid ones (each must be a
 * NoxValidationError with nothing sent), and prints one JSON {@link Report}.
 *
 * Arguments: 1 (optional) a JSON list of extra {@link Call}s, run first, in order; `--sample N`
 * (with `--seed S`) calls a seeded sample of N operations instead of all.
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { createNoxClient } from "@nox-energy/authenticator-client";
import * as enums from "@nox-energy/authenticator-enums";
import * as testing from "@nox-energy/authenticator-testing";
import {
  invalidInputs,
  referenceValidator,
  seededSample,
  validInputs,
  withStandardFormats,
  type Accepts,
} from "./conformance-inputs.ts";
import { readConformanceTable, splitInput, type ConformanceOperation } from "./conformance-table.ts";

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
  /** `valid` (must resolve, one request) or `invalid` (must be a NoxValidationError, none sent). */
  expect?: "valid" | "invalid";
  outcome: string;
  message?: string;
  sent: number;
  received?: unknown;
  result?: unknown;
}

/** What the driver printed. */
export interface Report {
  /** The generated table the input schemas came from. */
  source: string;
  /** Every operation of the copy, and those called (all, or the sample). */
  operations: string[];
  called: string[];
  outcomes: Outcome[];
  /** Operations with no valid input found (`required` or `full`): a failure, never a skip. */
  noValidInput: string[];
}

const ROOT = join(import.meta.dirname, "..", "..");
const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { sample: { type: "string" }, seed: { type: "string", default: "14" } },
});

const table = await readConformanceTable(ROOT);
const server = await testing.createNoxTestServer();
const client = createNoxClient({
  apiKey: testing.TEST_API_KEY,
  baseUrl: server.url,
  fetch: server.fetch,
  logLevel: "off",
} as Parameters<typeof createNoxClient>[0]) as unknown as Record<
  string,
  (input?: unknown) => Promise<unknown>
>;

/** Values earlier results returned, by property name: a later path parameter of that name reuses one. */
const seen = new Map<string, unknown>();
/** What each POST returned and was sent, by its path: a read of `<path>/{x}` is of that resource. */
const created = new Map<string, { result: Record<string, unknown>; input: Record<string, unknown> }>();
let last: Record<string, unknown> = {};

const substitute = (input: unknown): unknown =>
  JSON.parse(JSON.stringify(input), (_, v) =>
    typeof v === "string" && v.startsWith("$last.") ? last[v.slice(6)] : v,
  );

/**
 * The input as the method takes a file: a binary body as a Blob, a multipart body's `format: binary`
 * fields as Blobs (fetch sends them as files), once the schema accepted their text. An input that is
 * not an object, or has no body, is passed on as it is (an invalid one must be refused as such).
 */
function withFiles(input: unknown, op: ConformanceOperation): unknown {
  if (op.bodyKind !== "multipart" && op.bodyKind !== "binary") return input;
  if (!op.bodyOnly && (input === null || typeof input !== "object" || !("body" in input))) return input;
  const body = splitInput(op, input).body;
  const wrap = (file: unknown) => (op.bodyOnly ? file : { ...(input as object), body: file });
  if (op.bodyKind === "binary") return body === undefined ? input : wrap(new Blob(["conformance"]));
  if (body === null || typeof body !== "object") return input;
  const props =
    (op.bodyOnly ? op.input : (op.input.properties?.body as typeof op.input | undefined))?.properties ?? {};
  return wrap(
    Object.fromEntries(
      Object.entries(body).map(([k, v]) => [
        k,
        (props[k] as { format?: string } | undefined)?.format === "binary" ? new Blob([String(v)]) : v,
      ]),
    ),
  );
}

async function call(
  name: string,
  method: string,
  input: unknown,
  op?: ConformanceOperation,
  expect?: Outcome["expect"],
): Promise<Outcome> {
  const before = server.requests.length;
  const base = { name, ...(op && { operationId: op.operationId }), ...(expect && { expect }) };
  const fn = client[method];
  if (typeof fn !== "function")
    return { ...base, outcome: "NoSuchMethod", message: `the client has no method ${method}`, sent: 0 };
  try {
    const result = (await fn.call(client, op ? withFiles(input, op) : input)) as Record<string, unknown>;
    last = result;
    if (result !== null && typeof result === "object") {
      for (const [k, v] of Object.entries(result)) seen.set(k, v);
      if (op?.method === "POST" && !op.bodyOnly && input !== null && typeof input === "object")
        created.set(op.path, { result, input: input as Record<string, unknown> });
      else if (op?.method === "POST") created.set(op.path, { result, input: {} });
    }
    const sent = server.requests.length - before;
    return { ...base, outcome: "ok", sent, received: server.requests.at(-1)?.body, result };
  } catch (error) {
    const { name: cls, message } = error as Error;
    return {
      ...base,
      outcome: cls,
      message: String(message).slice(0, 600),
      sent: server.requests.length - before,
    };
  }
}

/**
 * `input` with its brand one the brand rule allows for its asset type (the enums package's
 * `brandsFor`): a rule across two fields that no schema states, so a sampled brand may break it.
 */
function keepBrandRule(op: ConformanceOperation, input: unknown, accepts: Accepts): unknown {
  const rule = op.brandRule;
  const brandsFor = (enums as { brandsFor?: (assetType: unknown) => readonly unknown[] }).brandsFor;
  if (rule === undefined || brandsFor === undefined) return input;
  const body = (op.bodyOnly ? input : (input as Record<string, unknown>)?.body) as
    Record<string, unknown> | undefined;
  if (body === undefined || !(rule.brand in body) || !(rule.assetType in body)) return input;
  const allowed = brandsFor(body[rule.assetType]);
  if (allowed.includes(body[rule.brand])) return input;
  for (const brand of [allowed[0], null]) {
    const fixed = { ...body, [rule.brand]: brand };
    const whole = op.bodyOnly ? fixed : { ...(input as object), body: fixed };
    if (accepts(whole)) return whole;
  }
  const { [rule.brand]: _, ...without } = body;
  return op.bodyOnly ? without : { ...(input as object), body: without };
}

/**
 * `input` with each path parameter naming a resource an earlier call returned, when still valid: for
 * `<path>/{x}`, the resource a POST on `<path>` created (its `x`, else its `id`, as the fake reads a
 * `{thingId}` by the created `id`); otherwise the last value any result returned under the name `x`.
 */
function reuseSeen(op: ConformanceOperation, input: unknown, accepts: Accepts): unknown {
  if (op.bodyOnly || input === null || typeof input !== "object") return input;
  const reused = { ...(input as Record<string, unknown>) };
  for (const match of op.path.matchAll(/\{([^{}]+)\}/g)) {
    const name = match[1]!;
    if (!(name in reused)) continue;
    const collection = op.path.slice(0, match.index).replace(/\/$/, "");
    const resource = created.get(collection);
    const value = resource?.result[name] ?? resource?.result.id ?? seen.get(name);
    if (value !== undefined) reused[name] = value;
    // The collection's own path parameters as the POST sent them: the fake keys resources by them.
    for (const [key, sent] of Object.entries(resource?.input ?? {}))
      if (key in reused && key !== "body") reused[key] = sent;
  }
  return accepts(reused) ? reused : input;
}

/**
 * `chosen` plus, for each read, update or delete of `<path>/{x}`, the POST on `<path>` (before it):
 * the fake answers a resource only after it was created, so a sample keeps its creators.
 */
function withCreators(
  chosen: readonly ConformanceOperation[],
  all: readonly ConformanceOperation[],
): ConformanceOperation[] {
  const out = new Set<ConformanceOperation>();
  for (const op of chosen) {
    const collection = /^(.*)\/\{[^{}/]+\}$/.exec(op.path)?.[1];
    const creator =
      collection === undefined ? undefined : all.find((o) => o.method === "POST" && o.path === collection);
    if (op.method !== "POST" && creator !== undefined) out.add(creator);
    out.add(op);
  }
  return [...out];
}

const outcomes: Outcome[] = [];
for (const c of JSON.parse(positionals[0] ?? "[]") as Call[]) {
  outcomes.push(await call(c.name, c.method, substitute(c.input)));
}
const all = table.operations;
const chosen =
  flags.sample === undefined
    ? all
    : withCreators(seededSample(all, Number(flags.sample), Number(flags.seed)), all);
// Creating operations first, so a read by a created resource's property finds one; deletes last.
const ORDER: Record<string, number> = { POST: 0, PUT: 1, PATCH: 1, GET: 2, HEAD: 2, OPTIONS: 2, DELETE: 3 };
const ordered = [...chosen].sort((a, b) => (ORDER[a.method] ?? 2) - (ORDER[b.method] ?? 2));
const noValidInput: string[] = [];
/** Each operation's schema (standard formats), reference validator and valid inputs, found up front. */
const prepared = new Map(
  ordered
    .filter((op) => !op.noInput)
    .map((op) => {
      const schema = withStandardFormats(op.input);
      const reference = referenceValidator(schema);
      const valid = validInputs(schema, [reference, ...(op.accepts ? [op.accepts] : [])]);
      return [op, { schema, reference, valid }] as const;
    }),
);

/**
 * A POST's body with the id of what it creates set to a value its reads accept: each read of
 * `<path>/{x}` takes `x` within its own bounds, and the fake echoes a request field into the created
 * resource (`x`, or `id`, which it reads `{x}` by), so a created resource can be read back.
 */
function readableIds(op: ConformanceOperation, input: unknown, accepts: Accepts): unknown {
  if (op.method !== "POST" || input === null || typeof input !== "object") return input;
  const body = (op.bodyOnly ? input : (input as Record<string, unknown>).body) as
    Record<string, unknown> | undefined;
  if (body === null || typeof body !== "object" || Array.isArray(body)) return input;
  for (const [read, { valid }] of prepared) {
    const rest = read.path.startsWith(`${op.path}/`) ? read.path.slice(op.path.length + 1) : "";
    const name = /^\{([^{}/]+)\}$/.exec(rest)?.[1];
    const value = name && (valid.required as Record<string, unknown> | undefined)?.[name];
    if (value === undefined) continue;
    for (const key of [name!, "id"]) {
      const fixed = { ...body, [key]: value };
      const whole = op.bodyOnly ? fixed : { ...(input as object), body: fixed };
      if (accepts(whole)) return whole;
    }
  }
  return input;
}

for (const op of ordered) {
  if (op.noInput) {
    // Nothing the spec states can be broken: one call, without an argument.
    outcomes.push(await call("valid (no input)", op.methodName, undefined, op, "valid"));
    continue;
  }
  const { schema, reference, valid } = prepared.get(op)!;
  let base: unknown;
  for (const flavour of ["required", "full"] as const) {
    const input = valid[flavour];
    const label = `valid (${flavour === "full" ? "every" : "required"} field)`;
    if (input === undefined) {
      noValidInput.push(`${op.operationId} (${flavour === "full" ? "every" : "required"} field)`);
      continue;
    }
    const ready = readableIds(op, keepBrandRule(op, reuseSeen(op, input, reference), reference), reference);
    base = ready;
    outcomes.push(await call(label, op.methodName, ready, op, "valid"));
  }
  if (base === undefined) continue;
  // Mutations of the fullest valid input: each invalid one breaks only what it names.
  for (const bad of invalidInputs(schema, base, reference)) {
    outcomes.push(await call(bad.name, op.methodName, bad.value, op, "invalid"));
  }
}
await server.close();
const report: Report = {
  source: table.source,
  operations: all.map((op) => op.operationId),
  called: ordered.map((op) => op.operationId),
  outcomes,
  noValidInput,
};
console.log(JSON.stringify(report));
