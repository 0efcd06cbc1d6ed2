import { child } from "./errors.ts";
import type { EnumInfo, EnumUsage, Operation, Schema } from "./types.ts";

/** `supplier_user-id` -> `SupplierUserId`: the naming rule's PascalCase. */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

/** Calls `visit` on `schema` and every schema inside it, with the name suffix and pointer of each. */
function walk(
  schema: Schema,
  name: string,
  pointer: string,
  visit: (s: Schema, name: string, pointer: string) => void,
): void {
  visit(schema, name, pointer);
  for (const p of schema.properties ?? []) {
    walk(p.schema, name + pascalCase(p.name), child(child(pointer, "properties"), p.name), visit);
  }
  if (schema.items) walk(schema.items, `${name}Item`, child(pointer, "items"), visit);
  if (typeof schema.additionalProperties === "object") {
    walk(schema.additionalProperties, `${name}Value`, child(pointer, "additionalProperties"), visit);
  }
  schema.variants?.forEach((v, i) => walk(v, `${name}Option${i + 1}`, child(pointer, String(i)), visit));
}

/** Component names reachable from `roots`, following refs through `schemas`. */
export function reachable(roots: readonly Schema[], schemas: ReadonlyMap<string, Schema>): Set<string> {
  const found = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    walk(queue.pop()!, "", "", (s) => {
      if (s.kind !== "ref" || found.has(s.ref!)) return;
      found.add(s.ref!);
      const target = schemas.get(s.ref!);
      if (target) queue.push(target);
    });
  }
  return found;
}

/** The schemas an operation's caller sends, and those it receives. */
export function operationSides(op: Operation): { request: Schema[]; response: Schema[] } {
  return {
    request: [...op.parameters.map((p) => p.schema), ...(op.requestBody ? [op.requestBody.schema] : [])],
    response: op.responses.flatMap((r) => [
      ...(r.schema ? [r.schema] : []),
      ...r.headers.map((h) => h.schema),
    ]),
  };
}

/** For each component: whether requests, responses or both reach it (unreached: both, to be safe). */
export function componentUsage(
  operations: readonly Operation[],
  schemas: ReadonlyMap<string, Schema>,
): Map<string, EnumUsage> {
  const request = reachable(
    operations.flatMap((op) => operationSides(op).request),
    schemas,
  );
  const response = reachable(
    operations.flatMap((op) => operationSides(op).response),
    schemas,
  );
  const usage = new Map<string, EnumUsage>();
  for (const name of schemas.keys()) {
    const r = request.has(name);
    const s = response.has(name);
    usage.set(name, r && !s ? "request" : s && !r ? "response" : "both");
  }
  return usage;
}

/**
 * Every enum in the model, named by the rule documented in spec/README.md: a component keeps its
 * name; an inline enum is its owner's name plus the PascalCase path to it (`<Schema><Property>`,
 * `Item` for array items, `Value` for map values); an operation's inline enums are owned by
 * `<OperationId>` + `<Param>` / `Request` / `<Status>Response`. A clash gets a number.
 */
export function collectEnums(
  operations: readonly Operation[],
  schemas: ReadonlyMap<string, Schema>,
): EnumInfo[] {
  const usage = componentUsage(operations, schemas);
  const enums: EnumInfo[] = [];
  const taken = new Set(schemas.keys());
  const add = (root: Schema, owner: string, pointer: string, used: EnumUsage, named: string | null) =>
    walk(root, owner, pointer, (s, name, at) => {
      if (s.enum === undefined || s.kind === "ref") return;
      let unique = name;
      if (named === null || name !== named) {
        for (let n = 2; taken.has(unique); n++) unique = `${name}${n}`;
        taken.add(unique);
      }
      enums.push({
        name: unique,
        named: named !== null && name === named,
        pointer: at,
        values: s.enum,
        ...(s.default !== undefined && { default: s.default }),
        usage: used,
      });
    });
  for (const [name, schema] of schemas) {
    add(schema, name, child("#/components/schemas", name), usage.get(name) ?? "both", name);
  }
  for (const op of operations) {
    const owner = pascalCase(op.operationId);
    const at = child(child("#/paths", op.path), op.method.toLowerCase());
    for (const p of op.parameters)
      add(p.schema, owner + pascalCase(p.name), child(at, "parameters"), "request", null);
    if (op.requestBody)
      add(op.requestBody.schema, `${owner}Request`, child(at, "requestBody"), "request", null);
    for (const r of op.responses) {
      if (r.schema)
        add(
          r.schema,
          `${owner}${pascalCase(r.status)}Response`,
          child(child(at, "responses"), r.status),
          "response",
          null,
        );
    }
  }
  return enums;
}
