import { fileURLToPath } from "node:url";

/** The repository root (scripts/lib/../..). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Paths of the inputs every generated file is made from, relative to the repo root. */
export const SPEC_FILE = "spec/openapi-supplier-auth-v2.json";
export const BRANDS_FILE = "spec/brands.json";
/** The redirect callback's payload schema, curated from NOX's integration guide. */
export const LINK_CALLBACK_FILE = "spec/link-callback.schema.json";
/** The spec's provenance notes; its `- URL:` line is the upstream `pnpm update-spec` fetches by default. */
export const SPEC_README_FILE = "spec/README.md";
