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

  test("constructs the model does not support are thrown together, each by its RFC 6901 pointer in the spec file", () => {
    const build = () =>
      buildModel(
        inputsOf({
          spec: (s) => {
            schemas(s).Thing = { type: "date" };
            schemas(s)["a/b"] = { enum: [] };
            post(s).security = [{ Missing: [] }];
          },
        }),
      );
    expect(build).toThrow(ModelError);
    try {
      build();
    } catch (error) {
      expect((error as ModelError).problems.map((p) => p.pointer)).toEqual([
        "spec/openapi-supplier-auth-v2.json#/paths/~1supplier~1link-sessions/post/security/0",
        "spec/openapi-supplier-auth-v2.json#/components/schemas/Thing/type",
        "spec/openapi-supplier-auth-v2.json#/components/schemas/a~1b/enum",
      ]);
      expect((error as ModelError).message).toMatch(
        /^3 problems:\n {2}- spec\/openapi-supplier-auth-v2\.json#/,
      );
    }
  });

  test.each([
    ["not", { not: { type: "string" } }, { kind: "any", not: { kind: "string" } }],
    [
      "if/then/else",
      { if: { type: "string" }, then: { minLength: 1 }, else: { type: "integer" } },
      {
        conditional: {
          if: { kind: "string" },
          then: { kind: "any", minLength: 1 },
          else: { kind: "integer" },
        },
      },
    ],
    [
      "patternProperties and propertyNames",
      { type: "object", patternProperties: { "^x-": { type: "string" } }, propertyNames: { maxLength: 9 } },
      {
        kind: "object",
        patternProperties: [{ pattern: "^x-", schema: { kind: "string" } }],
        propertyNames: { kind: "any", maxLength: 9 },
      },
    ],
    [
      "prefixItems, items: false, contains",
      {
        type: "array",
        prefixItems: [{ type: "string" }],
        items: false,
        contains: { const: 1 },
        minContains: 1,
      },
      {
        kind: "array",
        prefixItems: [{ kind: "string" }],
        items: { kind: "never" },
        contains: { kind: "integer", enum: [1] },
        minContains: 1,
      },
    ],
    [
      "dependentRequired and dependentSchemas",
      { type: "object", dependentRequired: { a: ["b"] }, dependentSchemas: { c: { required: ["d"] } } },
      { dependentRequired: { a: ["b"] }, dependentSchemas: { c: { kind: "any", requiredOrder: ["d"] } } },
    ],
    [
      "unevaluatedProperties beside anyOf",
      { anyOf: [{ $ref: "#/components/schemas/Brand" }, { type: "object" }], unevaluatedProperties: false },
      { kind: "union", combinator: "anyOf", unevaluatedProperties: false },
    ],
    [
      "a discriminator with its mapping read to component names",
      {
        oneOf: [{ $ref: "#/components/schemas/Brand" }, { $ref: "#/components/schemas/Language" }],
        discriminator: { propertyName: "kind", mapping: { b: "#/components/schemas/Brand", l: "Language" } },
      },
      { kind: "union", discriminator: { propertyName: "kind", mapping: { b: "Brand", l: "Language" } } },
    ],
    [
      "contentMediaType and contentEncoding as annotations",
      { type: "string", contentMediaType: "image/png", contentEncoding: "base64" },
      { kind: "string", contentMediaType: "image/png", contentEncoding: "base64" },
    ],
  ])("%s is represented", (_name, schema, want) => {
    const model = buildModel(inputsOf({ spec: (s) => (schemas(s).Thing = schema) }));
    expect(model.schemas.get("Thing")).toMatchObject(want);
    expect(model.warnings).toEqual([]);
  });

  test("a schema's own shape beside its combinators is an intersection of the parts (siblings are not dropped)", () => {
    const model = buildModel(
      inputsOf({
        spec: (s) =>
          (schemas(s).Thing = {
            type: "object",
            description: "A thing.",
            properties: { id: { type: "string" } },
            oneOf: [{ required: ["id"] }, { $ref: "#/components/schemas/Brand" }],
          }),
      }),
    );
    expect(model.schemas.get("Thing")).toMatchObject({
      kind: "intersection",
      withOwnShape: true,
      description: "A thing.",
      variants: [
        { kind: "object", properties: [{ name: "id" }] },
        {
          kind: "union",
          combinator: "oneOf",
          variants: [{ kind: "any", requiredOrder: ["id"] }, { kind: "ref" }],
        },
      ],
    });
  });

  test("a 3.1 $ref with constraining siblings is an intersection; 3.0 ignores them with a warning", () => {
    const ref = { $ref: "#/components/schemas/Brand", description: "B.", maxLength: 5 };
    const v31 = buildModel(inputsOf({ spec: (s) => ((s.openapi = "3.1.0"), (schemas(s).Thing = ref)) }));
    expect(v31.schemas.get("Thing")).toEqual({
      kind: "intersection",
      withOwnShape: true,
      nullable: false,
      description: "B.",
      variants: [
        { kind: "any", nullable: false, maxLength: 5 },
        { kind: "ref", ref: "Brand", nullable: false },
      ],
    });
    const v30 = buildModel(inputsOf({ spec: (s) => (schemas(s).Thing = ref) }));
    expect(v30.schemas.get("Thing")).toEqual({
      kind: "ref",
      ref: "Brand",
      nullable: false,
      description: "B.",
    });
    expect(v30.warnings.map((w) => [w.kind, w.pointer])).toEqual([
      ["ref-siblings", "spec/openapi-supplier-auth-v2.json#/components/schemas/Thing"],
    ]);
  });

  test("warnings, never fatal: nullable without type (read as nullable), unknown format, $dynamicRef", () => {
    const model = buildModel(
      inputsOf({
        spec: (s) => {
          schemas(s).A = {
            nullable: true,
            anyOf: [{ $ref: "#/components/schemas/Brand" }, { type: "integer" }],
          };
          schemas(s).B = { type: "string", format: "iso-country-code" };
          schemas(s).C = { $dynamicRef: "#meta" };
        },
      }),
    );
    expect(model.schemas.get("A")).toMatchObject({ kind: "union", nullable: true });
    expect(model.schemas.get("B")).toMatchObject({ format: "iso-country-code" });
    expect(model.schemas.get("C")).toMatchObject({ kind: "any" });
    expect(model.warnings.map((w) => [w.kind, w.pointer.replace(/^.*#/, "#")])).toEqual([
      ["nullable-without-type", "#/components/schemas/A/nullable"],
      ["unknown-format", "#/components/schemas/B/format"],
      ["dynamic-ref", "#/components/schemas/C/$dynamicRef"],
    ]);
  });

  test("media `examples` and their values that are $refs to components.examples are resolved", () => {
    const model = buildModel(
      inputsOf({
        spec: (s) => {
          s.components.examples = { ok: { value: { link_url: "https://x.example" } } };
          const content = post(s).responses["201"].content["application/json"];
          delete content.example;
          content.examples = {
            first: { value: { $ref: "#/components/examples/ok" } },
            second: { $ref: "#/components/examples/ok" },
          };
        },
      }),
    );
    const created = model.operations[0]!.responses.find((r) => r.status === "201")!;
    expect(created.example).toEqual({ link_url: "https://x.example" });
    expect(created.media[0]!.examples).toEqual({
      first: { link_url: "https://x.example" },
      second: { link_url: "https://x.example" },
    });
  });

  test("servers keep their variables; the default server resolves them and stays relative when relative", () => {
    const model = buildModel(
      inputsOf({
        spec: (s) => {
          s.servers = [
            {
              url: "{scheme}://api.example/{version}",
              variables: {
                scheme: { default: "https", enum: ["https", "http"] },
                version: { default: "v2" },
              },
            },
          ];
        },
      }),
    );
    expect(model.servers[0]!.variables).toEqual({
      scheme: { default: "https", enum: ["https", "http"] },
      version: { default: "v2" },
    });
    expect(model.defaultServer).toEqual({ index: 0, url: "https://api.example/v2", absolute: true });
    const relative = buildModel(inputsOf({ spec: (s) => (s.servers = [{ url: "/v2" }]) }));
    expect(relative.defaultServer).toEqual({ index: 0, url: "/v2", absolute: false });
    expect(buildModel(inputsOf({ spec: (s) => delete s.servers })).defaultServer).toBeNull();
  });

  test("every security scheme type is read, with flows, bearer format and discovery URL", () => {
    const model = buildModel(
      inputsOf({
        spec: (s) =>
          Object.assign(s.components.securitySchemes, {
            Bearer: { type: "http", scheme: "Bearer", bearerFormat: "JWT" },
            Basic: { type: "http", scheme: "basic" },
            OAuth: {
              type: "oauth2",
              flows: {
                authorizationCode: {
                  authorizationUrl: "https://a",
                  tokenUrl: "https://t",
                  scopes: { read: "Read." },
                },
              },
            },
            Oidc: { type: "openIdConnect", openIdConnectUrl: "https://o/.well-known/openid-configuration" },
            Mtls: { type: "mutualTLS" },
          }),
      }),
    );
    expect(model.securitySchemes).toMatchObject({
      Bearer: { type: "http", name: "bearer", bearerFormat: "JWT" },
      Basic: { type: "http", name: "basic" },
      OAuth: {
        type: "oauth2",
        flows: { authorizationCode: { tokenUrl: "https://t", scopes: { read: "Read." } } },
      },
      Oidc: { type: "openIdConnect", openIdConnectUrl: "https://o/.well-known/openid-configuration" },
      Mtls: { type: "mutualTLS" },
    });
  });

  test("parameters: style and explode (defaults per location); cookies and client-set headers are dropped, warned", () => {
    const model = buildModel(
      inputsOf({
        spec: (s) => {
          post(s).parameters = [
            { name: "ids", in: "query", schema: { type: "array", items: { type: "string" } } },
            { name: "ids2", in: "query", style: "pipeDelimited", explode: false, schema: { type: "array" } },
            { name: "X-Api-Key", in: "header", schema: { type: "string" } },
            { name: "User-Agent", in: "header", schema: { type: "string" } },
            { name: "session", in: "cookie", schema: { type: "string" } },
            { name: "X-Trace", in: "header", schema: { type: "string" } },
          ];
        },
      }),
    );
    const op = model.operations[0]!;
    expect(op.parameters.map((p) => [p.name, p.style, p.explode])).toEqual([
      ["ids", "form", true],
      ["ids2", "pipeDelimited", false],
      ["x-trace", "simple", false],
    ]);
    expect(op.droppedParameters.map((p) => p.name)).toEqual(["x-api-key", "user-agent", "session"]);
    expect(model.warnings.map((w) => [w.kind, w.pointer.replace(/^.*#/, "#")])).toEqual([
      ["dropped-parameter", "#/paths/~1supplier~1link-sessions/post/parameters/2"],
      ["dropped-parameter", "#/paths/~1supplier~1link-sessions/post/parameters/3"],
      ["dropped-parameter", "#/paths/~1supplier~1link-sessions/post/parameters/4"],
    ]);
  });

  test("bodies keep every media type, with the chosen one and its kind; success is the 2xx, else the 3xx", () => {
    const model = buildModel(
      inputsOf({
        spec: (s) => {
          const body = post(s).requestBody.content;
          post(s).requestBody.content = {
            "application/xml": { schema: { type: "object" } },
            ...body,
            "multipart/form-data": { schema: { type: "object" } },
          };
          s.paths["/other"] = {
            get: { responses: { "302": { description: "Found." }, "404": { description: "No." } } },
            servers: [{ url: "https://uploads.example" }],
          };
        },
      }),
    );
    const [create, other] = model.operations;
    expect(create!.requestBody).toMatchObject({ mediaType: "application/json", kind: "json" });
    expect(create!.requestBody!.media.map((m) => [m.mediaType, m.kind])).toEqual([
      ["application/xml", "text"],
      ["application/json", "json"],
      ["multipart/form-data", "multipart"],
    ]);
    expect(create!.successStatuses).toEqual(["201"]);
    expect(other).toMatchObject({
      operationId: "getOther",
      methodName: "getOther",
      successStatuses: ["302"],
    });
  });

  test("webhooks (3.1 `webhooks` and `x-webhooks`) are read into model.webhooks, their enums collected", () => {
    const hook = {
      post: {
        operationId: "linked",
        parameters: [{ name: "User-Agent", in: "header", schema: { type: "string" } }],
        requestBody: {
          content: {
            "application/json": {
              schema: { type: "object", properties: { state: { enum: ["ok", "failed"] } } },
            },
          },
        },
        responses: { "200": { description: "Received." } },
      },
    };
    const model = buildModel(
      inputsOf({
        spec: (s) => (
          (s.openapi = "3.1.0"),
          (s.webhooks = { linked: hook }),
          (s["x-webhooks"] = { again: hook })
        ),
      }),
    );
    expect(model.webhooks.map((w) => [w.webhook, w.operationId, w.parameters.map((p) => p.name)])).toEqual([
      ["linked", "linked", ["user-agent"]],
      ["again", "linked2", ["user-agent"]],
    ]);
    expect(model.operations).toHaveLength(1);
    expect(model.enums.filter((e) => e.name.startsWith("Linked")).map((e) => [e.name, e.usage])).toEqual([
      ["LinkedRequestState", "response"],
      ["Linked2RequestState", "response"],
    ]);
  });

  test("method names that collide with each other or with a client member get a number, warned", () => {
    const get = (operationId: string) => ({
      get: { operationId, responses: { "200": { description: "OK." } } },
    });
    const model = buildModel(
      inputsOf({
        spec: (s) =>
          Object.assign(s.paths, { "/a": get("list-pets"), "/b": get("listPets"), "/c": get("toJSON") }),
      }),
    );
    expect(model.operations.map((o) => o.methodName)).toEqual([
      "createLinkSession",
      "listPets",
      "listPets2",
      "toJSON2",
    ]);
    expect(model.warnings.map((w) => w.kind)).toEqual(["method-name-collision", "method-name-collision"]);
  });

  test("enums of booleans and integers, with null, and in kebab-case components get a name (the alias's)", () => {
    const model = buildModel(
      inputsOf({
        spec: (s) => {
          schemas(s)["check-suite"] = {
            type: "object",
            properties: {
              conclusion: { type: "string", nullable: true, enum: ["success", null] },
              fork: { enum: [true, false] },
            },
          };
          schemas(s)["issue-state"] = { type: "integer", enum: [1, 2] };
        },
      }),
    );
    expect(model.enums.slice(-3).map((e) => [e.name, e.named, e.values, e.nullable ?? false])).toEqual([
      ["CheckSuiteConclusion", false, ["success"], true],
      ["CheckSuiteFork", false, [true, false], false],
      ["IssueState", true, [1, 2], false],
    ]);
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
    expect(enumExportNames("Status").values).toBe("STATUSES");
    expect(enumExportNames("Access").values).toBe("ACCESSES");
    // GitHub's `security-advisory-ecosystems`: already a plural, not doubled (was ..._ECOSYSTEMSES).
    expect(enumExportNames("SecurityAdvisoryEcosystems").values).toBe("SECURITY_ADVISORY_ECOSYSTEMS_VALUES");
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
