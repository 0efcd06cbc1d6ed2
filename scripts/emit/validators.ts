import { createRequire } from "node:module";
import Ajv2020Module from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";
import * as FORMATS from "../../packages/types/src/validators/formats.ts";
import { generatedHeader } from "../lib/generated-header.ts";
import { LINK_CALLBACK_FILE, SPEC_FILE } from "../lib/repo.ts";
import { ModelError } from "../model/errors.ts";
import type { ApiModel, GeneratedFile, Operation, Schema } from "../model/types.ts";
import { mediaKind, sentParameters, successResponses } from "./client-operations.ts";
import {
  JsonSchemaPrinter,
  pointerSegment,
  printComponents,
  referencedComponents,
  type JsonSchema,
} from "./json-schema.ts";

/** Where the generated validators live, relative to the repo root (one module: `@nox-energy/authenticator-types/validators`). */
export const VALIDATORS_FILE = "packages/types/src/generated/validators.js";
/** Its declarations. */
export const VALIDATORS_TYPES_FILE = "packages/types/src/generated/validators.d.ts";

const AJV_VERSION = (createRequire(import.meta.url)("ajv/package.json") as { version: string }).version;
// The generated module imports these, relative to packages/enums/src/generated/.
const RUNTIME = {
  formats: "../validators/formats.js",
  "ajv/dist/runtime/ucs2length": "../validators/ucs2length.js",
  "ajv/dist/runtime/equal": "../validators/equal.js",
} as const;
const ID = "https://validators.invalid";
const FORMAT_NAMES = FORMATS.FORMAT_EXPORTS as Readonly<Record<string, string>>;

type Ajv = import("ajv/dist/2020.js").default;
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as new (
  options: Record<string, unknown>,
) => Ajv;
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ??
  standaloneModule) as (ajv: Ajv, refs: Record<string, string>) => string;
const { _ } = createRequire(import.meta.url)("ajv/dist/compile/codegen/index.js") as {
  _: (strings: TemplateStringsArray, ...values: unknown[]) => unknown;
};

/** The curated link-session operation (the model's `curated.linkSession`), or undefined. */
export function linkSessionOperation(model: ApiModel): Operation | undefined {
  const id = model.curated.linkSession?.operationId;
  return id === undefined ? undefined : model.operations.find((o) => o.operationId === id);
}

/** Every format the model's schemas use (to register the ones the runtime module lacks as unchecked). */
function formatsUsed(roots: readonly Schema[]): Set<string> {
  const found = new Set<string>();
  const seen = new WeakSet<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    const s = value as Schema;
    if (typeof s.format === "string" && typeof s.kind === "string") found.add(s.format);
    for (const child of Object.values(value)) visit(child);
  };
  roots.forEach(visit);
  return found;
}

/** One compiled validator: its export name in the module and its schema. */
interface Entry {
  name: string;
  schema: JsonSchema & { $id: string };
}

/** What the module exports, as data: per operation, its validators' names; the curated ones by name. */
interface Plan {
  entries: Entry[];
  operations: { operationId: string; params?: string; body?: string; responses: [string, string][] }[];
  curated: [string, string][];
  warnings: string[];
}

/** The JSON Schemas to compile, and which validator each export of the module is. */
export function planValidators(model: ApiModel): Plan {
  const link = linkSessionOperation(model);
  const linkRoots = link
    ? [
        ...(link.requestBody ? [link.requestBody.schema] : []),
        ...successResponses(link).flatMap((r) => (r.schema ? [r.schema] : [])),
      ]
    : [];
  const httpComponents = referencedComponents(linkRoots, model.schemas);
  const format = (inline: boolean) => (f: string, component: string | null) =>
    f === "uri" && (component === null ? inline : httpComponents.has(component)) ? "http-url" : undefined;
  const entries: Entry[] = [];
  const request = printComponents(model, "request", {
    id: `${ID}/request`,
    format: format(false),
    messages: true,
  });
  const response = printComponents(model, "response", {
    id: `${ID}/response`,
    format: format(false),
    messages: true,
  });
  const docs = [...request.documents, ...response.documents];
  const printerFor = (direction: "request" | "response", op: Operation | null, binaryAsAny = false) =>
    new JsonSchemaPrinter({
      direction,
      components: model.schemas,
      ref: (name) => `${ID}/${direction}/${pointerSegment(name)}`,
      baseRef: (name) => `${ID}/${direction}-base/${pointerSegment(name)}`,
      format: format(op !== null && op === link),
      binaryAsAny,
      messages: true,
    });
  const operations: Plan["operations"] = [];
  model.operations.forEach((op, i) => {
    const planned: Plan["operations"][number] = { operationId: op.operationId, responses: [] };
    const params = sentParameters(op);
    if (params.length > 0) {
      const printer = printerFor("request", op);
      const required = params.filter((p) => p.required).map((p) => p.name);
      entries.push({
        name: (planned.params = `p${i}`),
        schema: {
          $id: `${ID}/operations/${i}/params`,
          type: "object",
          properties: Object.fromEntries(params.map((p) => [p.name, printer.property(p.schema, p.required)])),
          "x-known": params.map((p) => p.name),
          ...(required.length > 0 && { required }),
          additionalProperties: false,
        },
      });
    }
    const body = op.requestBody;
    const kind = body && (body.kind ?? mediaKind(body.mediaType));
    if (body && (kind === "json" || kind === "form" || kind === "multipart")) {
      const printed = printerFor("request", op, kind === "multipart").useSite(body.schema);
      entries.push({
        name: (planned.body = `b${i}`),
        schema: { $id: `${ID}/operations/${i}/body`, ...asObject(printed) },
      });
    }
    for (const r of successResponses(op)) {
      if (
        r.schema === undefined ||
        r.mediaType === undefined ||
        (r.kind ?? mediaKind(r.mediaType)) !== "json"
      )
        continue;
      const name = `r${i}_${r.status}`;
      planned.responses.push([r.status, name]);
      entries.push({
        name,
        schema: {
          $id: `${ID}/operations/${i}/responses/${r.status}`,
          ...asObject(printerFor("response", op).useSite(r.schema)),
        },
      });
    }
    operations.push(planned);
  });
  const curated: [string, string][] = [];
  const callback = model.curated.plugins.linkCallback ? model.curated.linkCallback : null;
  if (callback !== null) {
    const printer = printerFor("response", null);
    entries.push({
      name: "c0",
      schema: { $id: `${ID}/curated/${callback.name}`, ...asObject(printer.useSite(callback.schema)) },
    });
    curated.push([callback.name, "c0"]);
  }
  const roots = [
    ...model.schemas.values(),
    ...model.operations.flatMap((op) => [
      ...op.parameters.map((p) => p.schema),
      ...(op.requestBody ? [op.requestBody.schema] : []),
      ...op.responses.flatMap((r) => (r.schema ? [r.schema] : [])),
    ]),
    ...(callback ? [callback.schema] : []),
  ];
  const unknown = [...formatsUsed(roots)].filter(
    (f) => !(f in FORMAT_NAMES) && !FORMATS.ANNOTATION_FORMATS.includes(f),
  );
  const warnings = unknown.map(
    (f) =>
      `format "${f}" is not one the validators know; values of it are not checked (packages/types/src/validators/formats.ts lists the known ones).`,
  );
  return {
    entries: [...docs.map((d, j) => ({ name: `d${j}`, schema: d as Entry["schema"] })), ...entries],
    operations,
    curated,
    warnings,
  };

  function asObject(s: JsonSchema): Record<string, unknown> {
    return typeof s === "boolean" ? (s ? {} : { not: {} }) : s;
  }
}

/** An Ajv instance as the generator compiles with, the runtime module's formats registered. */
export function createAjv(unknownFormats: readonly string[] = []): Ajv {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    // The messages are the client's and the fake's, from the error's keyword and params.
    messages: false,
    // Strict mode refuses what valid OpenAPI documents do (required names without a property, tuples
    // without a length): the meta-schema check still refuses a malformed schema.
    strict: false,
    unicodeRegExp: true,
    // Each component compiles to one function, called where it is referenced: inlined, a large spec's
    // module repeats a component's code at every use (GitHub's: tens of MB).
    inlineRefs: false,
    // A long enum (the spec's brands) is checked by a loop over the schema's list rather than a chain of
    // comparisons that writes every value out a second time.
    loopEnum: 8,
    code: { source: true, esm: true, lines: false, optimize: true, formats: _`require("formats")` },
  });
  for (const [format, exported] of Object.entries(FORMAT_NAMES)) {
    const check = (FORMATS as unknown as Record<string, Parameters<Ajv["addFormat"]>[1]>)[exported]!;
    ajv.addFormat(format, check);
  }
  for (const format of [...FORMATS.ANNOTATION_FORMATS, ...unknownFormats]) ajv.addFormat(format, true);
  // Annotations for messages (json-schema.ts): what a value must be, in words, and an object's known names.
  ajv.addKeyword({ keyword: "x-expected", schemaType: "string" });
  ajv.addKeyword({ keyword: "x-known", schemaType: "array" });
  return ajv;
}

const REQUIRE = /require\("([^"]+)"\)(?:\.([A-Za-z_$][\w$]*)|\[("[^"]+")\])?/g;

/**
 * Ajv's `esm` output, made pure ESM: every `require(...)` of a runtime helper or format becomes a
 * hoisted named import of the enums package's own runtime modules (so no ajv at run time, and a bundle
 * keeps only the formats used). Anything else it requires is a generator bug: thrown.
 */
export function toPureEsm(code: string): string {
  const imports = new Map<string, Map<string, string>>();
  const body = code.replace(REQUIRE, (whole, module: string, prop?: string, quoted?: string) => {
    const target = RUNTIME[module as keyof typeof RUNTIME];
    if (target === undefined)
      throw new Error(
        `validators: the compiled code requires ${JSON.stringify(module)}; map it in scripts/emit/validators.ts.`,
      );
    let name = prop ?? (quoted === undefined ? undefined : (JSON.parse(quoted) as string));
    if (module === "formats") name = FORMAT_NAMES[name!] ?? "";
    if (!name) throw new Error(`validators: cannot import ${whole}.`);
    const names = imports.get(target) ?? new Map<string, string>();
    imports.set(target, names);
    const local = names.get(name) ?? `${name === "default" ? module.split("/").at(-1)! : name}$`;
    names.set(name, local);
    return local;
  });
  const head = [...imports].map(([target, names]) => {
    const list = [...names].map(([name, local]) =>
      name === "default" ? `default as ${local}` : `${name} as ${local}`,
    );
    return `import { ${list.join(", ")} } from ${JSON.stringify(target)};`;
  });
  return [...head, body.replace(/^"use strict";\s*/, "")].join("\n");
}

const ERROR_OBJECT =
  /const (err\d+) = \{instancePath(?::([^,]+))?,schemaPath:("(?:[^"\\]|\\.)*"),keyword:("[^"]*"),params:(\{[^{}]*\}),schema:[^,]*?,parentSchema:([^,]*?),data(?::([^,}]+))?\};if\(vErrors === null\)\{vErrors = \[\1\];\}else \{vErrors\.push\(\1\);\}/g;

/**
 * Ajv writes each error as an object literal and an if/else to append it, ~250 bytes per error (a
 * spec's module has one per keyword that can fail); one helper call instead keeps the module small.
 * The error's verbose `schema` (the keyword's value, unread) is left out; `parentSchema` and `data` stay.
 * An error the pattern does not match (an odd property name) is left as Ajv wrote it.
 */
export function compactErrors(code: string): string {
  const body = code.replace(
    ERROR_OBJECT,
    (_, _err, path, schemaPath, keyword, params, parentSchema, data) =>
      `vErrors=$e(vErrors,${path ?? "instancePath"},${schemaPath},${keyword},${params},${parentSchema},${data ?? "data"});`,
  );
  const helper =
    "function $e(v,instancePath,schemaPath,keyword,params,parentSchema,data){const e={instancePath,schemaPath,keyword,params,parentSchema,data};if(v===null)return [e];v.push(e);return v;}";
  return `${helper}\n${body}`;
}

const SCHEMA_CONSTANT = /const (schema\d+) = (\{.*?\});(?=const |function |export |$)/gs;
const ADDRESSING = new Set(["$id", "$ref", "$schema"]);

/**
 * The schema constants Ajv keeps for `verbose` errors (`parentSchema`), without what only addressed
 * schemas at compile time (`$id`, `$ref`): the messages read types, enums, properties and annotations.
 */
export function leanSchemaConstants(code: string): string {
  const lean = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(lean)
      : typeof value === "object" && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([k]) => !ADDRESSING.has(k))
              .map(([k, v]) => [k, lean(v)]),
          )
        : value;
  return code.replace(SCHEMA_CONSTANT, (whole, name: string, literal: string) => {
    try {
      return `const ${name} = ${JSON.stringify(lean(JSON.parse(literal)))};`;
    } catch {
      return whole;
    }
  });
}

/** The index just past the `}` closing the `{` at `open`, skipping double-quoted strings (all Ajv writes). */
function closing(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '"') {
      for (i++; i < code.length && code[i] !== '"'; i++) if (code[i] === "\\") i++;
    } else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  throw new Error("validators: unbalanced braces in Ajv's output.");
}

/**
 * Ajv sets `validateN.evaluated = {...}` after each function: a statement with a side effect, which
 * keeps every validator in any bundle that imports one. Written as a pure expression instead
 * (`var validateN = Object.assign(function validateN() {...}, { evaluated })`), a bundle keeps only the
 * validators it uses (the client's: not the link callback's unless it calls parseLinkCallback). The
 * aliases the exports use move to the end, after every definition.
 */
export function treeShakable(code: string): string {
  const aliases: string[] = [];
  let body = code.replace(/const (\w+) = (validate\d+);/g, (whole) => (aliases.push(whole), ""));
  let out = "";
  // A function Ajv wrote twice (a schema reached from two exports) is kept once: a module may not
  // declare a function twice. Two different bodies under one name would be a generator bug.
  const written = new Map<string, string>();
  for (;;) {
    const start = body.search(/function validate\d+\(/);
    if (start === -1) break;
    const name = /function (validate\d+)\(/.exec(body.slice(start))![1]!;
    const end = closing(body, body.indexOf("{", body.indexOf(")", start)));
    const assignment = new RegExp(`^${name}\\.evaluated = (\\{[^;]*\\});`).exec(body.slice(end));
    out += body.slice(0, start);
    const fn = body.slice(start, end);
    const before = written.get(name);
    if (before !== undefined) {
      if (before !== fn) throw new Error(`validators: Ajv wrote two different ${name} functions.`);
      body = body.slice(end + (assignment?.[0].length ?? 0));
      continue;
    }
    written.set(name, fn);
    if (assignment) {
      out += `var ${name} = /* @__PURE__ */ Object.assign(${fn}, { evaluated: ${assignment[1]} });`;
      body = body.slice(end + assignment[0].length);
    } else {
      out += fn;
      body = body.slice(end);
    }
  }
  return `${out}${body}\n${aliases.join("\n")}\n`;
}

const EVALUATED_RESET =
  /const (evaluated\d+) = validate\d+\.evaluated;if\(\1\.dynamicProps\)\{\1\.props = undefined;\}if\(\1\.dynamicItems\)\{\1\.items = undefined;\}/g;
const EVALUATED_TAIL = /(?<=\})validate\d+\.evaluated = \{[^;]*\};/g;

/**
 * Ajv's `unevaluated*` bookkeeping, dropped when nothing reads it: each validator resets and sets a
 * `validateN.evaluated` object that a caller reads at run time only when which properties (or items)
 * a callee evaluated is known only then (`dynamicProps`, `dynamicItems`, from `$dynamicRef` or
 * `unevaluated*` under `if`/`oneOf` of referenced schemas). Otherwise what a callee evaluated was known
 * at compile time and is already in the caller's code. Kept as Ajv wrote it when any is dynamic.
 */
export function dropStaticEvaluated(code: string): string {
  const tails = code.match(EVALUATED_TAIL) ?? [];
  if (tails.some((t) => /"dynamic(?:Props|Items)":true/.test(t))) return code;
  const lean = code.replace(EVALUATED_RESET, "").replace(EVALUATED_TAIL, "");
  return /\.evaluated\b|\bevaluated\d+\b/.test(lean) ? code : lean;
}

const SIGNATURE =
  /(function validate\d+\(data), \{instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors=\{\}\}=\{\}\)/g;
const CALL_CONTEXT =
  /, \{instancePath(?::([^,{}]+))?,parentData(?::[^,{}]+)?,parentDataProperty(?::[^,{}]+)?,rootData,dynamicAnchors\}\)/g;
const CONTEXT_NAMES = /\b(?:parentData|parentDataProperty|rootData|dynamicAnchors)\b/;

/**
 * Each validator's second parameter, Ajv's data context (`{instancePath, parentData, ...}`), as the one
 * part the generated code reads: `instancePath` (for error paths), positional. The rest only feed
 * `$data` references and `$dynamicRef`, which the printed schemas do not use; when some validator does
 * read one, the module is left as Ajv wrote it. Callers outside pass only the data.
 */
export function positionalInstancePath(code: string): string {
  const lean = code
    .replace(SIGNATURE, '$1, instancePath="")')
    .replace(CALL_CONTEXT, (_, path?: string) => `, ${path ?? "instancePath"})`);
  return CONTEXT_NAMES.test(lean.replace(/"(?:[^"\\]|\\.)*"/g, '""')) ? code : lean;
}

const ENUM_LOOP =
  /let (valid\d+);\1 = false;for\(const (v\d+) of ((schema\d+)(?:\.[A-Za-z_$][\w$]*|\["(?:[^"\\]|\\.)*"\]|\[\d+\])*)\.enum\)\{if\(func\d+\((\w+), \2\)\)\{\1 = true;break;\}\}/g;
const PATH_STEP = /\.([A-Za-z_$][\w$]*)|\[("(?:[^"\\]|\\.)*"|\d+)\]/g;

/**
 * A long enum of strings, numbers, booleans and null (the spec's brands) checked by one `Set` lookup
 * instead of Ajv's loop calling deep equality on each value: shorter and faster. (`Set` compares as
 * `===` does for these, NaN aside, which JSON cannot hold.) An enum holding an object or array keeps
 * Ajv's loop. Each set is built once, next to the schema constant it reads.
 */
export function enumSets(code: string): string {
  const constants = new Map<string, unknown>();
  for (const [, name, literal] of code.matchAll(SCHEMA_CONSTANT)) {
    try {
      constants.set(name!, JSON.parse(literal!));
    } catch {
      // Not JSON (Ajv wrote a RegExp or a function reference): no enum of it is rewritten.
    }
  }
  const valueAt = (root: string, path: string): unknown => {
    let value = constants.get(root);
    for (const [, prop, index] of path.slice(root.length).matchAll(PATH_STEP))
      value = (value as Record<string, unknown> | undefined)?.[prop ?? (JSON.parse(index!) as string)];
    return value;
  };
  const sets = new Map<string, { name: string; root: string }>();
  let body = code.replace(ENUM_LOOP, (whole, valid: string, _v, path: string, root: string, data: string) => {
    const list = (valueAt(root, path) as { enum?: unknown } | undefined)?.enum;
    if (!Array.isArray(list) || list.some((x) => typeof x === "object" && x !== null)) return whole;
    let set = sets.get(path);
    if (set === undefined) sets.set(path, (set = { name: `enum${sets.size}`, root }));
    return `let ${valid} = ${set.name}.has(${data});`;
  });
  for (const [path, { name, root }] of sets) {
    const declaration = new RegExp(`const ${root} = \\{.*?\\};(?=const |function |var |export |$)`, "s");
    body = body.replace(declaration, (d) => `${d}const ${name} = /* @__PURE__ */ new Set(${path}.enum);`);
  }
  // The deep-equality helper, when no enum or const needs it any more.
  for (const [statement, func, helper] of body.matchAll(/const (func\d+) = (\w+)\$;/g)) {
    if (new RegExp(`\\b${func!}\\b`).test(body.replace(statement, ""))) continue;
    body = body.replace(statement, "");
    if (!new RegExp(`\\b${helper!}\\$`).test(body.replace(/^import .*$/gm, "")))
      body = body.replace(new RegExp(`^import \\{ default as ${helper!}\\$ \\} from "[^"]+";\\n`, "m"), "");
  }
  return body;
}

/** The module's exports as data: `OPERATION_VALIDATORS` and `CURATED_VALIDATORS`, frozen. */
function exportsCode(plan: Plan): string {
  const ops = plan.operations.map((op) => {
    const fields = [
      ...(op.params ? [`params: ${op.params}`] : []),
      ...(op.body ? [`body: ${op.body}`] : []),
      `responses: /* @__PURE__ */ Object.freeze({ ${op.responses.map(([s, n]) => `${JSON.stringify(s)}: ${n}`).join(", ")} })`,
    ];
    return `  ${JSON.stringify(op.operationId)}: /* @__PURE__ */ Object.freeze({ ${fields.join(", ")} }),`;
  });
  return [
    "/** Per operationId: its parameters as one object, its request body, and each success status' JSON body. */",
    "export const OPERATION_VALIDATORS = /* @__PURE__ */ Object.freeze({",
    ...ops,
    "});",
    "/** Curated schemas' validators, by name (the link callback), present when their plug-in is on. */",
    `export const CURATED_VALIDATORS = /* @__PURE__ */ Object.freeze({ ${plan.curated.map(([k, n]) => `${JSON.stringify(k)}: ${n}`).join(", ")} });`,
    "",
  ].join("\n");
}

/** The module's declarations, each operation's validators typed as present or absent. */
function typesCode(plan: Plan, header: string): string {
  const ops = plan.operations.map((op) => {
    const fields = [
      op.params ? "readonly params: Validate;" : "readonly params?: undefined;",
      op.body ? "readonly body: Validate;" : "readonly body?: undefined;",
      `readonly responses: { ${op.responses.map(([s]) => `readonly ${JSON.stringify(s)}: Validate;`).join(" ")} };`,
    ];
    return `  readonly ${JSON.stringify(op.operationId)}: { ${fields.join(" ")} };`;
  });
  return [
    header,
    'import type { Validate } from "../validators/types.js";',
    "",
    "/** Per operationId: its parameters as one object, its request body, and each success status' JSON body. */",
    "export declare const OPERATION_VALIDATORS: {",
    ...ops,
    "};",
    "",
    "/** Curated schemas' validators, by name (the link callback), present when their plug-in is on. */",
    `export declare const CURATED_VALIDATORS: { ${plan.curated.map(([k]) => `readonly ${JSON.stringify(k)}: Validate;`).join(" ")} };`,
    "",
  ].join("\n");
}

/**
 * Renders `@nox-energy/authenticator-types/validators`: every operation's parameter, body and success
 * response validators and the curated ones, compiled by Ajv (JSON Schema 2020-12, printed from the model
 * per direction by ./json-schema.ts) into one pure-ESM module, and its declarations. Not formatted
 * (.prettierignore): it is for machines, and a large spec's would take prettier minutes.
 */
export function emitValidators(model: ApiModel): GeneratedFile[] {
  const plan = planValidators(model);
  for (const warning of plan.warnings) console.warn(`warning: ${warning}`);
  const unknown = plan.warnings.map((w) => /format "([^"]+)"/.exec(w)![1]!);
  const ajv = createAjv(unknown);
  let code: string;
  const shared: string[] = [];
  try {
    for (const { schema } of plan.entries) ajv.addSchema(schema as object);
    const exported = plan.entries.filter((e) => !/^d\d+$/.test(e.name));
    // A use site that is only a reference (a response that is one component) is that component's
    // validator itself: no wrapper function that calls it and copies its errors. Its annotations are
    // only read from errors of its own keywords, and it has none but the reference.
    const target = ({ schema }: Entry): string => {
      const ref = (schema as Record<string, unknown>).$ref;
      const only = Object.keys(schema).every((k) => k === "$id" || k === "$ref" || k.startsWith("x-"));
      return only && typeof ref === "string" ? ref : schema.$id;
    };
    // Each validator compiled once: an export whose target another export already has is an alias of it.
    const first = new Map<string, string>();
    for (const e of exported) {
      const to = first.get(target(e));
      if (to === undefined) first.set(target(e), e.name);
      else shared.push(`const ${e.name} = ${to};`);
    }
    code = standaloneCode(ajv, Object.fromEntries([...first].map(([id, name]) => [name, id])));
  } catch (error) {
    throw new ModelError(
      SPEC_FILE,
      `Ajv could not compile the validators: ${(error as Error).message}. Fix the schema it names (or scripts/emit/json-schema.ts).`,
      { cause: error },
    );
  }
  const from = [SPEC_FILE, ...(plan.curated.length > 0 ? [LINK_CALLBACK_FILE] : [])].join(" and ");
  const header = generatedHeader({
    from,
    tool: `Ajv ${AJV_VERSION} (standalone)`,
    change: "the spec (or scripts/emit/validators.ts)",
  });
  // Each validator is module-private; the two tables below are the module's exports.
  const esm = treeShakable(
    enumSets(
      positionalInstancePath(
        dropStaticEvaluated(
          compactErrors(
            leanSchemaConstants(
              toPureEsm(code).replace(/export const (\w+) = (validate\d+);/g, "const $1 = $2;"),
            ),
          ),
        ),
      ),
    ),
  );
  return [
    {
      path: VALIDATORS_FILE,
      source: `${header}${esm}${shared.map((a) => `${a}\n`).join("")}\n${exportsCode(plan)}`,
    },
    { path: VALIDATORS_TYPES_FILE, source: typesCode(plan, header) },
  ];
}
