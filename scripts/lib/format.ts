import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where formatted results are remembered between runs: the generator's own install, never a fixture's root. */
const CACHE_PATH = fileURLToPath(
  new URL("../../node_modules/.cache/nox-generate/format.json", import.meta.url),
);
/** Entries kept (tests format into many temporary roots). */
const MAX_ENTRIES = 64;

type Cache = Record<string, { input: string; output: string }>;

const hash = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Formats generated sources with the repository's prettier config, as if each lived at its path, so
 * they look exactly like `pnpm format` would leave them.
 *
 * Prettier is the slowest step of `pnpm generate`, so a small cache remembers (per path) the hash of
 * the last unformatted input and of its formatted output: when both the input and the file on disk
 * are unchanged, the file on disk is the formatted result and prettier is not even loaded. A file the
 * root's `.prettierignore` lists (a generated module too big for prettier to be useful) is kept as
 * emitted.
 */
export async function formatAll(
  root: string,
  files: readonly { path: string; source: string }[],
  onDisk: ReadonlyMap<string, string | null>,
): Promise<Map<string, string>> {
  const cachePath = CACHE_PATH;
  const ignorePath = join(root, ".prettierignore");
  const salt =
    (await readFile(join(root, ".prettierrc.json"), "utf8").catch(() => "")) +
    (await readFile(ignorePath, "utf8").catch(() => ""));
  const cache: Cache = await readFile(cachePath, "utf8").then(
    (text) => JSON.parse(text) as Cache,
    () => ({}),
  );
  const out = new Map<string, string>();
  let prettier: typeof import("prettier") | undefined;
  let dirty = false;
  for (const { path, source } of files) {
    const disk = onDisk.get(path) ?? null;
    const key = join(root, path);
    const input = hash(salt + source);
    const hit = cache[key];
    if (disk !== null && hit?.input === input && hit.output === hash(disk)) {
      out.set(path, disk);
      continue;
    }
    prettier ??= await import("prettier");
    const filepath = join(root, path);
    const { ignored } = await prettier.getFileInfo(filepath, { ignorePath });
    const config = ignored ? null : ((await prettier.resolveConfig(filepath)) ?? {});
    const formatted = config === null ? source : await prettier.format(source, { ...config, filepath });
    out.set(path, formatted);
    delete cache[key];
    cache[key] = { input, output: hash(formatted) };
    dirty = true;
  }
  if (dirty) {
    await mkdir(dirname(cachePath), { recursive: true });
    await writeFile(cachePath, JSON.stringify(Object.fromEntries(Object.entries(cache).slice(-MAX_ENTRIES))));
  }
  return out;
}
