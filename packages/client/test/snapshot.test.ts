import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { NoxValidationError } from "../src/index.js";
import { snapshotBody } from "../src/snapshot.js";

describe("snapshotBody", () => {
  test("a plain JSON value is copied as JSON would write it", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = snapshotBody(value);
        expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
        if (typeof value === "object" && value !== null) expect(copy).not.toBe(value);
      }),
      { numRuns: 300 },
    );
  });

  test("undefined, functions and symbols are kept for validation to see", () => {
    const f = () => 1;
    const s = Symbol("s");
    expect(snapshotBody({ a: undefined, b: f, c: [s] })).toEqual({ a: undefined, b: f, c: [s] });
  });

  test("any object graph: the copy holds only plain objects and arrays, and primitives", () => {
    const plain = (value: unknown): boolean => {
      if (typeof value !== "object" || value === null) return true;
      if (Array.isArray(value)) return Object.getPrototypeOf(value) === Array.prototype && value.every(plain);
      return (
        typeof value === "object" &&
        Object.getPrototypeOf(value) === Object.prototype &&
        Object.values(value as object).every(plain)
      );
    };
    fc.assert(
      fc.property(
        fc.anything({ withDate: true, withMap: true, withSet: true, withTypedArray: true }),
        (value) => {
          let copy: unknown;
          try {
            copy = snapshotBody(value);
          } catch (error) {
            expect(error).toBeInstanceOf(NoxValidationError);
            return;
          }
          if (copy !== undefined) expect(plain(copy)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  test.each<[string, unknown, unknown]>([
    ["inherited fields are left out", Object.create({ a: 1 }), {}],
    [
      "a prototype toJSON is not called",
      Object.assign(Object.create({ toJSON: () => ({ b: 2 }) }), { a: 1 }),
      { a: 1 },
    ],
    ["a hole in an array is undefined (JSON writes null)", [1, , 3], [1, undefined, 3]],
    [
      "a class instance becomes its own fields",
      new (class {
        x = 1;
      })(),
      { x: 1 },
    ],
  ])("%s", (_name, given, want) => {
    expect(snapshotBody(given)).toEqual(want);
  });

  test("undefined, functions and symbols are kept for validation to see", () => {
    const f = () => 1;
    const s = Symbol("s");
    expect(snapshotBody({ a: undefined, b: f, c: [s] })).toEqual({ a: undefined, b: f, c: [s] });
  });

  test("each getter is read once", () => {
    let reads = 0;
    const body = {
      get a() {
        return ++reads;
      },
    };
    expect(snapshotBody(body)).toEqual({ a: 1 });
    expect(reads).toBe(1);
  });

  test.each<[string, () => unknown, RegExp]>([
    [
      "a throwing getter",
      () => ({
        get a(): never {
          throw new RangeError("no");
        },
      }),
      /a getter or Proxy threw RangeError/,
    ],
    [
      "a revoked Proxy",
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      },
      /a getter or Proxy threw TypeError/,
    ],
    ["a bigint", () => ({ a: [1n] }), /body\.a\[0\] is a bigint/],
    [
      "a cycle",
      () => {
        const a: Record<string, unknown> = {};
        a.a = a;
        return a;
      },
      /nested deeper than 32 levels/,
    ],
  ])("%s is a NoxValidationError on the body", (_name, make, message) => {
    expect(() => snapshotBody(make())).toThrow(NoxValidationError);
    expect(() => snapshotBody(make())).toThrow(message);
  });
});

test("an own __proto__ field (as JSON.parse makes) stays a field", () => {
  const body = JSON.parse('{"a":1,"__proto__":{"b":2}}') as unknown;
  const copy = snapshotBody(body);
  expect(JSON.stringify(copy)).toBe('{"a":1,"__proto__":{"b":2}}');
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
});
