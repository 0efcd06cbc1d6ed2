// Two copies of the package in one process: the ESM and the CJS build, as a service that both imports
// and requires the client loads them, and two module instances of the source (as two installs would be).
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { describe, expect, test, vi } from "vitest";
import type * as Client from "../src/index.js";

type Copy = typeof Client;
type ErrorClass = abstract new (...args: never[]) => Client.NoxError;

/** The error classes a copy exports, by name. */
function errorClasses(copy: Copy): [string, ErrorClass][] {
  const entries: [string, unknown][] = Object.entries(copy);
  return entries.filter(
    (entry): entry is [string, ErrorClass] =>
      typeof entry[1] === "function" &&
      (entry[1] === copy.NoxError || entry[1].prototype instanceof copy.NoxError),
  );
}

/** An instance of `Class`, whatever its constructor takes. */
function make(copy: Copy, Class: ErrorClass): Client.NoxError {
  const Any = Class as unknown as new (...args: unknown[]) => Client.NoxError;
  const details = {
    status: 503,
    headers: new Headers({ "x-request-id": "r-1" }),
    serverMessage: "down",
    bodyExcerpt: undefined,
  };
  if (Any === copy.NoxValidationError || Any === copy.NoxCallbackError) return new Any([]);
  if (Any === copy.NoxApiError || Any.prototype instanceof copy.NoxApiError) return new Any("m", details);
  return new Any("m");
}

/** `value instanceof Class` by the prototype chain alone, as a single copy sees it. */
const nativeInstanceOf = (Class: ErrorClass, value: unknown) =>
  Function.prototype[Symbol.hasInstance].call(Class, value);

async function sourceCopies(): Promise<[Copy, Copy]> {
  const a = (await import("../src/index.js")) as Copy;
  vi.resetModules();
  const b = (await import("../src/index.js")) as Copy;
  return [a, b];
}

async function builtCopies(): Promise<[Copy, Copy]> {
  // Paths held in variables: the built files are loaded at run time (the test task runs after the build).
  const esmPath = new URL("../dist/index.js", import.meta.url).href;
  const cjsPath = new URL("../dist/index.cjs", import.meta.url).pathname;
  const esm = (await import(/* @vite-ignore */ esmPath)) as Copy;
  const cjs = createRequire(import.meta.url)(cjsPath) as Copy;
  return [esm, cjs];
}

const pairs: [string, () => Promise<[Copy, Copy]>][] = [
  ["two module instances of the source", sourceCopies],
  ["the built ESM and CJS files", builtCopies],
];

describe.each(pairs)("errors across two copies of the package: %s", (_name, load) => {
  test("the copies are distinct (plain instanceof would fail)", async () => {
    const [a, b] = await load();
    expect(a.NoxError).not.toBe(b.NoxError);
    expect(nativeInstanceOf(b.NoxError, make(a, a.NoxServerError))).toBe(false);
  });

  test("an error of class X from copy A is instanceof Y of copy B exactly when X is Y or a subclass", async () => {
    const [a, b] = await load();
    const classesA = errorClasses(a);
    // A class added later and left unbranded fails below, by name.
    expect(classesA.length).toBeGreaterThanOrEqual(16);
    for (const [x, ClassA] of classesA) {
      const error = make(a, ClassA);
      for (const [y, ClassB] of errorClasses(b)) {
        const expected = nativeInstanceOf(a[y as keyof Copy] as unknown as ErrorClass, error);
        expect({ x, y, instance: error instanceof ClassB }).toEqual({ x, y, instance: expected });
      }
      expect(b.isNoxError(error)).toBe(true);
      expect(a.isNoxError(make(b, errorClasses(b).find(([n]) => n === x)![1]))).toBe(true);
    }
  });

  test("nothing else passes: plain errors, look-alikes, primitives", async () => {
    const [, b] = await load();
    const fakes = [new Error("x"), { name: "NoxServerError", status: 503 }, null, undefined, "NoxError", 7];
    for (const fake of fakes) {
      expect(b.isNoxError(fake)).toBe(false);
      expect(fake instanceof b.NoxServerError).toBe(false);
    }
  });
});

describe("util.inspect of an error", () => {
  test("shows status, request id and attempts, never headers", async () => {
    const [a] = await sourceCopies();
    const headers = new Headers({ "x-request-id": "r-9", "x-echo": "nox_secret_echo" });
    const error = new a.NoxServerError("NOX answered 503", {
      status: 503,
      headers,
      serverMessage: "down",
      bodyExcerpt: undefined,
    });
    error.attempts = 3;
    const shown = inspect(error);
    expect(shown).toContain("NoxServerError: NOX answered 503 (request id r-9)");
    expect(shown).toMatch(/status: 503,\n {2}requestId: 'r-9',\n {2}attempts: 3/);
    expect(shown).toContain("serverMessage: 'down'");
    expect(shown).not.toContain("nox_secret_echo");
    expect(shown).not.toContain("headers");
  });

  test("shows the cause's name and message", async () => {
    const [a] = await sourceCopies();
    const error = new a.NoxConnectionError("Could not reach NOX", { cause: new TypeError("fetch failed") });
    error.attempts = 2;
    expect(inspect(error)).toMatch(/attempts: 2,\n {2}\[cause\]: TypeError: fetch failed\n\}$/);
  });
});
