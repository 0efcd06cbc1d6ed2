import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { planGenerate, writePlan, type GeneratePlan, type GenerateResult } from "./generate.ts";
import { levelsByPackage, type SpecChange } from "./diff/changes.ts";
import { diffModels } from "./diff/diff-models.ts";
import { proveCompatible } from "./diff/prove-compat.ts";
import { isMain } from "./lib/is-main.ts";
import { loadSpec, readUpstreamUrl } from "./lib/load-spec.ts";
import { REPO_ROOT, SPEC_FILE } from "./lib/repo.ts";
import { isSpecUpdateError, SpecUpdateError } from "./lib/spec-errors.ts";
import { validateSpec, type OpenApiDocument } from "./lib/validate-spec.ts";
import { buildModel } from "./model/build-model.ts";
import { describeWarnings, ModelError } from "./model/errors.ts";
import { loadInputs, loadInputsAt, type ModelInputs } from "./model/load.ts";
import type { ApiModel, Emitter } from "./model/types.ts";
import { readWorkspacePackages } from "./lib/workspace-packages.ts";
import {
  changesetPath,
  renderChangeset,
  summarizeChanges,
  writeChangeset,
  type PackageBump,
} from "./lib/write-changeset.ts";

/** How long a fetch may take before update-spec gives up, unless told otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Options for {@link updateSpec}. */
export interface UpdateSpecOptions {
  /** Repository root holding spec/ and packages/ (default: this repository). */
  root?: string;
  /** A URL or file path; default: the upstream URL recorded in spec/README.md. */
  source?: string;
  /** Fetch timeout in milliseconds (default {@link DEFAULT_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** The fetch to use for URLs; tests inject one. */
  fetch?: typeof globalThis.fetch;
  /** Directory a relative file source is resolved from (default: the current directory). */
  cwd?: string;
  /** The emitters to run (default: every registered one); tests inject a failing one. */
  emitters?: readonly Emitter[];
}

/** What {@link updateSpec} found and did. */
export interface UpdateSpecResult {
  /** The URL or absolute path read. */
  source: string;
  /**
   * `unchanged`: same bytes, nothing written. `reformatted`: new bytes, same document (written, no
   * changeset). `updated`: the document changed (written, regenerated, changeset when a package is reached).
   */
  status: "unchanged" | "reformatted" | "updated";
  changes: SpecChange[];
  /** The bump per existing package, in a fixed order; empty when no package is reached. */
  bumps: PackageBump[];
  /** The changeset written, relative to the root; `null` when none was. */
  changeset: string | null;
  /** The summary printed (and, when a changeset is written, its body). */
  summary: string;
  /** What regenerating did; `null` when the spec was unchanged. */
  generated: GenerateResult | null;
}

/** Builds a model, turning an unsupported construct into a refusal that names it and changes nothing. */
function modelOf(inputs: ModelInputs, source: string): ApiModel {
  try {
    return buildModel(inputs);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    throw new SpecUpdateError(`${source} cannot be modelled: ${error.message}\nNothing was changed.`, {
      cause: error,
    });
  }
}

/** spec/ as committed (the "before" side of curated data), or as on disk outside a git checkout. */
async function committedInputs(root: string): Promise<ModelInputs | null> {
  return loadInputsAt(root, "HEAD").catch(() => null);
}

/**
 * Classifies per package from two models: what each package exposes and does at run time
 * (scripts/diff/surfaces.ts) decides whether it is reached, the detailed change list how much.
 * With `prove`, a usage file written from the old model is type-checked against the new types
 * (scripts/diff/prove-compat.ts): a compile error the classifier did not already call major is added.
 */
export async function classify(
  before: ApiModel,
  after: ApiModel,
  options: { prove?: boolean } = {},
): Promise<SpecChange[]> {
  const changes = diffModels(before, after);
  if (!options.prove || levelsByPackage(changes).get("types") === "major") return changes;
  return [...changes, ...(await proveCompatible(before, after))];
}

/** Plans the regeneration in memory, turning a refusal into a SpecUpdateError that says nothing changed. */
async function plan(
  root: string,
  inputs: ModelInputs,
  emitters: readonly Emitter[] | undefined,
): Promise<GeneratePlan> {
  try {
    return await planGenerate(root, { inputs, ...(emitters && { emitters }) });
  } catch (error) {
    if (error instanceof ModelError)
      throw new SpecUpdateError(`Cannot generate: ${error.message}\nNothing was changed.`, { cause: error });
    throw error;
  }
}

/** What a classified update writes besides the generated files: the bumps, the summary and the changeset. */
interface Release extends Pick<UpdateSpecResult, "bumps" | "changeset" | "summary"> {
  /** The changeset's text, `null` when no package is reached. */
  text: string | null;
}

/** Bumps, summary and (when a package is reached) the changeset text, for a classified update: in memory. */
async function release(
  root: string,
  changes: SpecChange[],
  generated: GenerateResult,
  heading: { title: string; oldVersion: string; newVersion: string },
  changesetName: string,
): Promise<Release> {
  const packages = await readWorkspacePackages(root);
  const levels = levelsByPackage(changes);
  const bumps: PackageBump[] = [...packages].flatMap(([key, name]) => {
    const level = levels.get(key);
    return level === undefined ? [] : [{ name, level }];
  });
  const summary = summarizeChanges(changes, heading);
  if (bumps.length === 0) {
    return {
      bumps,
      changeset: null,
      text: null,
      summary: `${summary}\n\nNo package is affected; no changeset was written.`,
    };
  }
  return { bumps, changeset: changesetName, text: renderChangeset(bumps, summary), summary };
}

/** Writes everything an update computed, once all of it succeeded: the spec bytes, generated files, changeset. */
async function commit(
  root: string,
  writes: { spec?: Buffer; plan: GeneratePlan; release?: Release },
): Promise<void> {
  if (writes.spec !== undefined) await writeFile(join(root, SPEC_FILE), writes.spec);
  await writePlan(root, writes.plan);
  const { release } = writes;
  if (release !== undefined && release.changeset !== null && release.text !== null)
    await writeChangeset(root, release.changeset, release.text);
}

/** A plan's result without its texts. */
const resultOf = ({ texts: _, sources: __, ...result }: GeneratePlan): GenerateResult => result;

/**
 * Fetches (or reads) a new version of the vendored spec, validates it, writes it byte-for-byte,
 * regenerates, classifies the change per package from the two models and writes a changeset.
 *
 * The "before" model is the vendored spec with the committed curated data (HEAD's spec/), the
 * "after" model the new spec with the working tree's curated data, so curated edits made with the
 * update are classified too. Nothing is written unless the document is read, valid and modellable;
 * curated data that no longer fits is named in `generated.misfitMessage`, never a refusal.
 *
 * @example
 * const result = await updateSpec({ source: "./openapi-supplier-auth-v2.json" });
 * console.log(result.summary);
 * @throws {SpecSourceError} when the source cannot be read.
 * @throws {InvalidSpecError} when it is not a valid OpenAPI 3.x document.
 */
export async function updateSpec(options: UpdateSpecOptions = {}): Promise<UpdateSpecResult> {
  const root = options.root ?? REPO_ROOT;
  const source = options.source ?? (await readUpstreamUrl(root));
  const loaded = await loadSpec(source, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.fetch && { fetch: options.fetch }),
    ...(options.cwd !== undefined && { cwd: options.cwd }),
  });
  const next: OpenApiDocument = await validateSpec(loaded.bytes, loaded.source);
  const previousBytes = await readFile(join(root, SPEC_FILE));
  const current = await loadInputs(root).catch((cause: unknown) => {
    throw new SpecUpdateError(
      `${SPEC_FILE} or the curated data in spec/ is not JSON, so the update cannot be classified. Restore it (git checkout -- spec) and run again. Nothing was changed.`,
      { cause },
    );
  });
  const committed = (await committedInputs(root)) ?? current;
  const before = modelOf({ ...committed, document: current.document }, SPEC_FILE);
  const after = modelOf({ ...current, document: next }, loaded.source);
  const heading = {
    title: after.info.title,
    oldVersion: before.info.version,
    newVersion: after.info.version,
  };
  const base = { source: loaded.source, bumps: [], changeset: null };
  if (previousBytes.equals(loaded.bytes)) {
    return {
      ...base,
      status: "unchanged",
      changes: [],
      generated: null,
      summary: `${SPEC_FILE} is already up to date with ${loaded.source}.`,
    };
  }
  // All or nothing: the new files, the classification and the changeset are computed before anything is written.
  const planned = await plan(root, { ...current, document: next }, options.emitters);
  const changes = await classify(before, after, { prove: true });
  const generated = resultOf(planned);
  // Key order counts: the types list properties in the spec's order.
  if (JSON.stringify(current.document) === JSON.stringify(next)) {
    await commit(root, { spec: loaded.bytes, plan: planned });
    const summary = `${SPEC_FILE} now holds ${loaded.source}'s exact bytes; the document is the same (formatting only), so no package changes and no changeset was written.`;
    return { ...base, status: "reformatted", changes, generated, summary };
  }
  const rel = await release(
    root,
    changes,
    generated,
    heading,
    changesetPath(heading.newVersion, loaded.bytes),
  );
  await commit(root, { spec: loaded.bytes, plan: planned, release: rel });
  const { text: _, ...out } = rel;
  return { ...base, status: "updated", changes, generated, ...out };
}

/**
 * Classifies what changed in spec/ since the last commit (curated data: brands.json, method-names.json,
 * or a hand-placed spec), regenerates and writes a changeset: `pnpm update-spec --curated`.
 *
 * @throws {SpecUpdateError} when spec/ has no committed version to compare with.
 */
export async function updateCurated(
  options: Pick<UpdateSpecOptions, "root" | "emitters"> = {},
): Promise<UpdateSpecResult> {
  const root = options.root ?? REPO_ROOT;
  const committed = await committedInputs(root);
  if (committed === null)
    throw new SpecUpdateError(
      `${SPEC_FILE} has no committed version (HEAD) to compare spec/ with; commit it first. Nothing was changed.`,
    );
  const before = modelOf(committed, `HEAD:${SPEC_FILE}`);
  const inputs = await loadInputs(root);
  const after = modelOf(inputs, SPEC_FILE);
  const planned = await plan(root, inputs, options.emitters);
  const changes = await classify(before, after, { prove: true });
  const generated = resultOf(planned);
  const heading = {
    title: after.info.title,
    oldVersion: before.info.version,
    newVersion: after.info.version,
  };
  const name = changesetPath(`curated-${heading.newVersion}`, Buffer.from(JSON.stringify(changes)));
  const rel = await release(root, changes, generated, heading, name);
  await commit(root, { plan: planned, release: rel });
  const { text: _, ...out } = rel;
  return {
    source: "spec/ (working tree vs HEAD)",
    status: changes.length === 0 ? "unchanged" : "updated",
    changes,
    generated,
    ...out,
  };
}

const USAGE = `Usage: pnpm update-spec [url-or-file] [--timeout <ms>]
       pnpm update-spec --curated   (classify spec/ edits since HEAD: brands.json, method-names.json)

Fetches the spec (default: the upstream URL in spec/README.md), validates it, writes it to
${SPEC_FILE} byte-for-byte, regenerates, and writes a changeset classifying the change.`;

/** Runs {@link updateSpec} as a CLI and returns the exit code. */
export async function main(
  argv: readonly string[],
  options: Omit<UpdateSpecOptions, "source" | "timeoutMs"> = {},
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        timeout: { type: "string" },
        curated: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const timeoutMs = parsed.values.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(parsed.values.timeout);
  if (parsed.values.help || parsed.positionals.length > 1 || !Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    console.error(USAGE);
    return parsed.values.help ? 0 : 2;
  }

  let result: UpdateSpecResult;
  try {
    result = parsed.values.curated
      ? await updateCurated(options)
      : await updateSpec({
          ...options,
          timeoutMs,
          ...(parsed.positionals[0] !== undefined && { source: parsed.positionals[0] }),
          // pnpm runs scripts from the repository root; a relative path means one from where it was typed.
          cwd: options.cwd ?? process.env.INIT_CWD ?? process.cwd(),
        });
  } catch (error) {
    if (!isSpecUpdateError(error)) throw error;
    console.error(error.message);
    return 1;
  }

  console.log(result.summary);
  if (result.generated !== null) {
    for (const path of result.generated.changed) console.log(`wrote ${path}`);
    for (const path of result.generated.orphans)
      console.log(`removed ${path} (no generator writes it any more)`);
  }
  if (result.changeset !== null) {
    console.log(`\nBumps: ${result.bumps.map((b) => `${b.name} ${b.level}`).join(", ")}`);
    console.log(`wrote ${result.changeset}`);
  }
  const warnings = result.generated?.warnings ?? [];
  if (warnings.length > 0) console.error(`\n${describeWarnings(warnings)}`);
  const message = result.generated?.misfitMessage ?? null;
  if (message !== null) {
    console.error(`\n${message}`);
    console.error(
      "Everything was written; what did not fit was left out of the enum files until the data is mended.",
    );
    return 1;
  }
  return 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
