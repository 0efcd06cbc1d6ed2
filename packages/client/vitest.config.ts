import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  version: string;
};

export default defineConfig({
  define: { __NOX_CLIENT_VERSION__: JSON.stringify(version) },
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests run hundreds of cases; on two shared cores (CI runs turbo tasks side by side) the
    // 5 s default is a load test, not a correctness one. Each test that waits on a timer sets its own.
    testTimeout: 30_000,
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
