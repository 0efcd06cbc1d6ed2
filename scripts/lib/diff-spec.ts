import { isDeepStrictEqual } from "node:util";

/** How much a change matters to a package's consumers, in semver terms. */
export type ChangeLevel = "major" | "minor" | "patch";

/** The workspace packages a spec change can reach, by folder under packages/. */
export type PackageKey = "types" | "enums" | "client" | "testing";

/** One difference between two specs, as a consumer of the packages sees it. */
export interface SpecChange {
  level: ChangeLevel;
  /** The summary line it belongs under, e.g. "Brands added", "Request field added (required)". */
  group: string;
  /** What changed, e.g. "acme-heat", "CreateSupplierLinkSessionRequest.brand is no longer nullable". */
  subject: string;
  /** The packages whose published output it changes (empty: none, e.g. `info.contact`). */
  packages: PackageKey[];
}

/** Where a schema is used: what a caller sends, what it receives, or both (or unused: both, to be safe). */
type Context = "request" | "response" | "both";

/**
 * How a change moves the set of values a schema admits. Widening a request schema or narrowing a
 * response schema breaks no one (minor); the opposite breaks a caller's compile or call (major).
 */
type Direction = "widen" | "narrow" | "change";

type Json = Record<string, unknown>;

/** Every package whose output follows request/response/operation shapes. */
const SHAPE_PACKAGES: PackageKey[] = ["types", "client", "testing"];
/** Descriptions, examples and summaries reach the types' JSDoc. */
const DOC_PACKAGES: PackageKey[] = ["types"];
/**
 * ...and, inside the request and response schemas (and the components they reference) or in a
 * response's example, the testing package too: it embeds those as the spec states them
 * (scripts/lib/render-schemas.ts), and answers errors with the examples' messages.
 */
const EMBEDDED_DOC_PACKAGES: PackageKey[] = ["types", "testing"];

/** The enums the enums package is generated from, with the words the summary uses for their values. */
const NAMED_ENUMS: Record<string, string> = {
  Brand: "Brands",
  AssetType: "Asset types",
  Language: "Languages",
};

const DOC_KEYWORDS = new Set([
  "description",
  "title",
  "summary",
  "example",
  "examples",
  "externalDocs",
  "deprecated",
]);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/** How much each level matters, for ordering: a higher rank is a larger bump. */
export const LEVEL_RANK: Readonly<Record<ChangeLevel, number>> = { patch: 1, minor: 2, major: 3 };

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const asObject = (value: unknown): Json => (isObject(value) ? value : {});
const keysOf = (a: unknown, b: unknown): string[] => [
  ...new Set([...Object.keys(asObject(a)), ...Object.keys(asObject(b))]),
];
const isDocKey = (key: string) => DOC_KEYWORDS.has(key) || key.startsWith("x-");

/** The higher of two levels (`null` is lower than any). */
export function maxLevel(a: ChangeLevel | null, b: ChangeLevel | null): ChangeLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

function levelOf(direction: Direction, context: Context): ChangeLevel {
  if (direction === "change" || context === "both") return "major";
  const safe = context === "request" ? "widen" : "narrow";
  return direction === safe ? "minor" : "major";
}

function schemaName(ref: unknown): string | null {
  return typeof ref === "string" && ref.startsWith("#/components/schemas/")
    ? decodeURIComponent(ref.slice("#/components/schemas/".length))
        .replaceAll("~1", "/")
        .replaceAll("~0", "~")
    : null;
}

function resolvePointer(doc: Json, ref: string): unknown {
  let node: unknown = doc;
  for (const part of ref.replace(/^#\/?/, "").split("/").filter(Boolean)) {
    node = asObject(node)[decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return node;
}

/** Follows `$ref` chains (not for schemas: those are compared by name) to the object they name. */
function deref(doc: Json, node: unknown, depth = 0): Json {
  const ref = asObject(node).$ref;
  if (typeof ref !== "string" || depth > 20) return asObject(node);
  return deref(doc, resolvePointer(doc, ref), depth + 1);
}

/** Names of the component schemas reachable from `node`, following `$ref`s transitively. */
function reachableSchemas(doc: Json, node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) reachableSchemas(doc, item, into);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") {
      const name = schemaName(value);
      if (name !== null) {
        if (into.has(name)) continue;
        into.add(name);
      }
      reachableSchemas(doc, resolvePointer(doc, value), into);
    } else {
      reachableSchemas(doc, value, into);
    }
  }
}

function operationsOf(doc: Json): Map<string, { op: Json; pathItem: Json }> {
  const operations = new Map<string, { op: Json; pathItem: Json }>();
  for (const [path, item] of Object.entries(asObject(doc.paths))) {
    const pathItem = deref(doc, item);
    for (const method of METHODS) {
      if (isObject(pathItem[method]))
        operations.set(`${method.toUpperCase()} ${path}`, { op: pathItem[method], pathItem });
    }
  }
  return operations;
}

/** For each component schema, whether requests, responses or both reach it. */
function schemaUsage(doc: Json): Map<string, Set<"request" | "response">> {
  const usage = new Map<string, Set<"request" | "response">>();
  const mark = (node: unknown, side: "request" | "response") => {
    const names = new Set<string>();
    reachableSchemas(doc, node, names);
    for (const name of names) usage.set(name, (usage.get(name) ?? new Set()).add(side));
  };
  for (const { op, pathItem } of operationsOf(doc).values()) {
    mark([pathItem.parameters, op.parameters, op.requestBody], "request");
    mark(op.responses, "response");
  }
  return usage;
}

/** Types a schema admits, with OpenAPI 3.1's `"null"` and 3.0's `nullable` folded into one flag. */
function typeInfo(schema: Json): { types: string[]; nullable: boolean } {
  const raw = schema.type;
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? [raw] : [];
  return {
    types: list.filter((t) => t !== "null").sort(),
    nullable: schema.nullable === true || list.includes("null"),
  };
}

function setDirection(before: readonly unknown[], after: readonly unknown[]): Direction | null {
  const added = after.filter((v) => !before.includes(v));
  const removed = before.filter((v) => !after.includes(v));
  if (added.length === 0 && removed.length === 0) return null;
  if (removed.length === 0) return "widen";
  if (added.length === 0) return "narrow";
  return "change";
}

const show = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));

/** Compares two specs and lists every change, each with its level and the packages it reaches. */
export function diffSpecs(before: unknown, after: unknown): SpecChange[] {
  const oldDoc = asObject(before);
  const newDoc = asObject(after);
  const changes: SpecChange[] = [];
  const seen = new Set<string>();
  const add = (level: ChangeLevel, group: string, subject: string, packages: PackageKey[]) => {
    const key = `${level}\0${group}\0${subject}`;
    if (seen.has(key)) return;
    seen.add(key);
    changes.push({ level, group, subject, packages });
  };
  const docChanged = (subject: string, packages: PackageKey[] = DOC_PACKAGES) =>
    add("patch", "Descriptions/examples changed", subject, packages);

  const oldUsage = schemaUsage(oldDoc);
  const newUsage = schemaUsage(newDoc);
  const contextOf = (name: string): Context => {
    const sides = new Set([...(oldUsage.get(name) ?? []), ...(newUsage.get(name) ?? [])]);
    return sides.size === 1 ? [...sides][0]! : "both";
  };
  const fieldWord = (context: Context) =>
    context === "request" ? "Request field" : context === "response" ? "Response field" : "Field";

  /** Records a field, parameter or body turning required or optional: making a request stricter breaks callers. */
  const requirednessChanged = (
    wasRequired: boolean,
    isRequired: boolean,
    context: Context,
    subject: string,
  ) => {
    if (wasRequired === isRequired) return;
    const level = levelOf(isRequired ? "narrow" : "widen", context);
    add(
      level,
      "Field changed",
      `${subject} is ${isRequired ? "now required" : "now optional"}`,
      SHAPE_PACKAGES,
    );
  };

  /**
   * Compares two schemas at `label`, in `context`; a doc keyword change reaches `docPackages`;
   * `enumOwner` is set for Brand/AssetType/Language.
   */
  function compareSchema(
    oldSchema: unknown,
    newSchema: unknown,
    context: Context,
    label: string,
    docPackages: PackageKey[],
    pairs: Set<string> = new Set(),
    enumOwner: string | null = null,
  ): void {
    let a = asObject(oldSchema);
    let b = asObject(newSchema);
    const oldRef = schemaName(a.$ref);
    const newRef = schemaName(b.$ref);
    if (oldRef !== null && oldRef === newRef) {
      // The named schema itself is compared once, under its own name; here only what sits beside the $ref.
      const siblings = (s: Json) => Object.fromEntries(Object.entries(s).filter(([key]) => key !== "$ref"));
      a = siblings(a);
      b = siblings(b);
    } else if (oldRef !== null || newRef !== null) {
      const pair = `${String(a.$ref)}\0${String(b.$ref)}`;
      if (pairs.has(pair)) return;
      pairs = new Set(pairs).add(pair);
      const inline = (doc: Json, s: Json) => {
        const { $ref, ...rest } = s;
        return typeof $ref === "string" ? { ...asObject(resolvePointer(doc, $ref)), ...rest } : s;
      };
      a = inline(oldDoc, a);
      b = inline(newDoc, b);
    }
    const packages = enumOwner !== null ? [...SHAPE_PACKAGES, "enums" as const] : SHAPE_PACKAGES;
    const changed = (direction: Direction, text: string) =>
      add(levelOf(direction, context), "Field changed", `${label} ${text}`, packages);

    const oldType = typeInfo(a);
    const newType = typeInfo(b);
    const typeDirection = setDirection(oldType.types, newType.types);
    if (typeDirection !== null && oldType.types.length > 0 && newType.types.length > 0) {
      changed(
        typeDirection,
        `type changed from ${oldType.types.join(" | ")} to ${newType.types.join(" | ")}`,
      );
    } else if (typeDirection !== null) {
      // A type appearing where there was none narrows (anything -> one type); disappearing widens.
      changed(
        newType.types.length > 0 ? "narrow" : "widen",
        `type changed from ${oldType.types.join(" | ") || "any"} to ${newType.types.join(" | ") || "any"}`,
      );
    }
    if (oldType.nullable !== newType.nullable) {
      changed(
        newType.nullable ? "widen" : "narrow",
        newType.nullable ? "is now nullable" : "is no longer nullable",
      );
    }

    const oldEnum = Array.isArray(a.enum) ? a.enum : null;
    const newEnum = Array.isArray(b.enum) ? b.enum : null;
    if (oldEnum !== null && newEnum !== null) {
      const added = newEnum.filter((v) => !oldEnum.includes(v));
      const removed = oldEnum.filter((v) => !newEnum.includes(v));
      const noun = enumOwner !== null ? NAMED_ENUMS[enumOwner]! : `${label} values`;
      // New enum values are minor wherever they appear (issue #4); removed ones break callers.
      for (const value of added) add("minor", `${noun} added`, String(value), packages);
      for (const value of removed) add("major", `${noun} removed`, String(value), packages);
      if (added.length === 0 && removed.length === 0 && !isDeepStrictEqual(oldEnum, newEnum)) {
        add("patch", "Enum values reordered", label, packages);
      }
    } else if (oldEnum !== null || newEnum !== null) {
      changed(
        newEnum !== null ? "narrow" : "widen",
        newEnum !== null ? "is now an enum" : "is no longer an enum",
      );
    }

    if (!isDeepStrictEqual(a.default, b.default)) {
      add("minor", "Default changed", `${label}: ${show(a.default)} -> ${show(b.default)}`, packages);
    }

    if (a.format !== b.format) {
      const direction: Direction =
        a.format === undefined ? "narrow" : b.format === undefined ? "widen" : "change";
      changed(direction, `format changed from ${show(a.format)} to ${show(b.format)}`);
    }

    if (
      isObject(a.properties) ||
      isObject(b.properties) ||
      a.required !== undefined ||
      b.required !== undefined
    ) {
      compareProperties(a, b, context, label, docPackages, pairs);
    }
    if (a.items !== undefined || b.items !== undefined) {
      compareSchema(a.items, b.items, context, `${label}[]`, docPackages, pairs);
    }
    if (isObject(a.additionalProperties) && isObject(b.additionalProperties)) {
      compareSchema(
        a.additionalProperties,
        b.additionalProperties,
        context,
        `${label}[key]`,
        docPackages,
        pairs,
      );
    } else if (!isDeepStrictEqual(a.additionalProperties, b.additionalProperties)) {
      changed(
        "change",
        `additionalProperties changed from ${show(a.additionalProperties)} to ${show(b.additionalProperties)}`,
      );
    }

    const handled = new Set([
      "$ref",
      "type",
      "nullable",
      "enum",
      "default",
      "format",
      "properties",
      "required",
      "items",
      "additionalProperties",
    ]);
    for (const key of keysOf(a, b)) {
      if (handled.has(key) || isDeepStrictEqual(a[key], b[key])) continue;
      if (isDocKey(key)) docChanged(label, docPackages);
      // allOf/oneOf, lengths, patterns, bounds, readOnly…: not modelled, so reported as breaking for review.
      else changed("change", `${key} changed from ${show(a[key])} to ${show(b[key])}`);
    }
  }

  function compareProperties(
    a: Json,
    b: Json,
    context: Context,
    label: string,
    docPackages: PackageKey[],
    pairs: Set<string>,
  ): void {
    const oldProps = asObject(a.properties);
    const newProps = asObject(b.properties);
    const oldRequired = Array.isArray(a.required) ? a.required : [];
    const newRequired = Array.isArray(b.required) ? b.required : [];
    const word = fieldWord(context);
    for (const name of keysOf(oldProps, newProps)) {
      const field = `${label}.${name}`;
      if (!(name in oldProps)) {
        const required = newRequired.includes(name);
        const level = context === "response" || !required ? "minor" : "major";
        add(
          level,
          context === "response" ? `${word} added` : `${word} added (${required ? "required" : "optional"})`,
          field,
          SHAPE_PACKAGES,
        );
      } else if (!(name in newProps)) {
        add("major", `${word} removed`, field, SHAPE_PACKAGES);
      } else {
        requirednessChanged(oldRequired.includes(name), newRequired.includes(name), context, field);
        compareSchema(oldProps[name], newProps[name], context, field, docPackages, pairs);
      }
    }
  }

  function compareContent(oldContent: unknown, newContent: unknown, context: Context, label: string): void {
    for (const type of keysOf(oldContent, newContent)) {
      const a = asObject(asObject(oldContent)[type]);
      const b = asObject(asObject(newContent)[type]);
      const where = `${label} (${type})`;
      if (!(type in asObject(oldContent)))
        add(context === "request" ? "minor" : "major", "Media type added", where, SHAPE_PACKAGES);
      else if (!(type in asObject(newContent))) add("major", "Media type removed", where, SHAPE_PACKAGES);
      else {
        compareSchema(a.schema, b.schema, context, label, EMBEDDED_DOC_PACKAGES);
        if (!isDeepStrictEqual(a.example, b.example) || !isDeepStrictEqual(a.examples, b.examples))
          docChanged(where, context === "response" ? EMBEDDED_DOC_PACKAGES : DOC_PACKAGES);
      }
    }
  }

  function compareParameters(oldList: Json[], newList: Json[], label: string): void {
    const byKey = (list: Json[]) =>
      new Map(list.map((p) => [`${String(p.in)} parameter ${String(p.name)}`, p]));
    const before = byKey(oldList);
    const after = byKey(newList);
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const a = before.get(key);
      const b = after.get(key);
      const where = `${label} ${key}`;
      if (a === undefined) {
        add(
          b?.required === true ? "major" : "minor",
          `Request parameter added (${b?.required === true ? "required" : "optional"})`,
          where,
          SHAPE_PACKAGES,
        );
      } else if (b === undefined) {
        add("major", "Request parameter removed", where, SHAPE_PACKAGES);
      } else {
        requirednessChanged(a.required === true, b.required === true, "request", where);
        compareSchema(a.schema, b.schema, "request", where, DOC_PACKAGES);
        if (keysOf(a, b).some((k) => isDocKey(k) && !isDeepStrictEqual(a[k], b[k]))) docChanged(where);
      }
    }
  }

  function compareOperation(
    label: string,
    a: { op: Json; pathItem: Json },
    b: { op: Json; pathItem: Json },
  ): void {
    if (a.op.operationId !== b.op.operationId) {
      add(
        "major",
        "Operation changed",
        `${label}: operationId ${show(a.op.operationId)} -> ${show(b.op.operationId)}`,
        SHAPE_PACKAGES,
      );
    }
    const params = (o: { op: Json; pathItem: Json }, doc: Json) =>
      [
        ...(Array.isArray(o.pathItem.parameters) ? o.pathItem.parameters : []),
        ...(Array.isArray(o.op.parameters) ? o.op.parameters : []),
      ].map((p: unknown) => deref(doc, p));
    compareParameters(params(a, oldDoc), params(b, newDoc), label);

    const oldBody = a.op.requestBody === undefined ? null : deref(oldDoc, a.op.requestBody);
    const newBody = b.op.requestBody === undefined ? null : deref(newDoc, b.op.requestBody);
    const body = `${label} request body`;
    if (oldBody === null && newBody !== null) {
      add(
        newBody.required === true ? "major" : "minor",
        `Request body added (${newBody.required === true ? "required" : "optional"})`,
        body,
        SHAPE_PACKAGES,
      );
    } else if (oldBody !== null && newBody === null) {
      add("major", "Request body removed", body, SHAPE_PACKAGES);
    } else if (oldBody !== null && newBody !== null) {
      requirednessChanged(oldBody.required === true, newBody.required === true, "request", body);
      if (oldBody.description !== newBody.description) docChanged(body);
      compareContent(oldBody.content, newBody.content, "request", body);
    }

    const oldResponses = asObject(a.op.responses);
    const newResponses = asObject(b.op.responses);
    for (const status of keysOf(oldResponses, newResponses)) {
      const where = `${label} response ${status}`;
      if (!(status in oldResponses)) add("minor", "Response added", where, SHAPE_PACKAGES);
      else if (!(status in newResponses)) add("major", "Response removed", where, SHAPE_PACKAGES);
      else {
        const oldResponse = deref(oldDoc, oldResponses[status]);
        const newResponse = deref(newDoc, newResponses[status]);
        if (oldResponse.description !== newResponse.description) docChanged(where);
        compareContent(oldResponse.content, newResponse.content, "response", where);
        if (!isDeepStrictEqual(oldResponse.headers, newResponse.headers)) {
          add("major", "Operation changed", `${where}: headers changed`, SHAPE_PACKAGES);
        }
      }
    }

    for (const key of keysOf(a.op, b.op)) {
      if (["operationId", "parameters", "requestBody", "responses", "tags"].includes(key)) continue;
      if (isDeepStrictEqual(a.op[key], b.op[key])) continue;
      if (isDocKey(key)) docChanged(label);
      else if (key === "security")
        add("major", "Authentication changed", `${label}: security`, ["client", "testing"]);
      else add("major", "Operation changed", `${label}: ${key} changed`, SHAPE_PACKAGES);
    }
  }

  // Component schemas, each compared once under its own name.
  const oldSchemas = asObject(asObject(oldDoc.components).schemas);
  const newSchemas = asObject(asObject(newDoc.components).schemas);
  // Brand, AssetType and Language first, so the summary leads with what the enums package holds.
  const names = keysOf(oldSchemas, newSchemas).sort(
    (x, y) => Number(y in NAMED_ENUMS) - Number(x in NAMED_ENUMS),
  );
  for (const name of names) {
    if (!(name in oldSchemas)) add("minor", "Schema added", name, SHAPE_PACKAGES);
    else if (!(name in newSchemas)) add("major", "Schema removed", name, SHAPE_PACKAGES);
    else {
      const owner = name in NAMED_ENUMS ? name : null;
      // Only the components an operation reaches are embedded in the testing package.
      const embedded = oldUsage.has(name) || newUsage.has(name);
      const docPackages = embedded ? EMBEDDED_DOC_PACKAGES : DOC_PACKAGES;
      compareSchema(oldSchemas[name], newSchemas[name], contextOf(name), name, docPackages, new Set(), owner);
    }
  }

  // Operations.
  const oldOps = operationsOf(oldDoc);
  const newOps = operationsOf(newDoc);
  for (const label of new Set([...oldOps.keys(), ...newOps.keys()])) {
    const a = oldOps.get(label);
    const b = newOps.get(label);
    if (a === undefined) add("minor", "Operation added", label, SHAPE_PACKAGES);
    else if (b === undefined) add("major", "Operation removed", label, SHAPE_PACKAGES);
    else compareOperation(label, a, b);
  }

  // Authentication: the client sends the key; the fake server checks it.
  const oldAuth = [oldDoc.security, asObject(oldDoc.components).securitySchemes];
  const newAuth = [newDoc.security, asObject(newDoc.components).securitySchemes];
  if (!isDeepStrictEqual(oldAuth, newAuth)) {
    add("major", "Authentication changed", "security / components.securitySchemes", ["client", "testing"]);
  }

  // The client's DEFAULT_BASE_URL is servers[0].url.
  const serverUrl = (doc: Json) => asObject(Array.isArray(doc.servers) ? doc.servers[0] : undefined).url;
  if (serverUrl(oldDoc) !== serverUrl(newDoc)) {
    add("minor", "Default base URL changed", `${show(serverUrl(oldDoc))} -> ${show(serverUrl(newDoc))}`, [
      "client",
    ]);
  }

  // What no package's output carries: metadata, tags, other components sections.
  const metadata: string[] = [];
  for (const key of keysOf(oldDoc, newDoc)) {
    if (["paths", "components", "security", "servers", "openapi"].includes(key)) continue;
    if (key === "info") {
      for (const field of keysOf(oldDoc.info, newDoc.info)) {
        if (
          field !== "version" &&
          !isDeepStrictEqual(asObject(oldDoc.info)[field], asObject(newDoc.info)[field])
        )
          metadata.push(`info.${field}`);
      }
    } else if (!isDeepStrictEqual(oldDoc[key], newDoc[key])) metadata.push(key);
  }
  if (oldDoc.openapi !== newDoc.openapi)
    metadata.push(`openapi ${show(oldDoc.openapi)} -> ${show(newDoc.openapi)}`);
  if (!isDeepStrictEqual(oldDoc.servers, newDoc.servers) && serverUrl(oldDoc) === serverUrl(newDoc)) {
    metadata.push("servers");
  }
  for (const key of keysOf(oldDoc.components, newDoc.components)) {
    if (key === "schemas" || key === "securitySchemes") continue;
    const a = asObject(asObject(oldDoc.components)[key]);
    const b = asObject(asObject(newDoc.components)[key]);
    for (const name of keysOf(a, b)) {
      // Used ones were compared through the operations that refer to them; this names additions and removals.
      if (!(name in a)) add("minor", "Component added", `components.${key}.${name}`, SHAPE_PACKAGES);
      else if (!(name in b)) add("major", "Component removed", `components.${key}.${name}`, SHAPE_PACKAGES);
    }
  }
  for (const subject of metadata) add("patch", "Metadata changed (no package affected)", subject, []);

  return changes;
}

/** The highest level per package over `changes`; packages no change reaches are absent. */
export function levelsByPackage(changes: readonly SpecChange[]): Map<PackageKey, ChangeLevel> {
  const levels = new Map<PackageKey, ChangeLevel>();
  for (const change of changes) {
    for (const key of change.packages) levels.set(key, maxLevel(levels.get(key) ?? null, change.level)!);
  }
  return levels;
}
