import { describe, expect, test } from "vitest";
import type { Route, RouteParameter } from "../src/fake-api.js";
import { readParams } from "../src/read-params.js";
import { compileValidators } from "./support/compile-validators.js";

const COMPONENTS = {
  Colour: { type: "string", enum: ["red", "blue"] },
  Filter: { type: "object", properties: { min: { type: "integer" }, tag: { type: "string" } } },
};
const param = (
  p: Partial<RouteParameter> & Pick<RouteParameter, "name" | "in" | "schema">,
): RouteParameter => ({
  required: false,
  style: p.in === "query" ? "form" : "simple",
  explode: p.in === "query",
  ...p,
});
const routeOf = (parameters: RouteParameter[]): Route => ({
  operationId: "listThings",
  method: "GET",
  path: "/things/{id}",
  parameters,
  body: null,
  success: null,
  errors: {},
  security: [],
  brandRule: null,
});
const ROUTE = routeOf([
  param({ name: "id", in: "path", required: true, schema: { type: "string" } }),
  param({ name: "limit", in: "query", schema: { type: "integer", minimum: 1 } }),
  param({ name: "colour", in: "query", required: true, schema: { $ref: "#/components/schemas/Colour" } }),
  param({ name: "x-trace", in: "header", schema: { type: "boolean" } }),
]);
const read = (
  route: Route,
  query: string,
  headers: Record<string, string> = {},
  path: Record<string, string> = { id: "t1" },
) =>
  readParams(
    route,
    { path, query: new URLSearchParams(query), headers },
    compileValidators([route], COMPONENTS)[route.operationId]?.params,
    COMPONENTS,
  );

describe("readParams", () => {
  test("reads numbers and booleans as their schemas say", () => {
    expect(read(ROUTE, "colour=red&limit=5", { "x-trace": "true" })).toEqual({
      ok: true,
      value: { id: "t1", colour: "red", limit: 5, "x-trace": true },
    });
  });

  test.each([
    ["a missing required parameter", "", "Missing required parameters: colour"],
    ["a value off its enum", "colour=green", 'Invalid colour "green": expected one of red, blue'],
    ["a non-integer", "colour=red&limit=many", 'Invalid limit "many": expected an integer'],
    // Was "expected an integer": the message now says which bound (it comes from the validator's errors).
    ["a number under its minimum", "colour=red&limit=0", 'Invalid limit "0": expected an integer at least 1'],
    [
      "several at once, missing first",
      "limit=1.5",
      'Missing required parameters: colour; Invalid limit "1.5": expected an integer',
    ],
  ])("%s: a 400 message in the spec's style", (_name, query, error) => {
    expect(read(ROUTE, query)).toEqual({ ok: false, error });
  });
});

describe("parameter styles (OpenAPI style and explode)", () => {
  const list = { type: "array", items: { type: "integer" } };
  const filter = { $ref: "#/components/schemas/Filter" };
  test.each([
    ["form, exploded array", param({ name: "n", in: "query", schema: list }), "n=1&n=2", [1, 2]],
    [
      "form, unexploded array",
      param({ name: "n", in: "query", explode: false, schema: list }),
      "n=1,2",
      [1, 2],
    ],
    [
      "pipeDelimited array",
      param({ name: "n", in: "query", style: "pipeDelimited", explode: false, schema: list }),
      "n=1|2",
      [1, 2],
    ],
    [
      "form, exploded object",
      param({ name: "f", in: "query", schema: filter }),
      "min=3&tag=a",
      { min: 3, tag: "a" },
    ],
    [
      "form, unexploded object",
      param({ name: "f", in: "query", explode: false, schema: filter }),
      "f=min,3,tag,a",
      { min: 3, tag: "a" },
    ],
    [
      "deepObject",
      param({ name: "f", in: "query", style: "deepObject", schema: filter }),
      "f[min]=3&f[tag]=a",
      { min: 3, tag: "a" },
    ],
  ])("%s", (_name, p, query, want) => {
    expect(read(routeOf([p]), query, {}, {})).toEqual({ ok: true, value: { [p.name]: want } });
  });

  test.each([
    ["simple array", param({ name: "id", in: "path", schema: list }), "1,2", [1, 2]],
    [
      "simple object, exploded",
      param({ name: "id", in: "path", explode: true, schema: filter }),
      "min=3,tag=a",
      { min: 3, tag: "a" },
    ],
    ["label array", param({ name: "id", in: "path", style: "label", schema: list }), ".1,2", [1, 2]],
    [
      "matrix scalar",
      param({ name: "id", in: "path", style: "matrix", schema: { type: "integer" } }),
      ";id=5",
      5,
    ],
  ])("path: %s", (_name, p, segment, want) => {
    expect(read(routeOf([p]), "", {}, { id: segment })).toEqual({ ok: true, value: { id: want } });
  });

  test("a header array is comma-separated", () => {
    const p = param({ name: "x-ids", in: "header", schema: list });
    expect(read(routeOf([p]), "", { "x-ids": "4,5" }, {})).toEqual({ ok: true, value: { "x-ids": [4, 5] } });
  });
});
