import { describe, expect, test } from "vitest";
import { PROOF_GROUP, proveCompatible } from "../diff/prove-compat.ts";
import { buildModel } from "../model/build-model.ts";
import { classify } from "../update-spec.ts";
import { REQ, RES, inputsOf, schemas, type Side } from "./evolution-fixtures.ts";

const prove = (after: Side) => proveCompatible(buildModel(inputsOf()), buildModel(inputsOf(after)));

describe("the type-check proof: old usage compiled against the new types", () => {
  test.each<[string, Side, string[]]>([
    ["nothing changed", {}, []],
    [
      "a Language value added (also in responses: minor by policy)",
      { spec: (s) => schemas(s).Language.enum.push("de") },
      [],
    ],
    [
      "a Language value removed",
      { spec: (s) => schemas(s).Language.enum.pop() },
      ["POST /supplier/link-sessions request body"],
    ],
    [
      "an optional request field added",
      { spec: (s) => (schemas(s)[REQ].properties.note = { type: "string" }) },
      [],
    ],
    [
      "a required request field added",
      {
        spec: (s) => {
          schemas(s)[REQ].properties.contract_id = { type: "string" };
          schemas(s)[REQ].required.push("contract_id");
        },
      },
      ["POST /supplier/link-sessions request body"],
    ],
    [
      "a response field made nullable",
      { spec: (s) => (schemas(s)[RES].properties.link_token.nullable = true) },
      ["POST /supplier/link-sessions response 201"],
    ],
  ])("%s", async (_name, after, broken) => {
    const changes = await prove(after);
    expect(changes.map((c) => c.subject.slice(0, c.subject.indexOf(":")))).toEqual(broken);
    for (const change of changes) expect(change).toMatchObject({ level: "major", group: PROOF_GROUP });
  });

  test("classify adds the proof only where the classifier did not already say major", async () => {
    const base = buildModel(inputsOf());
    const stricter = buildModel(
      inputsOf({ spec: (s) => (schemas(s)[REQ].properties.user_id.type = "integer") }),
    );
    const changes = await classify(base, stricter, { prove: true });
    expect(changes.filter((c) => c.group === PROOF_GROUP)).toEqual([]);
    expect(changes.some((c) => c.level === "major")).toBe(true);
  });
});
