// The path of TypeScript 7's `tsc` launcher, resolved from this package (which depends on it). The
// package's exports do not list `bin/tsc`, so it is found beside its package.json.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const manifest = createRequire(import.meta.url).resolve("typescript/package.json");
export const TSC_NATIVE = join(dirname(manifest), "bin", "tsc");
