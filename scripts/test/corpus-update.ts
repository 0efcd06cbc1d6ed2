/**
 * Run with tsx inside a copy of the repository (./built-repo.ts): `pnpm update-spec <source>` as its
 * function, with what it returned written as JSON to the file named by argument 2. What the generator
 * printed meanwhile (warnings) stays on stdout/stderr for the caller to record. A refusal is a result
 * too (`ok: false`), so the caller can say what was refused.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { updateSpec } from "../update-spec.ts";

/** What the corpus test reads of an update. */
export interface UpdateOutcome {
  ok: boolean;
  ms: number;
  /** The refusal: its class and message. */
  error?: string;
  status?: string;
  bumps?: { name: string; level: string }[];
  changeset?: string | null;
  /** The update's summary (the changeset's body). */
  summary?: string;
  misfitMessage?: string | null;
  failed?: readonly string[];
  /** Warnings the generator returned (when its result carries them). */
  warnings?: readonly string[];
}

const [source, out] = process.argv.slice(2);
const started = performance.now();
let outcome: UpdateOutcome;
try {
  const result = await updateSpec({ root: join(import.meta.dirname, "..", ".."), source: source! });
  // Read loosely: the generator's result gains and loses fields (warnings as objects, failed emitters).
  const generated = result.generated as unknown as {
    misfitMessage?: string | null;
    failed?: readonly string[];
    warnings?: readonly (string | { kind?: string; pointer?: string; message?: string })[];
  } | null;
  const warnings = (generated?.warnings ?? []).map((w) =>
    typeof w === "string" ? w : [w.kind && `${w.kind}:`, w.pointer, w.message].filter(Boolean).join(" "),
  );
  outcome = {
    ok: true,
    ms: 0,
    status: result.status,
    bumps: result.bumps,
    changeset: result.changeset,
    summary: result.summary,
    misfitMessage: generated?.misfitMessage ?? null,
    failed: generated?.failed ?? [],
    warnings,
  };
} catch (error) {
  const { name, message } = error as Error;
  outcome = { ok: false, ms: 0, error: `${name}: ${message}` };
}
outcome.ms = Math.round(performance.now() - started);
writeFileSync(out!, JSON.stringify(outcome));
