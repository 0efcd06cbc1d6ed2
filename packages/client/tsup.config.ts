import { readFileSync } from "node:fs";
import { packageBuild } from "../../tsup.config.base.ts";

// The User-Agent's version comes from package.json at build time, so `changeset version` bumps flow through.
const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  version: string;
};

export default packageBuild({ define: { __NOX_CLIENT_VERSION__: JSON.stringify(version) } });
