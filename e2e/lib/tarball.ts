import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { run } from "./run.ts";

/** A published tarball, unpacked: its file list and each file's text. */
export interface Tarball {
  files: string[];
  read(file: string): Promise<string>;
  dispose(): Promise<void>;
}

/** Downloads `name@version`'s tarball from `registryUrl` (as a consumer's install would) and unpacks it. */
export async function fetchTarball(registryUrl: string, name: string, version: string): Promise<Tarball> {
  const packument = (await (await fetch(new URL(name.replace("/", "%2f"), registryUrl))).json()) as {
    versions?: Record<string, { dist?: { tarball?: string } }>;
  };
  const url = packument.versions?.[version]?.dist?.tarball;
  if (!url) throw new Error(`${name}@${version} is not on ${registryUrl}`);
  const dir = await mkdtemp(join(tmpdir(), "nox-tarball-"));
  const archive = join(dir, "package.tgz");
  await writeFile(archive, Buffer.from(await (await fetch(url)).arrayBuffer()));
  await run("tar", ["-xzf", archive, "-C", dir], { cwd: dir });
  const root = join(dir, "package");
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
  return {
    files,
    read: (file) => readFile(join(root, file), "utf8"),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
