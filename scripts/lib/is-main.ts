import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * True when the module at `url` is the process entry point.
 *
 * Node 20 has no `import.meta.main`; scripts export functions for tests and run their CLI only
 * when started directly, so they compare their own path with `process.argv[1]`.
 */
export function isMain(url: string): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(fileURLToPath(url)) === realpathSync(entry);
  } catch {
    return false;
  }
}
