import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../lib/repo.ts";

/**
 * Swagger's petstore (OpenAPI 3.0), as @readme/oas-examples 8.2.2 ships it (MIT): oauth2 and an apiKey
 * header, form and multipart bodies, XML answers, operations with no 2xx, `default` responses.
 */
export const PETSTORE = JSON.parse(
  readFileSync(join(REPO_ROOT, "scripts/test/fixtures/petstore-3.0.json"), "utf8"),
) as unknown;
