import { expectTypeOf, test } from "vitest";
import { NoxApiError, NoxError, NoxRateLimitError, isNoxError } from "../src/index.js";

test("instanceof still narrows with the cross-copy Symbol.hasInstance", () => {
  const error: unknown = new Error("x");
  if (error instanceof NoxRateLimitError)
    expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
  if (error instanceof NoxApiError) expectTypeOf(error.status).toEqualTypeOf<number>();
  if (error instanceof NoxError) expectTypeOf(error.attempts).toEqualTypeOf<number>();
  if (isNoxError(error)) expectTypeOf(error).toEqualTypeOf<NoxError>();
});
