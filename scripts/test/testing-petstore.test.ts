import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { main } from "../generate.ts";
import { SPEC_FILE } from "../lib/repo.ts";
import { createFixtureRepo, type FixtureRepo } from "./fixture-repo.ts";
import { PETSTORE } from "./petstore-fixture.ts";
import { typeCheck } from "./type-check-packages.ts";

let repo: FixtureRepo;
beforeEach(async () => {
  repo = await createFixtureRepo();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await repo.dispose();
});

test("a spec like petstore generates a testing package that type-checks, its link-session plug-in off and named", async () => {
  // https: the client's base-url emitter (not the fake's) still refuses an http server.
  const spec = structuredClone(PETSTORE) as { servers: { url: string }[] };
  spec.servers[0]!.url = "https://petstore.swagger.io/v2";
  await repo.write(SPEC_FILE, JSON.stringify(spec));
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  const code = await main([], repo.root);
  vi.restoreAllMocks();
  expect(code, err.join("\n")).toBe(0);
  const binding = await repo.read("packages/testing/src/generated/link-session.ts");
  expect(binding).toContain("export const LINK_SESSION: LinkSessionPlugin | null = null;");
  expect(await repo.read("packages/testing/src/generated/exports.ts")).toContain("export {};");
  const routes = await repo.read("packages/testing/src/generated/routes.ts");
  expect(routes).toContain('export const DEFAULT_BASE_URL = "https://petstore.swagger.io/v2";');
  expect(routes.match(/operationId: /g)).toHaveLength(20);
  // This workstream's package: the enums' and types' own errors for such a spec are theirs to test.
  const errors = (await typeCheck(repo.root, ["testing"])).split("\n");
  expect(errors.filter((line) => line.startsWith("packages/testing/"))).toEqual([]);
}, 120_000);
