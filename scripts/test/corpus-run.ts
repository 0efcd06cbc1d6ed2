/**
 * One corpus document through the whole maintainer path, in a throwaway copy of the repository
 * (./built-repo.ts): `update-spec <doc>`, the four packages' build, a type-check of their sources, and
 * the generated conformance run (./conformance-driver.ts). Every stage is timed; the first that fails
 * stops the document, and {@link problemsOf} lists what did not conform, readably.
 */
import { createBuiltRepo } from "./built-repo.ts";
import type { Outcome, Report } from "./conformance-driver.ts";
import type { CorpusDocument } from "./corpus-fetch.ts";
import type { UpdateOutcome } from "./corpus-update.ts";

/** How a document is run: GitHub's conformance run calls a seeded sample of its operations. */
export interface CorpusPlan {
  /** Call this many operations (a seeded sample), not all. */
  sample?: number;
}

/** The plans by corpus id; a document not listed runs every operation. */
export const PLANS: Readonly<Record<string, CorpusPlan>> = { github: { sample: 40 } };

/** One stage's time, and its failure (the first lines of what it printed). */
export interface StageResult {
  ms: number;
  error?: string;
}

/** What one document did. */
export interface DocumentResult {
  id: string;
  from: string;
  update?: StageResult & { outcome?: UpdateOutcome; warnings: string[] };
  build?: StageResult;
  typecheck?: StageResult;
  conformance?: StageResult & { report?: Report };
  ms: number;
}

const firstLines = (text: string, lines = 12): string => text.trim().split("\n").slice(0, lines).join("\n");

/** A stage's time and thrown error (its message's first lines), with its value when it succeeded. */
async function stage<T>(work: () => Promise<T>): Promise<StageResult & { value?: T }> {
  const started = performance.now();
  try {
    const value = await work();
    return { ms: Math.round(performance.now() - started), value };
  } catch (error) {
    return { ms: Math.round(performance.now() - started), error: firstLines((error as Error).message) };
  }
}

/** The lines a generator prints as warnings (`warning: ...`, `Warning ...`). */
const warningsIn = (log: string): string[] => log.split("\n").filter((line) => /\bwarn(ing)?\b/i.test(line));

/** Runs `doc` through update-spec, build, type-check and conformance in its own copy. */
export async function runDocument(
  doc: CorpusDocument,
  plan: CorpusPlan = PLANS[doc.id] ?? {},
): Promise<DocumentResult> {
  const started = performance.now();
  const result: DocumentResult = { id: doc.id, from: doc.from, ms: 0 };
  const repo = await createBuiltRepo();
  try {
    const update = await stage(() => repo.updateSpecFile(doc.file));
    const outcome = update.value?.outcome;
    // The result's own list when it has one, else what the run printed as warnings.
    const warnings = outcome?.warnings?.length ? outcome.warnings : warningsIn(update.value?.log ?? "");
    result.update = { ms: update.ms, warnings: [...new Set(warnings)], ...(outcome && { outcome }) };
    const refused =
      update.error ?? (outcome?.ok ? undefined : firstLines(outcome?.error ?? "no outcome", 20));
    const failed = outcome?.failed?.length
      ? `emitters failed:\n${outcome.failed.map((f) => `- ${f}`).join("\n")}`
      : undefined;
    if (refused ?? failed) {
      result.update.error = (refused ?? failed)!;
      return result;
    }
    const build = await stage(() => repo.buildJs());
    result.build = { ms: build.ms, ...(build.error && { error: build.error }) };
    if (build.error) return result;
    const args = plan.sample === undefined ? [] : ["[]", "--sample", String(plan.sample)];
    // Independent of each other, and each mostly one core: side by side.
    const [typecheck, conformance] = await Promise.all([
      stage(() => repo.typecheckSources()),
      stage(() => repo.runJson<Report>("scripts/test/conformance-driver.ts", args, { timeoutMs: 300_000 })),
    ]);
    const typeError = typecheck.error ?? (typecheck.value ? firstLines(typecheck.value) : undefined);
    result.typecheck = { ms: typecheck.ms, ...(typeError !== undefined && { error: typeError }) };
    result.conformance = {
      ms: conformance.ms,
      ...(conformance.error && { error: conformance.error }),
      ...(conformance.value && { report: conformance.value }),
    };
    return result;
  } finally {
    result.ms = Math.round(performance.now() - started);
    await repo.dispose();
  }
}

/** An outcome that broke its expectation, or undefined. */
function misfit(o: Outcome): string | undefined {
  if (o.expect === "valid" && (o.outcome !== "ok" || o.sent !== 1))
    return `${o.operationId} ${o.name}: expected to resolve with one request, got ${o.outcome} (${o.sent} sent)${o.message ? `: ${o.message}` : ""}`;
  if (o.expect === "invalid" && (o.outcome !== "NoxValidationError" || o.sent !== 0))
    return `${o.operationId} ${o.name}: expected a NoxValidationError with nothing sent, got ${o.outcome} (${o.sent} sent)${o.message && o.outcome !== "ok" ? `: ${o.message}` : ""}`;
  return undefined;
}

/** Everything `result` did not conform in, one readable line (or block) each; empty when it passed. */
export function problemsOf(result: DocumentResult): string[] {
  const { update, build, typecheck, conformance } = result;
  if (update?.error) return [`update-spec: ${update.error}`];
  if (build?.error) return [`build: ${build.error}`];
  const out: string[] = [];
  if (typecheck?.error) out.push(`type-check of the packages' src:\n${typecheck.error}`);
  if (conformance?.error) out.push(`conformance run: ${conformance.error}`);
  const report = conformance?.report;
  if (report) {
    for (const id of report.noValidInput)
      out.push(`${id}: no valid input found (the sampler's and faker's candidates were all refused)`);
    const called = new Set(report.outcomes.filter((o) => o.expect === "valid").map((o) => o.operationId));
    for (const id of report.called) if (!called.has(id)) out.push(`${id}: no valid call made`);
    out.push(...report.outcomes.flatMap((o) => misfit(o) ?? []));
  }
  return out;
}

/** One summary line per document: each stage's time, calls made and what did not conform. */
export function summaryLine(result: DocumentResult): string {
  const seconds = (ms?: number) => (ms === undefined ? "-" : `${(ms / 1000).toFixed(1)}s`);
  const report = result.conformance?.report;
  const calls = report
    ? `${report.called.length}/${report.operations.length} ops, ${report.outcomes.filter((o) => o.expect === "valid").length} valid + ${report.outcomes.filter((o) => o.expect === "invalid").length} invalid calls`
    : "no calls";
  const all = problemsOf(result);
  const problems = all.length;
  // The problem's first line, with the line after it when it ends by announcing a list.
  const lines = (all[0] ?? "").split("\n").map((line) => line.trim());
  const first =
    all[0] === undefined
      ? undefined
      : lines[0]!.endsWith(":") && lines[1]
        ? `${lines[0]} ${lines[1]}`
        : lines[0];
  return [
    result.id.padEnd(18),
    problems === 0 ? "pass" : `FAIL (${problems})`,
    `update ${seconds(result.update?.ms)}`,
    `build ${seconds(result.build?.ms)}`,
    `tsc ${seconds(result.typecheck?.ms)}`,
    `conformance ${seconds(result.conformance?.ms)}`,
    `total ${seconds(result.ms)}`,
    calls,
    `${result.update?.warnings.length ?? 0} warnings`,
    result.update?.outcome?.misfitMessage ? "misfits: yes" : "misfits: none",
    ...(first === undefined ? [] : [`first: ${first.slice(0, 160)}`]),
  ].join(" | ");
}
