import { defineConfig } from "vitest/config";

/** The corpus task (`pnpm test:corpus`): its own turbo task, two documents at a time on two cores. */
export default defineConfig({
  test: {
    root: "scripts",
    include: ["test/corpus*.test.ts"],
    maxConcurrency: 2,
    globalSetup: ["test/corpus-setup.ts"],
    // The fetch, then a whole update-spec, build, type-check and conformance run per document.
    hookTimeout: 300_000,
    testTimeout: 600_000,
  },
});
