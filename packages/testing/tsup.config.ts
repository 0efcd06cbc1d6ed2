import { packageBuild } from "../../tsup.config.base.ts";

// A Node HTTP server: node:http and node:crypto are built-ins, not something to bundle.
export default packageBuild({ platform: "node" });
