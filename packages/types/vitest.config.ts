import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests run hundreds of cases; on two shared cores (CI runs turbo tasks side by side) the
    // 5 s default is a load test, not a correctness one. Each test that waits on a timer sets its own.
    testTimeout: 30_000,
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
