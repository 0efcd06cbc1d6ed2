import type { ValidationError } from "./validation.js";

/**
 * A better description of what a field accepts than its schema gives, or `undefined`: a plug-in's hint
 * (the brand rule lists the brands for the request's asset type instead of the spec's whole enum).
 */
export type FieldHint = (
  field: string,
  description: string,
  errors: readonly ValidationError[],
) => string | undefined;

/** Enums longer than a glance (the spec's 56 brands) help nobody in a message; name where to look instead. */
const MAX_LISTED = 12;

const UNKNOWN = new Set(["unevaluatedProperties", "additionalProperties"]);
const UNIONS = new Set(["anyOf", "oneOf"]);
// Keywords that only say "a sub-schema failed": the sub-schema's own errors say what.
const SILENT = new Set(["if", "then", "else", "allOf", "$ref", "discriminator", "not"]);

const FORMATS: Readonly<Record<string, string>> = {
  uri: "an absolute http(s) URL",
  "http-url": "an absolute http(s) URL",
  url: "an absolute http(s) URL",
  "uri-reference": "a URI reference",
  "date-time": "a date-time (RFC 3339)",
  date: "a date (YYYY-MM-DD)",
  time: "a time (RFC 3339)",
  uuid: "a UUID",
  email: "an email address",
  hostname: "a host name",
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  byte: "base64 text",
};

/** A value as JSON, cut short so a huge field does not flood the message. */
export function quote(value: unknown): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `/a/0/b` -> `a[0].b`: a field's path as a reader names it. */
export function fieldName(instancePath: string): string {
  return instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce(
      (name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name === "" ? part : `${name}.${part}`),
      "",
    );
}

function valueAt(root: unknown, instancePath: string): unknown {
  let value = root;
  for (const part of instancePath.split("/").slice(1)) {
    const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

const article = (type: string) =>
  type === "null"
    ? "null"
    : type === "integer" || type === "array" || type === "object"
      ? `an ${type}`
      : `a ${type}`;

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? (type as unknown[]) : type === undefined ? [] : [type];
  return types.length === 0 ? "a value" : types.map((t) => article(String(t))).join(" or ");
}

/** What one failing schema accepts, from its errors (same `parentSchema`), e.g. "one of hp, pv". */
function describeGroup(errors: readonly ValidationError[]): string {
  const by = (keyword: string) => errors.find((e) => e.keyword === keyword);
  const parent = (errors[0]?.parentSchema ?? {}) as { type?: unknown; enum?: unknown[] };
  const enumError = by("enum");
  if (enumError !== undefined) {
    const values = (enumError.params["allowedValues"] ?? enumError.schema ?? parent.enum ?? []) as unknown[];
    const nullable = values.includes(null) ? "null or " : "";
    const listed = values.filter((v) => v !== null);
    return listed.length > MAX_LISTED
      ? `${nullable}one of the spec's ${listed.length} values`
      : `${nullable}one of ${listed.map(String).join(", ")}`;
  }
  const constError = by("const");
  if (constError !== undefined) return quote(constError.params["allowedValue"]);
  const typeError = by("type");
  if (typeError !== undefined) return typeWords(typeError.params["type"]);
  const formatError = by("format");
  if (formatError !== undefined) {
    const format = String(formatError.params["format"]);
    return FORMATS[format] ?? `a string in the ${format} format`;
  }
  const type = typeWords(parent.type);
  const bound = (keyword: string, words: string) => {
    const error = by(keyword);
    return error === undefined ? undefined : `${words} ${String(error.params["limit"] ?? error.schema)}`;
  };
  const bounds = [
    bound("minimum", "at least"),
    bound("exclusiveMinimum", "greater than"),
    bound("maximum", "at most"),
    bound("exclusiveMaximum", "less than"),
    bound("multipleOf", "a multiple of"),
  ].filter((b) => b !== undefined);
  if (bounds.length > 0) return `${type} ${bounds.join(" and ")}`;
  const size = (keyword: string, words: string, unit: string) => {
    const error = by(keyword);
    return error === undefined ? undefined : `${words} ${String(error.params["limit"])} ${unit}`;
  };
  const sizes = [
    size("minLength", "at least", "characters"),
    size("maxLength", "at most", "characters"),
    size("minItems", "at least", "items"),
    size("maxItems", "at most", "items"),
    size("minProperties", "at least", "fields"),
    size("maxProperties", "at most", "fields"),
  ].filter((s) => s !== undefined);
  if (sizes.length > 0) return `${type} of ${sizes.join(" and ")}`;
  // The generated validators say in words what a schema expects (`x-expected`), e.g. "a non-empty string".
  const expected = (errors[0]?.parentSchema as { "x-expected"?: unknown } | undefined)?.["x-expected"];
  if (typeof expected === "string") return expected;
  const pattern = by("pattern");
  if (pattern !== undefined) return `a string matching ${String(pattern.params["pattern"])}`;
  if (by("uniqueItems") !== undefined) return "a list without duplicates";
  return errors[0]?.message ?? "a value the spec allows";
}

/** Errors of one path, grouped by the schema that failed (each a description, joined with " or "). */
function describePath(errors: readonly ValidationError[]): string {
  const groups = new Map<unknown, ValidationError[]>();
  for (const error of errors) {
    const key = error.parentSchema ?? error.schemaPath;
    groups.set(key, [...(groups.get(key) ?? []), error]);
  }
  const words = [...new Set([...groups.values()].map(describeGroup))];
  // "null" reads best last: "one of the brands for hp or null".
  return [...words.filter((w) => w !== "null"), ...words.filter((w) => w === "null")].join(" or ");
}

/** Options for {@link describeErrors}: what the data is called in messages, and a plug-in's hint. */
export interface DescribeOptions {
  /** "fields" for a body, "parameters" for parameters. */
  noun: "fields" | "parameters";
  /** What a wrong-typed whole is, e.g. "Request body must be a JSON object". */
  whole?: (description: string) => string;
  hint?: FieldHint;
  /** The raw value a parameter was sent as (quoted instead of the typed value). */
  raw?: (field: string) => unknown;
}

/**
 * The 400 message NOX would send for `errors` (Ajv's, verbose) about `data`, in the spec's style:
 * "Missing required fields: user_id, redirect_url" (every missing field, in the schema's `required`
 * order), then "Unknown fields: x", then one `Invalid <field> <value>: expected <what>` per field,
 * joined by "; ".
 */
export function describeErrors(
  data: unknown,
  errors: readonly ValidationError[],
  options: DescribeOptions,
): string {
  const missing: string[] = [];
  const unknown: string[] = [];
  const byPath = new Map<string, ValidationError[]>();
  const unions = new Set<string>();
  for (const error of errors) {
    if (error.keyword === "required") {
      // Ajv reports them in the schema's `required` order.
      const prefix = fieldName(error.instancePath);
      const name = String(error.params["missingProperty"]);
      missing.push(prefix === "" ? name : `${prefix}.${name}`);
      continue;
    }
    if (UNKNOWN.has(error.keyword)) {
      const name = String(error.params["unevaluatedProperty"] ?? error.params["additionalProperty"]);
      const prefix = fieldName(error.instancePath);
      const known = (error.parentSchema as { "x-known"?: unknown } | undefined)?.["x-known"];
      const near = Array.isArray(known) ? closest(name, known.map(String)) : undefined;
      unknown.push(
        `${prefix === "" ? name : `${prefix}.${name}`}${near === undefined ? "" : ` (did you mean ${near}?)`}`,
      );
      continue;
    }
    if (UNIONS.has(error.keyword)) unions.add(error.instancePath);
    if (SILENT.has(error.keyword) || UNIONS.has(error.keyword)) continue;
    byPath.set(error.instancePath, [...(byPath.get(error.instancePath) ?? []), error]);
  }
  const root = byPath.get("");
  // The whole is of the wrong type (an array where an object goes): nothing inside it is worth naming.
  if (root?.some((e) => e.keyword === "type") && options.whole !== undefined) {
    return options.whole(describePath(root));
  }
  const under = (path: string, ancestor: string) => ancestor !== path && path.startsWith(`${ancestor}/`);
  const messages: string[] = [];
  if (missing.length > 0)
    messages.push(`Missing required ${options.noun}: ${[...new Set(missing)].join(", ")}`);
  if (unknown.length > 0) messages.push(`Unknown ${options.noun}: ${[...new Set(unknown)].join(", ")}`);
  const paths = [...new Set([...byPath.keys(), ...unions])].filter(
    (path) => path !== "" && ![...unions].some((union) => under(path, union)),
  );
  const named = new Set<string>();
  for (const path of paths) {
    // A parameter is named as a whole ("status", not "status[0]"): it is sent as one text.
    const field = options.noun === "parameters" ? fieldName(path).split(/[.[]/)[0]! : fieldName(path);
    if (named.has(field)) continue;
    named.add(field);
    const own = byPath.get(path) ?? [];
    const description = own.length > 0 ? describePath(own) : "one of the spec's alternatives";
    const hinted = options.hint?.(field, description, own) ?? description;
    const value = options.raw?.(field) ?? valueAt(data, path);
    messages.push(`Invalid ${field} ${quote(value)}: expected ${hinted}`);
  }
  // A constraint on the whole (e.g. minProperties) names no field.
  if (root !== undefined)
    messages.push(`The ${options.noun === "fields" ? "body" : "parameters"} must be ${describePath(root)}`);
  return messages.length > 0 ? messages.join("; ") : `The request does not match the spec's schema`;
}

/** The 400 message for a request body that fails its schema (see {@link describeErrors}). */
export function describeBodyErrors(
  body: unknown,
  errors: readonly ValidationError[],
  hint?: FieldHint,
): string {
  return describeErrors(body, errors, {
    noun: "fields",
    whole: (description) =>
      `Request body must be ${description === "an object" ? "a JSON object" : description}`,
    ...(hint && { hint }),
  });
}

/** The known name within two edits of `name` (a typo), or `undefined`. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: [string, number] | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best[1])) best = [candidate, distance];
  }
  return best?.[0];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
