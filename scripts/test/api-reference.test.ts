import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { apiReferencePath, emitApiReference } from "../emit/api-reference.ts";
import { REPO_ROOT } from "../lib/repo.ts";
import { buildModel } from "../model/build-model.ts";
import { inputsOf } from "./evolution-fixtures.ts";

const disk = (path: string) => {
  try {
    return readFileSync(join(REPO_ROOT, path), "utf8");
  } catch {
    return undefined;
  }
};
const reference = (model = buildModel(inputsOf({})), read = disk) =>
  new Map(emitApiReference(model, [], read).map((f) => [f.path, f.source]));

describe("the API reference (packages/*/API.md)", () => {
  test("lists a method per operation the model has, with its parameters, body, answers and errors", () => {
    const model = buildModel(
      inputsOf({
        spec: (s) => {
          s.paths["/supplier/link-sessions/{link_token}"] = {
            get: {
              operationId: "getSupplierLinkSession",
              summary: "Get supplier link session",
              parameters: [
                {
                  name: "link_token",
                  in: "path",
                  required: true,
                  description: "The token.",
                  schema: { type: "string" },
                },
              ],
              responses: {
                200: {
                  description: "The link session.",
                  content: {
                    "application/json": {
                      schema: { $ref: "#/components/schemas/CreateSupplierLinkSessionResponse" },
                    },
                  },
                },
                404: { description: "No such link session." },
              },
            },
          };
        },
      }),
    );
    const client = reference(model).get(apiReferencePath("client"))!;
    expect(client).toContain("### `nox.getSupplierLinkSession(params, options?)`");
    expect(client).toContain("| `link_token` | path | yes | string | The token. |");
    expect(client).toContain("Resolves with: 200 CreateSupplierLinkSessionResponse.");
    expect(client).toContain("404 (No such link session.)");
    expect(client).toContain("### `nox.createLinkSession(body, options?)`");
  });

  test("names every runtime export of every package's main entry point", async () => {
    const refs = reference();
    for (const folder of ["types", "enums", "client", "testing"] as const) {
      const names = Object.keys(await import(`../../packages/${folder}/src/index.ts`));
      const text = refs.get(apiReferencePath(folder))!;
      // A hand-written export has a section; a generated one a table row (its own, or its enum's).
      const listed = (n: string) =>
        text.includes(`### \`${n}\``) || new RegExp(`^\\|.*\`${n}\`.*\\|$`, "m").test(text);
      const missing = names.filter((n) => !listed(n));
      expect(missing, folder).toEqual([]);
    }
  });

  test("carries the JSDoc written on an export: a changed comment changes the reference", () => {
    const path = "packages/client/src/errors.ts";
    const edited = disk(path)!.replace(
      /\/\*\*[^]*?\*\/\s*export class NoxTimeoutError/,
      "/** Edited: the deadline passed. */\nexport class NoxTimeoutError",
    );
    expect(edited).not.toBe(disk(path));
    const text = reference(undefined, (p) => (p === path ? edited : disk(p))).get(
      apiReferencePath("client"),
    )!;
    expect(text).toMatch(/### `NoxTimeoutError`[^#]*Edited: the deadline passed\./);
  });
});
