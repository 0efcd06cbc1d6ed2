import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Imports the ESM entry of package `name` as npm installed it in the project at `projectDir` (the
 * published build, not the workspace's), e.g. to run the published fake server in this process.
 */
export async function importInstalled<T>(projectDir: string, name: string): Promise<T> {
  const dir = join(projectDir, "node_modules", name);
  const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
    exports?: { ".": { import?: { default?: string } } };
    module?: string;
  };
  const entry = manifest.exports?.["."].import?.default ?? manifest.module;
  if (entry === undefined) throw new Error(`${name} in ${projectDir} names no ESM entry`);
  return (await import(pathToFileURL(join(dir, entry)).href)) as T;
}
