import { readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SPEC_README_FILE } from "./repo.ts";
import { SpecSourceError } from "./spec-errors.ts";

/** The bytes of a spec exactly as its source serves them. */
export interface LoadedSpec {
  /** The URL or absolute file path read. */
  source: string;
  bytes: Buffer;
}

/** Options for {@link loadSpec}. */
export interface LoadSpecOptions {
  /** Abort an HTTP fetch (connect and body) after this many milliseconds. */
  timeoutMs: number;
  /** The fetch to use for URLs (tests inject one); default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Directory a relative file path is resolved from. */
  cwd?: string;
}

const NOTHING_CHANGED = "Nothing was changed.";

/** True when `source` names an HTTP(S) URL rather than a file. */
export function isHttpUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * Reads the upstream URL from the `- URL: …` line of spec/README.md, the one place it is recorded.
 */
export async function readUpstreamUrl(root: string): Promise<string> {
  const readme = await readFile(join(root, SPEC_README_FILE), "utf8");
  const url = /^- URL: (\S+)\s*$/m.exec(readme)?.[1];
  if (url === undefined || !isHttpUrl(url)) {
    throw new SpecSourceError(
      `${SPEC_README_FILE} has no "- URL: https://…" line naming the upstream spec. ` +
        `Restore that line, or pass the source explicitly: pnpm update-spec <url-or-file>.`,
    );
  }
  return url;
}

function describeFetchFailure(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return "timed out";
  }
  const cause = error instanceof Error ? (error.cause as { message?: unknown } | undefined) : undefined;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}

async function fetchSpec(url: string, options: LoadSpecOptions): Promise<LoadedSpec> {
  const fetch = options.fetch ?? globalThis.fetch;
  try {
    // One signal covers connecting and reading the body, so a server that stalls mid-body times out too.
    const response = await fetch(url, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) {
      throw new SpecSourceError(
        `Fetching ${url} failed: HTTP ${response.status} ${response.statusText}. ` +
          `Check the URL (spec/README.md records upstream's), or pass a local file. ${NOTHING_CHANGED}`,
      );
    }
    // Bytes, not text(): the vendored file must be exactly what upstream serves (text() would drop a BOM).
    return { source: url, bytes: Buffer.from(await response.arrayBuffer()) };
  } catch (error) {
    if (error instanceof SpecSourceError) throw error;
    const reason = describeFetchFailure(error);
    const hint =
      reason === "timed out"
        ? `no answer within ${options.timeoutMs} ms; retry, or raise it with --timeout <ms>`
        : reason;
    throw new SpecSourceError(
      `Could not fetch ${url} (${hint}). Check the URL and the network, or pass a downloaded copy: ` +
        `pnpm update-spec ./openapi.json. ${NOTHING_CHANGED}`,
      { cause: error },
    );
  }
}

async function readSpecFile(path: string): Promise<LoadedSpec> {
  try {
    return { source: path, bytes: await readFile(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String(error);
    throw new SpecSourceError(`Could not read ${path} (${reason}). ${NOTHING_CHANGED}`, { cause: error });
  }
}

/**
 * Reads a spec from an HTTP(S) URL (with a timeout) or a file, keeping its bytes as served.
 *
 * @throws {SpecSourceError} when the source cannot be read.
 */
export async function loadSpec(source: string, options: LoadSpecOptions): Promise<LoadedSpec> {
  if (isHttpUrl(source)) return fetchSpec(source, options);
  const path = source.startsWith("file:")
    ? fileURLToPath(source)
    : isAbsolute(source)
      ? source
      : resolve(options.cwd ?? process.cwd(), source);
  return readSpecFile(path);
}
