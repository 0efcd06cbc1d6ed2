/**
 * Run with tsx inside a copy of the repository (./built-repo.ts): builds the four packages' JavaScript
 * with each package's own tsup config, less declarations (`dts: false`: the corpus test type-checks
 * the sources with one `tsc --noEmit` instead, ./built-repo.ts), in one process, and writes
 * `tsconfig.sources.json`: every package's `src` in one program, each package name and subpath mapped
 * to the source its tsup entry builds, so the packages type-check against each other's sources.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { build, type Options } from "tsup";

const ROOT = join(import.meta.dirname, "..", "..");
/** The packages, in build order. */
export const PACKAGES = ["types", "enums", "client", "testing"] as const;

interface PackageJson {
  name: string;
  exports?: Record<string, string | { import?: { default?: string } | string }>;
}

/** Each tsup entry's name (`index`, `msw`) -> its source file, relative to the package. */
function entriesOf(options: Options): Record<string, string> {
  const entry = options.entry ?? ["src/index.ts"];
  if (!Array.isArray(entry)) return entry as Record<string, string>;
  return Object.fromEntries(
    entry.map((file) => [file.replace(/^.*\//, "").replace(/\.[cm]?[jt]sx?$/, ""), file]),
  );
}

/** The dist file an export condition names (`./dist/msw.js` -> `msw`). */
function distName(
  target: PackageJson["exports"] extends Record<string, infer T> | undefined ? T : never,
): string | undefined {
  const file =
    typeof target === "string"
      ? target
      : typeof target.import === "string"
        ? target.import
        : target.import?.default;
  return file?.replace(/^\.\/dist\//, "").replace(/\.[cm]?js$/, "");
}

const paths: Record<string, string[]> = {};
const started = performance.now();
for (const name of PACKAGES) {
  const dir = join(ROOT, "packages", name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageJson;
  const config = ((await import(join(dir, "tsup.config.ts"))) as { default: Options | Options[] }).default;
  const options = [config].flat();
  const entries = Object.assign({}, ...options.map(entriesOf)) as Record<string, string>;
  process.chdir(dir);
  for (const o of options) {
    const entry = Object.fromEntries(Object.entries(entriesOf(o)).map(([k, file]) => [k, join(dir, file)]));
    await build({
      ...o,
      entry,
      outDir: join(dir, o.outDir ?? "dist"),
      tsconfig: join(dir, "tsconfig.json"),
      dts: false,
      // ESM only, and esbuild's own tree shaking (tsup's `treeshake` runs Rollup over the output: minutes
      // on GitHub's 10 MB validators); the CommonJS build is the same code, proven by pnpm test:e2e.
      format: ["esm"],
      treeshake: false,
      silent: true,
      config: false,
    });
  }
  for (const [key, target] of Object.entries(pkg.exports ?? {})) {
    if (key === "./package.json") continue;
    const entry = entries[distName(target) ?? ""];
    if (entry !== undefined) paths[join(pkg.name, key)] = [`./${relative(ROOT, join(dir, entry))}`];
  }
}
writeFileSync(
  join(ROOT, "tsconfig.sources.json"),
  `${JSON.stringify(
    {
      extends: "./tsconfig.base.json",
      compilerOptions: { types: ["node"], noEmit: true, paths },
      include: PACKAGES.map((name) => `packages/${name}/src`),
    },
    null,
    2,
  )}\n`,
);
console.log(JSON.stringify({ ms: Math.round(performance.now() - started), paths }));
