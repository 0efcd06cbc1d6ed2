import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { fakeLinkSessionOf } from "../emit/testing-link-session.ts";
import { fakeApiOf } from "../emit/testing-routes.ts";
import { REPO_ROOT } from "../lib/repo.ts";
import { buildModel } from "../model/build-model.ts";
import { inputsOf, schemas } from "./evolution-fixtures.ts";
import { PETSTORE } from "./petstore-fixture.ts";

/** The fake's route table for a fixture spec, committed for packages/testing's tests (they may not import scripts/). */
const FIXTURE = "packages/testing/test/fixtures/get-link-session-api.json";

const RESPONSE_REF = { $ref: "#/components/schemas/CreateSupplierLinkSessionResponse" };
const ERROR_REF = { $ref: "#/components/schemas/ErrorResponse" };
const json = (schema: object, example?: object) => ({
  "application/json": { schema, ...(example && { example }) },
});

/** The vendored spec plus `GET /supplier/link-sessions/{link_token}` and an optional `external_ref` echoed back. */
function withGetLinkSession(spec: any): void {
  schemas(spec).CreateSupplierLinkSessionRequest.properties.external_ref = {
    type: "string",
    description: "The supplier's own reference for this session.",
  };
  schemas(spec).CreateSupplierLinkSessionResponse.properties.external_ref = {
    type: "string",
    description: "The reference the supplier gave.",
  };
  spec.paths["/supplier/link-sessions/{link_token}"] = {
    get: {
      operationId: "getSupplierLinkSession",
      summary: "Get a link session",
      security: [{ ApiKeyAuth: [] }],
      parameters: [{ name: "link_token", in: "path", required: true, schema: { type: "string" } }],
      responses: {
        "200": { description: "The link session.", content: json(RESPONSE_REF) },
        "401": {
          description: "Missing or invalid API key.",
          content: json(ERROR_REF, { error: "Invalid API key" }),
        },
        "404": {
          description: "No such link session.",
          content: json(ERROR_REF, { error: "Link session not found" }),
        },
      },
    },
  };
}

function fixtureApi() {
  const model = buildModel(inputsOf({ spec: withGetLinkSession }));
  const { operationId, status, defaultLanguage } = fakeLinkSessionOf(model)!;
  const linkSession = { operationId, status, defaultLanguage };
  return { ...fakeApiOf(model), linkSession };
}

describe("the fake's route table (fakeApiOf)", () => {
  test("has a route per operation, with parameters, success, documented errors and the key header", () => {
    const api = fixtureApi();
    expect(api.routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /supplier/link-sessions",
      "GET /supplier/link-sessions/{link_token}",
    ]);
    expect(api.routes[1]).toMatchObject({
      operationId: "getSupplierLinkSession",
      parameters: [{ name: "link_token", in: "path", required: true, schema: { type: "string" } }],
      body: null,
      success: { status: 200, mediaType: "application/json", kind: "json", schema: RESPONSE_REF },
      errors: { "401": "Invalid API key", "404": "Link session not found" },
      security: [[{ type: "apiKey", in: "header", name: "x-api-key" }]],
      brandRule: null,
    });
    expect(api.routes[0]).toMatchObject({
      success: { status: 201 },
      body: { required: true, kind: "json" },
      brandRule: { brand: "brand", assetType: "asset_type" },
    });
    expect(api.linkSession.operationId).toBe("createSupplierLinkSession");
    expect(Object.keys(api.components)).toContain("ErrorResponse");
  });

  test("leaves the API key's own header out of a route's parameters", () => {
    const model = buildModel(
      inputsOf({
        spec: (s) =>
          (s.paths["/supplier/link-sessions"].post.parameters = [
            { name: "X-Api-Key", in: "header", required: true, schema: { type: "string" } },
            { name: "X-Trace", in: "header", required: false, schema: { type: "string" } },
          ]),
      }),
    );
    expect(fakeApiOf(model).routes[0]?.parameters.map((p) => p.name)).toEqual(["x-trace"]);
  });

  // Regenerate with `UPDATE_FIXTURES=1 pnpm test:scripts` (or vitest) after changing the emitter.
  test(`${FIXTURE} is what the emitter makes of the fixture spec`, () => {
    const made = `${JSON.stringify(fixtureApi(), null, 2)}\n`;
    if (process.env["UPDATE_FIXTURES"] === "1") writeFileSync(join(REPO_ROOT, FIXTURE), made);
    expect(JSON.parse(readFileSync(join(REPO_ROOT, FIXTURE), "utf8"))).toEqual(JSON.parse(made));
  });
});

/** Petstore's route table, committed for packages/testing/test/petstore.test.ts (which serves every operation). */
const PETSTORE_FIXTURE = "packages/testing/test/fixtures/petstore-api.json";

function petstoreApi() {
  const model = buildModel({
    document: PETSTORE,
    brands: null,
    methodNames: null,
    labels: null,
    linkCallbackSchema: null,
  });
  return { ...fakeApiOf(model), linkSession: fakeLinkSessionOf(model) };
}

describe("petstore's route table", () => {
  test("has every operation, with its credentials, media kinds, styles and answers", () => {
    const api = petstoreApi();
    expect(api.routes).toHaveLength(20);
    expect(api.linkSession).toBeNull();
    const route = (id: string) => api.routes.find((r) => r.operationId === id)!;
    expect(route("getPetById").security).toEqual([[{ type: "apiKey", in: "header", name: "api_key" }]]);
    expect(route("addPet").security).toEqual([[{ type: "bearer" }]]);
    expect(route("updatePetWithForm").body).toMatchObject({ kind: "form" });
    expect(route("uploadFile").body).toMatchObject({ kind: "multipart" });
    expect(route("findPetsByStatus").parameters[0]).toMatchObject({ style: "form", explode: true });
    expect(route("getPetById").success).toMatchObject({ status: 200, kind: "json" });
    expect(route("deletePet").success).toBeNull();
    expect(route("createUser").success).toBeNull();
  });

  test(`${PETSTORE_FIXTURE} is what the emitter makes of petstore`, () => {
    const made = `${JSON.stringify(petstoreApi(), null, 2)}\n`;
    if (process.env["UPDATE_FIXTURES"] === "1") writeFileSync(join(REPO_ROOT, PETSTORE_FIXTURE), made);
    expect(JSON.parse(readFileSync(join(REPO_ROOT, PETSTORE_FIXTURE), "utf8"))).toEqual(JSON.parse(made));
  });
});
