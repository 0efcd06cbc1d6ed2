import { isDeepStrictEqual } from "node:util";
import { methodNamesOf } from "../model/build-model.ts";
import type { ApiModel, Credential, Operation, Parameter, Response } from "../model/types.ts";
import { SHAPE_PACKAGES, type ChangeList, type PackageKey } from "./changes.ts";
import { compareSchema, requirednessChanged, type SchemaContext } from "./schemas.ts";

const DOCS: readonly PackageKey[] = ["types"];
/** Response examples and the schemas embedded in the fake carry docs into the testing package. */
const EMBEDDED_DOCS: readonly PackageKey[] = ["types", "testing"];

/** `METHOD /path`: how operations are matched between two models (an operationId is only a name). */
export const operationKey = (op: Operation): string => `${op.method} ${op.path}`;

function context(
  list: ChangeList,
  usage: "request" | "response",
  docPackages: readonly PackageKey[],
  before: ApiModel,
  after: ApiModel,
  renames: ReadonlyMap<string, string>,
  shapes: readonly PackageKey[] = SHAPE_PACKAGES,
): SchemaContext {
  return {
    list,
    usage,
    shapes,
    docPackages,
    before: before.schemas,
    after: after.schemas,
    renames,
  };
}

function compareParameters(
  a: readonly Parameter[],
  b: readonly Parameter[],
  label: string,
  ctx: SchemaContext,
): void {
  const key = (p: Parameter) => `${p.in} parameter ${p.name}`;
  const before = new Map(a.map((p) => [key(p), p]));
  const after = new Map(b.map((p) => [key(p), p]));
  for (const k of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(k);
    const now = after.get(k);
    const where = `${label} ${k}`;
    if (old === undefined) {
      ctx.list.add(
        now!.required ? "major" : "minor",
        `Request parameter added (${now!.required ? "required" : "optional"})`,
        where,
        ctx.shapes,
      );
    } else if (now === undefined) ctx.list.add("major", "Request parameter removed", where, ctx.shapes);
    else {
      requirednessChanged(old.required, now.required, ctx, where);
      compareSchema(old.schema, now.schema, { ...ctx, docPackages: DOCS }, where);
      if (old.description !== now.description)
        ctx.list.add("patch", "Descriptions/examples changed", where, DOCS);
      if (old.deprecated !== now.deprecated) ctx.list.add("minor", "Deprecated", where, ["types", "client"]);
      if (old.style !== now.style || old.explode !== now.explode || old.mediaType !== now.mediaType)
        ctx.list.add(
          "major",
          "Parameter serialisation changed",
          `${where}: ${old.style}${old.explode ? "*" : ""} -> ${now.style}${now.explode ? "*" : ""}`,
          ctx.shapes.filter((p) => p !== "types"),
        );
    }
  }
}

function compareBody(a: Operation, b: Operation, label: string, ctx: SchemaContext): void {
  const where = `${label} request body`;
  const [old, now] = [a.requestBody, b.requestBody];
  if (old === undefined && now !== undefined) {
    ctx.list.add(
      now.required ? "major" : "minor",
      `Request body added (${now.required ? "required" : "optional"})`,
      where,
      ctx.shapes,
    );
  } else if (old !== undefined && now === undefined)
    ctx.list.add("major", "Request body removed", where, ctx.shapes);
  else if (old !== undefined && now !== undefined) {
    requirednessChanged(old.required, now.required, ctx, where);
    if (old.description !== now.description)
      ctx.list.add("patch", "Descriptions/examples changed", where, DOCS);
    if (old.mediaType !== now.mediaType)
      ctx.list.add(
        "major",
        "Media type changed",
        `${where}: ${old.mediaType} -> ${now.mediaType}`,
        ctx.shapes,
      );
    compareSchema(old.schema, now.schema, ctx, where);
  }
}

function compareResponse(old: Response, now: Response, where: string, ctx: SchemaContext): void {
  if (old.description !== now.description)
    ctx.list.add("patch", "Descriptions/examples changed", where, DOCS);
  if (!isDeepStrictEqual(old.example, now.example))
    ctx.list.add(
      "patch",
      "Descriptions/examples changed",
      `${where} (${now.mediaType ?? old.mediaType})`,
      EMBEDDED_DOCS,
    );
  if (old.mediaType !== now.mediaType)
    ctx.list.add(
      "major",
      "Media type changed",
      `${where}: ${old.mediaType ?? "(none)"} -> ${now.mediaType ?? "(none)"}`,
      ctx.shapes,
    );
  if (old.schema && now.schema) compareSchema(old.schema, now.schema, ctx, where);
  else if (old.schema || now.schema)
    ctx.list.add(
      now.schema ? "minor" : "major",
      "Response body changed",
      `${where} ${now.schema ? "now has" : "no longer has"} a body`,
      ctx.shapes,
    );
  if (!isDeepStrictEqual(old.headers, now.headers))
    ctx.list.add("major", "Operation changed", `${where}: headers changed`, ctx.shapes);
}

const credentialKey = (c: Credential) => `${c.type}:${c.in ?? ""}:${c.name ?? ""}`;
const alternativeKey = (alt: readonly Credential[]) => alt.map(credentialKey).sort().join("+");

/**
 * Security: an alternative the old key used that no longer exists breaks calls; a new alternative keeps
 * the key working (the client still presents the first one) and is one more credential the fake accepts.
 */
function compareSecurity(a: Operation, b: Operation, label: string, list: ChangeList): void {
  const before = new Set(a.security.map(alternativeKey));
  const after = new Set(b.security.map(alternativeKey));
  const lost = [...before].filter((k) => !after.has(k));
  const gained = [...after].filter((k) => !before.has(k));
  const open = (s: Set<string>) => s.size === 0 || s.has("");
  if (lost.length > 0 && !open(after))
    list.add(
      "major",
      "Authentication changed",
      `${label}: ${lost.join(", ") || "no credentials"} no longer accepted`,
      ["client", "testing"],
    );
  else if (gained.length > 0 || lost.length > 0)
    list.add("minor", "Authentication alternatives changed", `${label}: ${[...after].join(", ") || "none"}`, [
      "client",
      "testing",
    ]);
}

/** Compares one operation present in both models. */
export function compareOperation(
  a: Operation,
  b: Operation,
  list: ChangeList,
  before: ApiModel,
  after: ApiModel,
  renames: ReadonlyMap<string, string> = new Map(),
  shapes: readonly PackageKey[] = SHAPE_PACKAGES,
): void {
  const label = operationKey(b);
  const embedded = shapes.includes("testing") ? EMBEDDED_DOCS : DOCS;
  const request = context(list, "request", embedded, before, after, renames, shapes);
  const response = context(list, "response", embedded, before, after, renames, shapes);
  if (a.operationId !== b.operationId && shapes.includes("client")) {
    // The types key `operations` by operationId; the fake only names it in its OPERATION record.
    const subject = `${label}: operationId "${a.operationId}" -> "${b.operationId}"`;
    list.add("major", "Operation changed", subject, ["types"]);
    list.add("patch", "Operation renamed", subject, ["testing"]);
  }
  compareParameters(a.parameters, b.parameters, label, request);
  compareBody(a, b, label, request);
  const oldResponses = new Map(a.responses.map((r) => [r.status, r]));
  const newResponses = new Map(b.responses.map((r) => [r.status, r]));
  for (const status of new Set([...oldResponses.keys(), ...newResponses.keys()])) {
    const where = `${label} response ${status}`;
    const [old, now] = [oldResponses.get(status), newResponses.get(status)];
    if (old === undefined) list.add("minor", "Response added", where, shapes);
    else if (now === undefined) list.add("major", "Response removed", where, shapes);
    else compareResponse(old, now, where, response);
  }
  // What counts as success: a status joining returns more (minor); one leaving turns a success into an error.
  const [oldOk, newOk] = [new Set(a.successStatuses), new Set(b.successStatuses)];
  const runtime = shapes.filter((p) => p !== "types");
  for (const status of newOk)
    if (!oldOk.has(status)) list.add("minor", "Success status added", `${label} ${status}`, runtime);
  for (const status of oldOk)
    if (!newOk.has(status)) list.add("major", "Success status removed", `${label} ${status}`, runtime);
  if (a.summary !== b.summary || a.description !== b.description)
    list.add("patch", "Descriptions/examples changed", label, DOCS);
  if (a.deprecated !== b.deprecated)
    list.add("minor", "Deprecated", `${label}${b.deprecated ? "" : " (no longer)"}`, [
      "types",
      ...shapes.filter((p) => p === "client"),
    ]);
  if (shapes.includes("client")) compareSecurity(a, b, label, list);
}

/** Operations added, removed and changed; client methods added and removed (names and aliases). */
export function compareOperations(
  before: ApiModel,
  after: ApiModel,
  list: ChangeList,
  renames: ReadonlyMap<string, string> = new Map(),
): void {
  const oldOps = new Map(before.operations.map((op) => [operationKey(op), op]));
  const newOps = new Map(after.operations.map((op) => [operationKey(op), op]));
  for (const key of new Set([...oldOps.keys(), ...newOps.keys()])) {
    const [a, b] = [oldOps.get(key), newOps.get(key)];
    if (a === undefined) list.add("minor", "Operation added", key, SHAPE_PACKAGES);
    else if (b === undefined) list.add("major", "Operation removed", key, SHAPE_PACKAGES);
    else compareOperation(a, b, list, before, after, renames);
  }
  const names = (m: ApiModel) => new Set(methodNamesOf(m));
  const [oldNames, newNames] = [names(before), names(after)];
  for (const name of newNames)
    if (!oldNames.has(name)) list.add("minor", "Client methods added", name, ["client"]);
  for (const name of oldNames)
    if (!newNames.has(name)) list.add("major", "Client methods removed", name, ["client"]);
}

/**
 * Webhooks (the requests the supplier receives): the types describe them (and the enums export their
 * enums); the client and the fake never see them. Matched by name.
 */
export function compareWebhooks(
  before: ApiModel,
  after: ApiModel,
  list: ChangeList,
  renames: ReadonlyMap<string, string> = new Map(),
): void {
  const oldHooks = new Map(before.webhooks.map((op) => [operationKey(op), op]));
  const newHooks = new Map(after.webhooks.map((op) => [operationKey(op), op]));
  for (const key of new Set([...oldHooks.keys(), ...newHooks.keys()])) {
    const [a, b] = [oldHooks.get(key), newHooks.get(key)];
    if (a === undefined) list.add("minor", "Webhook added", key, ["types"]);
    else if (b === undefined) list.add("major", "Webhook removed", key, ["types"]);
    else compareOperation(a, b, list, before, after, renames, ["types"]);
  }
}
