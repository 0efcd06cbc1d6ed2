import { execFile } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { EMITTERS } from "../emit/index.ts";
import { main as generateMain } from "../generate.ts";
import type { Emitter } from "../model/types.ts";
import { main as updateSpecMain } from "../update-spec.ts";
import { createFixtureRepo, type FixtureRepo } from "./fixture-repo.ts";
import { fixtureBytes } from "./spec-fixtures.ts";

const git = (root: string, ...args: string[]) =>
  promisify(execFile)("git", args, { cwd: root }).then(({ stdout }) => stdout);

/** An emitter that fails after the real ones have produced their files (issue #14's forced failure). */
const failing: Emitter = async function emitForcedFailure() {
  throw new Error("forced failure");
};

let repo: FixtureRepo;
beforeEach(async () => {
  repo = await createFixtureRepo();
  // A git repository of the copy, committed, so `git status` can tell whether anything changed.
  await git(repo.root, "init", "-q", "-b", "main");
  await git(repo.root, "add", "-A");
  await git(repo.root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "fixture");
});
afterEach(async () => {
  vi.restoreAllMocks();
  await repo.dispose();
});

/** Runs `run` with console output captured. */
async function captured(run: () => Promise<number>) {
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  const code = await run();
  vi.restoreAllMocks();
  return { code, stderr: err.join("\n") };
}

describe("all or nothing (issue #14): a forced emitter failure leaves `git status` clean", () => {
  test("pnpm generate, with a spec change that would rewrite several files", async () => {
    await repo.editJson("spec/openapi-supplier-auth-v2.json", (spec) =>
      spec.components.schemas.Brand.enum.push("acme"),
    );
    await git(repo.root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qam", "spec");
    const { code, stderr } = await captured(() => generateMain([], repo.root, [...EMITTERS, failing]));
    expect(code).toBe(1);
    expect(stderr).toContain("the emitForcedFailure emitter (scripts/emit/) failed: forced failure");
    expect(stderr).toContain("Nothing was written.");
    expect(await git(repo.root, "status", "--porcelain")).toBe("");
  });

  test("pnpm update-spec: no spec, no generated file, no changeset", async () => {
    const source = join(repo.root, "..", `${repo.root.split("/").at(-1)}-upstream.json`);
    await writeFile(source, fixtureBytes("brand added"));
    const { code, stderr } = await captured(() =>
      updateSpecMain([source], { root: repo.root, cwd: repo.root, emitters: [...EMITTERS, failing] }),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Cannot generate: .*forced failure\nNothing was changed\.$/s);
    expect(await git(repo.root, "status", "--porcelain", "--untracked-files=all")).toBe("");
    await rm(source);
  });

  test("pnpm update-spec --curated", async () => {
    await repo.editJson("spec/brands.json", (data) => void (data.brands.daikin.label = "DAIKIN"));
    const status = await git(repo.root, "status", "--porcelain");
    const { code } = await captured(() =>
      updateSpecMain(["--curated"], { root: repo.root, emitters: [...EMITTERS, failing] }),
    );
    expect(code).toBe(1);
    expect(await git(repo.root, "status", "--porcelain", "--untracked-files=all")).toBe(status);
  });
});
