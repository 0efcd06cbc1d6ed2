import { readFileSync } from "node:fs";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { emitApiReference } from "./emit/api-reference.ts";
import { EMITTERS } from "./emit/index.ts";
import { formatAll } from "./lib/format.ts";
import { isMain } from "./lib/is-main.ts";
import { REPO_ROOT, SPEC_FILE } from "./lib/repo.ts";
import { buildModel } from "./model/build-model.ts";
import { describeMisfits } from "./model/curated.ts";
import { describeWarnings, ModelError, type ModelProblem } from "./model/errors.ts";
import { loadInputs, type ModelInputs } from "./model/load.ts";
import type { ApiModel, Emitter, GeneratedFile, Misfit, ModelWarning } from "./model/types.ts";

/** Options for {@link generate}. */
export interface GenerateOptions {
  /** Repository root holding spec/ and packages/ (default: this repository). */
  root?: string;
  /** Compare with what is on disk instead of writing. */
  check?: boolean;
  /** The emitters to run (default: every registered one, scripts/emit/index.ts); tests inject a failing one. */
  emitters?: readonly Emitter[];
}

/** What {@link generate} did, or in check mode would do. */
export interface GenerateResult {
  /** Files whose content changed (written), or in check mode differ from what would be generated. */
  changed: string[];
  /**
   * Files under a `src/generated/` folder that no emitter claims (a plug-in turned off, an emitter
   * removed): deleted by a run that writes, named by `--check`.
   */
  orphans: string[];
  /** Every file generated. */
  files: string[];
  /** Curated data that no longer fits the spec (what fits was generated; these were left out). */
  misfits: Misfit[];
  /** The message that names the misfits and the files to edit; `null` when there are none. */
  misfitMessage: string | null;
  /** What the model read with a caveat (printed, never fatal). */
  warnings: ModelWarning[];
}

/** Everything a run would write, computed in memory: nothing is on disk until {@link writePlan}. */
export interface GeneratePlan extends GenerateResult {
  /** The formatted text of every generated file, by path relative to the root. */
  texts: ReadonlyMap<string, string>;
  /** What the emitters returned, before formatting (what the classifier compares). */
  sources: readonly GeneratedFile[];
}

function readIfExistsSync(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
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

/** A problem for an error an emitter (or a library it calls) threw: its problems, or its message naming the emitter. */
function problemsOf(error: unknown, who: string): ModelProblem[] {
  if (error instanceof ModelError) return [...error.problems];
  // A library's plain Error (openapi-typescript, prettier): its message, without a stack, naming who ran it.
  const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  return [{ pointer: SPEC_FILE, message: `${who} failed: ${message}` }];
}

/**
 * Runs every emitter over `model` (unformatted sources). Every emitter runs; the problems of all that
 * fail are thrown together, so a refusal names every place at once.
 *
 * @throws {ModelError} listing each failing emitter's problems (its JSON pointers).
 */
export async function emitAll(
  model: ApiModel,
  emitters: readonly Emitter[] = EMITTERS,
): Promise<GeneratedFile[]> {
  const problems: ModelProblem[] = [];
  const results = await Promise.all(
    emitters.map(async (emit) => {
      try {
        return await emit(model);
      } catch (error) {
        problems.push(...problemsOf(error, `the ${emit.name || "anonymous"} emitter (scripts/emit/)`));
        return [];
      }
    }),
  );
  const files = results.flat();
  const seen = new Set<string>();
  for (const { path } of files) {
    if (seen.has(path))
      problems.push({ pointer: path, message: "two emitters write it; each generated file has one owner." });
    seen.add(path);
  }
  if (problems.length > 0) throw ModelError.of(problems);
  return files;
}

/**
 * Computes a whole run in memory from `inputs` (default: `root`'s spec/): the model, every emitter,
 * prettier, and what differs from disk. Writes nothing.
 *
 * @throws {ModelError} listing every problem (model, emitters, formatting) by JSON pointer.
 */
export async function planGenerate(
  root: string,
  options: { inputs?: ModelInputs; emitters?: readonly Emitter[] } = {},
): Promise<GeneratePlan> {
  const model = buildModel(options.inputs ?? (await loadInputs(root)));
  const files = await emitAll(model, options.emitters);
  // The API reference reads the other emitters' output and the packages' hand-written exports.
  if (options.emitters === undefined) files.push(...(await referenceOf(root, model, files)));
  const onDisk = new Map(
    await Promise.all(files.map(async ({ path }) => [path, await readIfExists(join(root, path))] as const)),
  );
  let texts: Map<string, string>;
  try {
    texts = await formatAll(root, files, onDisk);
  } catch (error) {
    throw ModelError.of(problemsOf(error, "prettier (scripts/lib/format.ts)"), { cause: error });
  }
  const changed = [...texts].filter(([path, text]) => onDisk.get(path) !== text).map(([path]) => path);
  const claimed = new Set(files.map((f) => f.path));
  const orphans = (await listGeneratedFiles(root)).filter((path) => !claimed.has(path));
  const misfits = [...model.curated.misfits];
  return {
    texts,
    sources: files,
    changed,
    orphans: orphans.sort(),
    files: [...claimed],
    misfits,
    misfitMessage: misfits.length === 0 ? null : describeMisfits(misfits),
    warnings: [...model.warnings],
  };
}

/** Each package's API.md (scripts/emit/api-reference.ts), a failure named like an emitter's. */
async function referenceOf(root: string, model: ApiModel, files: readonly GeneratedFile[]) {
  const sources = new Map<string, string | undefined>();
  const read = (path: string) => {
    if (!sources.has(path)) sources.set(path, readIfExistsSync(join(root, path)));
    return sources.get(path);
  };
  try {
    return emitApiReference(model, files, read);
  } catch (error) {
    throw ModelError.of(problemsOf(error, "the emitApiReference emitter (scripts/emit/)"), { cause: error });
  }
}

/** Writes the files of `plan` that changed and deletes its orphans (and touches nothing else). */
export async function writePlan(root: string, plan: GeneratePlan): Promise<void> {
  for (const path of plan.changed) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), plan.texts.get(path)!);
  }
  for (const path of plan.orphans) await rm(join(root, path), { force: true });
}

/**
 * Regenerates every generated file from spec/: load -> model -> one emitter per output -> format and write.
 *
 * All or nothing: the model, every emitter and prettier run in memory first; a file is written only
 * when all of them succeeded, and only when its content changes. Output is formatted with the
 * repository's prettier config and is byte-identical for the same inputs. Curated data that no longer
 * fits the spec never blocks: what fits is generated and `misfits` names the rest.
 *
 * @throws {ModelError} naming every spec location the model or an emitter cannot serve (nothing written).
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const root = options.root ?? REPO_ROOT;
  const plan = await planGenerate(root, { ...(options.emitters && { emitters: options.emitters }) });
  if (!options.check) await writePlan(root, plan);
  const { texts: _, sources: __, ...result } = plan;
  return result;
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
  for (const path of result.orphans) console.log(`removed ${path} (no generator writes it any more)`);
  if (result.changed.length + result.orphans.length === 0) console.log("Generated files already up to date.");
  return false;
}

/**
 * Runs {@link generate} as a CLI and returns the exit code. Misfits are warnings when generating
 * (everything that fits is written) and failures in `--check` (CI must not pass with them).
 */
export async function main(
  argv: readonly string[],
  root: string = REPO_ROOT,
  emitters?: readonly Emitter[],
): Promise<number> {
  const check = argv.includes("--check");
  let result: GenerateResult;
  try {
    result = await generate({ check, root, ...(emitters && { emitters }) });
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    console.error(`Cannot generate: ${error.message}\nNothing was written.`);
    return 1;
  }
  if (result.warnings.length > 0) console.error(describeWarnings(result.warnings));
  const failed = report(result, check);
  if (result.misfitMessage !== null) {
    console.error(`\n${result.misfitMessage}`);
    if (!check) console.error("Everything that fits was generated; the misfits above were left out.");
  }
  return failed || (check && result.misfits.length > 0) ? 1 : 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
