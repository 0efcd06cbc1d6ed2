// `pnpm generate` without tsx: the one plain-JavaScript file in scripts/, because it must run before any
// TypeScript loader. It bundles scripts/generate.ts and what it imports (esbuild, dependencies left
// external) into node_modules/.cache/nox-generate/, rebuilding only when a script is newer than the
// bundle, then runs its `main`. tsx's start-up was most of the generator's cost over the bare
// openapi-typescript CLI (bench/generate.ts). `tsx scripts/generate.ts` still works the same.
import { mkdir, readdir, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SCRIPTS = fileURLToPath(new URL(".", import.meta.url));
const BUNDLE = fileURLToPath(new URL("../node_modules/.cache/nox-generate/generate.mjs", import.meta.url));
// The validators emitter registers the enums package's runtime formats, so they are a source too.
const SOURCES = ["generate.ts", "lib", "model", "emit", "diff", "../packages/enums/src/validators"];

/** The newest modification time among the generator's sources. */
async function newestSource() {
  let newest = 0;
  for (const entry of SOURCES) {
    const path = join(SCRIPTS, entry);
    const info = await stat(path);
    if (info.isFile()) newest = Math.max(newest, info.mtimeMs);
    else {
      const files = await readdir(path, { recursive: true });
      const times = await Promise.all(files.map(async (f) => (await stat(join(path, f))).mtimeMs));
      newest = Math.max(newest, ...times);
    }
  }
  return newest;
}

async function ensureBundle() {
  const built = await stat(BUNDLE).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  if (built > (await newestSource())) return;
  const { build } = await import("esbuild");
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  await mkdir(join(BUNDLE, ".."), { recursive: true });
  await build({
    entryPoints: [join(SCRIPTS, "generate.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile: temporary,
    logLevel: "warning",
    // Every module resolves paths from its own URL, and all sit one level under scripts/: scripts/lib's
    // URL keeps REPO_ROOT, the format cache and createRequire pointing where they do under tsx.
    define: { "import.meta.url": JSON.stringify(pathToFileURL(join(SCRIPTS, "lib", "repo.ts")).href) },
  });
  await rename(temporary, BUNDLE);
}

await ensureBundle();
const { main } = await import(pathToFileURL(BUNDLE).href);
process.exitCode = await main(process.argv.slice(2));
