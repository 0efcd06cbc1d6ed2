import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generate, type GenerateResult } from "./generate.ts";
import { diffSpecs, levelsByPackage, type PackageKey, type SpecChange } from "./lib/diff-spec.ts";
import { isMain } from "./lib/is-main.ts";
import { loadSpec, readUpstreamUrl } from "./lib/load-spec.ts";
import { REPO_ROOT, SPEC_FILE } from "./lib/repo.ts";
import { isSpecUpdateError, SpecUpdateError } from "./lib/spec-errors.ts";
import { validateSpec, type OpenApiDocument } from "./lib/validate-spec.ts";
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

function versionOf(document: unknown): string {
  const version = (document as { info?: { version?: unknown } }).info?.version;
  return typeof version === "string" ? version : "(none)";
}

function titleOf(document: unknown): string {
  const title = (document as { info?: { title?: unknown } }).info?.title;
  return typeof title === "string" ? title : "the API";
}

/**
 * A safety net under the classifier: a generated file that changed in a package no classified change
 * reaches (say, properties reordered) still earns that package a patch, flagged for review.
 */
function unclassifiedOutput(
  generated: GenerateResult,
  changes: readonly SpecChange[],
  packages: ReadonlyMap<PackageKey, string>,
): SpecChange[] {
  const reached = levelsByPackage(changes);
  return generated.changed.flatMap((path) => {
    const key = /^packages\/([^/]+)\//.exec(path)?.[1] as PackageKey | undefined;
    if (key === undefined || !packages.has(key) || reached.has(key)) return [];
    return [
      {
        level: "patch",
        group: "Generated output changed (not classified; review its diff)",
        subject: path,
        packages: [key],
      },
    ];
  });
}

/**
 * Fetches (or reads) a new version of the vendored spec, validates it, writes it byte-for-byte,
 * regenerates, classifies the change per package and writes a changeset.
 *
 * Nothing is written unless the document is read and valid. When the curated brand data no longer
 * matches the spec's brands, the spec, types and changeset are still written and
 * `generated.brandDataMessage` says what to mend.
 *
 * @example
 * const result = await updateSpec({ source: "./openapi-supplier-auth-v2.json" });
 * console.log(result.summary);
 * @throws {SpecSourceError} when the source cannot be read.
 * @throws {InvalidSpecError} when it is not a valid OpenAPI 3.x document the generator can use.
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

  const specPath = join(root, SPEC_FILE);
  const previousBytes = await readFile(specPath);
  let previous: unknown;
  try {
    previous = JSON.parse(previousBytes.toString("utf8"));
  } catch (cause) {
    throw new SpecUpdateError(
      `${SPEC_FILE} is not JSON, so the update cannot be classified. Restore it (git checkout -- ${SPEC_FILE}) and run again. Nothing was changed.`,
      { cause },
    );
  }
  const heading = { title: titleOf(next), oldVersion: versionOf(previous), newVersion: versionOf(next) };
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

  const changes = diffSpecs(previous, next);
  await writeFile(specPath, loaded.bytes);
  let generated: GenerateResult;
  try {
    generated = await generate({ root });
  } catch (error) {
    // Keep the promise that a failed run leaves the spec as it was.
    await writeFile(specPath, previousBytes);
    throw error;
  }

  const packages = await readWorkspacePackages(root);
  changes.push(...unclassifiedOutput(generated, changes, packages));
  if (changes.length === 0) {
    const summary = `${SPEC_FILE} now holds ${loaded.source}'s exact bytes; the document is the same (formatting only), so no package changes and no changeset was written.`;
    return { ...base, status: "reformatted", changes, generated, summary };
  }

  const levels = levelsByPackage(changes);
  const bumps: PackageBump[] = [...packages].flatMap(([key, name]) => {
    const level = levels.get(key);
    return level === undefined ? [] : [{ name, level }];
  });
  const summary = summarizeChanges(changes, heading);
  if (bumps.length === 0) {
    return {
      ...base,
      status: "updated",
      changes,
      generated,
      summary: `${summary}\n\nNo package is affected; no changeset was written.`,
    };
  }
  const changeset = changesetPath(heading.newVersion, loaded.bytes);
  await writeChangeset(root, changeset, renderChangeset(bumps, summary));
  return { ...base, status: "updated", changes, bumps, changeset, generated, summary };
}

const USAGE = `Usage: pnpm update-spec [url-or-file] [--timeout <ms>]

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
      options: { timeout: { type: "string" }, help: { type: "boolean", short: "h" } },
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
    result = await updateSpec({
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
      console.error(`orphan: ${path} (no generator writes it; delete it)`);
  }
  if (result.changeset !== null) {
    console.log(`\nBumps: ${result.bumps.map((b) => `${b.name} ${b.level}`).join(", ")}`);
    console.log(`wrote ${result.changeset}`);
  }
  const labelMessage = result.generated?.labelDataMessage ?? null;
  if (labelMessage !== null) console.error(`\n${labelMessage}`);
  const message = result.generated?.brandDataMessage ?? null;
  if (message !== null) {
    console.error(`\n${message}`);
    console.error(
      "The spec, the types and the changeset were written; the enum files wait for the data file.",
    );
    return 1;
  }
  return labelMessage === null ? 0 : 1;
}

if (isMain(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
