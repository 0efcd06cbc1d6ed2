/**
 * `pnpm bench` (second half): what regenerating costs over the bare openapi-typescript CLI, the
 * baseline a maintainer would otherwise run, measured in one run and printed as ratios.
 *
 * - Whole command: `pnpm generate --check`'s process (every generated file rendered, prettier-formatted
 *   and compared in memory; it writes nothing) vs `openapi-typescript <spec> -o <tmp file>`'s process.
 * - In process, warm: `generate({ check: true })` vs openapi-typescript's programmatic API alone
 *   (`openapiTS` + `astToString`), which is the part of our work the CLI also does.
 *
 * Variants are interleaved round by round and each figure is the median. It prints; it does not assert.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { generate } from "../scripts/generate.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SPEC = join(ROOT, "spec/openapi-supplier-auth-v2.json");
const CLI = join(ROOT, "node_modules/openapi-typescript/bin/cli.js");
const PROCESS_ROUNDS = 7;
const WARM_ROUNDS = 25;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function timeProcess(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}:\n${result.stderr}`);
  return ms;
}

async function timeAsync(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function report(title: string, baselineName: string, rows: Record<string, number[]>): void {
  const baseline = median(rows[baselineName]!);
  console.log(`\n${title}`);
  for (const [name, samples] of Object.entries(rows)) {
    const ms = median(samples);
    console.log(
      `  ${name.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / baseline).toFixed(2)}x ${baselineName}`,
    );
  }
}

const out = mkdtempSync(join(tmpdir(), "nox-bench-generate-"));
try {
  const cliArgs = [CLI, SPEC, "-o", join(out, "openapi.ts")];
  // What `pnpm generate:check` runs: the launcher that runs the precompiled generator (built once, then cached).
  const oursArgs = [join(ROOT, "scripts/generate.mjs"), "--check"];
  timeProcess(oursArgs);
  const processes: Record<string, number[]> = { "openapi-typescript CLI": [], "pnpm generate --check": [] };
  for (let round = 0; round < PROCESS_ROUNDS; round++) {
    processes["openapi-typescript CLI"]!.push(timeProcess(cliArgs));
    processes["pnpm generate --check"]!.push(timeProcess(oursArgs));
  }

  const spec: unknown = JSON.parse(readFileSync(SPEC, "utf8"));
  const warm: Record<string, number[]> = { "openapi-typescript API": [], "generate({ check: true })": [] };
  const bare = async () => astToString(await openapiTS(structuredClone(spec) as never));
  let rendered = 0;
  const ours = async () => {
    const result = await generate({ root: ROOT, check: true });
    rendered = result.files.length;
    if (result.changed.length > 0) throw new Error(`generated files are stale: ${result.changed.join(", ")}`);
  };
  await bare();
  await ours();
  for (let round = 0; round < WARM_ROUNDS; round++) {
    warm["openapi-typescript API"]!.push(await timeAsync(bare));
    warm["generate({ check: true })"]!.push(await timeAsync(ours));
  }

  console.log(`\nGenerator benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
  report(
    `Whole command, cold process (${PROCESS_ROUNDS} rounds; ours renders ${rendered} files; prettier only for changed ones)`,
    "openapi-typescript CLI",
    processes,
  );
  report(`In process, warm (${WARM_ROUNDS} rounds)`, "openapi-typescript API", warm);
} finally {
  rmSync(out, { recursive: true, force: true });
}
