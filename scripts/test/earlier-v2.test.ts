import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { main } from "../generate.ts";
import { earlierV2 } from "./evolution-fixtures.ts";
import { createFixtureRepo, type FixtureRepo } from "./fixture-repo.ts";
import { typeCheck } from "./type-check-packages.ts";

let repo: FixtureRepo;
beforeEach(async () => {
  repo = await createFixtureRepo();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await repo.dispose();
});

test("upstream's earlier v2 generates (naming the curated misfits) and the packages still type-check", async () => {
  await repo.editJson("spec/openapi-supplier-auth-v2.json", earlierV2);
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  const code = await main([], repo.root);
  vi.restoreAllMocks();
  const stderr = err.join("\n");
  expect(code, stderr).toBe(0);
  expect(stderr).toMatch(/no string enum in the spec's components\.schemas for: AssetType/);
  expect(stderr).toMatch(/in the spec but not placed: alpha innotec, .*saunier duval/);
  expect(stderr).toContain("Edit spec/brands.json, then run `pnpm generate`.");
  const values = await repo.read("packages/enums/src/generated/values.ts");
  expect(values).toMatch(/export const BRANDS = [^;]*"alpha innotec"/s);
  // The brands plug-in is on (the spec has Brand); its asset types come from spec/brands.json.
  const bindings = await repo.read("packages/enums/src/generated/curated-bindings.ts");
  expect(bindings).toMatch(/export type AssetType = \(typeof ASSET_TYPES\)\[number\]/);
  // The brand rule does not fit (no AssetType): its plug-in is off, its types left out; labels too.
  expect(stderr).toMatch(
    /no request body in the spec has a property typed by `Brand` and one by `AssetType`/,
  );
  await expect(repo.read("packages/types/src/generated/brand-rule.ts")).rejects.toThrow(/ENOENT/);
  await expect(repo.read("packages/enums/src/generated/labels.ts")).rejects.toThrow(/ENOENT/);
  expect(await repo.read("packages/types/src/generated/curated-exports.ts")).toContain("// brandRule: off.");
  expect(await typeCheck(repo.root, ["client", "testing"])).toBe("");
});
