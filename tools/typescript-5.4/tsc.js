// The path of TypeScript 5.4's `tsc` launcher, resolved from this package (which depends on it). The
// package's exports do not list `bin/tsc`, so it is found beside its package.json.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const manifest = createRequire(import.meta.url).resolve("typescript/package.json");
export const TSC_5_4 = join(dirname(manifest), "bin", "tsc");
