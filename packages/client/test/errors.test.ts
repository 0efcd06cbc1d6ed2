import { describe, expect, test } from "vitest";
import * as client from "../src/index.js";
import {
  isNoxError,
  NoxApiError,
  NoxCallbackError,
  NoxError,
  NoxRateLimitError,
  NoxValidationError,
} from "../src/index.js";

const errorClasses = Object.entries(client).filter(
  (entry): entry is [string, typeof NoxError] =>
    typeof entry[1] === "function" && (entry[1] === NoxError || entry[1].prototype instanceof NoxError),
);

describe("the error hierarchy", () => {
  test("has every class the issue names", () => {
    expect(errorClasses.map(([name]) => name).sort()).toEqual(
      [
        "NoxAbortError",
        "NoxApiError",
        "NoxAuthenticationError",
        "NoxBadRequestError",
        "NoxCallbackError",
        "NoxConfigurationError",
        "NoxConflictError",
        "NoxConnectionError",
        "NoxError",
        "NoxInvalidResponseError",
        "NoxNotFoundError",
        "NoxPermissionDeniedError",
        "NoxRateLimitError",
        "NoxServerError",
        "NoxTimeoutError",
        "NoxUnprocessableEntityError",
        "NoxValidationError",
      ].sort(),
    );
  });

  test.each(errorClasses)(
    "%s: its name is its class name, it is an Error, and isNoxError knows it",
    (name, Class) => {
      const details = {
        status: 500,
        headers: new Headers(),
        serverMessage: undefined,
        bodyExcerpt: undefined,
      };
      const Any = Class as unknown as new (...args: unknown[]) => NoxError;
      const error =
        Any.prototype instanceof NoxApiError || Any === NoxApiError
          ? new Any("m", details)
          : Any === NoxValidationError || Any === NoxCallbackError
            ? new Any([])
            : new Any("m");
      expect(error.name).toBe(name);
      expect(error).toBeInstanceOf(Error);
      expect(isNoxError(error)).toBe(true);
      expect(String(error)).toMatch(new RegExp(`^${name}: `));
    },
  );

  test("isNoxError is false for other errors and values", () => {
    expect(isNoxError(new Error("x"))).toBe(false);
    expect(isNoxError({ name: "NoxError", message: "x" })).toBe(false);
    expect(isNoxError(undefined)).toBe(false);
  });

  test("cause is chained", () => {
    const cause = new TypeError("fetch failed");
    expect(new client.NoxConnectionError("x", { cause }).cause).toBe(cause);
  });

  test("toJSON gives what a log needs (not the headers)", () => {
    const headers = new Headers({ "x-request-id": "req_1", "retry-after": "2" });
    const error = new NoxRateLimitError("slow", {
      status: 429,
      headers,
      serverMessage: "slow down",
      bodyExcerpt: undefined,
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "NoxRateLimitError",
      message: "slow (request id req_1)",
      attempts: 0,
      status: 429,
      serverMessage: "slow down",
      requestId: "req_1",
      retryAfterMs: 2000,
    });
  });

  test("a validation error's toJSON lists its issues", () => {
    const issues = [{ field: "user_id", message: "is required" }];
    expect(JSON.parse(JSON.stringify(new NoxValidationError(issues)))).toMatchObject({ issues, attempts: 0 });
  });
});
