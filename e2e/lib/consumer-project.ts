import { cp, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { run } from "./run.ts";
import { cleanEnv } from "./release-workspace.ts";
import type { LocalRegistry } from "./local-registry.ts";

/**
 * Makes a fresh npm project in `dir` from the files in `e2e/consumers/<template>`, pointed at the
 * local registry for the `@nox-energy` scope only, and installs `dependencies` into it with npm:
 * the way a service outside this repository would.
 */
export async function createConsumerProject(
  dir: string,
  template: string,
  registry: LocalRegistry,
  dependencies: readonly string[],
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await cp(new URL(`../consumers/${template}/`, import.meta.url), dir, { recursive: true });
  await writeFile(join(dir, ".npmrc"), `@nox-energy:registry=${registry.url}\nfund=false\naudit=false\n`);
  await run("npm", ["install", "--no-package-lock", "--save-exact", ...dependencies], {
    cwd: dir,
    env: cleanEnv(),
    timeoutMs: 300_000,
  });
}
