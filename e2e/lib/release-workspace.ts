import { execFileSync } from "node:child_process";
import { appendFile, copyFile, mkdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { run } from "./run.ts";
import type { LocalRegistry } from "./local-registry.ts";

/** The environment for a child command: ours minus the npm_* variables a parent pnpm script sets. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && !/^PNPM_/i.test(key) && key !== "NODE_OPTIONS") env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * Copies the repository's working tree (tracked and untracked, minus ignored files: no node_modules,
 * dist or caches) into `dest` and makes it a git repository with one commit, as a clean clone would be.
 */
export async function copyWorkingTree(repoRoot: string, dest: string): Promise<void> {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    encoding: "utf8",
  })
    .split("\0")
    .filter((f) => f !== "" && existsSync(join(repoRoot, f)));
  for (const file of files) {
    await mkdir(dirname(join(dest, file)), { recursive: true });
    await copyFile(join(repoRoot, file), join(dest, file));
  }
  const git = (...args: string[]) =>
    run("git", ["-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", ...args], { cwd: dest });
  await git("init", "-q", "-b", "main");
  await git("add", "-A");
  await git("commit", "-q", "-m", "snapshot for the publish test");
}

/** What the repository's release flow printed, per step. */
export interface ReleaseLog {
  version: string;
  release: string;
}

/**
 * Runs the maintainers' release flow in `workspace` against `registry`: install, then the root
 * scripts `version-packages` (changeset version) and `release` (build, then changeset publish).
 * The token is any string: the local registry lets anyone publish the scope.
 */
export async function releaseTo(workspace: string, registry: LocalRegistry): Promise<ReleaseLog> {
  const env = cleanEnv({
    "npm_config_@nox-energy:registry": registry.url,
    CI: "1",
    TURBO_TELEMETRY_DISABLED: "1",
  });
  await run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], {
    cwd: workspace,
    env,
    timeoutMs: 300_000,
  });
  // Only after install: the scope's registry and a token, as a release job's .npmrc would hold them.
  await appendFile(
    join(workspace, ".npmrc"),
    `\n@nox-energy:registry=${registry.url}\n${registry.authKey}:_authToken=e2e-publish-token\n`,
  );
  const version = await run("pnpm", ["run", "version-packages"], { cwd: workspace, env, timeoutMs: 300_000 });
  const release = await run("pnpm", ["run", "release"], { cwd: workspace, env, timeoutMs: 300_000 });
  return { version: version.stdout + version.stderr, release: release.stdout + release.stderr };
}
