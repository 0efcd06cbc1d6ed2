import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: "scripts",
    include: ["test/**/*.test.ts"],
    // The corpus is its own task (`pnpm test:corpus`, test/corpus.vitest.config.ts).
    exclude: [...configDefaults.exclude, "test/corpus*.test.ts"],
    testTimeout: 60_000,
  },
});
