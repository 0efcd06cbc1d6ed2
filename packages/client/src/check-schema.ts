import { isHttpUrl } from "@nox-energy/authenticator-enums";
import type { ClientSchema } from "./client-schema.js";
import type { NoxValidationIssue } from "./errors.js";

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

/** What a schema needs at check time, derived from it once: property list, enum set, pattern. */
interface Compiled {
  s: ClientSchema;
  /** [name, schema, required] for each property, then each required name the properties lack. */
  props: [string, Compiled | undefined, boolean][];
  names: ReadonlySet<string>;
  values: ReadonlySet<unknown> | undefined;
  re: RegExp | undefined;
  items: Compiled | undefined;
}

const COMPILED = new WeakMap<ClientSchema, Compiled>();

function compile(s: ClientSchema): Compiled {
  let c = COMPILED.get(s);
  if (c !== undefined) return c;
  const props: Compiled["props"] = Object.entries(s.properties ?? {}).map(([name, p]) => [
    name,
    compile(p),
    s.required?.includes(name) ?? false,
  ]);
  for (const name of s.required ?? []) if (!s.properties?.[name]) props.push([name, undefined, true]);
  c = {
    s,
    props,
    names: new Set(props.map(([name]) => name)),
    values: s.enum && new Set(s.enum),
    re: s.pattern === undefined ? undefined : new RegExp(s.pattern, "u"),
    items: s.items && compile(s.items),
  };
  COMPILED.set(s, c);
  return c;
}

/**
 * A value as it would read in code, shortened, so the caller can find it. Objects are named by kind,
 * not converted: a hostile `toString` must not turn a validation error into a TypeError.
 */
export function shown(value: unknown): string {
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "an array" : "an object";
  if (typeof value === "function") return "a function";
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** `"a", "b"` for a list of values. */
export const quoted = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(", ");

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const FORMATS: Record<string, [(value: string) => boolean, string]> = {
  uri: [isHttpUrl, 'an absolute http(s) URL, e.g. "https://app.example/cb"'],
  "date-time": [(v) => DATE_TIME.test(v), 'an RFC 3339 date-time, e.g. "2026-01-31T12:00:00Z"'],
  date: [(v) => DATE.test(v), 'an RFC 3339 date, e.g. "2026-01-31"'],
};

const KINDS = {
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
      ? (FORMATS[s.format]?.[1] ?? s.format)
      : nonBlank
        ? "a non-empty string"
        : s.type
          ? KINDS[s.type]
          : "a value";
  return s.nullable ? `${what}, or null` : what;
}

function isType(s: ClientSchema, v: unknown): boolean {
  switch (s.type) {
    case undefined:
      return true;
    case "integer":
      return Number.isInteger(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "array":
      return Array.isArray(v);
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    default:
      return typeof v === s.type;
  }
}

/** Why `v` breaks a bound of `s` (length, pattern, range, format), or undefined. */
function boundProblem(c: Compiled, v: unknown): string | undefined {
  const { s } = c;
  if (typeof v === "string") {
    const format = s.format && FORMATS[s.format];
    if (format && !format[0](v)) return `must be ${format[1]}`;
    if (s.minLength !== undefined && v.length < s.minLength)
      return `must be at least ${s.minLength} characters long`;
    if (s.maxLength !== undefined && v.length > s.maxLength)
      return `must be at most ${s.maxLength} characters long`;
    if (c.re && !c.re.test(v)) return `must match /${s.pattern}/`;
  } else if (typeof v === "number") {
    if (s.minimum !== undefined && v < s.minimum) return `must be at least ${s.minimum}`;
    if (s.maximum !== undefined && v > s.maximum) return `must be at most ${s.maximum}`;
  }
  return undefined;
}

function check(
  c: Compiled,
  v: unknown,
  field: string,
  nonBlank: boolean,
  mode: CheckMode,
  issues: NoxValidationIssue[],
): void {
  const { s } = c;
  if (v === null && s.nullable) return;
  if (
    !isType(s, v) ||
    v === null ||
    (nonBlank && (v as string).trim() === "") ||
    (mode.request && c.values && !c.values.has(v))
  ) {
    issues.push({ field, message: `must be ${describe(s, nonBlank)} (got ${shown(v)})` });
    return;
  }
  const problem = boundProblem(c, v);
  if (problem !== undefined) issues.push({ field, message: `${problem} (got ${shown(v)})` });
  else if (c.items)
    (v as unknown[]).forEach((item, i) =>
      check(c.items as Compiled, item, `${field}[${i}]`, false, mode, issues),
    );
  else if (s.type === "object") checkObject(c, v as Record<string, unknown>, field, mode, issues);
}

function checkObject(
  c: Compiled,
  value: Record<string, unknown>,
  field: string,
  mode: CheckMode,
  issues: NoxValidationIssue[],
): void {
  for (const [name, p, required] of c.props) {
    const v = value[name];
    const nonBlank = mode.request && required && p?.s.type === "string";
    if (v !== undefined) {
      if (p) check(p, v, fieldOf(field, name), nonBlank, mode, issues);
    } else if (required) {
      const what = p ? describe(p.s, nonBlank) : "a value";
      issues.push({ field: fieldOf(field, name), message: `is required: ${what} (got undefined)` });
    }
  }
  if (mode.request) {
    for (const key in value) {
      if (Object.hasOwn(value, key) && !c.names.has(key))
        issues.push(unknownField(c, fieldOf(field, key), key));
    }
  }
  mode.rule?.(c.s, value, field, issues);
}

function unknownField(c: Compiled, field: string, key: string): NoxValidationIssue {
  const names = [...c.names];
  const near = nearest(key, names);
  const hint = near === undefined ? "" : `: did you mean "${near}"?`;
  return {
    field,
    message: `is not a field of the request (expected ${names.join(", ")}); check its spelling${hint}`,
  };
}

/** The name closest to `key` (case, `_` and `-` ignored), when it is at most 2 edits away. */
function nearest(key: string, names: string[]): string | undefined {
  const plain = (name: string): string => name.toLowerCase().replace(/[-_]/g, "");
  const k = plain(key).slice(0, 64);
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of names) {
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
  const c = compile(schema);
  if (schema.type === "object" && isType(schema, value)) {
    checkObject(c, value as Record<string, unknown>, "", mode, issues);
  } else if (schema.type === "object" && !(value === null && schema.nullable)) {
    const required = c.props.filter(([, , r]) => r).map(([name]) => name);
    const list =
      required.length > 1 ? `${required.slice(0, -1).join(", ")} and ${required.at(-1)}` : required[0];
    const what = list === undefined ? "an object" : `an object with ${list}`;
    issues.push({ field: root, message: `must be ${what} (got ${shown(value)})` });
  } else {
    check(c, value, root, false, mode, issues);
  }
  return issues;
}
