import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { BRANDS_FILE, LABELS_FILE, LINK_CALLBACK_FILE, METHOD_NAMES_FILE, SPEC_FILE } from "../lib/repo.ts";
import { ModelError } from "./errors.ts";

/** Everything in spec/ the model is built from, parsed once. */
export interface ModelInputs {
  /** The OpenAPI document. */
  document: unknown;
  /** spec/brands.json, or `null` when absent. */
  brands: unknown;
  /** spec/method-names.json, or `null` when absent. */
  methodNames: unknown;
  /** spec/labels.json, or `null` when absent. */
  labels: unknown;
  /** spec/link-callback.schema.json, or `null` when absent. */
  linkCallbackSchema: unknown;
}

/** Reads a file's text, or `null` when it does not exist. */
type ReadText = (path: string) => Promise<string | null>;

function parse(path: string, text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ModelError(path, `is not valid JSON (${(cause as Error).message}). Fix the file.`, { cause });
  }
}

async function loadWith(read: ReadText): Promise<ModelInputs> {
  const [document, brands, methodNames, labels, linkCallback] = await Promise.all(
    [SPEC_FILE, BRANDS_FILE, METHOD_NAMES_FILE, LABELS_FILE, LINK_CALLBACK_FILE].map(async (path) =>
      parse(path, await read(path)),
    ),
  );
  if (document === null) throw new ModelError(SPEC_FILE, "does not exist; restore it with `git checkout`.");
  return { document, brands, methodNames, labels, linkCallbackSchema: linkCallback };
}

/** Reads the spec and the curated data from `root`'s spec/ folder (missing curated files: `null`). */
export function loadInputs(root: string): Promise<ModelInputs> {
  return loadWith(async (path) => {
    try {
      return await readFile(join(root, path), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  });
}

/** Reads spec/ as committed at `ref` (e.g. `HEAD`) in the git repository at `root`. */
export function loadInputsAt(root: string, ref: string): Promise<ModelInputs> {
  return loadWith(async (path) => {
    try {
      const { stdout } = await promisify(execFile)("git", ["show", `${ref}:${path}`], {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout;
    } catch {
      return null;
    }
  });
}
