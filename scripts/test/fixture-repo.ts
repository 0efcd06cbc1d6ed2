import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../lib/repo.ts";

/** A throwaway copy of the generator's inputs and outputs, so tests can break them freely. */
export interface FixtureRepo {
  root: string;
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
  editJson(path: string, edit: (json: any) => void): Promise<void>;
  dispose(): Promise<void>;
}

const COPIED = [
  "spec",
  ".prettierrc.json",
  "packages/types/src/generated",
  "packages/enums/src/generated",
  "packages/client/src/generated",
];

export async function createFixtureRepo(): Promise<FixtureRepo> {
  const root = await mkdtemp(join(tmpdir(), "nox-generate-"));
  for (const path of COPIED) await cp(join(REPO_ROOT, path), join(root, path), { recursive: true });
  const read = (path: string) => readFile(join(root, path), "utf8");
  const write = (path: string, text: string) => writeFile(join(root, path), text);
  return {
    root,
    read,
    write,
    async editJson(path, edit) {
      const json = JSON.parse(await read(path));
      edit(json);
      await write(path, `${JSON.stringify(json, null, 2)}\n`);
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
