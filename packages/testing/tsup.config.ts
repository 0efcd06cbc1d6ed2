import { packageBuild } from "../../tsup.config.base.ts";

// A Node HTTP server: node:http and node:crypto are built-ins, not something to bundle. The msw entry is
// the `/msw` subpath; msw itself is an optional peer dependency, so it stays external. json-schema-faker
// ships only ESM: bundled, so the CommonJS build works on every Node 20 (require(esm) needs 20.19).
export default packageBuild({
  platform: "node",
  entry: { index: "src/index.ts", msw: "src/msw/index.ts", "bin/nox-fake": "src/bin/nox-fake.ts" },
  noExternal: ["json-schema-faker"],
});
