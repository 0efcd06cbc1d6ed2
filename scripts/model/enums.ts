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

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Words a type alias (or a `const`) cannot be named: JavaScript's reserved words and TypeScript's own types. */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally " +
    "for function if import in instanceof new null return super switch this throw true try typeof var void " +
    "while with implements interface let package private protected public static yield await any boolean " +
    "never number object string symbol unknown bigint undefined"
  ).split(" "),
);

/** True when `name` can name a type alias and a binding as written. */
export const isTypeName = (name: string): boolean => IDENTIFIER.test(name) && !RESERVED.has(name);

/** A component's name as a type name: as is when it can be one (`Brand`), else PascalCase (`check-suite` -> `CheckSuite`). */
export function ownerName(name: string): string {
  if (isTypeName(name)) return name;
  const pascal = pascalCase(name);
  return pascal === "" ? "Schema" : /^[0-9]/.test(pascal) ? `_${pascal}` : pascal;
}

/**
 * Each component's type name (its alias in the types package, and the owner of its inline enums): its own
 * name when it can be one, else PascalCase (`check-suite` -> `CheckSuite`, `import` -> `Import`), numbered
 * past a clash with another component's.
 */
export function componentOwners(schemas: Iterable<string>): Map<string, string> {
  const names = [...schemas];
  const owners = new Map<string, string>();
  const taken = new Set(names.filter(isTypeName));
  for (const name of names) {
    if (isTypeName(name)) owners.set(name, name);
    else {
      const base = ownerName(name);
      let unique = base;
      for (let n = 2; taken.has(unique); n++) unique = `${base}${n}`;
      taken.add(unique);
      owners.set(name, unique);
    }
  }
  return owners;
}

/**
 * Calls `visit` on `schema` and every schema a value may be checked against inside it (not `not`), with
 * the name suffix and pointer of each: properties by name, `Item` (tuple positions `Item<n>`), `Value`
 * for map values (patternProperties too), `Option<n>` for a union member; an intersection's members add
 * nothing (their properties are the owner's).
 */
export function walk(
  schema: Schema,
  name: string,
  pointer: string,
  visit: (s: Schema, name: string, pointer: string) => void,
): void {
  visit(schema, name, pointer);
  for (const p of schema.properties ?? []) {
    walk(p.schema, name + pascalCase(p.name), child(child(pointer, "properties"), p.name), visit);
  }
  schema.prefixItems?.forEach((item, i) =>
    walk(item, `${name}Item${i + 1}`, child(child(pointer, "prefixItems"), i), visit),
  );
  if (schema.items) walk(schema.items, `${name}Item`, child(pointer, "items"), visit);
  if (typeof schema.additionalProperties === "object") {
    walk(schema.additionalProperties, `${name}Value`, child(pointer, "additionalProperties"), visit);
  }
  for (const p of schema.patternProperties ?? []) {
    walk(p.schema, `${name}Value`, child(child(pointer, "patternProperties"), p.pattern), visit);
  }
  if (schema.kind === "intersection") {
    // The own shape sits at the schema's own pointer; the rest are its allOf members (or its $ref).
    const offset = schema.withOwnShape ? 1 : 0;
    schema.variants?.forEach((v, i) =>
      walk(v, name, i < offset ? pointer : child(child(pointer, "allOf"), i - offset), visit),
    );
  } else {
    const combinator = schema.combinator ?? "anyOf";
    schema.variants?.forEach((v, i) =>
      walk(v, `${name}Option${i + 1}`, child(child(pointer, combinator), i), visit),
    );
  }
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

/**
 * The schemas an operation's caller sends, and those it receives: every media type of the body and of
 * each response. For a webhook the supplier receives the request and sends the response.
 */
export function operationSides(op: Operation): { request: Schema[]; response: Schema[] } {
  const bodies = (media: readonly { schema?: Schema }[]) =>
    media.flatMap((m) => (m.schema ? [m.schema] : []));
  const sent = [
    ...op.parameters.map((p) => p.schema),
    ...(op.requestBody ? bodies(op.requestBody.media) : []),
  ];
  const received = op.responses.flatMap((r) => [...bodies(r.media), ...r.headers.map((h) => h.schema)]);
  return op.webhook === undefined
    ? { request: sent, response: received }
    : { request: received, response: sent };
}

/** For each component: whether requests, responses or both reach it (unreached: both, to be safe). */
export function componentUsage(
  operations: readonly Operation[],
  schemas: ReadonlyMap<string, Schema>,
  webhooks: readonly Operation[] = [],
): Map<string, EnumUsage> {
  operations = [...operations, ...webhooks];
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
  webhooks: readonly Operation[] = [],
): EnumInfo[] {
  const usage = componentUsage(operations, schemas, webhooks);
  const enums: EnumInfo[] = [];
  const owners = componentOwners(schemas.keys());
  // Component owner names are never given to another enum.
  const taken = new Set(owners.values());
  const add = (root: Schema, owner: string, pointer: string, used: EnumUsage, named: string | null) =>
    walk(root, owner, pointer, (s, name, at) => {
      if (s.enum === undefined || s.kind === "ref") return;
      const isComponent = named !== null && s === root;
      let unique = name;
      if (!isComponent) {
        for (let n = 2; taken.has(unique); n++) unique = `${name}${n}`;
        taken.add(unique);
      }
      enums.push({
        name: unique,
        // Its alias (the component's type name) exists in the types package.
        named: isComponent,
        pointer: at,
        values: s.enum,
        ...(s.nullable && { nullable: true }),
        ...(s.default !== undefined && { default: s.default }),
        usage: used,
      });
    });
  for (const [name, schema] of schemas) {
    add(schema, owners.get(name)!, child("#/components/schemas", name), usage.get(name) ?? "both", name);
  }
  const owned = (op: Operation) => {
    const owner = pascalCase(op.operationId);
    const at =
      op.webhook === undefined
        ? child(child("#/paths", op.path), op.method.toLowerCase())
        : child(child("#/webhooks", op.path), op.method.toLowerCase());
    const [sent, received]: [EnumUsage, EnumUsage] =
      op.webhook === undefined ? ["request", "response"] : ["response", "request"];
    for (const p of op.parameters)
      add(p.schema, owner + pascalCase(p.name), child(at, "parameters"), sent, null);
    if (op.requestBody) add(op.requestBody.schema, `${owner}Request`, child(at, "requestBody"), sent, null);
    for (const r of op.responses) {
      if (r.schema)
        add(
          r.schema,
          `${owner}${pascalCase(r.status)}Response`,
          child(child(at, "responses"), r.status),
          received,
          null,
        );
    }
  };
  for (const op of operations) owned(op);
  for (const op of webhooks) owned(op);
  return enums;
}
