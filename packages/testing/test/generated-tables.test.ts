import { describe, expect, test } from "vitest";
import { COMPONENT_SCHEMAS, ROUTES } from "../src/generated/routes.js";

/** Every object and array reachable from `value` that is not frozen (its path). */
function unfrozen(value: unknown, path = "$"): string[] {
  if (typeof value !== "object" || value === null) return [];
  const own = Object.isFrozen(value) ? [] : [path];
  return [...own, ...Object.entries(value).flatMap(([k, v]) => unfrozen(v, `${path}.${k}`))];
}

// The generated tables are shared by every fake in the process: a test that changed one would change
// what all the others serve. They are frozen at load (deep-freeze.ts), not by nested Object.freeze calls.
describe("the generated route table and component schemas", () => {
  test("are frozen all the way down", () => {
    expect(ROUTES.length).toBeGreaterThan(0);
    expect(unfrozen(ROUTES)).toEqual([]);
    expect(unfrozen(COMPONENT_SCHEMAS)).toEqual([]);
  });
});
