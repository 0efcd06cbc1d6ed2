import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { extractTypeScriptExamples, typecheckReadmeExamples } from "../lib/readme-examples.ts";
import { REPO_ROOT } from "../lib/repo.ts";

// Every README example must compile against the built packages, as a user would paste it.
// Runs after `turbo run build`; examples sit at the repository root, which depends on every
// workspace package, so each import resolves to that package's dist declarations.
const packages = readdirSync(join(REPO_ROOT, "packages"));
const EXAMPLES_TSCONFIG = join(REPO_ROOT, "tsconfig.examples.json");

describe("README examples type-check", () => {
  test.each(packages)("packages/%s/README.md", async (name) => {
    const { examples, diagnostics } = await typecheckReadmeExamples(
      join(REPO_ROOT, "packages", name, "README.md"),
      REPO_ROOT,
      EXAMPLES_TSCONFIG,
    );
    expect(examples).toBeGreaterThan(0);
    expect(diagnostics.map((d) => `${d.readme}:${d.line}: ${d.message}`)).toEqual([]);
  });
});

// The root README's consumer quick-start (issue #16) compiles as a service would paste it.
test("README.md (the quick-start)", async () => {
  const { examples, diagnostics } = await typecheckReadmeExamples(
    join(REPO_ROOT, "README.md"),
    REPO_ROOT,
    EXAMPLES_TSCONFIG,
  );
  expect(examples).toBeGreaterThanOrEqual(2);
  expect(diagnostics.map((d) => `${d.readme}:${d.line}: ${d.message}`)).toEqual([]);
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
    const tmp = await mkdtemp(join(REPO_ROOT, ".readme-examples-fixture-"));
    try {
      const readme = join(tmp, "README.md");
      await writeFile(
        readme,
        '# x\n\n```ts\nimport { brandsFor } from "@nox-energy/authenticator-enums";\nbrandsFor("ev");\n```\n',
      );
      const { diagnostics } = await typecheckReadmeExamples(readme, REPO_ROOT, EXAMPLES_TSCONFIG);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]?.line).toBe(5);
      expect(diagnostics[0]?.message).toMatch(/"ev"/);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
