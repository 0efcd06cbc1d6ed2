import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: "e2e",
    include: ["**/*.test.ts"],
    // One release, shared by every test in the file; installs dominate the time.
    hookTimeout: 600_000,
    testTimeout: 120_000,
  },
});
