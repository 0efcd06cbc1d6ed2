import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import {
  describeBrandDataGaps,
  findBrandDataGaps,
  hasNoGaps,
  parseBrandData,
  readSpecEnums,
  type BrandDataGaps,
} from "./lib/brand-data.ts";
import { formatAs } from "./lib/format.ts";
import { BASE_URL_FILE, renderBaseUrl } from "./lib/render-base-url.ts";
import { isMain } from "./lib/is-main.ts";
import { BRAND_RULE_FILE, renderBrandRule } from "./lib/render-brand-rule.ts";
import { renderBrandLabels, renderValues, LABELS_FILE, VALUES_FILE } from "./lib/render-enums.ts";
import {
  describeLabelDataGaps,
  findLabelDataGaps,
  LABEL_DATA_FILE,
  parseLabelData,
  renderLabels,
  UI_LABELS_FILE,
} from "./lib/render-labels.ts";
import { CLIENT_SCHEMAS_FILE, renderClientSchemas } from "./lib/render-client-schemas.ts";
import { LINK_CALLBACK_TYPES_FILE, renderLinkCallback } from "./lib/render-link-callback.ts";
import { renderSchemas, SCHEMAS_FILE } from "./lib/render-schemas.ts";
import { renderTypes, TYPES_FILE } from "./lib/render-types.ts";
import { BRANDS_FILE, LINK_CALLBACK_FILE, REPO_ROOT, SPEC_FILE } from "./lib/repo.ts";

/** Options for {@link generate}. */
export interface GenerateOptions {
  /** Repository root holding spec/ and packages/ (default: this repository). */
  root?: string;
  /** Compare with what is on disk instead of writing. */
  check?: boolean;
}

/** What {@link generate} did, or in check mode would do. */
export interface GenerateResult {
  /** Files whose content changed (written), or in check mode differ from what would be generated. */
  changed: string[];
  /** Files that depend on the curated brand data and cannot be generated until its gaps are mended. */
  blocked: string[];
  /** Files under a `src/generated/` folder that no generator output claims. */
  orphans: string[];
  /** Every file generated (or that would be, if the brand data were complete). */
  files: string[];
  /** Curated brand data out of step with the spec; `null` when they agree. */
  brandDataGaps: BrandDataGaps | null;
  /** The message that explains the gaps and the data file to edit; `null` when there are none. */
  brandDataMessage: string | null;
  /** What spec/labels.json lacks or has beyond the spec's enums (its output is blocked); `null` when complete. */
  labelDataMessage: string | null;
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * Every file in a `packages/<name>/src/generated/` folder, relative to `root`: the generator owns each
 * such folder (whichever package it is in), so a file there that it no longer writes is an orphan.
 */
async function listGeneratedFiles(root: string): Promise<string[]> {
  const packages = await readdir(join(root, "packages")).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const files = await Promise.all(
    packages.map((name) => listFiles(join(root, "packages", name, "src", "generated"))),
  );
  return files.flat().map((file) => relative(root, file).split("\\").join("/"));
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * Regenerates every generated file from spec/: the types (openapi-typescript), the enum values and
 * the client's default base URL, and the schemas the fake server in packages/testing validates requests with.
 *
 * Output is formatted with the repository's prettier config and is byte-identical for the same
 * inputs. Only files whose content changes are written. When the curated brand data does not match
 * the spec, the types are still written but the enum files are not, and `brandDataGaps` says why.
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const root = options.root ?? REPO_ROOT;
  const spec: unknown = JSON.parse(await readFile(join(root, SPEC_FILE), "utf8"));
  const callback: unknown = JSON.parse(await readFile(join(root, LINK_CALLBACK_FILE), "utf8"));
  const standalone = { LinkCallback: { file: LINK_CALLBACK_FILE, schema: callback } };
  const enums = readSpecEnums(spec);
  const data = parseBrandData(await readFile(join(root, BRANDS_FILE), "utf8"));
  const gaps = findBrandDataGaps(enums, data);
  const complete = hasNoGaps(gaps);
  const labels = parseLabelData(await readFile(join(root, LABEL_DATA_FILE), "utf8"));
  const labelGaps = findLabelDataGaps(enums, labels);

  const outputs = new Map<string, string>();
  outputs.set(TYPES_FILE, await renderTypes(spec));
  outputs.set(BASE_URL_FILE, renderBaseUrl(spec));
  outputs.set(SCHEMAS_FILE, renderSchemas(spec));
  outputs.set(CLIENT_SCHEMAS_FILE, renderClientSchemas(spec, standalone));
  outputs.set(LINK_CALLBACK_TYPES_FILE, renderLinkCallback(callback));
  if (complete) {
    outputs.set(VALUES_FILE, renderValues(enums, data));
    outputs.set(LABELS_FILE, renderBrandLabels(enums, data));
    outputs.set(BRAND_RULE_FILE, renderBrandRule(enums, data));
  }
  if (labelGaps === null) outputs.set(UI_LABELS_FILE, renderLabels(enums, labels));

  const changed: string[] = [];
  for (const [path, source] of outputs) {
    const formatted = await formatAs(root, path, source);
    const absolute = join(root, path);
    if ((await readIfExists(absolute)) === formatted) continue;
    changed.push(path);
    if (!options.check) {
      await mkdir(dirname(absolute), { recursive: true });
      await writeFile(absolute, formatted);
    }
  }
  const claimed = new Set([
    ...[TYPES_FILE, BASE_URL_FILE, SCHEMAS_FILE, VALUES_FILE, LABELS_FILE],
    ...[BRAND_RULE_FILE, UI_LABELS_FILE, CLIENT_SCHEMAS_FILE, LINK_CALLBACK_TYPES_FILE],
  ]);
  const orphans = (await listGeneratedFiles(root)).filter((path) => !claimed.has(path));

  return {
    changed,
    blocked: [
      ...(complete ? [] : [VALUES_FILE, LABELS_FILE, BRAND_RULE_FILE]),
      ...(labelGaps === null ? [] : [UI_LABELS_FILE]),
    ],
    orphans: orphans.sort(),
    files: [...claimed],
    brandDataGaps: complete ? null : gaps,
    brandDataMessage: complete ? null : describeBrandDataGaps(gaps, enums.assetTypes),
    labelDataMessage: labelGaps === null ? null : describeLabelDataGaps(labelGaps, enums),
  };
}

/** Runs {@link generate} as a CLI and returns the exit code. */
export async function main(argv: readonly string[], root: string = REPO_ROOT): Promise<number> {
  const check = argv.includes("--check");
  const result = await generate({ check, root });
  let failed = false;
  if (check) {
    if (result.changed.length + result.orphans.length + result.blocked.length > 0) {
      failed = true;
      console.error("Generated files are out of date with spec/:");
      for (const path of result.changed) console.error(`  stale:   ${path}`);
      for (const path of result.blocked)
        console.error(
          `  blocked: ${path} (mend ${path === UI_LABELS_FILE ? LABEL_DATA_FILE : BRANDS_FILE} first, see below)`,
        );
      for (const path of result.orphans)
        console.error(`  orphan:  ${path} (no generator writes it; delete it)`);
      console.error("Run `pnpm generate` and commit the result.");
    } else if (result.brandDataGaps === null) {
      console.log(`Generated files are up to date (${result.files.length} files).`);
    }
  } else {
    for (const path of result.changed) console.log(`wrote ${path}`);
    if (result.changed.length === 0) console.log("Generated files already up to date.");
    for (const path of result.orphans) console.error(`orphan: ${path} (no generator writes it; delete it)`);
    failed = result.orphans.length > 0;
  }
  if (result.brandDataMessage !== null) {
    failed = true;
    console.error(`\n${result.brandDataMessage}`);
    if (!check) {
      console.error(
        "Types were regenerated; the enum files were left as they were until the data is mended.",
      );
    }
  }
  if (result.labelDataMessage !== null) {
    failed = true;
    console.error(`\n${result.labelDataMessage}`);
    if (!check) console.error(`${UI_LABELS_FILE} was left as it was until the data is mended.`);
  }
  return failed ? 1 : 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
