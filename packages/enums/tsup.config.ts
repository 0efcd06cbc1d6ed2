import { packageBuild } from "../../tsup.config.base.ts";

// The validators are the `/validators` subpath: one module that keeps every validator it holds (each is
// a function with properties set at load), so it stays out of the main entry, which must not grow.
export default packageBuild({ entry: { index: "src/index.ts", validators: "src/validators/index.ts" } });
