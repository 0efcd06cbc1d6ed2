import { createHash } from "node:crypto";
import { access, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { REPO_ROOT } from "../lib/repo.ts";

/** A throwaway copy of the generator's inputs and outputs, so tests can break them freely. */
export interface FixtureRepo {
  root: string;
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
  editJson(path: string, edit: (json: any) => void): Promise<void>;
  /** Every file under the root with a hash of its bytes, to assert that nothing changed. */
  snapshot(): Promise<Record<string, string>>;
  dispose(): Promise<void>;
}

const COPIED = [
  "spec",
  ".prettierrc.json",
  ".prettierignore",
  // Whole sources, not only src/generated: the API reference (packages/*/API.md) reads their exports.
  "packages/types/src",
  "packages/enums/src",
  "packages/client/src",
  "packages/testing/src",
];

/** Copied for each package that exists, so scripts can read the workspace's package names. */
const PER_PACKAGE = ["package.json", "API.md"];

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Options for {@link createFixtureRepo}. */
export interface FixtureRepoOptions {
  /**
   * The package folders whose package.json is copied (default: every package in the repository).
   * Tests whose expectations depend on the workspace's package set pin it here.
   */
  packages?: readonly string[];
}

export async function createFixtureRepo(options: FixtureRepoOptions = {}): Promise<FixtureRepo> {
  const root = await mkdtemp(join(tmpdir(), "nox-generate-"));
  // Tolerates paths other branches add before their package exists here.
  for (const path of COPIED) {
    if (await exists(join(REPO_ROOT, path)))
      await cp(join(REPO_ROOT, path), join(root, path), { recursive: true });
  }

  for (const name of options.packages ?? (await readdir(join(REPO_ROOT, "packages")))) {
    for (const file of PER_PACKAGE) {
      const path = join("packages", name, file);
      if (await exists(join(REPO_ROOT, path))) await cp(join(REPO_ROOT, path), join(root, path));
    }
  }
  const read = (path: string) => readFile(join(root, path), "utf8");
  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  };
  return {
    root,
    read,
    write,
    async editJson(path, edit) {
      const json = JSON.parse(await read(path));
      edit(json);
      await write(path, `${JSON.stringify(json, null, 2)}\n`);
    },
    async snapshot() {
      const entries = await readdir(root, { withFileTypes: true, recursive: true });
      const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
      const hashes: Record<string, string> = {};
      for (const file of files.sort()) {
        hashes[relative(root, file)] = createHash("sha256")
          .update(await readFile(file))
          .digest("hex");
      }
      return hashes;
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
