import * as prettier from "prettier";
import { join } from "node:path";

/**
 * Formats `source` with the repository's prettier config, as if it lived at `path`,
 * so generated files look exactly like `pnpm format` would leave them.
 */
export async function formatAs(root: string, path: string, source: string): Promise<string> {
  const filepath = join(root, path);
  const config = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(source, { ...config, filepath });
}
