import { isHttpUrl } from "@nox-energy/authenticator-enums";
import type { ClientSchema } from "./client-schema.js";
import type { NoxValidationIssue } from "./errors.js";
import { printable } from "./printable.js";

/** A check an object gets after its own properties passed or failed (the brand-per-asset-type rule). */
export type ObjectRule = (
  schema: ClientSchema,
  value: Record<string, unknown>,
  field: string,
  issues: NoxValidationIssue[],
) => void;

/** The issue field for property `key` of the object at `field` (`""` for the root). */
export const fieldOf = (field: string, key: string): string => (field === "" ? key : `${field}.${key}`);

/** How strictly {@link checkSchema} reads a value. */
export interface CheckMode {
  /**
   * true for what the caller sends: unknown fields are refused (with a spelling hint) and a required
   * string must not be blank, as the server reads "" as missing. false for what a server sends: unknown
   * fields and enum values outside today's list pass (a new brand upstream must not break a deployed
   * service); types, integers, formats, required fields and nullability are still enforced.
   */
  request: boolean;
  /** Runs on every object checked, when set. */
  rule?: ObjectRule | undefined;
}

// Each pattern's RegExp, built once.
const PATTERNS = new Map<string, RegExp>();

function matches(pattern: string, value: string): boolean {
  let re = PATTERNS.get(pattern);
  if (re === undefined) PATTERNS.set(pattern, (re = new RegExp(pattern, "u")));
  return re.test(value);
}

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

/** `"a", "b"` for a list of values. */
export const quoted = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(", ");

const URL_WORDS = 'an absolute http(s) URL, e.g. "https://app.example/cb"';

const KINDS: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  object: "an object",
  array: "an array",
};

/** What a value of `s` must be, in words: `one of "hp", "pv"`, `a non-empty string, or null`. */
function describe(s: ClientSchema, nonBlank: boolean): string {
  const what = s.enum
    ? s.label && s.enum.length > 8
      ? `one of the spec's ${s.label}`
      : `one of ${quoted(s.enum)}`
    : s.format
      ? URL_WORDS
      : nonBlank
        ? "a non-empty string"
        : (KINDS[s.type as string] ?? "a value");
  return s.nullable ? `${what}, or null` : what;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function isType(s: ClientSchema, v: unknown): boolean {
  const { type } = s;
  return type === "integer"
    ? Number.isInteger(v)
    : type === "number"
      ? Number.isFinite(v)
      : type === "array"
        ? Array.isArray(v)
        : type === "object"
          ? isObject(v)
          : type === undefined || typeof v === type;
}

// URLs accepted lately: a service sends the same redirect_url on every call, and parsing URLs is most
// of a check's cost. Only accepted, short strings are kept, at most 16.
const GOOD_URLS = new Set<string>();

function isGoodUrl(v: string): boolean {
  if (GOOD_URLS.has(v)) return true;
  if (!isHttpUrl(v)) return false;
  if (GOOD_URLS.size >= 16) GOOD_URLS.clear();
  if (v.length <= 2048) GOOD_URLS.add(v);
  return true;
}

/** Why `v` breaks a bound of `s` (format, length, pattern, range), or undefined. */
function boundProblem(s: ClientSchema, v: unknown): string | undefined {
  if (typeof v === "string") {
    if (s.format && !isGoodUrl(v)) return `must be ${URL_WORDS}`;
    if (v.length < (s.minLength ?? 0)) return `must be at least ${s.minLength} characters long`;
    if (v.length > (s.maxLength ?? Infinity)) return `must be at most ${s.maxLength} characters long`;
    if (s.pattern !== undefined && !matches(s.pattern, v)) return `must match /${s.pattern}/`;
  } else if (typeof v === "number") {
    if (v < (s.minimum ?? -Infinity)) return `must be at least ${s.minimum}`;
    if (v > (s.maximum ?? Infinity)) return `must be at most ${s.maximum}`;
  }
  return undefined;
}

function check(
  s: ClientSchema,
  v: unknown,
  field: string,
  nonBlank: boolean,
  mode: CheckMode,
  issues: NoxValidationIssue[],
): void {
  if (v === null && s.nullable) return;
  if (
    v === null ||
    !isType(s, v) ||
    (nonBlank && (v as string).trim() === "") ||
    (mode.request && s.enum && !s.enum.includes(v))
  ) {
    issues.push({ field, message: `must be ${describe(s, nonBlank)} (got ${shown(v)})` });
    return;
  }
  const problem = boundProblem(s, v);
  if (problem !== undefined) issues.push({ field, message: `${problem} (got ${shown(v)})` });
  else if (s.items) {
    const items = s.items;
    (v as unknown[]).forEach((item, i) => check(items, item, `${field}[${i}]`, false, mode, issues));
  } else if (s.type === "object") checkObject(s, v as Record<string, unknown>, field, mode, issues);
}

function checkObject(
  s: ClientSchema,
  value: Record<string, unknown>,
  field: string,
  mode: CheckMode,
  issues: NoxValidationIssue[],
): void {
  const { fields, names } = shapeOf(s);
  for (const [name, p, required] of fields) {
    const v = value[name];
    const nonBlank = mode.request && required && p?.type === "string";
    if (v !== undefined) {
      if (p) check(p, v, fieldOf(field, name), nonBlank, mode, issues);
    } else if (required) {
      const what = p ? describe(p, nonBlank) : "a value";
      issues.push({ field: fieldOf(field, name), message: `is required: ${what} (got undefined)` });
    }
  }
  if (mode.request) {
    for (const key in value) {
      if (Object.hasOwn(value, key) && !names.has(key))
        issues.push(unknownField(names, fieldOf(field, key), key));
    }
  }
  mode.rule?.(s, value, field, issues);
}

/** An object schema's fields as checked: properties in order, then required names without one. */
interface Shape {
  fields: [name: string, schema: ClientSchema | undefined, required: boolean][];
  names: Set<string>;
}

// Derived once per object schema, on first use, so a check does no lookups in `required`.
const SHAPES = new WeakMap<ClientSchema, Shape>();

function shapeOf(s: ClientSchema): Shape {
  let shape = SHAPES.get(s);
  if (shape === undefined) {
    const names = new Set([...Object.keys(s.properties ?? {}), ...(s.required ?? [])]);
    const fields = [...names].map((name): Shape["fields"][number] => [
      name,
      s.properties?.[name],
      s.required?.includes(name) ?? false,
    ]);
    SHAPES.set(s, (shape = { fields, names }));
  }
  return shape;
}

/** `: did you mean "x"?` when one of `known` is within two edits of `key` (case, `_` and `-` ignored), else "". */
export function didYouMean(key: string, known: readonly string[]): string {
  const near = nearest(key, known);
  return near === undefined ? "" : `: did you mean "${near}"?`;
}

function unknownField(names: Set<string>, field: string, key: string): NoxValidationIssue {
  const known = [...names];
  const hint = didYouMean(key, known);
  return {
    field,
    message: `is not a field of the request (expected ${known.join(", ")}); check its spelling${hint}`,
  };
}

/** The name closest to `key` (case, `_` and `-` ignored), when it is at most 2 edits away. */
function nearest(key: string, known: readonly string[]): string | undefined {
  const plain = (name: string): string => name.toLowerCase().replace(/[-_]/g, "");
  const k = plain(key.slice(0, 64));
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of known) {
    const d = distance(k, plain(name));
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** Levenshtein distance, one row at a time. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        (row[j] as number) + 1,
        (next[j - 1] as number) + 1,
        (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length] as number;
}

/**
 * Every way `value` breaks `schema`, in the schema's property order; empty when it fits. `root` names
 * the value as a whole in an issue about it (`body`, `data`); fields are named by path (`a.b[0]`).
 */
export function checkSchema(
  schema: ClientSchema,
  value: unknown,
  root: string,
  mode: CheckMode,
): NoxValidationIssue[] {
  const issues: NoxValidationIssue[] = [];
  if (schema.type !== "object") check(schema, value, root, false, mode, issues);
  else if (isObject(value)) checkObject(schema, value, "", mode, issues);
  else if (!(value === null && schema.nullable)) {
    const list = (schema.required ?? []).join(", ").replace(/, (?!.*, )/, " and ");
    const what = list === "" ? "an object" : `an object with ${list}`;
    issues.push({ field: root, message: `must be ${what} (got ${shown(value)})` });
  }
  return issues;
}
