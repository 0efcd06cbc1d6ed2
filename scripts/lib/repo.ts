import { fileURLToPath } from "node:url";

/** The repository root (scripts/lib/../..). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Paths of the inputs every generated file is made from, relative to the repo root. */
export const SPEC_FILE = "spec/openapi-supplier-auth-v2.json";
/** Curated brand facts: asset types and display labels per brand. */
export const BRANDS_FILE = "spec/brands.json";
/** Curated client method names where the operationId is not the name we want. */
export const METHOD_NAMES_FILE = "spec/method-names.json";
/** Curated UI labels: each asset type's name per language, each language's own name. */
export const LABELS_FILE = "spec/labels.json";
/** The schema of the redirect callback's `data` payload (the LinkCallback type). */
export const LINK_CALLBACK_FILE = "spec/link-callback.schema.json";
/** The spec's provenance notes; its `- URL:` line is the upstream `pnpm update-spec` fetches by default. */
export const SPEC_README_FILE = "spec/README.md";
