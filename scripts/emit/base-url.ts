import { generatedHeader } from "../lib/generated-header.ts";
import { SPEC_FILE } from "../lib/repo.ts";
import { ModelError } from "../model/errors.ts";
import type { ApiModel, GeneratedFile } from "../model/types.ts";

/** Where the generated default base URL lives, relative to the repo root. */
export const BASE_URL_FILE = "packages/client/src/generated/base-url.ts";

/**
 * The model's first server URL, failing with what to fix when it is missing or not an absolute https
 * URL (the client refuses plain http for anything but loopback hosts).
 */
export function readServerUrl(model: ApiModel): string {
  const url = model.servers[0]?.url;
  if (typeof url !== "string" || !URL.canParse(url) || new URL(url).protocol !== "https:") {
    throw new ModelError(
      `${SPEC_FILE}#/servers/0/url`,
      `servers[0].url is ${JSON.stringify(url)}, not an absolute https URL; ` +
        `the client's DEFAULT_BASE_URL is generated from it. Fix the spec (or scripts/emit/base-url.ts if upstream moved it).`,
    );
  }
  return url.replace(/\/+$/, "");
}

/** Renders DEFAULT_BASE_URL: the spec's first server, which the client talks to unless told otherwise. */
export function emitBaseUrl(model: ApiModel): GeneratedFile[] {
  const source = [
    generatedHeader({ from: `${SPEC_FILE} (servers[0].url)`, change: "the spec" }),
    "/** The API's production server, from the spec's `servers[0].url`; override it with `baseUrl`. */",
    `export const DEFAULT_BASE_URL = ${JSON.stringify(readServerUrl(model))};`,
    "",
  ].join("\n");
  return [{ path: BASE_URL_FILE, source }];
}
