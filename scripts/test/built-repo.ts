import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { TSC_NATIVE } from "@nox-energy/tool-typescript-native/tsc";
import { copyWorkingTree } from "../../e2e/lib/release-workspace.ts";
import { run as runCommand } from "../../e2e/lib/run.ts";
import { REPO_ROOT } from "../lib/repo.ts";
import { updateSpec, type UpdateSpecResult } from "../update-spec.ts";
import type { UpdateOutcome } from "./corpus-update.ts";

const run = promisify(execFile);

/** The packages, in build order: each one's declarations are read by the ones after it. */
const BUILD_ORDER = ["types", "enums", "client", "testing"] as const;

/** A whole throwaway copy of the repository, with the workspace's own links pointing inside it. */
export interface BuiltRepo {
  root: string;
  /** Runs `pnpm update-spec <spec>` (the {@link updateSpec} function) on the copy. */
  updateSpec(spec: unknown): Promise<UpdateSpecResult>;
  /** Builds every package as `pnpm build` does (tsup per package), in dependency order. */
  build(): Promise<void>;
  /** Runs a TypeScript file of the copy with tsx and parses the JSON it prints. */
  runJson<T>(file: string, args?: readonly string[], options?: { timeoutMs?: number }): Promise<T>;
  /**
   * `pnpm update-spec <file>` in a process of its own (./corpus-update.ts): what it returned, or its
   * refusal, and what it printed meanwhile (the generator's warnings).
   */
  updateSpecFile(
    file: string,
    options?: { timeoutMs?: number },
  ): Promise<{ outcome: UpdateOutcome; log: string }>;
  /**
   * Builds the four packages' JavaScript in one process (./corpus-build.ts: each tsup config, no
   * declarations) and writes `tsconfig.sources.json` for {@link typecheckSources}.
   */
  buildJs(options?: { timeoutMs?: number }): Promise<void>;
  /** `tsc --noEmit` over the four packages' `src` in one program: what it printed, empty when clean. */
  typecheckSources(options?: { timeoutMs?: number }): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * The node_modules directories copied link by link: pnpm's links are relative, so the copies of
 * `@nox-energy/*` reach the copy's packages, and every other link reaches the real store, which the
 * copy's root `node_modules/.pnpm` links to.
 */
async function linkNodeModules(root: string): Promise<void> {
  const store = join(REPO_ROOT, "node_modules", ".pnpm");
  const dirs = ["node_modules", ...BUILD_ORDER.map((p) => join("packages", p, "node_modules"))];
  for (const dir of dirs) {
    await cp(join(REPO_ROOT, dir), join(root, dir), {
      recursive: true,
      verbatimSymlinks: true,
      // No dot entry but .bin: not the store (linked below), nor what other tests write and delete
      // meanwhile (vite's cache, client-operations.test.ts's fixture).
      filter: (source) => dirname(source) !== join(REPO_ROOT, dir) || !/^\.(?!bin$)/.test(basename(source)),
    });
  }
  await symlink(store, join(root, "node_modules", ".pnpm"), "dir");
}

/** Copies the repository's sources (no outputs) to a temp directory; nothing in it is edited by hand. */
export async function createBuiltRepo(): Promise<BuiltRepo> {
  const root = await mkdtemp(join(tmpdir(), "nox-built-"));
  // As a clean clone: what git tracks (and untracked, not ignored), committed once.
  await copyWorkingTree(REPO_ROOT, root);
  await linkNodeModules(root);
  const tsx = join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
  return {
    root,
    async updateSpec(spec) {
      const source = join(root, "upstream-openapi.json");
      await writeFile(source, `${JSON.stringify(spec, null, 2)}\n`);
      return updateSpec({ root, source });
    },
    async build() {
      const tsup = (pkg: string) => {
        const cwd = join(root, "packages", pkg);
        return run(process.execPath, [join(cwd, "node_modules/tsup/dist/cli-default.js")], { cwd });
      };
      // One at a time: `pnpm test` runs other suites meanwhile, some with time limits.
      for (const pkg of BUILD_ORDER) await tsup(pkg);
    },
    async runJson(file, args = [], options = {}) {
      const { stdout } = await runCommand(process.execPath, [tsx, join(root, file), ...args], {
        cwd: root,
        timeoutMs: options.timeoutMs ?? 120_000,
      });
      return JSON.parse(stdout) as never;
    },
    async updateSpecFile(file, options = {}) {
      const out = join(root, ".corpus-update.json");
      const script = join(root, "scripts/test/corpus-update.ts");
      const { stdout, stderr } = await runCommand(process.execPath, [tsx, script, file, out], {
        cwd: root,
        timeoutMs: options.timeoutMs ?? 300_000,
      });
      return { outcome: JSON.parse(await readFile(out, "utf8")) as UpdateOutcome, log: stdout + stderr };
    },
    async buildJs(options = {}) {
      await runCommand(process.execPath, [tsx, join(root, "scripts/test/corpus-build.ts")], {
        cwd: root,
        timeoutMs: options.timeoutMs ?? 300_000,
      });
    },
    async typecheckSources(options = {}) {
      // TypeScript 7: GitHub's generated sources take 9 s to check with it, 23 s with 5.9's tsc.
      const tsc = TSC_NATIVE;
      const { code, stdout, stderr } = await runCommand(
        process.execPath,
        [tsc, "-p", "tsconfig.sources.json", "--pretty", "false"],
        { cwd: root, timeoutMs: options.timeoutMs ?? 300_000, allowFailure: true },
      );
      return code === 0 ? "" : (stdout + stderr).trim() || `tsc exited ${code}`;
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
