import { packageBuild } from "../../tsup.config.base.ts";

// The validators are the `/validators` subpath: one module of Ajv's compiled code whose validators are
// functions with properties set at load, so it stays out of the main entry, which is types only.
export default packageBuild({ entry: { index: "src/index.ts", validators: "src/validators/index.ts" } });
