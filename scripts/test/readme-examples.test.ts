import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { extractTypeScriptExamples, typecheckReadmeExamples } from "../lib/readme-examples.ts";
import { REPO_ROOT } from "../lib/repo.ts";

// Every README example must compile against the built package, as a user would paste it.
// Runs after `turbo run build`, so each package's own name resolves to its dist declarations.
const packages = readdirSync(join(REPO_ROOT, "packages"));

describe("README examples type-check", () => {
  test.each(packages)("packages/%s/README.md", async (name) => {
    const dir = join(REPO_ROOT, "packages", name);
    const { examples, diagnostics } = await typecheckReadmeExamples(
      join(dir, "README.md"),
      dir,
      join(dir, "tsconfig.json"),
    );
    expect(examples).toBeGreaterThan(0);
    expect(diagnostics.map((d) => `${d.readme}:${d.line}: ${d.message}`)).toEqual([]);
  });
});

describe("extractTypeScriptExamples", () => {
  test("finds ts and typescript fences with their line, and skips other languages", () => {
    const md = [
      "# t",
      "```sh",
      "npm i",
      "```",
      "```ts",
      "const a = 1;",
      "```",
      "",
      "```typescript",
      "let b;",
      "```",
    ].join("\n");
    expect(extractTypeScriptExamples(md)).toEqual([
      { line: 5, code: "const a = 1;\n" },
      { line: 9, code: "let b;\n" },
    ]);
  });

  test("a broken example is reported at its README line", async () => {
    const { writeFile, mkdtemp, rm } = await import("node:fs/promises");
    const dir = join(REPO_ROOT, "packages", "enums");
    const tmp = await mkdtemp(join(dir, ".readme-examples-fixture-"));
    try {
      const readme = join(tmp, "README.md");
      await writeFile(
        readme,
        '# x\n\n```ts\nimport { brandsFor } from "@nox-energy/authenticator-enums";\nbrandsFor("ev");\n```\n',
      );
      const { diagnostics } = await typecheckReadmeExamples(readme, dir, join(dir, "tsconfig.json"));
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]?.line).toBe(5);
      expect(diagnostics[0]?.message).toMatch(/"ev"/);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
