import { describe, expect, test } from "vitest";
import { sampleJson, type ResponseInputs } from "../src/respond.js";
import { createSchemaSet } from "./support/compile-validators.js";

const COMPONENTS = {
  Colour: { type: "string", enum: ["red", "blue"] },
  Thing: {
    type: "object",
    properties: { id: { type: "string", example: "thing-1" }, size: { type: "integer" } },
  },
  Loop: { type: "object", properties: { next: { $ref: "#/components/schemas/Loop" } } },
};
const INPUTS: ResponseInputs = {
  body: undefined,
  bodySchema: { type: "object" },
  params: {},
  url: "http://127.0.0.1:1/v2",
  now: 1703123456,
};
const SET = createSchemaSet(COMPONENTS);
/** A sample of `schema`, checked by its validator as the fake checks its answers. */
const build = (schema: object, inputs: Partial<ResponseInputs> = {}) =>
  sampleJson(
    schema,
    { ...INPUTS, ...inputs },
    { components: COMPONENTS, validate: SET.compile(schema as never) },
  );
const one = (schema: object, name = "p", inputs: Partial<ResponseInputs> = {}) =>
  (build({ type: "object", properties: { [name]: schema } }, inputs).value as Record<string, unknown>)[name];

describe("sampleJson: a property's value", () => {
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
    // Changed by issue #14 (a sampler builds the body): a nullable property gets a value of its type, not null.
    ["a nullable integer: an integer", { type: "integer", nullable: true }, {}, 0],
    ["a uri: the fake's URL", { type: "string", format: "uri" }, {}, "http://127.0.0.1:1/v2"],
    ["a date-time: now", { type: "string", format: "date-time" }, {}, "2023-12-21T01:50:56.000Z"],
    ["a date: today", { type: "string", format: "date" }, {}, "2023-12-21"],
    // openapi-sampler's plain values (were "", false and [] before the sampler).
    ["a string", { type: "string" }, {}, "string"],
    ["an integer: its minimum", { type: "integer", minimum: 3 }, {}, 3],
    ["a number", { type: "number" }, {}, 0],
    ["a boolean", { type: "boolean" }, {}, true],
    ["an array", { type: "array", items: { type: "string" } }, {}, ["string"]],
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
    expect(one({ type: "string", format: "uuid" })).not.toBe(one({ type: "string", format: "uuid" }));
  });

  test("a cyclic schema still ends", () => {
    expect(JSON.stringify(one({ $ref: "#/components/schemas/Loop" })).length).toBeLessThan(1000);
  });

  test("only the schema's properties, in its order; fields it does not name are not echoed", () => {
    const body = { b: 1, extra: "x", a: 2 };
    const schema = { type: "object", properties: { a: { type: "integer" }, b: { type: "integer" } } };
    expect(Object.entries(build(schema, { body }).value as object)).toEqual([
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
    expect(build(schema, { body: { p: "sent", q: "asked" }, bodySchema }).value).toEqual({
      p: "ex",
      q: "asked",
    });
  });

  test("a property named __proto__ stays an own property", () => {
    const body = JSON.parse('{"__proto__": {"polluted": true}}');
    const built = build(JSON.parse('{"type": "object", "properties": {"__proto__": {"type": "object"}}}'), {
      body,
    });
    expect(Object.hasOwn(built.value as object, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("sampleJson: the answer passes its validator", () => {
  test("an echo the response schema refuses is dropped, the rest kept", () => {
    const schema = {
      type: "object",
      required: ["id", "name"],
      properties: { id: { type: "integer" }, name: { type: "string" } },
    };
    const built = build(schema, { params: { id: "not-a-number" }, body: { name: "kept" } });
    expect(built).toEqual({ value: { id: 0, name: "kept" }, valid: true });
  });

  test("an example that breaks its own schema is not used", () => {
    expect(build({ type: "integer", minimum: 5, example: 2 })).toEqual({ value: 5, valid: true });
  });

  test("a required name its schema does not declare (GitHub's spec has 37) is filled in", () => {
    const schema = {
      type: "object",
      required: ["tags"],
      properties: { tag: { type: "array", items: { type: "string" } } },
    };
    const built = build(schema);
    expect(built.valid).toBe(true);
    expect(built.value).toHaveProperty("tags");
  });

  test("a pattern openapi-sampler cannot meet is met by json-schema-faker", () => {
    const built = build({ type: "string", pattern: "^[A-Z]{3}-\\d{4}$" });
    expect(built).toEqual({ value: expect.stringMatching(/^[A-Z]{3}-\d{4}$/), valid: true });
  });

  test("a schema nothing can meet says so", () => {
    const built = build({ type: "string", minLength: 3, maxLength: 2 });
    expect(built.valid).toBe(false);
  });
});
