import { defineConfig, type Options } from "tsup";

/**
 * The one build every published package shares: ESM + CJS, each with its own declarations
 * (`.d.ts` for import, `.d.cts` for require), so attw resolves types under every module mode.
 */
export function packageBuild(overrides: Options = {}) {
  return defineConfig({
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: false,
    target: "node20",
    platform: "neutral",
    treeshake: true,
    ...overrides,
  });
}
