import { spawn } from "node:child_process";

/** What a finished command printed. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options for {@link run}. */
export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Resolve with a non-zero exit instead of rejecting. */
  allowFailure?: boolean;
}

/**
 * Runs a command to completion, capturing its output. Rejects (with the output in the message, so a
 * failing e2e step says why) on a non-zero exit or when it outlives `timeoutMs`.
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result = { code, stdout, stderr };
      if (code === 0 || options.allowFailure) return resolve(result);
      const why =
        signal === "SIGKILL" ? `timed out after ${options.timeoutMs ?? 120_000} ms` : `exited ${code}`;
      reject(
        new Error(`\`${command} ${args.join(" ")}\` in ${options.cwd} ${why}\n${stdout}\n${stderr}`.trim()),
      );
    });
  });
}
