import { execFile } from "node:child_process";
import { cp, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { main } from "../generate.ts";
import { REPO_ROOT } from "../lib/repo.ts";
import { earlierV2 } from "./evolution-fixtures.ts";
import { createFixtureRepo, type FixtureRepo } from "./fixture-repo.ts";

const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

let repo: FixtureRepo;
beforeEach(async () => {
  repo = await createFixtureRepo();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await repo.dispose();
});

const CLIENT_MODULES = join(REPO_ROOT, "packages", "client", "node_modules");
const TESTING_MODULES = join(REPO_ROOT, "packages", "testing", "node_modules");

/**
 * The packages' sources (hand-written + the fixture's generated) type-checked together, as their
 * builds' declarations are: the client and the fake take their types from the types package. `runtime`
 * names which of the client and the testing package join the types and enums packages.
 */
async function typeCheck(root: string, runtime: readonly ("client" | "testing")[]): Promise<string> {
  for (const pkg of ["types", "enums", "client", "testing"]) {
    await cp(join(REPO_ROOT, "packages", pkg, "src"), join(root, "packages", pkg, "src"), {
      recursive: true,
      // Keep the fixture's freshly generated files.
      filter: (source) => !source.includes(`${pkg}/src/generated`),
    });
  }
  // Two programs, as the packages' own tsconfigs have it: the client with the DOM's fetch types, the fake without.
  const config = (lib: string[], pkg: string) => ({
    extends: join(REPO_ROOT, "tsconfig.base.json"),
    compilerOptions: {
      lib,
      types: ["node"],
      typeRoots: [join(CLIENT_MODULES, "@types")],
      baseUrl: ".",
      paths: {
        "@nox-energy/authenticator-types": ["./packages/types/src/index.ts"],
        "@nox-energy/authenticator-enums": ["./packages/enums/src/index.ts"],
        "openapi-fetch": [join(CLIENT_MODULES, "openapi-fetch")],
        ajv: [join(TESTING_MODULES, "ajv")],
        msw: [join(TESTING_MODULES, "msw")],
      },
      module: "Preserve",
      moduleResolution: "Bundler",
    },
    include: ["packages/types/src", "packages/enums/src", ...(pkg === "" ? [] : [`packages/${pkg}/src`])],
  });
  await writeFile(
    join(root, "tsconfig.json"),
    JSON.stringify(config(["ES2023", "DOM", "DOM.Iterable"], runtime.includes("client") ? "client" : "")),
  );
  await writeFile(
    join(root, "tsconfig.testing.json"),
    JSON.stringify(config(["ES2023"], runtime.includes("testing") ? "testing" : "")),
  );
  const check = (file: string) =>
    promisify(execFile)(process.execPath, [TSC, "-p", join(root, file)], { cwd: root }).then(
      () => "",
      (error: { stdout?: string }) => String(error.stdout ?? error),
    );
  return (await Promise.all([check("tsconfig.json"), check("tsconfig.testing.json")])).join("");
}

// The client's and the fake's hand-written code still import the brand-rule names, which the types package
// now exports only when its plug-in fits (issue #14); their own plug-in bindings (validators and fake
// workstreams) make them build again, and then they join this check (and the corpus harness's).
test("upstream's earlier v2 generates (naming the curated misfits) and the types and enums packages still type-check", async () => {
  await repo.editJson("spec/openapi-supplier-auth-v2.json", earlierV2);
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  const code = await main([], repo.root);
  vi.restoreAllMocks();
  const stderr = err.join("\n");
  expect(code, stderr).toBe(0);
  expect(stderr).toMatch(/no string enum in the spec's components\.schemas for: AssetType/);
  expect(stderr).toMatch(/in the spec but not placed: alpha innotec, .*saunier duval/);
  expect(stderr).toContain("Edit spec/brands.json, then run `pnpm generate`.");
  const values = await repo.read("packages/enums/src/generated/values.ts");
  expect(values).toMatch(/export const BRANDS = [^;]*"alpha innotec"/s);
  // The brands plug-in is on (the spec has Brand); its asset types come from spec/brands.json.
  const bindings = await repo.read("packages/enums/src/generated/curated-bindings.ts");
  expect(bindings).toMatch(/export type AssetType = \(typeof ASSET_TYPES\)\[number\]/);
  // The brand rule does not fit (no AssetType): its plug-in is off, its types left out; labels too.
  expect(stderr).toMatch(
    /no request body in the spec has a property typed by `Brand` and one by `AssetType`/,
  );
  await expect(repo.read("packages/types/src/generated/brand-rule.ts")).rejects.toThrow(/ENOENT/);
  await expect(repo.read("packages/enums/src/generated/labels.ts")).rejects.toThrow(/ENOENT/);
  expect(await repo.read("packages/types/src/generated/curated-exports.ts")).toContain("// brandRule: off.");
  expect(await typeCheck(repo.root, [])).toBe("");
});
