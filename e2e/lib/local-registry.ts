import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const READY_TIMEOUT_MS = 120_000;
const VERDACCIO_BIN = fileURLToPath(new URL("../../node_modules/verdaccio/bin/verdaccio", import.meta.url));

/** A running verdaccio registry on 127.0.0.1. */
export interface LocalRegistry {
  /** e.g. `http://127.0.0.1:40123/` */
  url: string;
  /** The npmrc key that token auth hangs off, e.g. `//127.0.0.1:40123/`. */
  authKey: string;
  /** The registry's log so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") return reject(new Error("no port"));
      server.close(() => resolve(address.port));
    });
  });
}

/**
 * Starts verdaccio with storage under `dir`, serving only the `@nox-energy` scope (anyone may
 * publish with any token) and no uplinks: everything else a consumer installs comes from its usual
 * registry, so nothing published here can leak out and nothing outside can shadow it.
 */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  await mkdir(join(dir, "storage"), { recursive: true });
  const config = join(dir, "config.yaml");
  await writeFile(
    config,
    [
      `storage: ${join(dir, "storage")}`,
      "auth:",
      "  htpasswd:",
      `    file: ${join(dir, "htpasswd")}`,
      "    max_users: -1",
      "uplinks: {}",
      "packages:",
      "  '@nox-energy/*':",
      "    access: $all",
      "    publish: $all",
      "    unpublish: $all",
      "server:",
      "  keepAliveTimeout: 60",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [VERDACCIO_BIN, "--config", config, "--listen", `127.0.0.1:${port}`],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });

  // Generous: verdaccio loads for seconds, and pnpm test starts it while the package checks load the cores.
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`verdaccio exited ${child.exitCode} before it was ready:\n${output}`);
    try {
      const response = await fetch(new URL("-/ping", url), { signal: AbortSignal.timeout(1_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `verdaccio did not answer ${url}-/ping within ${READY_TIMEOUT_MS / 1000} s:\n${output}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, authKey: `//127.0.0.1:${port}/`, log: () => output, stop };
}
