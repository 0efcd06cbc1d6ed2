import { run } from "./run.ts";
import { cleanEnv } from "./release-workspace.ts";

/** A Node.js binary the consumers run on. */
export interface NodeRuntime {
  major: number;
  version: string;
  path: string;
}

/**
 * Finds a Node.js binary of the given major: this process's own when it matches, otherwise the
 * npm registry's `node@<major>` package (which ships the official binary), via `npm exec`.
 */
export async function resolveNode(major: number, cwd: string): Promise<NodeRuntime> {
  if (Number(process.versions.node.split(".")[0]) === major) {
    return { major, version: process.version, path: process.execPath };
  }
  const { stdout } = await run(
    "npm",
    [
      "exec",
      "--yes",
      `--package=node@${major}`,
      "--",
      "node",
      "-p",
      "process.execPath + ' ' + process.version",
    ],
    { cwd, env: cleanEnv(), timeoutMs: 300_000 },
  );
  const [path, version] = stdout.trim().split("\n").pop()!.split(" ");
  if (!path || !version?.startsWith(`v${major}.`)) {
    throw new Error(
      `npm exec node@${major} printed ${JSON.stringify(stdout)}; expected "<path> v${major}.x"`,
    );
  }
  return { major, version, path };
}
