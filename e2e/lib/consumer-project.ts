import { cp, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { run } from "./run.ts";
import { cleanEnv } from "./release-workspace.ts";
import type { LocalRegistry } from "./local-registry.ts";

/**
 * Makes a fresh npm project in `dir` from the files in `e2e/consumers/<template>`, pointed at the
 * local registry for the `@nox-energy` scope only, and installs the devDependencies its package.json
 * pins (compilers, runtimes) from the usual registry: the way a service outside this repository would.
 * Needs only the registry's address, so it can run while the release is still being published.
 */
export async function createConsumerProject(
  dir: string,
  template: string,
  registry: LocalRegistry,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await cp(new URL(`../consumers/${template}/`, import.meta.url), dir, { recursive: true });
  await writeFile(join(dir, ".npmrc"), `@nox-energy:registry=${registry.url}\nfund=false\naudit=false\n`);
  await npmInstall(dir, []);
}

/** Installs `dependencies` (e.g. the published packages at their released versions) into the project at `dir`. */
export async function installInto(dir: string, dependencies: readonly string[]): Promise<void> {
  await npmInstall(dir, ["--save-exact", ...dependencies]);
}

async function npmInstall(dir: string, args: readonly string[]): Promise<void> {
  await run("npm", ["install", "--no-package-lock", ...args], {
    cwd: dir,
    env: cleanEnv(),
    timeoutMs: 300_000,
  });
}
