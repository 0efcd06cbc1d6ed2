import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { PackageKey } from "../diff/changes.ts";

const KNOWN: readonly PackageKey[] = ["types", "enums", "client", "testing"];

/**
 * The published name of each workspace package a spec change can reach, read from
 * `packages/<key>/package.json` at run time: a package that does not exist (yet) is not bumped.
 */
export async function readWorkspacePackages(root: string): Promise<Map<PackageKey, string>> {
  const found = new Map<PackageKey, string>();
  let folders: string[];
  try {
    folders = await readdir(join(root, "packages"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return found;
    throw error;
  }
  for (const key of KNOWN) {
    if (!folders.includes(key)) continue;
    let manifest: { name?: unknown };
    try {
      manifest = JSON.parse(await readFile(join(root, "packages", key, "package.json"), "utf8"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    if (typeof manifest.name === "string") found.set(key, manifest.name);
  }
  return found;
}
