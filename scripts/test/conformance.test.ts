import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { UpdateSpecResult } from "../update-spec.ts";
import { createBuiltRepo, type BuiltRepo } from "./built-repo.ts";
import type { Call, Report } from "./conformance-driver.ts";
import { REQ, RES, schemas } from "./evolution-fixtures.ts";
import { mutate } from "./spec-fixtures.ts";

const DRIVER = "scripts/test/conformance-driver.ts";
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonOf = (name: string) => ({ "application/json": { schema: ref(name) } });

/** Issue #9's upstream change: an optional `external_ref` both ways, and a GET of a link session by token. */
function upstreamChange(spec: any): void {
  const externalRef = { type: "string", maxLength: 64, description: "The supplier's own reference." };
  schemas(spec)[REQ].properties.external_ref = externalRef;
  schemas(spec)[RES].properties.external_ref = externalRef;
  spec.paths["/supplier/link-sessions/{link_token}"] = {
    get: {
      operationId: "getSupplierLinkSession",
      summary: "Get supplier link session",
      parameters: [{ name: "link_token", in: "path", required: true, schema: { type: "string" } }],
      responses: {
        200: { description: "The link session.", content: jsonOf(RES) },
        404: { description: "No such link session.", content: jsonOf("ErrorResponse") },
      },
      security: [{ ApiKeyAuth: [] }],
    },
  };
}

const body = { user_id: "user-42", asset_type: "hp", redirect_url: "https://app.example/cb" };
/** Issue #9 (a) and (b) as client calls, in order (`$last.x`: the previous result's `x`). */
const CALLS: Call[] = [
  { name: "a: external_ref sent", method: "createLinkSession", input: { ...body, external_ref: "ord-1" } },
  { name: "b: get created", method: "getSupplierLinkSession", input: { link_token: "$last.link_token" } },
  {
    name: "a: external_ref too long",
    method: "createLinkSession",
    input: { ...body, external_ref: "x".repeat(65) },
  },
  { name: "a: 64 characters", method: "createLinkSession", input: { ...body, external_ref: "y".repeat(64) } },
  { name: "b: unknown token", method: "getSupplierLinkSession", input: { link_token: "no-such-token" } },
  { name: "b: token not a string", method: "getSupplierLinkSession", input: { link_token: 42 } },
  { name: "b: token missing", method: "getSupplierLinkSession", input: {} },
];

interface Prepared {
  repo: BuiltRepo;
  update: UpdateSpecResult;
  report: Report;
}

/** One copy of the repository: update-spec with `edit`, build, then `calls` and the conformance run in one process. */
async function prepare(edit: (spec: any) => void, calls: Call[] = []): Promise<Prepared> {
  const repo = await createBuiltRepo();
  try {
    const update = await repo.updateSpec(mutate(edit));
    await repo.build();
    return { repo, update, report: await repo.runJson<Report>(DRIVER, [JSON.stringify(calls)]) };
  } catch (error) {
    await repo.dispose();
    throw error;
  }
}

let change: Prepared;
beforeAll(async () => {
  change = await prepare(upstreamChange, CALLS);
}, 180_000);
afterAll(() => change?.repo.dispose());

/** (c) for any model: every operation's valid inputs succeed, every invalid one is refused before sending. */
function conformance(report: () => Report): void {
  test("(c) every operation: valid inputs from the schema succeed", () => {
    const { operations, outcomes, noValidInput } = report();
    expect(noValidInput).toEqual([]);
    const valid = outcomes.filter((o) => o.expect === "valid");
    expect(valid.map((o) => o.operationId).sort()).toEqual(operations.flatMap((id) => [id, id]).sort());
    for (const o of valid) expect(o, o.message).toMatchObject({ outcome: "ok", sent: 1 });
  });

  test("(c) every operation: each invalid input from the schema is a NoxValidationError, nothing sent", () => {
    const { operations, outcomes } = report();
    const invalid = outcomes.filter((o) => o.expect === "invalid");
    for (const id of operations) expect(invalid.some((o) => o.operationId === id)).toBe(true);
    expect(invalid.filter((o) => o.outcome !== "NoxValidationError" || o.sent !== 0)).toEqual([]);
  });
}

describe("issue #9: an upstream change becomes working packages with no hand edit", () => {
  let update: UpdateSpecResult;
  let report: Report;
  const named = (name: string) => report.outcomes.find((o) => o.name === name)!;

  beforeAll(() => {
    ({ update, report } = change);
  });

  test("update-spec classifies the change minor (client, types, testing) and regenerates", () => {
    expect(update.status).toBe("updated");
    expect(update.summary).toContain(`${REQ}.external_ref`);
    expect(Object.fromEntries(update.bumps.map((b) => [b.name, b.level]))).toEqual({
      "@nox-energy/authenticator-client": "minor",
      "@nox-energy/authenticator-types": "minor",
      "@nox-energy/authenticator-testing": "minor",
    });
    expect(report.operations).toEqual(["createSupplierLinkSession", "getSupplierLinkSession"]);
  });

  test("(a) the client sends external_ref, the fake echoes it, the client returns it", () => {
    const sent = named("a: external_ref sent");
    expect(sent).toMatchObject({ outcome: "ok", sent: 1, received: { external_ref: "ord-1" } });
    expect(sent.result).toMatchObject({ external_ref: "ord-1", supplier_user_id: "user-42" });
    expect(named("a: 64 characters")).toMatchObject({
      outcome: "ok",
      result: { external_ref: "y".repeat(64) },
    });
  });

  test("(a) a too-long external_ref is a NoxValidationError with nothing sent", () => {
    const tooLong = named("a: external_ref too long");
    expect(tooLong).toMatchObject({ outcome: "NoxValidationError", sent: 0 });
    expect(tooLong.message).toContain("external_ref");
  });

  test("(b) getSupplierLinkSession reads back the session the client created, 404 otherwise", () => {
    const created = named("a: external_ref sent").result as { link_token: string };
    expect(named("b: get created")).toMatchObject({ outcome: "ok", sent: 1, result: created });
    expect(named("b: unknown token")).toMatchObject({ outcome: "NoxNotFoundError", sent: 1 });
  });

  test.each(["b: token not a string", "b: token missing"])(
    "(b) %s: NoxValidationError with nothing sent",
    (name) => {
      expect(named(name)).toMatchObject({ outcome: "NoxValidationError", sent: 0 });
    },
  );

  conformance(() => report);

  test("(c) the invalid inputs include each kind the schema tells", () => {
    expect(report.outcomes.map((o) => `${o.operationId} ${o.name}`)).toEqual(
      expect.arrayContaining([
        "createSupplierLinkSession user_id: missing",
        "createSupplierLinkSession asset_type: outside the enum",
        "createSupplierLinkSession redirect_url: format broken",
        "createSupplierLinkSession external_ref: too long",
        "getSupplierLinkSession link_token: wrong type",
      ]),
    );
  });
});
