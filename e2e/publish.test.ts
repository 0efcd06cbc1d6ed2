import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createConsumerProject } from "./lib/consumer-project.ts";
import { startLocalRegistry, type LocalRegistry } from "./lib/local-registry.ts";
import { resolveNode, type NodeRuntime } from "./lib/node-runtimes.ts";
import { copyWorkingTree, releaseTo, cleanEnv, type ReleaseLog } from "./lib/release-workspace.ts";
import { run } from "./lib/run.ts";
import { fetchTarball } from "./lib/tarball.ts";

// The publish proof: the repository's own release commands publish every public package to a real
// registry on 127.0.0.1, and fresh projects install them from it and use them, on Node 20, 22 and 24.

const REPO_ROOT = new URL("../", import.meta.url).pathname;
const NODE_MAJORS = [20, 22, 24];
const TYPESCRIPT = "typescript@5.9.3";
const TYPES_NODE = "@types/node@20.19.43";

interface PublicPackage {
  name: string;
  dir: string;
}

let work: string;
let registry: LocalRegistry;
let release: ReleaseLog;
let packages: (PublicPackage & { version: string })[];
let runtimes: NodeRuntime[];
const tscResults = new Map<string, { code: number | null; output: string }>();
const TS_MODES = ["nodenext", "bundler"];
const js = () => join(work, "consumer-js");
const ts = () => join(work, "consumer-ts");

async function publicPackages(root: string): Promise<PublicPackage[]> {
  const found: PublicPackage[] = [];
  for (const dir of await readdir(join(root, "packages"))) {
    const pkg = JSON.parse(await readFile(join(root, "packages", dir, "package.json"), "utf8"));
    if (!pkg.private) found.push({ name: pkg.name, dir });
  }
  return found;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "nox-publish-e2e-"));
  registry = await startLocalRegistry(join(work, "registry"));
  const workspace = join(work, "repo");
  await copyWorkingTree(REPO_ROOT, workspace);
  release = await releaseTo(workspace, registry);
  packages = await Promise.all(
    (await publicPackages(workspace)).map(async (p) => ({
      ...p,
      version: JSON.parse(await readFile(join(workspace, "packages", p.dir, "package.json"), "utf8")).version,
    })),
  );
  const installs = packages.map((p) => `${p.name}@${p.version}`);
  // Sequential: npm's cache is shared, and two cores are better spent one install at a time.
  await createConsumerProject(js(), "js", registry, installs);
  await createConsumerProject(ts(), "ts", registry, [...installs, TYPESCRIPT, TYPES_NODE]);
  for (const mode of TS_MODES) {
    const result = await run(
      process.execPath,
      ["node_modules/typescript/bin/tsc", "-p", `tsconfig.${mode}.json`],
      {
        cwd: ts(),
        env: cleanEnv(),
        allowFailure: true,
      },
    );
    tscResults.set(mode, { code: result.code, output: result.stdout + result.stderr });
  }
  runtimes = [];
  for (const major of NODE_MAJORS) runtimes.push(await resolveNode(major, work));
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
  const allowed = /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/.+)$/;

  test("hold only dist, README, LICENSE, CHANGELOG and package.json", async () => {
    for (const p of packages) {
      const tarball = await fetchTarball(registry.url, p.name, p.version);
      try {
        expect(
          tarball.files.filter((f) => !allowed.test(f)),
          p.name,
        ).toEqual([]);
        for (const required of ["package.json", "README.md", "LICENSE", "CHANGELOG.md"]) {
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

describe("TypeScript consumers type-check against the published declarations", () => {
  test.each(TS_MODES)("moduleResolution %s", (mode) => {
    const result = tscResults.get(mode);
    expect(result?.output).toBe("");
    expect(result?.code).toBe(0);
  });
});

describe.each(NODE_MAJORS)("consumers on Node %i", (major) => {
  const node = () => runtimes.find((r) => r.major === major)!;
  const consumers: [string, () => string, string][] = [
    ["ESM (import)", js, "esm.mjs"],
    ["CJS (require)", js, "cjs.cjs"],
    ["TypeScript, nodenext build", ts, "out-nodenext/main.js"],
    ["TypeScript, bundler build", ts, "out-bundler/main.js"],
  ];

  test.each(consumers)("%s creates a link session against a local server", async (_name, dir, entry) => {
    const { stdout } = await run(node().path, [entry], { cwd: dir(), env: cleanEnv(), timeoutMs: 60_000 });
    const line = JSON.parse(stdout.trim().split("\n").pop()!) as { node: string };
    expect(line.node).toBe(node().version);
    expect(node().version.startsWith(`v${major}.`)).toBe(true);
  });
});
