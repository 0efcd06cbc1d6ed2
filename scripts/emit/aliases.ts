import { generatedHeader } from "../lib/generated-header.ts";
import { SPEC_FILE } from "../lib/repo.ts";
import { componentOwners } from "../model/enums.ts";
import type { ApiModel, GeneratedFile, Operation } from "../model/types.ts";

/** Where the named aliases of the component schemas live, relative to the repo root. */
export const ALIASES_FILE = "packages/types/src/generated/aliases.ts";

/** Where a schema is used, for its JSDoc when the spec gives it no description. */
function usedBy(name: string, operations: readonly Operation[]): string | null {
  const ref = (s: { kind: string; ref?: string } | undefined) => s?.kind === "ref" && s.ref === name;
  for (const op of operations) {
    if (ref(op.requestBody?.schema)) return `The body of \`${op.method} ${op.path}\`.`;
    const statuses = op.responses.filter((r) => ref(r.schema)).map((r) => r.status);
    if (statuses.length > 0) return `The \`${op.method} ${op.path}\` response body (${statuses.join(", ")}).`;
  }
  return null;
}

/**
 * Renders a named alias for every component schema (`Brand`, `CreateSupplierLinkSessionRequest`, …); a
 * name that cannot name a type is PascalCased (`check-suite` -> `CheckSuite`, numbered past a clash).
 */
export function emitAliases(model: ApiModel): GeneratedFile[] {
  const lines = [
    generatedHeader({
      from: `${SPEC_FILE} (components.schemas)`,
      change: "the spec (or scripts/emit/aliases.ts)",
    }),
    `import type { components } from "./openapi.js";`,
    "",
    `type Schemas = components["schemas"];`,
    "",
  ];
  const owners = componentOwners(model.schemas.keys());
  for (const [name, schema] of model.schemas) {
    const doc = (
      schema.description ??
      usedBy(name, model.operations) ??
      `The spec's \`${name}\` schema.`
    ).split("\n")[0]!;
    lines.push(
      `/** ${doc.replaceAll("*/", "*\\/")} */`,
      `export type ${owners.get(name)!} = Schemas[${JSON.stringify(name)}];`,
      "",
    );
  }
  if (model.schemas.size === 0) lines.push("export {};", "");
  return [{ path: ALIASES_FILE, source: lines.join("\n") }];
}
