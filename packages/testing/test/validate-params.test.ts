import { describe, expect, test } from "vitest";
import type { Route } from "../src/fake-api.js";
import { createSchemaSet } from "../src/spec-schema.js";
import { validateParams } from "../src/validate-params.js";

const SET = createSchemaSet({ Colour: { type: "string", enum: ["red", "blue"] } });
const ROUTE: Route = {
  operationId: "listThings",
  method: "GET",
  path: "/things/{id}",
  parameters: [
    { name: "id", in: "path", required: true, schema: { type: "string" } },
    { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1 } },
    { name: "colour", in: "query", required: true, schema: { $ref: "#/components/schemas/Colour" } },
    { name: "x-trace", in: "header", required: false, schema: { type: "boolean" } },
  ],
  body: null,
  success: { status: 200, schema: null },
  errors: {},
  apiKeyHeader: null,
};
const check = (query: string, headers: Record<string, string> = {}) =>
  validateParams(ROUTE, { path: { id: "t1" }, query: new URLSearchParams(query), headers }, SET);

describe("validateParams", () => {
  test("reads numbers and booleans as their schemas say", () => {
    expect(check("colour=red&limit=5", { "x-trace": "true" })).toEqual({
      ok: true,
      value: { id: "t1", colour: "red", limit: 5, "x-trace": true },
    });
  });

  test.each([
    ["a missing required parameter", "", "Missing required parameters: colour"],
    ["a value off its enum", "colour=green", 'Invalid colour "green": expected one of red, blue'],
    ["a non-integer", "colour=red&limit=many", 'Invalid limit "many": expected an integer'],
    ["a number under its minimum", "colour=red&limit=0", 'Invalid limit "0": expected an integer'],
    [
      "several at once, missing first",
      "limit=1.5",
      'Missing required parameters: colour; Invalid limit "1.5": expected an integer',
    ],
  ])("%s: a 400 message in the spec's style", (_name, query, error) => {
    expect(check(query)).toEqual({ ok: false, error });
  });
});
