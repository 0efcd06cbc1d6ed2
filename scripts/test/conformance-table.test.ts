import { expect, test } from "vitest";
import { referenceValidator } from "./conformance-inputs.ts";
import { bundle, methodInput, splitInput, type ConformanceOperation } from "./conformance-table.ts";

const ID = "https://validators.invalid";
const request = {
  $id: `${ID}/request`,
  $defs: {
    Pet: { type: "object", required: ["tag"], properties: { tag: { $ref: `${ID}/request#/$defs/a~1b` } } },
    "a/b": { type: "string", minLength: 2 },
  },
};

test("bundle: schemas that reference documents by $id become one self-contained schema", () => {
  const bundled = bundle({ $id: `${ID}/operations/0/body`, $ref: `${ID}/request#/$defs/Pet` }, [request]);
  expect(bundled.$ref).toBe("#/$defs/0_Pet");
  expect(Object.keys(bundled.$defs!)).toEqual(["0_Pet", "0_a_b"]);
  const accepts = referenceValidator(bundled);
  expect(accepts({ tag: "ok" })).toBe(true);
  expect(accepts({ tag: "x" })).toBe(false);
});

test("bundle: a document per component, referenced whole, becomes a local definition", () => {
  const pet = {
    $id: `${ID}/request/Pet`,
    type: "object",
    properties: { tag: { $ref: `${ID}/request/a~1b` } },
  };
  const tag = { $id: `${ID}/request/a~1b`, type: "string", minLength: 2 };
  const bundled = bundle({ $id: `${ID}/operations/0/body`, $ref: `${ID}/request/Pet` }, [pet, tag]);
  expect(bundled.$ref).toBe("#/$defs/0_Pet");
  expect(Object.keys(bundled.$defs!)).toEqual(["0_Pet", "1_a_b"]);
  const accepts = referenceValidator(bundled);
  expect(accepts({ tag: "ok" })).toBe(true);
  expect(accepts({ tag: "x" })).toBe(false);
});

test("methodInput: the body alone without parameters, else { ...parameters, body }", () => {
  const body = { schema: { type: "object" } as const, required: true };
  expect(methodInput(undefined, body)).toEqual({ input: { type: "object" }, bodyOnly: true });
  expect(methodInput(undefined, undefined)).toEqual({ input: {}, bodyOnly: false, noInput: true });
  const params = { type: "object", properties: { id: { type: "integer" } }, required: ["id"] };
  const { input, bodyOnly } = methodInput(params, body);
  expect(bodyOnly).toBe(false);
  expect(input).toMatchObject({
    properties: { id: { type: "integer" }, body: { type: "object" } },
    required: ["id", "body"],
  });
  const op = { bodyOnly: false } as ConformanceOperation;
  expect(splitInput(op, { id: 1, body: { a: 1 } })).toEqual({ params: { id: 1 }, body: { a: 1 } });
});
