import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Route } from "../src/fake-api.js";
import { matchRoute } from "../src/route-match.js";

const route = (method: string, path: string): Route => ({
  operationId: `${method} ${path}`,
  method,
  path,
  parameters: [],
  body: null,
  success: { status: 200, documented: "200", mediaType: null, kind: null, schema: null, headers: [] },
  errors: {},
  security: [],
  brandRule: null,
});
const ROUTES = [
  route("POST", "/things"),
  route("GET", "/things/{id}"),
  route("DELETE", "/things/{id}"),
  route("GET", "/things/{id}/parts/{part}"),
];

describe("matchRoute", () => {
  test.each([
    ["a fixed path", "POST", "/things", { kind: "route", params: {} }],
    ["a path parameter", "GET", "/things/t1", { kind: "route", params: { id: "t1" } }],
    [
      "a percent-encoded one, decoded",
      "GET",
      "/things/a%2Fb%20c",
      { kind: "route", params: { id: "a/b c" } },
    ],
    ["two parameters", "GET", "/things/t/parts/p", { kind: "route", params: { id: "t", part: "p" } }],
    ["a known path with another method", "PUT", "/things/t1", { kind: "method", allow: ["GET", "DELETE"] }],
    ["the collection with GET", "GET", "/things", { kind: "method", allow: ["POST"] }],
    ["an empty parameter", "GET", "/things/", { kind: "none" }],
    ["a trailing slash", "POST", "/things/", { kind: "none" }],
    ["a longer path", "GET", "/things/t/extra", { kind: "none" }],
    ["broken percent-encoding", "GET", "/things/%E0%A4%A", { kind: "none" }],
    ["another case", "POST", "/Things", { kind: "none" }],
    ["the empty path", "GET", "", { kind: "none" }],
  ])("%s", (_name, method, path, want) => {
    expect(matchRoute(ROUTES, method, path)).toMatchObject(want);
  });

  test("any segment without a slash round-trips through a path parameter", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (id) => {
        const match = matchRoute(ROUTES, "GET", `/things/${encodeURIComponent(id)}`);
        expect(match).toMatchObject({ kind: "route", params: { id } });
      }),
    );
  });
});
