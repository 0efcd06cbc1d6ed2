import { packageBuild } from "../../tsup.config.base.ts";

// A Node HTTP server: node:http and node:crypto are built-ins, not something to bundle. The msw entry is
// the `/msw` subpath; msw itself is an optional peer dependency, so it stays external.
export default packageBuild({
  platform: "node",
  entry: { index: "src/index.ts", msw: "src/msw/index.ts" },
});
