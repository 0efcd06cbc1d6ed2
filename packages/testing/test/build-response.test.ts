import { describe, expect, test } from "vitest";
import { buildResponse, type ResponseInputs } from "../src/build-response.js";
import { createSchemaSet, type Json } from "../src/spec-schema.js";

const SET = createSchemaSet({
  Colour: { type: "string", enum: ["red", "blue"] },
  Thing: {
    type: "object",
    properties: { id: { type: "string", example: "thing-1" }, size: { type: "integer" } },
  },
  Loop: { type: "object", properties: { next: { $ref: "#/components/schemas/Loop" } } },
});
const INPUTS: ResponseInputs = {
  body: undefined,
  bodySchema: { type: "object" },
  params: {},
  url: "http://127.0.0.1:1/v2",
  now: 1703123456,
};
const one = (schema: object, name = "p", inputs: Partial<ResponseInputs> = {}) =>
  (
    buildResponse(
      { type: "object", properties: { [name]: schema } } as Json,
      { ...INPUTS, ...inputs },
      SET,
    ) as Record<string, unknown>
  )[name];

describe("buildResponse: a property's value", () => {
  test.each([
    [
      "echoes a request body field of the same name",
      { type: "string", example: "x" },
      { body: { p: "sent" } },
      "sent",
    ],
    ["echoes a parameter of the same name", { type: "integer" }, { params: { p: 7 } }, 7],
    ["prefers the body to a parameter", { type: "string" }, { body: { p: "b" }, params: { p: "q" } }, "b"],
    ["echoes null as sent", { type: "string", nullable: true }, { body: { p: null } }, null],
    ["is the example otherwise", { type: "string", example: "ex", default: "def" }, {}, "ex"],
    ["else the default", { type: "string", default: "def", enum: ["a", "def"] }, {}, "def"],
    ["else the first enum value (through a $ref)", { $ref: "#/components/schemas/Colour" }, {}, "red"],
    ["else null when nullable", { type: "integer", nullable: true }, {}, null],
    [
      "else null for a nullable $ref",
      { anyOf: [{ $ref: "#/components/schemas/Thing" }, { type: "null" }] },
      {},
      null,
    ],
    ["a uri: the fake's URL", { type: "string", format: "uri" }, {}, "http://127.0.0.1:1/v2"],
    ["a date-time: now", { type: "string", format: "date-time" }, {}, "2023-12-21T01:50:56.000Z"],
    ["a date: today", { type: "string", format: "date" }, {}, "2023-12-21"],
    ["a string", { type: "string" }, {}, ""],
    ["an integer: its minimum", { type: "integer", minimum: 3 }, {}, 3],
    ["a number", { type: "number" }, {}, 0],
    ["a boolean", { type: "boolean" }, {}, false],
    ["an array", { type: "array", items: { type: "string" } }, {}, []],
    [
      "an object, built by the same rules",
      { $ref: "#/components/schemas/Thing" },
      {},
      { id: "thing-1", size: 0 },
    ],
  ])("%s", (_name, schema, inputs, want) => {
    expect(one(schema, "p", inputs)).toEqual(want);
  });

  test("an integer named *_at is now (Unix seconds)", () => {
    expect(one({ type: "integer" }, "updated_at")).toBe(1703123456);
  });

  test("a uuid is a fresh UUID", () => {
    expect(one({ type: "string", format: "uuid" })).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a cyclic schema still ends", () => {
    expect(JSON.stringify(one({ $ref: "#/components/schemas/Loop" })).length).toBeLessThan(1000);
  });

  test("only the schema's properties, in its order; fields it does not name are not echoed", () => {
    const body = { b: 1, extra: "x", a: 2 };
    const schema = { type: "object", properties: { a: { type: "integer" }, b: { type: "integer" } } };
    expect(Object.entries(buildResponse(schema, { ...INPUTS, body }, SET) as object)).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
  });

  test("a body field the body schema does not declare is not echoed", () => {
    const bodySchema = { type: "object", properties: { q: { type: "string" } } };
    const schema = {
      type: "object",
      properties: { p: { type: "string", example: "ex" }, q: { type: "string" } },
    };
    const built = buildResponse(schema, { ...INPUTS, body: { p: "sent", q: "asked" }, bodySchema }, SET);
    expect(built).toEqual({ p: "ex", q: "asked" });
  });

  test("a property named __proto__ stays an own property", () => {
    const body = JSON.parse('{"__proto__": {"polluted": true}}');
    const built = buildResponse(
      JSON.parse('{"type": "object", "properties": {"__proto__": {"type": "object"}}}'),
      { ...INPUTS, body },
      SET,
    );
    expect(Object.hasOwn(built as object, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  test("no schema, no body", () => {
    expect(buildResponse(null, INPUTS, SET)).toBeUndefined();
  });
});
