import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { EMITTERS } from "./emit/index.ts";
import { formatAll } from "./lib/format.ts";
import { isMain } from "./lib/is-main.ts";
import { REPO_ROOT } from "./lib/repo.ts";
import { buildModel } from "./model/build-model.ts";
import { describeMisfits } from "./model/curated.ts";
import { ModelError } from "./model/errors.ts";
import { loadInputs } from "./model/load.ts";
import type { ApiModel, Emitter, GeneratedFile, Misfit } from "./model/types.ts";

/** Options for {@link generate}. */
export interface GenerateOptions {
  /** Repository root holding spec/ and packages/ (default: this repository). */
  root?: string;
  /** Compare with what is on disk instead of writing. */
  check?: boolean;
}

/** What {@link generate} did, or in check mode would do. */
export interface GenerateResult {
  /** Files whose content changed (written), or in check mode differ from what would be generated. */
  changed: string[];
  /** Files under a `src/generated/` folder that no emitter claims. */
  orphans: string[];
  /** Every file generated. */
  files: string[];
  /** Curated data that no longer fits the spec (what fits was generated; these were left out). */
  misfits: Misfit[];
  /** The message that names the misfits and the files to edit; `null` when there are none. */
  misfitMessage: string | null;
  /** Emitters that could not run on this spec (their files were left as they were), with what to do. */
  failed: string[];
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * Every file in a `packages/<name>/src/generated/` folder, relative to `root`: the generator owns each
 * such folder (whichever package it is in), so a file there that it no longer writes is an orphan.
 */
async function listGeneratedFiles(root: string): Promise<string[]> {
  const packages = await readdir(join(root, "packages")).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const files = await Promise.all(
    packages.map(async (name) => {
      const dir = join(root, "packages", name, "src", "generated");
      const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return [];
          throw error;
        },
      );
      return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    }),
  );
  return files.flat().map((file) => relative(root, file).split("\\").join("/"));
}

/** What the emitters produced: their files, and the messages of those that could not run on this model. */
export interface Emitted {
  files: GeneratedFile[];
  /** One message per emitter that met a spec it cannot serve (a ModelError); its files are left as they are. */
  failures: string[];
}

/** Runs every emitter over `model` (unformatted sources); one emitter's ModelError never blocks the rest. */
export async function emitEach(model: ApiModel, emitters: readonly Emitter[] = EMITTERS): Promise<Emitted> {
  const failures: string[] = [];
  const results = await Promise.all(
    emitters.map(async (emit) => {
      try {
        return await emit(model);
      } catch (error) {
        if (!(error instanceof ModelError)) throw error;
        failures.push(error.message);
        return [];
      }
    }),
  );
  const files = results.flat();
  const seen = new Set<string>();
  for (const { path } of files) {
    if (seen.has(path)) throw new Error(`Two emitters write ${path}; each generated file has one owner.`);
    seen.add(path);
  }
  return { files, failures };
}

/** Runs every emitter over `model`, failing with the first emitter's ModelError. */
export async function emitAll(
  model: ApiModel,
  emitters: readonly Emitter[] = EMITTERS,
): Promise<GeneratedFile[]> {
  const { files, failures } = await emitEach(model, emitters);
  if (failures.length > 0) throw new ModelError("#", failures.join("\n"));
  return files;
}

/**
 * Regenerates every generated file from spec/: load -> model -> one emitter per output -> format and write.
 *
 * Output is formatted with the repository's prettier config and is byte-identical for the same
 * inputs. Only files whose content changes are written. Curated data that no longer fits the spec
 * never blocks: what fits is generated and `misfits` names the rest; an emitter that cannot serve the
 * spec leaves its files as they were and `failed` says why.
 *
 * @throws {ModelError} naming the spec location of a construct the model does not support.
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const root = options.root ?? REPO_ROOT;
  const model = buildModel(await loadInputs(root));
  const { files, failures } = await emitEach(model);
  const onDisk = new Map(
    await Promise.all(files.map(async ({ path }) => [path, await readIfExists(join(root, path))] as const)),
  );
  const formatted = await formatAll(root, files, onDisk);
  const changed: string[] = [];
  for (const [path, text] of formatted) {
    if (onDisk.get(path) === text) continue;
    changed.push(path);
    if (!options.check) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
  }
  const claimed = new Set(files.map((f) => f.path));
  // A failed emitter's files are unclaimed but not orphans: they wait for the spec or curated fix.
  const orphans =
    failures.length > 0 ? [] : (await listGeneratedFiles(root)).filter((path) => !claimed.has(path));
  const misfits = [...model.curated.misfits];
  return {
    changed,
    orphans: orphans.sort(),
    files: [...claimed],
    misfits,
    misfitMessage: misfits.length === 0 ? null : describeMisfits(misfits),
    failed: failures,
  };
}

function report(result: GenerateResult, check: boolean): boolean {
  if (check) {
    if (result.changed.length + result.orphans.length > 0) {
      console.error("Generated files are out of date with spec/:");
      for (const path of result.changed) console.error(`  stale:   ${path}`);
      for (const path of result.orphans)
        console.error(`  orphan:  ${path} (no generator writes it; delete it)`);
      console.error("Run `pnpm generate` and commit the result.");
      return true;
    }
    if (result.misfits.length === 0)
      console.log(`Generated files are up to date (${result.files.length} files).`);
    return false;
  }
  for (const path of result.changed) console.log(`wrote ${path}`);
  if (result.changed.length === 0) console.log("Generated files already up to date.");
  for (const path of result.orphans) console.error(`orphan: ${path} (no generator writes it; delete it)`);
  return result.orphans.length > 0;
}

/**
 * Runs {@link generate} as a CLI and returns the exit code. Misfits are warnings when generating
 * (everything that fits is written) and failures in `--check` (CI must not pass with them).
 */
export async function main(argv: readonly string[], root: string = REPO_ROOT): Promise<number> {
  const check = argv.includes("--check");
  let result: GenerateResult;
  try {
    result = await generate({ check, root });
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    console.error(`Cannot generate: ${error.message}\nNothing was written.`);
    return 1;
  }
  const failed = report(result, check) || result.failed.length > 0;
  for (const message of result.failed) console.error(`Cannot generate: ${message}`);
  if (result.misfitMessage !== null) {
    console.error(`\n${result.misfitMessage}`);
    if (!check) console.error("Everything that fits was generated; the misfits above were left out.");
  }
  return failed || (check && result.misfits.length > 0) ? 1 : 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
