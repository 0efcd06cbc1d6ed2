import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { createNoxTestServer, TEST_API_KEY } from "../src/index.js";

// The published bin, as `npx nox-fake` runs it (turbo builds the package before its tests).
const BIN = fileURLToPath(new URL("../dist/bin/nox-fake.js", import.meta.url));
const DRIVER = fileURLToPath(new URL("./nox-fake/drive.py", import.meta.url));
const ADMIN_DOC = JSON.parse(readFileSync(new URL("../admin-openapi.json", import.meta.url), "utf8")) as {
  paths: Record<string, Record<string, unknown>>;
};

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGKILL");
});

/** Starts the bin with `args`; resolves with the process and the URL it printed. */
async function start(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, "--port", "0", "--json", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  return { child, url: (JSON.parse(line) as { url: string }).url };
}

describe("nox-fake (the bin)", () => {
  test("serves the whole flow to a Python urllib client, then stops on SIGTERM with status 0", async () => {
    const python = spawnSync("python3", ["--version"]);
    expect(
      python.status,
      "python3 is needed for this test (it stands for a service in another language)",
    ).toBe(0);
    const { child, url } = await start(["--api-key", "py-key:Python Energy", "--admin-token", "t0k3n"]);
    const driven = spawn("python3", [DRIVER, url, "py-key", "t0k3n"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    driven.stdout.on("data", (c) => (out += c));
    driven.stderr.on("data", (c) => (err += c));
    const [code] = (await once(driven, "exit")) as [number];
    expect(err, "the Python driver's complaint").toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ ok: true, sessions: 2, requests: 2 });
    child.kill("SIGTERM");
    const [status] = (await once(child, "exit")) as [number];
    expect(status).toBe(0);
  }, 30_000);

  test("reads NOX_FAKE_* variables; a flag wins over its variable", async () => {
    const { url } = await start(["--base-path", "/v2"], {
      NOX_FAKE_BASE_PATH: "/ignored",
      NOX_FAKE_API_KEYS: "env-key:Env Energy",
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    const res = await fetch(`${url}/supplier/link-sessions`, {
      method: "POST",
      headers: { "x-api-key": "env-key", "content-type": "application/json" },
      body: JSON.stringify({ user_id: "u", asset_type: "pv", redirect_url: "https://a.example/cb" }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { supplier: string }).supplier).toBe("Env Energy");
  });

  test.each([[["--bogus"]], [["--port", "70000"]], [["--api-key", ":x"]]])(
    "exits 2 with the usage on %j",
    (args) => {
      const run = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^nox-fake: .*\n\nUsage: nox-fake/s);
    },
  );
});

describe("the admin API", () => {
  const documented = Object.entries(ADMIN_DOC.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => [method.toUpperCase(), path] as const),
  );

  test("answers every route admin-openapi.json documents, and nothing else under /__nox/", async () => {
    const server = await createNoxTestServer({ admin: true });
    try {
      for (const [method, path] of documented) {
        const res = await fetch(`${server.url}${path.replace("{link_token}", "unknown")}`, {
          method,
          headers: { "content-type": "application/json" },
          ...(method === "POST" && {
            body: path.endsWith("faults")
              ? '{"fault":{"status":500}}'
              : path.endsWith("clock")
                ? '{"advanceSeconds":1}'
                : "{}",
          }),
        });
        // The one documented 404 is an unknown session's; every other route answers 200.
        expect(res.status, `${method} ${path}`).toBe(path.includes("{link_token}") ? 404 : 200);
      }
      for (const path of ["/__nox/", "/__nox/admin", "/__nox/sessions/x", "/__nox/health/x"])
        expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
      expect((await fetch(`${server.url}/__nox/health`, { method: "DELETE" })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  test("is off unless asked for: /__nox/ is then the spec's 404", async () => {
    const server = await createNoxTestServer();
    try {
      const res = await fetch(`${server.url}/__nox/health`, { headers: { "x-api-key": TEST_API_KEY } });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('"status":"ok"');
    } finally {
      await server.close();
    }
  });
});
