import { describe, expect, test } from "vitest";
import type { Route } from "../src/fake-api.js";
import { fillPath, readRuleFor, ResourceStore } from "../src/resource-store.js";
const SET = {
  Thing: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
};
const route = (method: string, path: string, schema: unknown = null): Route => ({
  operationId: `${method} ${path}`,
  method,
  path,
  parameters: [],
  body: null,
  success: {
    status: 200,
    documented: "200",
    mediaType: "application/json",
    kind: "json",
    schema,
    headers: [],
  },
  errors: {},
  security: [],
  brandRule: null,
});
const THING = { $ref: "#/components/schemas/Thing" };
const ROUTES = [
  route("POST", "/users/{user}/things", THING),
  route("GET", "/users/{user}/things/{id}", THING),
  route("GET", "/users/{user}/things/{colour}", THING),
  route("GET", "/others/{id}", THING),
  route("DELETE", "/users/{user}/things/{id}"),
];

describe("readRuleFor: a GET reads what a POST on its parent path created", () => {
  test.each([
    [
      "by a property of the POST's success body",
      1,
      { collection: "/users/{user}/things", parameter: "id", property: "id" },
    ],
    ["not by a name the body does not have", 2, undefined],
    ["not without a POST on the parent path", 3, undefined],
    ["not for another method", 4, undefined],
    ["not for the POST itself", 0, undefined],
  ])("%s", (_name, index, want) => {
    expect(readRuleFor(ROUTES[index]!, ROUTES, SET)).toEqual(want);
  });

  test("forgets a resource at its eviction time on the caller's clock", () => {
    const store = new ResourceStore();
    store.add("/things", { id: "1" }, 100, 200);
    store.add("/things", { id: "2" }, 100, 300);
    expect(store.find("/things", "id", "1", 199)).toEqual({ id: "1" });
    expect(store.find("/things", "id", "1", 200)).toBeUndefined();
    expect(store.find("/things", "id", "2", 200)).toEqual({ id: "2" });
    expect(store.find("/things", "id", "2", 300)).toBeUndefined();
  });
});

describe("ResourceStore", () => {
  test("finds the newest resource with the value, within its own collection only", () => {
    const store = new ResourceStore();
    const path = fillPath("/users/{user}/things", { user: "a b" });
    expect(path).toBe("/users/a%20b/things");
    store.add(path, { id: "1", name: "old" }, 0, 10);
    store.add(path, { id: "1", name: "new" }, 0, 10);
    store.add("/users/other/things", { id: "2" }, 0, 10);
    expect(store.find(path, "id", "1", 0)).toEqual({ id: "1", name: "new" });
    expect(store.find(path, "id", "2", 0)).toBeUndefined();
    store.clear();
    expect(store.find(path, "id", "1", 0)).toBeUndefined();
  });

  test("forgets a resource at its eviction time on the caller's clock", () => {
    const store = new ResourceStore();
    store.add("/things", { id: "1" }, 100, 200);
    store.add("/things", { id: "2" }, 100, 300);
    expect(store.find("/things", "id", "1", 199)).toEqual({ id: "1" });
    expect(store.find("/things", "id", "1", 200)).toBeUndefined();
    expect(store.find("/things", "id", "2", 200)).toEqual({ id: "2" });
    expect(store.find("/things", "id", "2", 300)).toBeUndefined();
  });
});
