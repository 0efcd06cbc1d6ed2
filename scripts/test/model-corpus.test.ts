import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { emitAliases } from "../emit/aliases.ts";
import { emitBaseUrl } from "../emit/base-url.ts";
import { emitBrandRule } from "../emit/brand-rule.ts";
import { emitEnumsPlugins } from "../emit/curated/enums-plugins.ts";
import { emitTypesExports } from "../emit/curated/types-exports.ts";
import { emitEnums } from "../emit/enums.ts";
import { emitLabels } from "../emit/labels.ts";
import { emitLinkCallback } from "../emit/link-callback.ts";
import { emitTypes } from "../emit/types.ts";
import { emitValidators } from "../emit/validators.ts";
import { emitAll } from "../generate.ts";
import { REPO_ROOT } from "../lib/repo.ts";
import { validateSpec } from "../lib/validate-spec.ts";
import { buildModel } from "../model/build-model.ts";
import { loadInputs } from "../model/load.ts";
import type { ApiModel, GeneratedFile } from "../model/types.ts";
import { CORPUS, CORPUS_CACHE } from "./model-corpus.ts";

const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/** The emitters of the model workstream: the types and enums packages and the client's base URL. */
const MODEL_EMITTERS = [
  emitTypes,
  emitAliases,
  emitEnums,
  emitEnumsPlugins,
  emitBaseUrl,
  emitLinkCallback,
  emitLabels,
  emitBrandRule,
  emitTypesExports,
];

describe.skipIf(!existsSync(CORPUS_CACHE))("every corpus document builds a model (issue #14)", () => {
  let curated: Awaited<ReturnType<typeof loadInputs>>;
  beforeAll(async () => {
    curated = await loadInputs(REPO_ROOT);
  });
  const models = new Map<string, ApiModel>();
  afterAll(() => models.clear());

  describe.each(CORPUS.map((d) => [d.name, d] as const))("%s", (name, doc) => {
    const bytes = () => readFileSync(join(CORPUS_CACHE, doc.cached));

    test("is valid OpenAPI to update-spec (GitHub's nullable without type is tolerated)", async () => {
      await expect(validateSpec(bytes(), doc.path)).resolves.toMatchObject({ openapi: doc.expect.openapi });
    }, 60_000);

    test("builds a model with what the document has, and the warnings it deserves", () => {
      const model = buildModel({ ...curated, document: JSON.parse(bytes().toString("utf8")) });
      models.set(name, model);
      const warnings: Record<string, number> = {};
      for (const w of model.warnings) warnings[w.kind] = (warnings[w.kind] ?? 0) + 1;
      const kinds = model.operations.flatMap((o) => [o.requestBody?.kind, ...o.responses.map((r) => r.kind)]);
      expect({
        openapi: model.openapi,
        operations: model.operations.length,
        webhooks: model.webhooks.length,
        schemas: model.schemas.size,
        enums: model.enums.length,
        warnings,
        defaultServer: model.defaultServer && {
          url: model.defaultServer.url,
          absolute: model.defaultServer.absolute,
        },
        noSuccess: model.operations.filter((o) => o.successStatuses.length === 0).length,
        redirectOnly: model.operations.filter((o) => o.successStatuses.some((s) => s.startsWith("3"))).length,
        mediaKinds: [...new Set(kinds.filter((k) => k !== undefined))].sort(),
        securitySchemeTypes: [...new Set(Object.values(model.securitySchemes).map((s) => s.type))].sort(),
      }).toEqual(doc.expect);
      for (const w of model.warnings) expect(w.pointer).toMatch(/^spec\/openapi-supplier-auth-v2\.json#\//);
      // No NOX plug-in fits a foreign document; each is named as a misfit instead.
      expect(Object.values(model.curated.plugins)).toEqual([false, false, false, false, false]);
    });

    // Building and type-checking the packages is the corpus test's (pnpm test:corpus): it runs
    // update-spec, the build and tsc on every document. Here: the model's emitters run on it.
    test("the types and enums emitters run on it, the default server as the model reads it", async () => {
      const model =
        models.get(name) ?? buildModel({ ...curated, document: JSON.parse(bytes().toString("utf8")) });
      const files = await emitAll(model, MODEL_EMITTERS);
      const baseUrl = files.find((f) => f.path.endsWith("base-url.ts"))!.source;
      const url = doc.expect.defaultServer?.absolute
        ? JSON.stringify(doc.expect.defaultServer.url)
        : "undefined";
      expect(baseUrl).toContain(`export const DEFAULT_BASE_URL = ${url};`);
    }, 60_000);
  });
});
