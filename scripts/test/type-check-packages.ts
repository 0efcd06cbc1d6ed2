import { execFile } from "node:child_process";
import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { TSC_NATIVE } from "@nox-energy/tool-typescript-native/tsc";
import { REPO_ROOT } from "../lib/repo.ts";

// TypeScript 7 (the native compiler): these are checks of generated code, several per test run; the
// packages' own `typecheck` and the consumers' (e2e: 5.4, 5.9, 7.0) cover the supported versions.
const TSC = TSC_NATIVE;

const CLIENT_MODULES = join(REPO_ROOT, "packages", "client", "node_modules");
const TESTING_MODULES = join(REPO_ROOT, "packages", "testing", "node_modules");

/**
 * The four packages' sources (hand-written + the fixture's generated) type-checked together, as their
 * builds' declarations are: the client and the fake take their types from the types package.
 */
export async function typeCheck(
  root: string,
  programs: readonly ("client" | "testing")[] = ["client", "testing"],
): Promise<string> {
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
      paths: {
        "@nox-energy/authenticator-types": ["./packages/types/src/index.ts"],
        "@nox-energy/authenticator-enums": ["./packages/enums/src/index.ts"],
        "@nox-energy/authenticator-types/validators": ["./packages/types/src/validators/index.ts"],
        "openapi-fetch": [join(CLIENT_MODULES, "openapi-fetch")],
        "json-schema-faker": [join(TESTING_MODULES, "json-schema-faker")],
        "openapi-sampler": [join(TESTING_MODULES, "openapi-sampler")],
        msw: [join(TESTING_MODULES, "msw")],
      },
      module: "Preserve",
      moduleResolution: "Bundler",
    },
    include: ["packages/types/src", "packages/enums/src", `packages/${pkg}/src`],
  });
  await writeFile(
    join(root, "tsconfig.json"),
    JSON.stringify(config(["ES2023", "DOM", "DOM.Iterable"], "client")),
  );
  await writeFile(join(root, "tsconfig.testing.json"), JSON.stringify(config(["ES2023"], "testing")));
  const check = (file: string) =>
    promisify(execFile)(process.execPath, [TSC, "-p", join(root, file)], { cwd: root }).then(
      () => "",
      (error: { stdout?: string }) => String(error.stdout ?? error),
    );
  const files = { client: "tsconfig.json", testing: "tsconfig.testing.json" };
  // None named: the types and enums packages alone (the client's program without the client).
  if (programs.length === 0) {
    await writeFile(
      join(root, "tsconfig.base-only.json"),
      JSON.stringify({
        ...config(["ES2023"], "types"),
        include: ["packages/types/src", "packages/enums/src"],
      }),
    );
    return check("tsconfig.base-only.json");
  }
  return (await Promise.all(programs.map((p) => check(files[p])))).join("");
}
