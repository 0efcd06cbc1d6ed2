import { isDeepStrictEqual } from "node:util";
import type { EnumUsage, Schema } from "../model/types.ts";
import { show, type ChangeLevel, type ChangeList, type PackageKey } from "./changes.ts";
import { mergedForm } from "./merge.ts";

/** How a change moves the set of values a schema admits. */
export type Direction = "widen" | "narrow" | "change";

/** Where the compared schema is used, and which packages its docs and enums reach. */
export interface SchemaContext {
  list: ChangeList;
  usage: EnumUsage;
  /** Packages a shape change reaches: the types, plus the client and the fake when an operation reaches it. */
  shapes: readonly PackageKey[];
  /** Packages an example change reaches (the types print them; the fake embeds them where it serves them). */
  docPackages: readonly PackageKey[];
  /** Looks up named schemas on each side (refs compare by name; the named one is compared once). */
  before: ReadonlyMap<string, Schema>;
  after: ReadonlyMap<string, Schema>;
  /** Components renamed with the same shape, old name -> new: a `$ref` to either is the same type. */
  renames: ReadonlyMap<string, string>;
}

/** Widening a request or narrowing a response breaks no one (minor); the opposite, or both sides, is major. */
export function levelOf(direction: Direction, usage: EnumUsage): ChangeLevel {
  if (direction === "change" || usage === "both") return "major";
  return direction === (usage === "request" ? "widen" : "narrow") ? "minor" : "major";
}

/** `AssetType` -> `Asset types`: the summary's noun for a named enum's values. */
export function enumNoun(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return `${words[0]!.toUpperCase()}${words.slice(1)}s`;
}

/** How a new value of a bound keyword moves the values admitted: a higher minimum narrows, a higher maximum widens. */
const LOWER_BOUNDS = ["minimum", "minLength", "minItems", "minProperties"] as const;
const UPPER_BOUNDS = ["maximum", "maxLength", "maxItems", "maxProperties"] as const;
/** Keywords whose presence narrows and whose absence widens; a changed value is neither. */
const NARROWING_FLAGS = [
  "exclusiveMinimum",
  "exclusiveMaximum",
  "uniqueItems",
  "pattern",
  "multipleOf",
] as const;

function boundDirection(key: string, a: unknown, b: unknown): Direction {
  if (a === undefined || a === false) return "narrow";
  if (b === undefined || b === false) return "widen";
  if (typeof a === "number" && typeof b === "number") {
    if ((LOWER_BOUNDS as readonly string[]).includes(key)) return b > a ? "narrow" : "widen";
    if ((UPPER_BOUNDS as readonly string[]).includes(key)) return b < a ? "narrow" : "widen";
  }
  return "change";
}

/** The packages that check a schema at run time (the client and the fake), of those a change reaches. */
const runtime = (packages: readonly PackageKey[]) => packages.filter((p) => p !== "types");

/**
 * A keyword TypeScript does not express (a format, a bound, readOnly): a patch to the types (their docs
 * show it), and for the client and the fake, which check it, the level its direction gives.
 */
function checkedOnly(
  ctx: SchemaContext,
  level: ChangeLevel | null,
  subject: string,
  packages: readonly PackageKey[],
): void {
  if (level !== null && runtime(packages).length > 0)
    ctx.list.add(level, "Field changed", subject, runtime(packages));
  if (packages.includes("types"))
    ctx.list.add("patch", "Run-time constraints changed (documentation in the types)", subject, ["types"]);
}

function compareEnum(
  a: Schema,
  b: Schema,
  ctx: SchemaContext,
  label: string,
  noun: string,
  packages: readonly PackageKey[],
): void {
  if (a.enum && b.enum) {
    const added = b.enum.filter((v) => !a.enum!.includes(v));
    const removed = a.enum.filter((v) => !b.enum!.includes(v));
    // New values are minor wherever they appear: a response-only enum's new value passes the runtime
    // (the client does not reject unknown enum values), and callers' switch statements need a default anyway.
    for (const value of added) ctx.list.add("minor", `${noun} added`, String(value), packages);
    for (const value of removed) ctx.list.add("major", `${noun} removed`, String(value), packages);
    if (added.length + removed.length === 0 && !isDeepStrictEqual(a.enum, b.enum))
      ctx.list.add("patch", "Enum values reordered", label, packages);
  } else if (a.enum || b.enum) {
    ctx.list.add(
      levelOf(b.enum ? "narrow" : "widen", ctx.usage),
      "Field changed",
      `${label} ${b.enum ? "is now an enum" : "is no longer an enum"}`,
      packages,
    );
  }
}

function compareKind(
  a: Schema,
  b: Schema,
  ctx: SchemaContext,
  label: string,
  packages: readonly PackageKey[],
): boolean {
  const kind = (s: Schema, renames?: ReadonlyMap<string, string>) =>
    s.kind === "ref" ? `ref ${renames?.get(s.ref!) ?? s.ref}` : s.kind;
  if (kind(a, ctx.renames) === kind(b)) return true;
  const direction: Direction = b.kind === "any" ? "widen" : a.kind === "any" ? "narrow" : "change";
  const name = (s: Schema) => (s.kind === "ref" ? s.ref! : s.kind);
  ctx.list.add(
    levelOf(direction, ctx.usage),
    "Field changed",
    `${label} type changed from ${name(a)} to ${name(b)}`,
    packages,
  );
  return false;
}

/**
 * readOnly matters to requests (a readOnly property need not be sent), writeOnly to responses (one need
 * not come back); TypeScript shows neither. The other direction is documentation only.
 */
function compareAccess(
  a: Schema,
  b: Schema,
  ctx: SchemaContext,
  label: string,
  packages: readonly PackageKey[],
): void {
  for (const [key, side] of [
    ["readOnly", "request"],
    ["writeOnly", "response"],
  ] as const) {
    if (Boolean(a[key]) === Boolean(b[key])) continue;
    const subject = `${label} ${b[key] ? "is now" : "is no longer"} ${key}`;
    const reaches = ctx.usage === side || ctx.usage === "both";
    // Marking it widens what that side accepts (it may be left out); unmarking narrows it.
    checkedOnly(ctx, reaches ? levelOf(b[key] ? "widen" : "narrow", side) : null, subject, packages);
  }
}

/**
 * Compares two schemas at `label`; `enumName` is set for a named component (its values reach the
 * enums package under that name's noun). A `$ref` to the same name compares only what sits beside it.
 * An `allOf` is compared in its merged form (json-schema-merge-allof): a rewrite of the same meaning is
 * a patch to the types, which print the new form, and nothing for the packages that check values.
 */
export function compareSchema(
  a: Schema,
  b: Schema,
  ctx: SchemaContext,
  label: string,
  enumName: string | null = null,
): void {
  const [ma, mb] = [mergedForm(a, ctx.before), mergedForm(b, ctx.after)];
  if (ma !== a || mb !== b) {
    const before = ctx.list.changes.length;
    compareSchema(ma, mb, ctx, label, enumName);
    if (ctx.list.changes.length === before && !isDeepStrictEqual(a, b) && ctx.shapes.includes("types"))
      ctx.list.add("patch", "Schema rewritten with the same meaning", label, ["types"]);
    return;
  }
  const packages: readonly PackageKey[] = a.enum || b.enum ? [...ctx.shapes, "enums"] : ctx.shapes;
  const changed = (direction: Direction, text: string) =>
    ctx.list.add(levelOf(direction, ctx.usage), "Field changed", `${label} ${text}`, packages);
  const sameKind = compareKind(a, b, ctx, label, packages);
  if (a.nullable !== b.nullable)
    changed(b.nullable ? "widen" : "narrow", b.nullable ? "is now nullable" : "is no longer nullable");
  compareEnum(a, b, ctx, label, enumName === null ? `${label} values` : enumNoun(enumName), packages);
  if (!isDeepStrictEqual(a.default, b.default)) {
    ctx.list.add("minor", "Default changed", `${label}: ${show(a.default)} -> ${show(b.default)}`, packages);
  }
  if (a.format !== b.format) {
    const direction = a.format === undefined ? "narrow" : b.format === undefined ? "widen" : "change";
    const subject = `${label} format changed from ${show(a.format)} to ${show(b.format)}`;
    checkedOnly(ctx, levelOf(direction, ctx.usage), subject, ctx.shapes);
  }
  for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS, ...NARROWING_FLAGS]) {
    if (isDeepStrictEqual(a[key], b[key])) continue;
    const subject = `${label} ${key} changed from ${show(a[key])} to ${show(b[key])}`;
    checkedOnly(ctx, levelOf(boundDirection(key, a[key], b[key]), ctx.usage), subject, ctx.shapes);
  }
  compareAccess(a, b, ctx, label, ctx.shapes);
  if (a.deprecated !== b.deprecated && ctx.shapes.includes("types"))
    ctx.list.add("minor", "Deprecated", `${label}${b.deprecated ? "" : " (no longer)"}`, ["types"]);
  if ((a.description !== b.description || a.title !== b.title) && ctx.shapes.includes("types"))
    ctx.list.add("patch", "Descriptions/examples changed", label, ["types"]);
  if (!isDeepStrictEqual(a.example, b.example))
    ctx.list.add("patch", "Descriptions/examples changed", label, ctx.docPackages);
  compareKeywords(a, b, ctx, label, changed);
  if (!sameKind) return;
  compareChildren(a, b, ctx, label, changed);
}

/** Schema-valued keywords beside the shape, compared where both sides have them (labels say where). */
const SUBSCHEMAS = ["not", "propertyNames", "contains", "unevaluatedItems", "unevaluatedProperties"] as const;
/** Plain keywords the list does not model as wider or narrower: any change is for a human to review. */
const PLAIN = ["minContains", "maxContains", "dependentRequired"] as const;

/**
 * JSON Schema 2020-12 keywords (and the discriminator): compared one by one where both sides have a
 * schema, otherwise a keyword appearing narrows and one disappearing widens; the discriminator by tag.
 */
function compareKeywords(
  a: Schema,
  b: Schema,
  ctx: SchemaContext,
  label: string,
  changed: (d: Direction, t: string) => void,
): void {
  const pair = (
    x: boolean | Schema | undefined,
    y: boolean | Schema | undefined,
    at: string,
    key: string,
  ) => {
    if (typeof x === "object" && typeof y === "object") compareSchema(x, y, ctx, at);
    else if (!isDeepStrictEqual(x, y))
      changed(
        x === undefined || x === true ? "narrow" : y === undefined || y === true ? "widen" : "change",
        `${key} changed`,
      );
  };
  for (const key of SUBSCHEMAS) pair(a[key], b[key], `${label}{${key}}`, key);
  for (const key of PLAIN)
    if (!isDeepStrictEqual(a[key], b[key]))
      changed(
        a[key] === undefined ? "narrow" : b[key] === undefined ? "widen" : "change",
        `${key} changed from ${show(a[key])} to ${show(b[key])}`,
      );
  const byKey = <T>(list: readonly T[] | undefined, key: (t: T) => string) =>
    new Map((list ?? []).map((t) => [key(t), t]));
  const [ap, bp] = [
    byKey(a.patternProperties, (p) => p.pattern),
    byKey(b.patternProperties, (p) => p.pattern),
  ];
  for (const pattern of new Set([...ap.keys(), ...bp.keys()]))
    pair(
      ap.get(pattern)?.schema,
      bp.get(pattern)?.schema,
      `${label}[/${pattern}/]`,
      `patternProperties /${pattern}/`,
    );
  const [ad, bd] = [a.dependentSchemas ?? {}, b.dependentSchemas ?? {}];
  for (const name of new Set([...Object.keys(ad), ...Object.keys(bd)]))
    pair(ad[name], bd[name], `${label}{dependentSchemas.${name}}`, `dependentSchemas.${name}`);
  const [ai, bi] = [a.prefixItems ?? [], b.prefixItems ?? []];
  if (ai.length !== bi.length)
    changed("change", `prefixItems changed from ${ai.length} to ${bi.length} positions`);
  else ai.forEach((x, i) => compareSchema(x, bi[i]!, ctx, `${label}[${i}]`));
  for (const part of ["if", "then", "else"] as const)
    pair(a.conditional?.[part], b.conditional?.[part], `${label}{${part}}`, part);
  compareDiscriminator(a, b, ctx, label, changed);
}

/**
 * A discriminator's tags: a new tag is one more value a request may send (and one more check on a
 * response); a tag dropped the reverse; a tag pointing at another schema (not a same-shape rename) a change.
 */
function compareDiscriminator(
  a: Schema,
  b: Schema,
  ctx: SchemaContext,
  label: string,
  changed: (d: Direction, t: string) => void,
): void {
  const [x, y] = [a.discriminator, b.discriminator];
  if (x === undefined && y === undefined) return;
  if (x?.propertyName !== y?.propertyName) {
    changed("change", `discriminator changed from ${show(x?.propertyName)} to ${show(y?.propertyName)}`);
    return;
  }
  const [before, after] = [x?.mapping ?? {}, y?.mapping ?? {}];
  const added = ctx.usage === "response" ? "narrow" : "widen";
  const removed = ctx.usage === "response" ? "widen" : "narrow";
  for (const tag of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [from, to] = [before[tag], after[tag]];
    if (from === undefined) changed(added, `discriminator tag ${show(tag)} added (${to})`);
    else if (to === undefined) changed(removed, `discriminator tag ${show(tag)} removed (was ${from})`);
    else if ((ctx.renames.get(from) ?? from) !== to)
      changed("change", `discriminator tag ${show(tag)} maps ${from} -> ${to}`);
  }
}

function compareChildren(
  a: Schema,
  b: Schema,
  ctx: SchemaContext,
  label: string,
  changed: (d: Direction, t: string) => void,
): void {
  if (a.kind === "object") compareProperties(a, b, ctx, label);
  if (a.items && b.items) compareSchema(a.items, b.items, ctx, `${label}[]`);
  const ap = a.additionalProperties;
  const bp = b.additionalProperties;
  if (typeof ap === "object" && typeof bp === "object") compareSchema(ap, bp, ctx, `${label}[key]`);
  else if (!isDeepStrictEqual(ap, bp))
    changed(
      "change",
      `additionalProperties changed from ${show(ap === undefined || typeof ap === "boolean" ? ap : "schema")} to ${show(bp === undefined || typeof bp === "boolean" ? bp : "schema")}`,
    );
  const av = a.variants ?? [];
  const bv = b.variants ?? [];
  if (av.length !== bv.length || a.combinator !== b.combinator) changed("change", "variants changed");
  else av.forEach((v, i) => compareSchema(v, bv[i]!, ctx, `${label}<${i + 1}>`));
}

function compareProperties(a: Schema, b: Schema, ctx: SchemaContext, label: string): void {
  const before = new Map((a.properties ?? []).map((p) => [p.name, p]));
  const after = new Map((b.properties ?? []).map((p) => [p.name, p]));
  const word =
    ctx.usage === "request" ? "Request field" : ctx.usage === "response" ? "Response field" : "Field";
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(name);
    const now = after.get(name);
    const field = `${label}.${name}`;
    if (old === undefined) {
      const required = now!.required;
      const level = ctx.usage === "response" || !required ? "minor" : "major";
      ctx.list.add(
        level,
        ctx.usage === "response" ? `${word} added` : `${word} added (${required ? "required" : "optional"})`,
        field,
        ctx.shapes,
      );
    } else if (now === undefined) {
      ctx.list.add("major", `${word} removed`, field, ctx.shapes);
    } else {
      requirednessChanged(old.required, now.required, ctx, field);
      compareSchema(old.schema, now.schema, ctx, field);
    }
  }
}

/** A field, parameter or body turning required or optional: making a request stricter breaks callers. */
export function requirednessChanged(
  was: boolean,
  is: boolean,
  ctx: Pick<SchemaContext, "list" | "usage" | "shapes">,
  subject: string,
): void {
  if (was === is) return;
  ctx.list.add(
    levelOf(is ? "narrow" : "widen", ctx.usage),
    "Field changed",
    `${subject} is ${is ? "now required" : "now optional"}`,
    ctx.shapes,
  );
}
