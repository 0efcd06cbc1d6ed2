import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { generate } from "../generate.ts";
import { SPEC_FILE } from "../lib/repo.ts";
import { updateSpec } from "../update-spec.ts";
import { post, schemas, RES } from "./evolution-fixtures.ts";
import { createFixtureRepo, type FixtureRepo } from "./fixture-repo.ts";
import { mutate } from "./spec-fixtures.ts";

const json = (spec: unknown) => `${JSON.stringify(spec, null, 2)}\n`;
const ENUMS = "@nox-energy/authenticator-enums";
const withMode = (s: any) =>
  (post(s).parameters = [{ name: "mode", in: "query", schema: { type: "string", enum: ["live", "test"] } }]);

let repo: FixtureRepo | undefined;
afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

/** Runs the whole `pnpm update-spec <file>` flow from `before` to `after` in a throwaway repository. */
async function bumpsOf(before: (spec: any) => void, after: (spec: any) => void) {
  repo = await createFixtureRepo();
  await writeFile(join(repo.root, SPEC_FILE), json(mutate(before)));
  await generate({ root: repo.root });
  const file = join(repo.root, "incoming.json");
  await writeFile(file, json(mutate(after)));
  const result = await updateSpec({ root: repo.root, source: file });
  return {
    bumps: Object.fromEntries(result.bumps.map((b) => [b.name, b.level])),
    lines: result.changes.map((c) => `${c.group}: ${c.subject}`),
  };
}

describe("update-spec bumps the enums package only for what it exports (issue #14)", () => {
  test.each<[string, (s: any) => void, (s: any) => void, string | undefined]>([
    [
      "a response field added",
      () => {},
      (s) => (schemas(s)[RES].properties.note = { type: "string" }),
      undefined,
    ],
    [
      "a query parameter added",
      () => {},
      (s) => (post(s).parameters = [{ name: "dry_run", in: "query", schema: { type: "boolean" } }]),
      undefined,
    ],
    [
      "a query parameter added beside one with an inline enum",
      withMode,
      (s) => (
        withMode(s),
        post(s).parameters.unshift({ name: "dry_run", in: "query", schema: { type: "boolean" } })
      ),
      undefined,
    ],
    [
      // Only the pointer in the enum's doc comment moves: no export changes.
      "the operation's path changes under the same operationId",
      withMode,
      (s) => {
        withMode(s);
        s.paths["/supplier/sessions"] = s.paths["/supplier/link-sessions"];
        delete s.paths["/supplier/link-sessions"];
      },
      undefined,
    ],
    [
      "a new inline enum (a new export): minor, not the safety net's patch",
      () => {},
      (s) => (schemas(s)[RES].properties.status = { type: "string", enum: ["pending", "completed"] }),
      "minor",
    ],
  ])("%s", async (_name, before, after, enums) => {
    const { bumps, lines } = await bumpsOf(before, after);
    expect(bumps[ENUMS], lines.join("\n")).toBe(enums);
    expect(lines.filter((l) => l.includes("not classified"))).toEqual([]);
  });
});
