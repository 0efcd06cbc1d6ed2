import type { ValidationError } from "@nox-energy/authenticator-enums/validators";
import type { NoxValidationIssue } from "./errors.js";
import { printable } from "./printable.js";

/**
 * A value as it would read in code, shortened, so the caller can find it. Objects are named by kind,
 * not converted: a hostile `toString` must not turn a validation error into a TypeError.
 */
export function shown(value: unknown): string {
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "an array" : "an object";
  if (typeof value === "function") return "a function";
  // JSON.stringify escapes C0 controls but leaves DEL and C1 (U+009B is a terminal's CSI) raw.
  const text = printable(typeof value === "string" ? JSON.stringify(value) : String(value));
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Levenshtein distance, one row at a time. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/**
 * `: did you mean "x"?` when one of `known` is within two edits of `key` (case, `_` and `-` ignored),
 * else "". `strict` (for enum values, often two letters) also wants fewer edits than half the value.
 */
export function didYouMean(key: string, known: readonly unknown[], strict = false): string {
  const plain = (name: string): string => name.toLowerCase().replace(/[-_]/g, "");
  const k = plain(key.slice(0, 64));
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of known) {
    if (typeof name !== "string") continue;
    const d = distance(k, plain(name));
    if (d < bestDistance && (!strict || 2 * d < k.length)) [best, bestDistance] = [name, d];
  }
  return best === undefined ? "" : `: did you mean "${best}"?`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  null: "null",
};

type Node = Readonly<Record<string, unknown>> | undefined;

/** What a value of schema node `s` must be, in words: the generator's `x-expected`, else its type. */
function expected(s: Node): string {
  const words = s?.["x-expected"];
  if (typeof words === "string") return words;
  const type = s?.type;
  if (Array.isArray(type)) {
    const kinds = type.filter((t) => t !== "null").map((t) => TYPE_WORDS[t as string] ?? "a value");
    return `${kinds.join(" or ")}${type.includes("null") ? ", or null" : ""}`;
  }
  return TYPE_WORDS[type as string] ?? "a value";
}

/** `/a/0/b~1c` -> `["a", "0", "b/c"]` (RFC 6901). */
const segments = (pointer: string): string[] =>
  pointer === ""
    ? []
    : pointer
        .slice(1)
        .split("/")
        .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));

/** The issue field for a path: `a.b[0]`, each segment under `prefix`; `root` names the value itself. */
function fieldOf(path: readonly string[], root: string, prefix: string): string {
  if (path.length === 0) return root;
  let field = prefix;
  for (const s of path)
    field = /^\d+$/.test(s) && field !== "" ? `${field}[${s}]` : field === "" ? s : `${field}.${s}`;
  return field;
}

/** How {@link issuesFrom} names fields. */
export interface IssueNames {
  /** What the value as a whole is called (`body`, `params`, `data`). */
  root: string;
  /** Put before each field (`body.` for a body inside params); default none. */
  prefix?: string;
}

interface Found {
  issue: NoxValidationIssue;
  parent: string;
  name: string;
}

const BOUNDS: Readonly<Record<string, (limit: unknown) => string>> = {
  minLength: (n) => `must be at least ${String(n)} characters long`,
  maxLength: (n) => `must be at most ${String(n)} characters long`,
  minimum: (n) => `must be at least ${String(n)}`,
  maximum: (n) => `must be at most ${String(n)}`,
  exclusiveMinimum: (n) => `must be more than ${String(n)}`,
  exclusiveMaximum: (n) => `must be less than ${String(n)}`,
  multipleOf: (n) => `must be a multiple of ${String(n)}`,
  minItems: (n) => `must have at least ${String(n)} items`,
  maxItems: (n) => `must have at most ${String(n)} items`,
  minProperties: (n) => `must have at least ${String(n)} fields`,
  maxProperties: (n) => `must have at most ${String(n)} fields`,
  minContains: (n) => `must contain at least ${String(n)} matching items`,
  maxContains: (n) => `must contain at most ${String(n)} matching items`,
};
// The keywords that say what a value is: in words from the schema node.
const SHAPE = new Set(["type", "enum", "const", "format", "anyOf", "oneOf"]);

/** One error in words, or undefined for one that only reports others (`if`). */
function describe(e: ValidationError, names: IssueNames): Found | undefined {
  const path = segments(e.instancePath);
  const parent = e.instancePath;
  const ps = e.parentSchema;
  const p = e.params;
  const at = (extra?: string): Pick<Found, "parent" | "name"> & { field: string } => {
    const full = extra === undefined ? path : [...path, extra];
    return {
      field: fieldOf(full, names.root, names.prefix ?? ""),
      parent: extra === undefined ? segments(parent).slice(0, -1).join("/") : path.join("/"),
      name: full.at(-1) ?? "",
    };
  };
  const got = ` (got ${shown(e.data)})`;
  const found = (where: ReturnType<typeof at>, message: string): Found => ({
    issue: { field: where.field, message },
    parent: where.parent,
    name: where.name,
  });
  switch (e.keyword) {
    case "if":
      return undefined;
    case "required": {
      const missing = String(p.missingProperty);
      const property = (ps?.properties as Record<string, Node> | undefined)?.[missing];
      return found(at(missing), `is required: ${property ? expected(property) : "a value"} (got undefined)`);
    }
    case "unevaluatedProperties":
    case "additionalProperties": {
      const key = String(p.unevaluatedProperty ?? p.additionalProperty);
      const known =
        (ps?.["x-known"] as string[] | undefined) ?? Object.keys((ps?.properties as object) ?? {});
      return found(
        at(key),
        `is not a field of the request (expected ${known.join(", ")}); check its spelling${didYouMean(key, known)}`,
      );
    }
    case "pattern":
      return found(
        at(),
        p.pattern === "\\S" ? `must be a non-empty string${got}` : `must match /${String(p.pattern)}/${got}`,
      );
    case "uniqueItems":
      return found(at(), `must not repeat items (items ${String(p.j)} and ${String(p.i)} are equal)`);
    case "dependentRequired":
      return found(at(String(p.missingProperty)), `is required when ${String(p.property)} is given`);
    case "not":
      return found(at(), `must not be what the spec excludes${got}`);
    case "propertyNames":
      return found(at(), `has a field name the spec does not allow (${shown(p.propertyName)})`);
    default:
      break;
  }
  if (BOUNDS[e.keyword] !== undefined) return found(at(), `${BOUNDS[e.keyword]!(p.limit)}${got}`);
  if (SHAPE.has(e.keyword)) {
    const values = e.keyword === "enum" ? (p.allowedValues as unknown[]) : [];
    const hint = typeof e.data === "string" ? didYouMean(e.data, values, true) : "";
    const node = e.keyword === "oneOf" && Array.isArray(p.passingSchemas) ? undefined : ps;
    const message =
      node === undefined
        ? `matches more than one of the spec's alternatives${got}`
        : `must be ${expected(node)}${got}${hint}`;
    return found(at(), message);
  }
  return found(at(), `does not fit the spec's schema (${e.keyword})${got}`);
}

/**
 * Ajv's errors of a failed generated validator as issues: each field by its path (`a.b[0]`), what was
 * expected in words, "did you mean" for an unknown field or an enum value, one issue per field, in the
 * schema's property order. A failed `anyOf`/`oneOf` whose alternatives all refused the value itself is
 * one issue ("one of the spec's brands, or null"); when some alternative got further, its errors are kept.
 */
export function issuesFrom(errors: readonly ValidationError[], names: IssueNames): NoxValidationIssue[] {
  const consumed = new Set<number>();
  const collapsed = new Set<number>();
  errors.forEach((e, i) => {
    if (e.keyword !== "anyOf" && e.keyword !== "oneOf") return;
    if (e.keyword === "oneOf" && Array.isArray(e.params.passingSchemas)) return;
    const inside = (x: ValidationError) =>
      x.instancePath === e.instancePath || x.instancePath.startsWith(`${e.instancePath}/`);
    const branch = errors.flatMap((x, j) => (j < i && !consumed.has(j) && inside(x) ? [j] : []));
    const deeper = branch.filter(
      (j) => errors[j]!.instancePath !== e.instancePath || !SHAPE.has(errors[j]!.keyword),
    );
    if (deeper.length > 0) {
      for (const j of branch) if (!deeper.includes(j)) consumed.add(j);
      consumed.add(i);
    } else {
      for (const j of branch) consumed.add(j);
      collapsed.add(i);
    }
  });
  const found: Found[] = [];
  const seen = new Set<string>();
  // Each object's property order, from the errors that carry its schema (required, unknown fields).
  const orders = new Map<string, string[]>();
  errors.forEach((e, i) => {
    if (consumed.has(i) && !collapsed.has(i)) return;
    const ps = e.parentSchema;
    if (
      (e.keyword === "required" || e.keyword.endsWith("Properties")) &&
      ps !== undefined &&
      !orders.has(segments(e.instancePath).join("/"))
    ) {
      const known = (ps["x-known"] as string[] | undefined) ?? [
        ...Object.keys((ps.properties as object) ?? {}),
        ...((ps.required as string[] | undefined) ?? []),
      ];
      orders.set(segments(e.instancePath).join("/"), known);
    }
    const f = describe(e, names);
    if (f === undefined || seen.has(f.issue.field)) return;
    seen.add(f.issue.field);
    found.push(f);
  });
  const rank = (f: Found): number => {
    const order = orders.get(f.parent);
    const index = order?.indexOf(f.name) ?? -1;
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  // Grouped by object, in the order each first appears; within one, in its property order.
  const groups = new Map<string, number>();
  found.forEach((f, i) => groups.has(f.parent) || groups.set(f.parent, i));
  return found
    .map((f, i) => ({ f, i, group: groups.get(f.parent)!, rank: rank(f) }))
    .sort((a, b) => a.group - b.group || a.rank - b.rank || a.i - b.i)
    .map(({ f }) => f.issue);
}
