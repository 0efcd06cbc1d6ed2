/**
 * The corpus's documents on disk: each pinned package (./corpus.json) is downloaded from the npm
 * registry once into `node_modules/.cache/nox-corpus/`, its tarball's bytes checked against the
 * pinned sha512 integrity, and only the pinned documents extracted (GitHub's package unpacks to
 * 385 MB; it is never installed). Run directly (`tsx scripts/test/corpus-fetch.ts`) it fetches and
 * prints each document's path.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { x as extract } from "tar";
import { isMain } from "../lib/is-main.ts";
import { REPO_ROOT } from "../lib/repo.ts";

/** One pinned npm package and the documents read from its tarball, by corpus id. */
export interface CorpusPin {
  name: string;
  version: string;
  /** The registry's `dist.integrity` (Subresource Integrity, sha512) of the tarball. */
  integrity: string;
  /** Corpus id -> path inside the tarball (`package/...`). */
  documents: Record<string, string>;
}

/** A document of the corpus, extracted. */
export interface CorpusDocument {
  id: string;
  /** `name@version` it came from. */
  from: string;
  /** Its path inside the tarball. */
  entry: string;
  /** The extracted file. */
  file: string;
}

/** Options for {@link fetchCorpus}. */
export interface FetchCorpusOptions {
  /** Where tarballs and extracted documents are kept (default `node_modules/.cache/nox-corpus/`). */
  cacheDir?: string;
  /** The registry (default: `npm_config_registry` as pnpm and npm set it, else registry.npmjs.org). */
  registry?: string;
  fetch?: typeof globalThis.fetch;
  /** Only these corpus ids (default: every pinned document). */
  only?: readonly string[];
}

export const PIN_FILE = join(REPO_ROOT, "scripts/test/corpus.json");
export const DEFAULT_CACHE_DIR = join(REPO_ROOT, "node_modules/.cache/nox-corpus");
const DOWNLOAD_TIMEOUT_MS = 180_000;

/** The pins of ./corpus.json. */
export async function readPins(file = PIN_FILE): Promise<CorpusPin[]> {
  return (JSON.parse(await readFile(file, "utf8")) as { packages: CorpusPin[] }).packages;
}

/** The SRI string (`sha512-<base64>`) of `bytes`. */
export const integrityOf = (bytes: Uint8Array): string =>
  `sha512-${createHash("sha512").update(bytes).digest("base64")}`;

const flat = (pin: CorpusPin) => `${pin.name.replace(/^@/, "").replace("/", "-")}-${pin.version}`;

function registryOf(option?: string): string {
  const url = option ?? process.env.npm_config_registry ?? "https://registry.npmjs.org/";
  return url.endsWith("/") ? url : `${url}/`;
}

/** The tarball's URL, as the registry's version document states it (a mirror may serve it elsewhere). */
async function tarballUrl(pin: CorpusPin, registry: string, fetch: typeof globalThis.fetch): Promise<string> {
  const url = `${registry}${pin.name.replace("/", "%2f")}/${pin.version}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok)
    throw new Error(`${url} answered ${response.status}: cannot fetch ${pin.name}@${pin.version}.`);
  const { dist } = (await response.json()) as { dist: { tarball: string; integrity: string } };
  if (dist.integrity !== pin.integrity)
    throw new Error(
      `${pin.name}@${pin.version}: the registry states integrity ${dist.integrity}, scripts/test/corpus.json pins ${pin.integrity}. Refusing it.`,
    );
  return dist.tarball;
}

/** The package's tarball bytes, from the cache or downloaded (then cached), checked against the pin. */
async function tarball(
  pin: CorpusPin,
  cacheDir: string,
  registry: string,
  fetch: typeof globalThis.fetch,
): Promise<string> {
  const file = join(cacheDir, `${flat(pin)}.tgz`);
  if (existsSync(file) && integrityOf(await readFile(file)) === pin.integrity) return file;
  const url = await tarballUrl(pin, registry, fetch);
  const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const got = integrityOf(bytes);
  if (got !== pin.integrity)
    throw new Error(`${url}: the download's integrity is ${got}, the pin's ${pin.integrity}. Refusing it.`);
  await mkdir(cacheDir, { recursive: true });
  // Whole or not at all: a run stopped mid-write leaves no half tarball under the final name.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, file);
  return file;
}

/** Extracts the pinned documents of `pin` (once: a marker file says the extraction finished). */
async function extractDocuments(pin: CorpusPin, file: string, cacheDir: string): Promise<string> {
  const dir = join(cacheDir, flat(pin));
  const marker = join(dir, ".extracted");
  const entries = new Set(Object.values(pin.documents));
  if (existsSync(marker) && (await readFile(marker, "utf8")) === pin.integrity) return dir;
  // Into a directory of this process's own, then renamed: a reader never sees half the files.
  const partial = `${dir}.${process.pid}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  await extract({ file, cwd: partial, filter: (path) => entries.has(path) });
  const missing = [...entries].filter((entry) => !existsSync(join(partial, entry)));
  if (missing.length > 0)
    throw new Error(
      `${pin.name}@${pin.version} has no ${missing.join(", ")}: mend scripts/test/corpus.json.`,
    );
  await writeFile(join(partial, ".extracted"), pin.integrity);
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return dir;
}

/**
 * Every pinned document, on disk: downloaded (when not cached), verified and extracted.
 *
 * @example
 * const [petstore] = await fetchCorpus({ only: ["petstore-3.0"] });
 * @throws when the registry cannot be reached or a tarball does not match its pin.
 */
export async function fetchCorpus(options: FetchCorpusOptions = {}): Promise<CorpusDocument[]> {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const registry = registryOf(options.registry);
  const fetch = options.fetch ?? globalThis.fetch;
  const out: CorpusDocument[] = [];
  for (const pin of await readPins()) {
    const ids = Object.keys(pin.documents).filter((id) => options.only?.includes(id) ?? true);
    if (ids.length === 0) continue;
    const dir = await extractDocuments(pin, await tarball(pin, cacheDir, registry, fetch), cacheDir);
    for (const id of ids) {
      const entry = pin.documents[id]!;
      out.push({ id, from: `${pin.name}@${pin.version}`, entry, file: join(dir, entry) });
    }
  }
  return out;
}

if (isMain(import.meta.url)) {
  for (const doc of await fetchCorpus()) console.log(`${doc.id}\t${doc.from}\t${doc.file}`);
}
