import { isDeepStrictEqual } from "node:util";
import type { EnumUsage, Schema } from "../model/types.ts";
import { SHAPE_PACKAGES, show, type ChangeLevel, type ChangeList, type PackageKey } from "./changes.ts";
import { CONSTRAINT_KEYWORDS } from "../model/schemas.ts";

/** How a change moves the set of values a schema admits. */
export type Direction = "widen" | "narrow" | "change";

/** Where the compared schema is used, and which packages its docs and enums reach. */
export interface SchemaContext {
  list: ChangeList;
  usage: EnumUsage;
  /** Packages a description or example change reaches. */
  docPackages: readonly PackageKey[];
  /** Looks up named schemas on each side (refs compare by name; the named one is compared once). */
  before: ReadonlyMap<string, Schema>;
  after: ReadonlyMap<string, Schema>;
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

const BOUNDS = [
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  ...CONSTRAINT_KEYWORDS,
  "readOnly",
  "writeOnly",
] as const;

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
  const kind = (s: Schema) => (s.kind === "ref" ? `ref ${s.ref}` : s.kind);
  if (kind(a) === kind(b)) return true;
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
 * Compares two schemas at `label`; `enumName` is set for a named component (its values reach the
 * enums package under that name's noun). A `$ref` to the same name compares only what sits beside it.
 */
export function compareSchema(
  a: Schema,
  b: Schema,
  ctx: SchemaContext,
  label: string,
  enumName: string | null = null,
): void {
  const packages: readonly PackageKey[] = a.enum || b.enum ? [...SHAPE_PACKAGES, "enums"] : SHAPE_PACKAGES;
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
    changed(
      a.format === undefined ? "narrow" : b.format === undefined ? "widen" : "change",
      `format changed from ${show(a.format)} to ${show(b.format)}`,
    );
  }
  for (const key of BOUNDS) {
    if (!isDeepStrictEqual(a[key], b[key]))
      changed("change", `${key} changed from ${show(a[key])} to ${show(b[key])}`);
  }
  if (a.deprecated !== b.deprecated)
    ctx.list.add("minor", "Deprecated", `${label}${b.deprecated ? "" : " (no longer)"}`, ["types"]);
  if (a.description !== b.description || a.title !== b.title || !isDeepStrictEqual(a.example, b.example)) {
    ctx.list.add("patch", "Descriptions/examples changed", label, ctx.docPackages);
  }
  if (!sameKind) return;
  compareChildren(a, b, ctx, label, changed);
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
        SHAPE_PACKAGES,
      );
    } else if (now === undefined) {
      ctx.list.add("major", `${word} removed`, field, SHAPE_PACKAGES);
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
  ctx: Pick<SchemaContext, "list" | "usage">,
  subject: string,
): void {
  if (was === is) return;
  ctx.list.add(
    levelOf(is ? "narrow" : "widen", ctx.usage),
    "Field changed",
    `${subject} is ${is ? "now required" : "now optional"}`,
    SHAPE_PACKAGES,
  );
}
