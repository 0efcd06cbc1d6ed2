#!/usr/bin/env node
/**
 * `nox-fake`: the fake NOX as a process, for services that are not in the test's JavaScript process
 * (another language, a docker-compose suite). Flags win over `NOX_FAKE_*` variables; `--help` lists them.
 */
import { parseArgs } from "node:util";
import { createNoxTestServer, type NoxTestServerOptions } from "../create-test-server.js";
import { TEST_API_KEY, TEST_SUPPLIER_NAME } from "../defaults.js";

const USAGE = `Usage: nox-fake [options]

Serves the fake NOX Authenticator API (and its admin API under /__nox/) until SIGTERM or SIGINT.

  --port <n>              port to listen on (default 8080; 0 picks a free one)   NOX_FAKE_PORT
  --host <address>        interface (default 127.0.0.1; 0.0.0.0 in a container)   NOX_FAKE_HOST
  --api-key <key[:name]>  an accepted key and its supplier name (repeatable;      NOX_FAKE_API_KEYS
                          default ${TEST_API_KEY}:${TEST_SUPPLIER_NAME})   (comma-separated)
  --base-path <path>      prefix the routes live under, e.g. /v2                 NOX_FAKE_BASE_PATH
  --link-base-url <url>   where link_url points (a browser must reach it)         NOX_FAKE_LINK_BASE_URL
  --admin-token <token>   require "authorization: Bearer <token>" on /__nox/      NOX_FAKE_ADMIN_TOKEN
  --json                  print {"url": ...} as one JSON line instead of text
  --help                  print this
`;

/** A usage error: printed with the usage, exit status 2. */
class UsageError extends Error {}

/** The options the flags and environment give, checked. */
function optionsFrom(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): NoxTestServerOptions & { json: boolean; help: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "api-key": { type: "string", multiple: true },
      "base-path": { type: "string" },
      "link-base-url": { type: "string" },
      "admin-token": { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port ?? env["NOX_FAKE_PORT"] ?? "8080");
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(
      `--port must be an integer 0-65535, got ${JSON.stringify(values.port ?? env["NOX_FAKE_PORT"])}`,
    );
  const keys = values["api-key"] ?? env["NOX_FAKE_API_KEYS"]?.split(",").filter(Boolean) ?? [];
  const apiKeys = Object.fromEntries(
    keys.map((entry) => {
      const [key, ...name] = entry.split(":");
      if (!key) throw new UsageError(`--api-key needs KEY or KEY:SUPPLIER, got ${JSON.stringify(entry)}`);
      return [key, name.join(":") || TEST_SUPPLIER_NAME];
    }),
  );
  const basePath = values["base-path"] ?? env["NOX_FAKE_BASE_PATH"];
  const linkBaseUrl = values["link-base-url"] ?? env["NOX_FAKE_LINK_BASE_URL"];
  const token = values["admin-token"] ?? env["NOX_FAKE_ADMIN_TOKEN"];
  return {
    port,
    host: values.host ?? env["NOX_FAKE_HOST"] ?? "127.0.0.1",
    ...(keys.length > 0 && { apiKeys }),
    ...(basePath !== undefined && { basePath }),
    ...(linkBaseUrl !== undefined && { linkBaseUrl }),
    admin: { token },
    json: values.json === true,
    help: values.help === true,
  };
}

/** Runs the command; resolves with the exit status once the server has stopped (or did not start). */
async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: ReturnType<typeof optionsFrom>;
  try {
    options = optionsFrom(argv, env);
  } catch (error) {
    process.stderr.write(`nox-fake: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { json, help: _, ...serverOptions } = options;
  const server = await createNoxTestServer(serverOptions);
  process.stdout.write(
    json ? `${JSON.stringify({ url: server.url })}\n` : `nox-fake listening on ${server.url}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  await server.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => void (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`nox-fake: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
