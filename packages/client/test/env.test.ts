import { afterEach, expect, test } from "vitest";
import { createNoxClient } from "../src/index.js";
import { readEnv } from "../src/env.js";

const realProcess = globalThis.process;
const descriptor = Object.getOwnPropertyDescriptor(globalThis, "process")!;

/** Runs `body` synchronously with `process` replaced (as Deno without --allow-env, or workerd without it). */
function withProcess<T>(fake: unknown, body: () => T): T {
  Object.defineProperty(globalThis, "process", { configurable: true, writable: true, value: fake });
  try {
    return body();
  } finally {
    Object.defineProperty(globalThis, "process", descriptor);
  }
}

// Deno throws NotCapable for a variable it was not allowed to read.
const denied = {
  env: new Proxy(
    {},
    {
      get() {
        throw Object.assign(new Error('Requires env access to "NOX_LOG"'), { name: "NotCapable" });
      },
    },
  ),
};

afterEach(() => {
  expect(globalThis.process).toBe(realProcess);
});

test("an environment variable the runtime will not let us read counts as unset", () => {
  expect(withProcess(denied, () => readEnv("NOX_LOG"))).toBeUndefined();
  expect(withProcess(undefined, () => readEnv("NOX_LOG"))).toBeUndefined();
  expect(withProcess({ env: { NOX_LOG: 3 } }, () => readEnv("NOX_LOG"))).toBeUndefined();
  expect(withProcess({ env: { NOX_LOG: "debug" } }, () => readEnv("NOX_LOG"))).toBe("debug");
});

test("createNoxClient with an explicit key starts where NOX_LOG and NOX_API_KEY cannot be read", () => {
  const nox = withProcess(denied, () => createNoxClient({ apiKey: "nox_env_test_key" }));
  expect(nox.baseUrl).toBe("https://auth.nox.energy/v2");
  expect(() => withProcess(denied, () => createNoxClient())).toThrow(/No NOX API key/);
});
