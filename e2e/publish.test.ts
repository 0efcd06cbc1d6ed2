import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createConsumerProject, installInto } from "./lib/consumer-project.ts";
import { importInstalled } from "./lib/installed-package.ts";
import { JS_RUNTIMES, type JsRuntime } from "./lib/js-runtimes.ts";
import { startLocalRegistry, type LocalRegistry } from "./lib/local-registry.ts";
import { resolveNode, type NodeRuntime } from "./lib/node-runtimes.ts";
import { mapWithLimit } from "./lib/pool.ts";
import { copyWorkingTree, releaseTo, cleanEnv, type ReleaseLog } from "./lib/release-workspace.ts";
import { run, type RunResult } from "./lib/run.ts";
import { fetchTarball } from "./lib/tarball.ts";

// The publish proof: the repository's own release commands publish every public package to a real
// registry on 127.0.0.1, and fresh projects install them from it and use them: JavaScript (ESM, CJS) and
// TypeScript consumers on Node 20, 22 and 24; the same service flow on Bun, Deno and workerd; and the
// TypeScript consumers type-checked by every supported compiler with skipLibCheck off.

const REPO_ROOT = new URL("../", import.meta.url).pathname;
const NODE_MAJORS = [20, 22, 24];
/** The compilers the README promises, as aliased in consumers/ts/package.json (`typescript-<version>`). */
const TYPESCRIPTS = ["5.4", "5.9", "7.0"];
/** The compiler whose builds run on every Node. */
const NODE_MATRIX_TYPESCRIPT = "5.9";
/**
 * The TS consumer's configurations: ESM under nodenext and bundler, and CommonJS (cjs.cts) resolved the
 * classic way, node10, which TypeScript 7 removed: its CommonJS case resolves as bundler instead.
 */
const tsConfigsFor = (ts: string) => [
  "nodenext",
  "bundler",
  ts.startsWith("7.") ? "cjs-bundler" : "cjs-node10",
];
const tsBuilds = TYPESCRIPTS.flatMap((ts) =>
  tsConfigsFor(ts).map((config): [string, string] => [ts, config]),
);
const tsOut = (ts: string, config: string) =>
  `out-${ts}-${config}/${config.startsWith("cjs") ? "cjs.cjs" : "main.js"}`;

interface PublicPackage {
  name: string;
  dir: string;
}

let work: string;
let registry: LocalRegistry;
let release: ReleaseLog;
let packages: (PublicPackage & { version: string })[];
let runtimes: NodeRuntime[];
const tscResults = new Map<string, RunResult>();
const js = () => join(work, "consumer-js");
const ts = () => join(work, "consumer-ts");
const rt = () => join(work, "consumer-runtime");

async function publicPackages(root: string): Promise<PublicPackage[]> {
  const found: PublicPackage[] = [];
  for (const dir of await readdir(join(root, "packages"))) {
    const pkg = JSON.parse(await readFile(join(root, "packages", dir, "package.json"), "utf8"));
    if (!pkg.private) found.push({ name: pkg.name, dir });
  }
  return found;
}

async function publish(): Promise<void> {
  const workspace = join(work, "repo");
  await copyWorkingTree(REPO_ROOT, workspace);
  release = await releaseTo(workspace, registry);
  packages = await Promise.all(
    (await publicPackages(workspace)).map(async (p) => ({
      ...p,
      version: JSON.parse(await readFile(join(workspace, "packages", p.dir, "package.json"), "utf8")).version,
    })),
  );
}

/** Compiles every TypeScript build, two at a time (tsc is CPU-bound; TypeScript 7 is quick). */
async function compileTypeScript(): Promise<void> {
  await mapWithLimit(tsBuilds, 2, async ([version, config]) => {
    const tsc = join("node_modules", `typescript-${version}`, "bin", "tsc");
    const args = [tsc, "-p", `tsconfig.${config}.json`, "--outDir", `out-${version}-${config}`];
    const result = await run(process.execPath, args, { cwd: ts(), env: cleanEnv(), allowFailure: true });
    tscResults.set(`${version} ${config}`, result);
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "nox-publish-e2e-"));
  registry = await startLocalRegistry(join(work, "registry"));
  // The release is mostly CPU; the compilers, runtimes and Node binaries are mostly downloads: overlap them.
  const consumers: [string, string][] = [
    [js(), "js"],
    [ts(), "ts"],
    [rt(), "runtime"],
  ];
  const [, , resolved] = await Promise.all([
    publish(),
    mapWithLimit(consumers, 2, ([dir, template]) => createConsumerProject(dir, template, registry)),
    mapWithLimit(NODE_MAJORS, 1, (major) => resolveNode(major, work)),
  ]);
  runtimes = resolved;
  const installs = packages.map((p) => `${p.name}@${p.version}`);
  await mapWithLimit(consumers, 2, ([dir]) => installInto(dir, installs));
  await compileTypeScript();
});

afterAll(async () => {
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("release", () => {
  test("publishes every public package through changeset publish", () => {
    expect(packages.length).toBeGreaterThanOrEqual(4);
    for (const p of packages) expect(release.release).toContain(`${p.name}@${p.version}`);
    expect(release.release).toMatch(/packages published successfully/);
  });

  test("the registry serves each package at the version changeset version chose", async () => {
    for (const p of packages) {
      const response = await fetch(new URL(p.name.replace("/", "%2f"), registry.url));
      expect(response.status).toBe(200);
      const packument = (await response.json()) as { "dist-tags": { latest: string } };
      expect(packument["dist-tags"].latest).toBe(p.version);
      expect(p.version).not.toBe("0.0.0");
    }
  });
});

describe("tarballs", () => {
  // admin-openapi.json: the testing package's admin API document (nox-fake).
  const allowed = /^(package\.json|README\.md|API\.md|admin-openapi\.json|LICENSE|CHANGELOG\.md|dist\/.+)$/;

  test("hold only dist, README, the API reference, LICENSE, CHANGELOG and package.json", async () => {
    for (const p of packages) {
      const tarball = await fetchTarball(registry.url, p.name, p.version);
      try {
        expect(
          tarball.files.filter((f) => !allowed.test(f)),
          p.name,
        ).toEqual([]);
        for (const required of ["package.json", "README.md", "API.md", "LICENSE", "CHANGELOG.md"]) {
          expect(tarball.files, p.name).toContain(required);
        }
        expect(
          tarball.files.some((f) => f.startsWith("dist/")),
          p.name,
        ).toBe(true);
        expect(
          tarball.files.filter((f) => /(^|\/)(src|test)\/|\.test\.|\.npmrc|\.env/.test(f)),
          p.name,
        ).toEqual([]);
      } finally {
        await tarball.dispose();
      }
    }
  });

  test("contain no secrets: no publish token, no auth config", async () => {
    for (const p of packages) {
      const tarball = await fetchTarball(registry.url, p.name, p.version);
      try {
        for (const file of tarball.files) {
          const text = await tarball.read(file);
          expect(text, `${p.name}/${file}`).not.toContain("e2e-publish-token");
          expect(text, `${p.name}/${file}`).not.toMatch(
            /_authToken|NPM_TOKEN=|-----BEGIN [A-Z ]*PRIVATE KEY-----/,
          );
        }
        const manifest = JSON.parse(await tarball.read("package.json"));
        // pnpm publish must have replaced workspace: ranges with real versions.
        expect(JSON.stringify(manifest.dependencies ?? {}), p.name).not.toContain("workspace:");
      } finally {
        await tarball.dispose();
      }
    }
  });
});

describe.concurrent("TypeScript consumers type-check against the published declarations", () => {
  test.each(tsBuilds)("TypeScript %s, %s (skipLibCheck off), and the build runs", async (version, config) => {
    const result = tscResults.get(`${version} ${config}`);
    expect((result?.stdout ?? "") + (result?.stderr ?? "")).toBe("");
    expect(result?.code).toBe(0);
    const { stdout } = await run(process.execPath, [tsOut(version, config)], {
      cwd: ts(),
      env: cleanEnv(),
    });
    expect(JSON.parse(stdout.trim().split("\n").pop()!)).toMatchObject({ node: process.version });
  });
});

describe.concurrent.each(NODE_MAJORS)("consumers on Node %i", (major) => {
  const node = () => runtimes.find((r) => r.major === major)!;
  const consumers: [string, () => string, string][] = [
    ["ESM (import)", js, "esm.mjs"],
    ["CJS (require)", js, "cjs.cjs"],
    ...tsConfigsFor(NODE_MATRIX_TYPESCRIPT).map((config): [string, () => string, string] => [
      `TypeScript, ${config} build`,
      ts,
      tsOut(NODE_MATRIX_TYPESCRIPT, config),
    ]),
  ];

  test.each(consumers)("%s creates a link session against a local server", async (_name, dir, entry) => {
    const { stdout } = await run(node().path, [entry], { cwd: dir(), env: cleanEnv(), timeoutMs: 60_000 });
    const line = JSON.parse(stdout.trim().split("\n").pop()!) as { node: string };
    expect(line.node).toBe(node().version);
    expect(node().version.startsWith(`v${major}.`)).toBe(true);
  });
});

describe.concurrent(
  "the same service flow on other runtimes, against the published fake in this process",
  () => {
    type Testing = typeof import("@nox-energy/authenticator-testing");

    test.each(JS_RUNTIMES.map((r): [string, JsRuntime] => [r.name, r]))(
      "%s creates a link session and reads the callback",
      async (_name, runtime) => {
        const { createNoxTestServer, TEST_API_KEY } = await importInstalled<Testing>(
          rt(),
          "@nox-energy/authenticator-testing",
        );
        const server = await createNoxTestServer();
        try {
          const node22Plus = runtimes.find((r) => r.major >= 22)!.path;
          const { command, args, env } = runtime.command(rt(), { node22Plus, scratch: work });
          const { stdout } = await run(command, args, {
            cwd: rt(),
            env: cleanEnv({ ...env, NOX_BASE_URL: server.url, NOX_API_KEY: TEST_API_KEY }),
            timeoutMs: 90_000,
          });
          const result = JSON.parse(stdout.trim().split("\n").pop()!) as {
            runtime: string;
            session: { link_token: string; supplier_user_id: string };
            callback: { supplier_user_id: string; connected_at: number };
          };
          expect(result.runtime).toMatch(runtime.reports);
          // The session the runtime saw is the one the fake created and the link page completed; invalid
          // input never left the runtime: the fake saw the POST and the user's visit to link_url only.
          expect(server.sessions).toEqual([
            { ...result.session, completed_at: result.callback.connected_at },
          ]);
          expect(server.requests.map((r) => r.method)).toEqual(["POST", "GET"]);
          expect(result.callback.supplier_user_id).toBe(result.session.supplier_user_id);
        } finally {
          await server.close();
        }
      },
    );
  },
);
