import { describe, expect, test } from "vitest";
import {
  formatPath,
  invalidInputs,
  referenceValidator,
  seededSample,
  validInputs,
  type JsonSchemaObject,
  type MutationKind,
} from "./conformance-inputs.ts";

const pet: JsonSchemaObject = {
  $defs: {
    Tag: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string", minLength: 2, maxLength: 8 } },
      additionalProperties: false,
    },
    Kind: { enum: ["cat", "dog"] },
  },
  type: "object",
  required: ["id", "kind"],
  properties: {
    id: { type: "integer", minimum: 1, maximum: 9 },
    kind: { $ref: "#/$defs/Kind" },
    born: { type: "string", format: "date" },
    code: { type: "string", pattern: "^[A-Z]{3}$" },
    tags: { type: "array", items: { $ref: "#/$defs/Tag" }, minItems: 1, maxItems: 2 },
    owner: { anyOf: [{ type: "string", format: "email" }, { type: "null" }] },
  },
  additionalProperties: false,
};

/** A discriminated oneOf as the validators' printer writes it: if/then on the discriminator's value. */
const asset: JsonSchemaObject = {
  $defs: {
    Pump: {
      type: "object",
      required: ["kind", "flow"],
      properties: { kind: { const: "pump" }, flow: { type: "number", minimum: 20 } },
    },
    Inverter: {
      type: "object",
      required: ["kind", "peak"],
      properties: { kind: { const: "inverter" }, peak: { type: "integer", minimum: 1 } },
    },
  },
  type: "object",
  required: ["kind"],
  properties: { kind: { enum: ["pump", "inverter"] } },
  allOf: [
    { if: { properties: { kind: { const: "pump" } }, required: ["kind"] }, then: { $ref: "#/$defs/Pump" } },
    {
      if: { properties: { kind: { const: "inverter" } }, required: ["kind"] },
      then: { $ref: "#/$defs/Inverter" },
    },
  ],
  unevaluatedProperties: false,
};

describe("validInputs", () => {
  // nox-evolved-3.0's registerAsset (corpus): both samplers ignore if/then, so every candidate mixed
  // the alternatives or left the chosen one's required field out, and no valid input was found.
  test("finds valid inputs for a discriminated union written as if/then", () => {
    const accepts = referenceValidator(asset);
    const { required, full } = validInputs(asset, [accepts]);
    expect(required).toBeDefined();
    expect(accepts(required)).toBe(true);
    expect(accepts(full)).toBe(true);
  });

  test("a required-only and a full input, both valid, the full one with every property", () => {
    const accepts = referenceValidator(pet);
    const { required, full } = validInputs(pet, [accepts]);
    expect(accepts(required)).toBe(true);
    expect(Object.keys(required as object).sort()).toEqual(["id", "kind"]);
    expect(accepts(full)).toBe(true);
    expect(Object.keys(full as object).sort()).toEqual(["born", "code", "id", "kind", "owner", "tags"]);
  });

  test("every checker must accept a candidate: one refusing all leaves no input, never an unchecked one", () => {
    const { required, full, refused } = validInputs(pet, [referenceValidator(pet), () => false]);
    expect(required).toBeUndefined();
    expect(full).toBeUndefined();
    expect(refused).toBeGreaterThan(2);
  });

  test("the same seed gives the same inputs", () => {
    const accepts = referenceValidator(pet);
    expect(validInputs(pet, [accepts], 7)).toEqual(validInputs(pet, [accepts], 7));
  });
});

describe("invalidInputs", () => {
  const accepts = referenceValidator(pet);
  const base = validInputs(pet, [accepts]).full;
  const invalid = invalidInputs(pet, base, accepts, { perKind: 10 });

  test("every mutation is refused by the reference validator", () => {
    expect(invalid.length).toBeGreaterThan(8);
    for (const bad of invalid) expect(accepts(bad.value), bad.name).toBe(false);
  });

  test.each<[MutationKind, string]>([
    ["missing", "id: missing"],
    ["missing", "tags[0].name: missing"],
    ["wrong type", "id: wrong type"],
    ["unknown field", "zz_unknown_field: unknown field"],
    ["outside the enum", "kind: outside the enum"],
    ["above the maximum", "id: above the maximum"],
    ["below the minimum", "id: below the minimum"],
    ["too short", "tags[0].name: too short"],
    ["too long", "tags[0].name: too long"],
    ["too many items", "tags: too many items"],
    ["too few items", "tags: too few items"],
    ["format broken", "born: format broken"],
    ["pattern broken", "code: pattern broken"],
  ])("%s: %s", (kind, name) => {
    expect(invalid.find((bad) => bad.name === name)?.kind).toBe(kind);
  });

  test("each invalid input changes one place of the valid one", () => {
    const missing = invalid.find((bad) => bad.name === "id: missing")!.value as Record<string, unknown>;
    const { id: _, ...rest } = base as Record<string, unknown>;
    expect(missing).toEqual(rest);
  });

  test("a mutation the schema does not refuse is left out (an open object takes unknown fields)", () => {
    const open: JsonSchemaObject = { type: "object", properties: { a: { type: "string" } } };
    const names = invalidInputs(open, { a: "x" }, referenceValidator(open)).map((bad) => bad.name);
    expect(names.sort()).toEqual(["(root): wrong type", "a: wrong type"]);
  });

  test("at most perKind of each kind", () => {
    const few = invalidInputs(pet, base, accepts, { perKind: 1 });
    const kinds = few.map((bad) => bad.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});

test("formatPath reads as code does", () => {
  expect(formatPath([])).toBe("(root)");
  expect(formatPath(["body", "tags", 0, "name"])).toBe("body.tags[0].name");
});

test("seededSample: a stable subset in the original order", () => {
  const items = Array.from({ length: 100 }, (_, i) => i);
  const sample = seededSample(items, 10, 14);
  expect(sample).toHaveLength(10);
  expect(sample).toEqual([...sample].sort((a, b) => a - b));
  expect(seededSample(items, 10, 14)).toEqual(sample);
  expect(seededSample(items, 200, 14)).toEqual(items);
});
