import { describe, expect, test } from "vitest";
import { enumExportNames } from "../emit/enums.ts";
import { emitAll } from "../generate.ts";
import { buildModel } from "../model/build-model.ts";
import { ModelError } from "../model/errors.ts";
import { asOpenApi31, earlierV2, inputsOf, post, schemas, withInlineEnums } from "./evolution-fixtures.ts";

describe("the model", () => {
  test("an OpenAPI 3.1 document and its 3.0 equivalent give byte-identical generated files", async () => {
    const v30 = await emitAll(buildModel(inputsOf()));
    const v31 = await emitAll(buildModel(inputsOf({ spec: asOpenApi31 })));
    expect(v31).toEqual(v30);
  });

  test("3.0 nullable, 3.1 type lists, anyOf with null and a null enum value are one nullable flag", () => {
    const forms = [
      { type: "string", nullable: true },
      { type: ["string", "null"] },
      { anyOf: [{ type: "string" }, { type: "null" }] },
      { type: ["string", "null"], enum: ["a", null] },
    ];
    for (const form of forms) {
      const model = buildModel(inputsOf({ spec: (s) => (schemas(s).Thing = form) }));
      expect(model.schemas.get("Thing")).toMatchObject({ kind: "string", nullable: true });
    }
  });

  test.each([
    ["not", { not: { type: "string" } }, "#/components/schemas/Thing/not"],
    [
      "patternProperties",
      { type: "object", patternProperties: {} },
      "#/components/schemas/Thing/patternProperties",
    ],
    ["an unknown type", { type: "date" }, "#/components/schemas/Thing/type"],
  ])("an unsupported construct (%s) is a ModelError naming its JSON pointer", (_name, schema, pointer) => {
    const build = () => buildModel(inputsOf({ spec: (s) => (schemas(s).Thing = schema) }));
    expect(build).toThrow(ModelError);
    expect(build).toThrow(pointer);
  });

  test("header parameter names are lower-cased; path-item parameters are merged in", () => {
    const model = buildModel(
      inputsOf({
        spec: (s) => {
          post(s).parameters = [{ name: "X-Request-Id", in: "header", schema: { type: "string" } }];
          s.paths["/supplier/link-sessions"].parameters = [
            { name: "dry_run", in: "query", schema: { type: "boolean" } },
          ];
        },
      }),
    );
    expect(model.operations[0]!.parameters.map((p) => `${p.in} ${p.name}`)).toEqual([
      "query dry_run",
      "header x-request-id",
    ]);
  });

  test("curated method names: the client keeps createLinkSession and gains the operationId's own name", () => {
    const op = buildModel(inputsOf()).operations[0]!;
    expect(op).toMatchObject({ methodName: "createLinkSession", aliases: ["createSupplierLinkSession"] });
    expect(op.security).toEqual([
      [
        {
          scheme: "ApiKeyAuth",
          type: "apiKey",
          in: "header",
          name: "x-api-key",
          description: expect.any(String),
        },
      ],
    ]);
  });

  test("every enum is named by the rule, inline ones after their owner and property", () => {
    const model = buildModel(inputsOf({ spec: withInlineEnums }));
    expect(model.enums.map((e) => [e.name, e.named, e.usage])).toEqual([
      ["CreateSupplierLinkSessionRequestChannel", false, "request"],
      ["CreateSupplierLinkSessionResponseStatus", false, "response"],
      ["Brand", true, "both"],
      ["Language", true, "both"],
      ["AssetType", true, "both"],
    ]);
    expect(enumExportNames("AssetType")).toEqual({
      values: "ASSET_TYPES",
      guard: "isAssetType",
      default: "DEFAULT_ASSET_TYPE",
    });
    expect(enumExportNames("CreateSupplierLinkSessionResponseStatus").values).toBe(
      "CREATE_SUPPLIER_LINK_SESSION_RESPONSE_STATUSES",
    );
    expect(enumExportNames("Category").values).toBe("CATEGORIES");
  });

  test("curated data that does not fit is a misfit, never an error", () => {
    const model = buildModel(
      inputsOf({
        spec: earlierV2,
        methodNames: (m) => (m.names.gone = "goneMethod"),
      }),
    );
    expect(model.curated.misfits.map((m) => [m.file, m.kind, m.subjects])).toEqual([
      ["spec/method-names.json", "unknown-operation", ["gone"]],
      ["spec/brands.json", "missing-enum", ["AssetType"]],
      ["spec/brands.json", "unplaced", expect.arrayContaining(["alpha innotec", "saunier duval"])],
      ["spec/brands.json", "unknown", expect.arrayContaining(["alpha-innotec", "saunier-duval"])],
      ["spec/brands.json", "no-brand-rule", ["Brand for AssetType"]],
    ]);
    expect(model.curated.assetTypes).toEqual(["pv", "hp"]);
  });
});
