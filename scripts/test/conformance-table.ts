/**
 * What the conformance driver (./conformance-driver.ts) needs of each generated operation, read from
 * the generated tables of the copy it runs in: the client method to call, how its one argument splits
 * into parameters and body, and the plain JSON Schema 2020-12 of that argument (self-contained, local
 * `#/$defs/...` references) that inputs are generated from. Which generated table carries the input
 * schemas changes with the generator; each reader below knows one form and says when it does not apply.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Accepts, JsonSchema, JsonSchemaObject } from "./conformance-inputs.ts";

/** One operation as the driver calls it. */
export interface ConformanceOperation {
  operationId: string;
  methodName: string;
  method: string;
  path: string;
  /** The method's one argument is the body itself (no parameters). */
  bodyOnly: boolean;
  /** The method takes nothing (no parameters, no body): it is called without an argument, and no invalid input exists. */
  noInput?: boolean;
  /** The schema of the method's argument: the body, or `{ ...parameters, body }`. */
  input: JsonSchemaObject;
  /** The body's media kind (`json`, `form`, `multipart`, `text`, `binary`), when it has one. */
  bodyKind?: string;
  /** The generated validators (shared by client and fake) of this argument, when the copy has them. */
  accepts?: Accepts;
  /** The curated brand rule's body properties, when it applies to this operation (a rule no schema states). */
  brandRule?: BrandRuleData;
}

/** Which body property is the brand and which the asset type (the brand must be one for the asset type). */
export interface BrandRuleData {
  brand: string;
  assetType: string;
}

/** The operations of a copy, and which generated table their schemas came from. */
export interface ConformanceTable {
  source: string;
  operations: ConformanceOperation[];
}

const importFile = async <T>(root: string, file: string): Promise<T | undefined> =>
  existsSync(join(root, file)) ? ((await import(pathToFileURL(join(root, file)).href)) as T) : undefined;

/** A generated validator function (Ajv's: true, or false with `.errors`). */
type Validate = ((data: unknown) => boolean) & { errors?: unknown };

interface ClientDescriptor {
  operationId: string;
  methodName: string;
  method: string;
  path: string;
  bodyOnly?: boolean;
  hasBody?: boolean;
  input?: CompactSchema;
  parameters?: readonly { name: string; in: string; required: boolean }[];
  body?: { kind?: string; required?: boolean };
  validators?: { params?: Validate; body?: Validate };
  brandRule?: BrandRuleData;
}

/**
 * The brand rule's data: the descriptor's own, else the copy's model's curated rule (when the enums
 * package has the brands plug-in at all), else none.
 */
async function brandRuleOf(root: string): Promise<(BrandRuleData & { operationId: string }) | undefined> {
  const enums = await importFile<{ brandsFor?: unknown }>(root, "packages/enums/src/index.ts");
  if (typeof enums?.brandsFor !== "function") return undefined;
  const { loadInputs } = (await import(pathToFileURL(join(root, "scripts/model/load.ts")).href)) as {
    loadInputs(root: string): Promise<unknown>;
  };
  const { buildModel } = (await import(pathToFileURL(join(root, "scripts/model/build-model.ts")).href)) as {
    buildModel(inputs: unknown): {
      curated: {
        brandRule: { operationId: string; brand: { key: string }; assetType: { key: string } } | null;
      };
    };
  };
  const rule = buildModel(await loadInputs(root)).curated.brandRule;
  return rule
    ? { operationId: rule.operationId, brand: rule.brand.key, assetType: rule.assetType.key }
    : undefined;
}

/** The client's compact schema (before JSON Schema validators): packages/client/src/client-schema.ts. */
interface CompactSchema {
  type?: string;
  nullable?: true;
  enum?: readonly unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  items?: CompactSchema;
  required?: readonly string[];
  properties?: Record<string, CompactSchema>;
}

/** A compact schema as JSON Schema: a request's objects refuse unknown fields, as check-schema.ts did. */
function fromCompact(s: CompactSchema): JsonSchemaObject {
  const { nullable, items, properties, type, enum: values, ...rest } = s;
  const out: JsonSchemaObject = { ...rest };
  if (type !== undefined) out.type = nullable ? [type, "null"] : type;
  if (values !== undefined) out.enum = nullable && !values.includes(null) ? [...values, null] : values;
  if (items !== undefined) out.items = fromCompact(items);
  if (properties !== undefined) {
    out.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, fromCompact(v)]));
    out.additionalProperties = false;
  }
  return out;
}

/**
 * The input as the method takes it, from separate parameter and body schemas (the JSON Schema
 * validators' split): `{ ...params, body }`, or the body alone when there are no parameters.
 */
export function methodInput(
  params: JsonSchemaObject | undefined,
  body: { schema: JsonSchema; required: boolean } | undefined,
): { input: JsonSchemaObject; bodyOnly: boolean; noInput?: true } {
  if (params === undefined || Object.keys(params.properties ?? {}).length === 0) {
    if (body === undefined) return { input: {}, bodyOnly: false, noInput: true };
    return { input: typeof body.schema === "boolean" ? {} : body.schema, bodyOnly: true };
  }
  if (body === undefined) return { input: params, bodyOnly: false };
  const { $defs, ...bodyRoot } = typeof body.schema === "boolean" ? { $defs: undefined } : body.schema;
  return {
    bodyOnly: false,
    input: {
      ...params,
      properties: { ...params.properties, body: bodyRoot },
      required: [...(params.required ?? []), ...(body.required ? ["body"] : [])],
      // The same object when both come from one bundle: the reference validator compiles it once.
      ...((params.$defs ?? $defs) !== undefined && {
        $defs: params.$defs === $defs || $defs === undefined ? params.$defs! : { ...params.$defs, ...$defs },
      }),
    },
  };
}

/** The method argument `input` split into what the params and body validators read. */
export function splitInput(op: ConformanceOperation, input: unknown): { params?: unknown; body?: unknown } {
  if (op.bodyOnly) return { body: input };
  const { body, ...params } = (input ?? {}) as Record<string, unknown>;
  return { params, ...(body !== undefined && { body }) };
}

/** Today's form: the client's operation table carries each method's compact input schema. */
async function fromClientCompact(root: string): Promise<ConformanceTable | undefined> {
  const mod = await importFile<{ OPERATIONS: Record<string, ClientDescriptor> }>(
    root,
    "packages/client/src/generated/operations.ts",
  );
  const ops = Object.values(mod?.OPERATIONS ?? {});
  if (ops.length === 0 || ops.some((op) => op.input === undefined)) return undefined;
  const rule = await brandRuleOf(root);
  return {
    source: "packages/client/src/generated/operations.ts (compact input schemas)",
    operations: ops.map((op) => ({
      operationId: op.operationId,
      methodName: op.methodName,
      method: op.method,
      path: op.path,
      bodyOnly: op.bodyOnly ?? false,
      input: fromCompact(op.input!),
      ...(op.hasBody && { bodyKind: "json" }),
      ...(rule?.operationId === op.operationId && {
        brandRule: { brand: rule.brand, assetType: rule.assetType },
      }),
    })),
  };
}

const bundledDefs = new WeakMap<readonly object[], Record<string, JsonSchema>>();

/** A JSON Schema with an absolute `$id` (as the validators' plan holds them). */
type IdSchema = JsonSchemaObject & { $id?: string };

/** A document that only holds definitions (`{ $id, $defs }`), referenced as `<id>#/$defs/<name>`. */
const onlyDefs = (d: IdSchema): boolean =>
  Object.keys(d).every((k) => k === "$id" || k === "$defs" || k === "$schema");

/**
 * Bundles schemas that reference each other by absolute `$id` into one self-contained schema, for
 * either form the validators' plan prints: a document per component (`https://x/request/Pet`,
 * referenced whole) becomes `#/$defs/<n>_Pet`; a definitions document (`https://x/request`, referenced
 * as `https://x/request#/$defs/Pet`) gives each of its definitions a `#/$defs/<n>_Pet`.
 */
export function bundle(root: IdSchema, documents: readonly IdSchema[]): JsonSchemaObject {
  const byId = new Map(documents.flatMap((d, i) => (d.$id ? [[d.$id, i] as const] : [])));
  const escape = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");
  const unescape = (seg: string) => decodeURIComponent(seg).replaceAll("~1", "/").replaceAll("~0", "~");
  // Keys are plain (index + a readable name): json-schema-faker looks `#/$defs/<key>` up unescaped.
  const plain = (i: number, name: string) => `${i}_${name.replace(/[^\w.-]/g, "_")}`;
  const keyOf = (i: number) => plain(i, unescape(documents[i]!.$id!.split("/").at(-1)!));
  const local = (ref: string): string => {
    const hash = ref.indexOf("#");
    const [id, pointer] = hash < 0 ? [ref, ""] : [ref.slice(0, hash), ref.slice(hash + 1)];
    const index = byId.get(id);
    if (index === undefined) return ref;
    if (onlyDefs(documents[index]!)) {
      const match = /^\/\$defs\/([^/]+)$/.exec(pointer);
      return match === null ? ref : `#/$defs/${escape(plain(index, unescape(match[1]!)))}`;
    }
    return `#/$defs/${escape(keyOf(index))}${pointer}`;
  };
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => key !== "$id" && key !== "$schema")
        .map(([key, value]) => [
          key,
          key === "$ref" && typeof value === "string" ? local(value) : rewrite(value),
        ]),
    );
  };
  // One `$defs` for every schema bundled from the same documents (compiled once by the reference).
  let $defs = bundledDefs.get(documents);
  if ($defs === undefined) {
    const defs: Record<string, JsonSchema> = {};
    documents.forEach((d, i) => {
      if (!onlyDefs(d)) defs[keyOf(i)] = rewrite(d) as JsonSchema;
      else
        for (const [name, def] of Object.entries(d.$defs ?? {}))
          defs[plain(i, name)] = rewrite(def) as JsonSchema;
    });
    bundledDefs.set(documents, ($defs = defs));
  }
  const { $defs: _, ...rest } = rewrite(root) as JsonSchemaObject;
  return { ...rest, $defs };
}

/** The validators' plan (scripts/emit/validators.ts): the schemas compiled, and which are each operation's. */
interface ValidatorPlan {
  entries: { name: string; schema: IdSchema }[];
  operations: { operationId: string; params?: string; body?: string }[];
}

/** Bodies no JSON Schema describes: text is a string, binary whatever fetch can send. */
const MEDIA_SCHEMA: Readonly<Record<string, JsonSchemaObject>> = { text: { type: "string" }, binary: {} };

/**
 * The JSON Schema validators' form: the client's descriptors name each operation's parameters, body
 * media and generated validators (`@nox-energy/authenticator-types/validators`); the schemas those were
 * compiled from are the generator's validator plan, for the copy's model.
 */
async function fromValidatorPlan(root: string): Promise<ConformanceTable | undefined> {
  const emit = await importFile<{ planValidators?: (model: unknown) => ValidatorPlan }>(
    root,
    "scripts/emit/validators.ts",
  );
  const client = await importFile<{ OPERATIONS: Record<string, ClientDescriptor> }>(
    root,
    "packages/client/src/generated/operations.ts",
  );
  if (emit?.planValidators === undefined || client === undefined) return undefined;
  const { loadInputs } = (await import(pathToFileURL(join(root, "scripts/model/load.ts")).href)) as {
    loadInputs(root: string): Promise<unknown>;
  };
  const { buildModel } = (await import(pathToFileURL(join(root, "scripts/model/build-model.ts")).href)) as {
    buildModel(inputs: unknown): { curated?: { brandRule?: { operationId: string } | null } };
  };
  const plan = emit.planValidators(buildModel(await loadInputs(root)));
  const schemas = new Map(plan.entries.map((e) => [e.name, e.schema]));
  // Every compiled schema with an $id may be referenced (components, discriminator bases).
  const documents = plan.entries.filter((e) => e.schema.$id !== undefined).map((e) => e.schema);
  const planned = new Map(plan.operations.map((o) => [o.operationId, o]));
  return {
    source:
      "scripts/emit/validators.ts planValidators (the schemas of @nox-energy/authenticator-types/validators)",
    operations: Object.values(client.OPERATIONS).map((op) => {
      const names = planned.get(op.operationId);
      const params = names?.params ? bundle(schemas.get(names.params)!, documents) : undefined;
      const kind = op.body?.kind;
      const bodySchema = names?.body
        ? bundle(schemas.get(names.body)!, documents)
        : kind
          ? MEDIA_SCHEMA[kind]
          : undefined;
      const { input, bodyOnly, noInput } = methodInput(
        params,
        bodySchema && { schema: bodySchema, required: op.body?.required ?? false },
      );
      const validators = op.validators ?? {};
      const described: ConformanceOperation = {
        operationId: op.operationId,
        methodName: op.methodName,
        method: op.method,
        path: op.path,
        bodyOnly: op.bodyOnly ?? bodyOnly,
        ...(noInput && { noInput }),
        input,
        ...(kind && { bodyKind: kind }),
        ...(op.brandRule && { brandRule: { brand: op.brandRule.brand, assetType: op.brandRule.assetType } }),
      };
      described.accepts = (value) => {
        const { params: p, body: b } = splitInput(described, value);
        return (
          (validators.params === undefined || validators.params(p ?? {})) &&
          (validators.body === undefined || b === undefined || validators.body(b))
        );
      };
      return described;
    }),
  };
}

/** Every reader, newest form first; the first that applies is used. */
const READERS: readonly ((root: string) => Promise<ConformanceTable | undefined>)[] = [
  fromValidatorPlan,
  fromClientCompact,
];

/** The conformance table of the copy at `root`, from the first generated table that carries input schemas. */
export async function readConformanceTable(root: string): Promise<ConformanceTable> {
  for (const read of READERS) {
    const table = await read(root);
    if (table !== undefined) return table;
  }
  throw new Error(
    "No generated table carries the operations' input schemas (scripts/test/conformance-table.ts knows: the client's compact schemas). Teach it the new form.",
  );
}
