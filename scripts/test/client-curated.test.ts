import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  CLIENT_CURATED_FILE,
  CLIENT_EXPORTS_FILE,
  CLIENT_OWN_EXPORTS,
  emitClientCurated,
} from "../emit/client-curated.ts";
import { REPO_ROOT } from "../lib/repo.ts";
import { buildModel } from "../model/build-model.ts";
import { inputsOf } from "./evolution-fixtures.ts";

const CALLBACK: unknown = JSON.parse(readFileSync(join(REPO_ROOT, "spec/link-callback.schema.json"), "utf8"));

const files = (edit?: (spec: any) => void, linkCallbackSchema: unknown = CALLBACK) => {
  const inputs = inputsOf(edit === undefined ? {} : { spec: edit });
  const model = buildModel({ ...inputs, linkCallbackSchema });
  return Object.fromEntries(emitClientCurated(model).map((f) => [f.path, f.source]));
};

describe("emitClientCurated", () => {
  test("CLIENT_OWN_EXPORTS is every name packages/client/src/index.ts exports itself", () => {
    const index = readFileSync(join(REPO_ROOT, "packages/client/src/index.ts"), "utf8");
    const names = [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)]
      .flatMap((m) => m[1]!.split(","))
      .map((n) => n.trim().replace(/^type\s+/, ""))
      .filter(Boolean);
    expect([...names].sort()).toEqual([...CLIENT_OWN_EXPORTS].sort());
  });

  test("today's spec: the aliases its method takes and returns, the brand-rule types and parseLinkCallback", () => {
    const out = files();
    const exports = out[CLIENT_EXPORTS_FILE]!;
    const names = /export type \{([^}]*)\}/
      .exec(exports)![1]!
      .split(",")
      .map((n) => n.trim());
    expect(names.filter(Boolean)).toEqual([
      "CheckBrandForAssetType",
      "CheckedCreateLinkSessionRequest",
      "CreateSupplierLinkSessionRequest",
      "CreateSupplierLinkSessionResponse",
      "ErrorResponse",
      "LinkCallback",
      "LinkSessionRequestFor",
      "UncheckedCreateLinkSessionRequest",
    ]);
    expect(exports).toContain("parseLinkCallback");
    expect(exports).toMatch(
      /safeLinkSessionRequest, toLinkSessionRequest, type SafeLinkSessionRequestResult/,
    );
    expect(out[CLIENT_CURATED_FILE]).toContain(
      'export type BrandRuleOperationId = "createSupplierLinkSession";',
    );
  });

  test("an alias named like one of the client's own exports is not re-exported (it would collide)", () => {
    const out = files((s) => {
      s.components.schemas.NoxClient = { type: "object", properties: { id: { type: "string" } } };
      s.components.schemas.Thing = { type: "object", properties: { id: { type: "string" } } };
      s.paths["/things"] = {
        get: {
          operationId: "listThings",
          responses: {
            200: {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
            },
            201: {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/NoxClient" } } },
            },
          },
        },
      };
    });
    expect(out[CLIENT_EXPORTS_FILE]).toMatch(/\bThing\b/);
    expect(out[CLIENT_EXPORTS_FILE]).not.toMatch(/\bNoxClient\b/);
  });

  test("a schema only a webhook uses, or only nested in a body, is the types package's alone", () => {
    const out = files((s) => {
      s.components.schemas.PingEvent = { type: "object", properties: { zen: { type: "string" } } };
      s.webhooks = {
        ping: {
          post: {
            requestBody: {
              content: { "application/json": { schema: { $ref: "#/components/schemas/PingEvent" } } },
            },
            responses: { 200: { description: "ok" } },
          },
        },
      };
    });
    expect(out[CLIENT_EXPORTS_FILE]).not.toMatch(/\bPingEvent\b/);
    expect(out[CLIENT_EXPORTS_FILE]).not.toMatch(/\bBrand\b/);
  });

  test("without the link callback, no parseLinkCallback and a contract type; without the brand rule, never", () => {
    const out = files((s) => {
      // A request with no AssetType-typed property: the rule has nothing to tie.
      delete s.components.schemas.CreateSupplierLinkSessionRequest.properties.asset_type;
      s.components.schemas.CreateSupplierLinkSessionRequest.required = ["user_id", "redirect_url"];
    }, null);
    expect(out[CLIENT_EXPORTS_FILE]).not.toContain("parseLinkCallback");
    expect(out[CLIENT_EXPORTS_FILE]).not.toContain("CheckedCreateLinkSessionRequest");
    expect(out[CLIENT_EXPORTS_FILE]).not.toContain("toLinkSessionRequest");
    expect(out[CLIENT_CURATED_FILE]).toContain("export type BrandRuleOperationId = never;");
    expect(out[CLIENT_CURATED_FILE]).toContain("export type CheckBrandForAssetType<_Body> = never;");
    expect(out[CLIENT_CURATED_FILE]).toContain(
      "export const linkCallbackValidator = (): Validate | null => null;",
    );
  });
});
