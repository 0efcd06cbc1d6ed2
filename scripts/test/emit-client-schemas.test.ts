import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { CLIENT_SCHEMAS_FILE, emitClientSchemas, screamingCase } from "../emit/client-schemas.ts";
import { emitLinkCallback } from "../emit/link-callback.ts";
import { formatAll } from "../lib/format.ts";
import { LINK_CALLBACK_FILE, REPO_ROOT } from "../lib/repo.ts";
import { buildModel } from "../model/build-model.ts";
import { ModelError } from "../model/errors.ts";
import type { ApiModel } from "../model/types.ts";
import { inputsOf } from "./evolution-fixtures.ts";

const CALLBACK: any = JSON.parse(readFileSync(join(REPO_ROOT, LINK_CALLBACK_FILE), "utf8"));

/** A spec with one component `Thing` whose schema is `schema`, and an operation that sends and returns it. */
function specWith(schema: unknown, extra: Record<string, unknown> = {}) {
  const ref = { $ref: "#/components/schemas/Thing" };
  return {
    openapi: "3.0.3",
    info: { title: "t", version: "1" },
    paths: {
      "/things": {
        post: {
          operationId: "createThing",
          requestBody: { content: { "application/json": { schema: ref } } },
          responses: {
            "400": { description: "bad", content: { "application/json": { schema: { type: "object" } } } },
            "201": { description: "made", content: { "application/json": { schema: ref } } },
          },
        },
      },
    },
    components: { schemas: { Thing: schema, ...extra } },
  };
}

const modelOf = (document: unknown, linkCallbackSchema: unknown = null): ApiModel =>
  buildModel({ document, brands: null, methodNames: null, labels: null, linkCallbackSchema });

/** What `pnpm generate` writes: the emitted source, formatted. */
async function render(model: ApiModel): Promise<string> {
  const files = emitClientSchemas(model);
  return (await formatAll(REPO_ROOT, files, new Map())).get(CLIENT_SCHEMAS_FILE)!;
}

/** The literal rendered for `Thing`, white space folded. */
const thing = (source: string): string =>
  /export const THING_SCHEMA: ClientSchema = (.*?);\n\n/s
    .exec(source)?.[1]
    ?.replace(/\s+/g, " ")
    .replace(/, }/g, " }") ?? "";

describe("emitClientSchemas", () => {
  test("the three ways of allowing null become one nullable flag", async () => {
    const forms = [
      { type: "string", nullable: true },
      { type: ["string", "null"] },
      { anyOf: [{ type: "string" }, { type: "null" }] },
      { anyOf: [{ type: "null" }, { type: "string" }], description: "d" },
    ];
    for (const form of forms) {
      expect(thing(await render(modelOf(specWith(form))))).toBe('{ type: "string", nullable: true }');
    }
  });

  test("a $ref with a sibling nullable inlines the component with the flag; a plain $ref names it", async () => {
    const source = await render(
      modelOf(
        specWith(
          {
            type: "object",
            properties: {
              a: { $ref: "#/components/schemas/Code" },
              b: { $ref: "#/components/schemas/Code", nullable: true },
            },
          },
          { Code: { type: "string", maxLength: 3, description: "dropped", example: "x" } },
        ),
      ),
    );
    expect(thing(source)).toBe(
      '{ type: "object", properties: { a: CODE_SCHEMA, b: { type: "string", maxLength: 3, nullable: true } } }',
    );
    expect(source).toContain('export const CODE_SCHEMA: ClientSchema = { type: "string", maxLength: 3 };');
    expect(source.indexOf("CODE_SCHEMA:")).toBeLessThan(source.indexOf("THING_SCHEMA:"));
  });

  test("the operation's request body and first 2xx response are named for its operationId", async () => {
    const source = await render(modelOf(specWith({ type: "string" })));
    expect(source).toContain("export const CREATE_THING_REQUEST_BODY: ClientSchema = THING_SCHEMA;");
    expect(source).toContain("export const CREATE_THING_RESPONSE_BODY: ClientSchema = THING_SCHEMA;");
  });

  test("enums the enums package exports are imported from it; others are written out", async () => {
    const source = await render(buildModel(inputsOf()));
    expect(source).toContain(
      'import { ASSET_TYPES, BRANDS, LANGUAGES } from "@nox-energy/authenticator-enums";',
    );
    expect(source).toContain('enum: BRANDS, label: "brands", nullable: true');
    expect(source).not.toContain('"daikin"');
    const local = await render(modelOf(specWith({ type: "string", enum: ["x", "y"] })));
    expect(thing(local)).toBe('{ type: "string", enum: ["x", "y"], label: "things" }');
    expect(local).not.toContain("@nox-energy/authenticator-enums");
  });

  test("no description, example or default reaches the client", async () => {
    const source = await render(buildModel(inputsOf()));
    expect(source).not.toMatch(/description|example|default|Acme/);
  });

  test.each<[string, unknown, RegExp]>([
    [
      "oneOf",
      { oneOf: [{ type: "string" }, { type: "integer" }] },
      /#\/components\/schemas\/Thing\/oneOf: is a keyword the client does not support/,
    ],
    [
      "a format it cannot check",
      { type: "string", format: "email" },
      /#\/components\/schemas\/Thing\/format: is "email"/,
    ],
    [
      "two types",
      { type: ["string", "integer"] },
      /#\/components\/schemas\/Thing: has more than one type \(string, integer\)/,
    ],
    [
      "an anyOf that is not T or null",
      { anyOf: [{ type: "string" }, { type: "integer" }] },
      /Thing: has an anyOf other than/,
    ],
    [
      "a nested bad keyword",
      { type: "object", properties: { a: { type: "array", items: { type: "string", format: "email" } } } },
      /Thing\/properties\/a\/items\/format:/,
    ],
    [
      "a bad pattern",
      { type: "string", pattern: "(" },
      /Thing\/pattern: is not an ECMAScript regular expression/,
    ],
    [
      "a schema that refers to itself",
      { type: "object", properties: { self: { $ref: "#/components/schemas/Thing" } } },
      /refers to itself/,
    ],
    ["an exclusive bound", { type: "integer", exclusiveMinimum: 0 }, /Thing\/exclusiveMinimum: is a keyword/],
  ])("refuses %s, naming where it is", (_name, schema, message) => {
    const emit = () => emitClientSchemas(modelOf(specWith(schema)));
    expect(emit).toThrow(ModelError);
    expect(emit).toThrow(message);
  });

  test("not (which the model now reads) is refused by the client's checker, naming where", () => {
    const schema = {
      type: "object",
      properties: { a: { type: "array", items: { type: "string", not: {} } } },
    };
    expect(() => emitClientSchemas(modelOf(specWith(schema)))).toThrow(/Thing\/properties\/a\/items\/not/);
  });

  test.each<[string, unknown, RegExp]>([
    ["an external $ref", { $ref: "other.json#/x" }, /Thing: \$ref other\.json#\/x points outside/],
    ["a missing component", { $ref: "#/components/schemas/Nope" }, /points at nothing/],
  ])("%s never reaches it: the model refuses it first, naming where", (_name, schema, message) => {
    expect(() => modelOf(specWith(schema))).toThrow(message);
  });

  test("numeric formats are dropped: a JavaScript number needs no check for them", async () => {
    expect(thing(await render(modelOf(specWith({ type: "integer", format: "int64" }))))).toBe(
      '{ type: "integer" }',
    );
  });

  test("the link callback is rendered under its name, and named in the header", async () => {
    const source = await render(modelOf(specWith({ type: "string" }), CALLBACK));
    expect(source).toMatch(
      /^\/\*\*\n \* Generated by scripts\/generate\.ts from .* and spec\/link-callback\.schema\.json\./,
    );
    expect(source).toContain("export const LINK_CALLBACK_SCHEMA: ClientSchema = {");
    expect(source).toContain('brand: { type: "string" }');
    const without = await render(modelOf(specWith({ type: "string" })));
    expect(without).not.toContain("link-callback");
  });

  test("screamingCase", () => {
    expect(["AssetType", "createSupplierLinkSession", "Brand", "LinkCallback"].map(screamingCase)).toEqual([
      "ASSET_TYPE",
      "CREATE_SUPPLIER_LINK_SESSION",
      "BRAND",
      "LINK_CALLBACK",
    ]);
  });
});

describe("emitLinkCallback", () => {
  // The vendored spec, whose link-session operation the link-callback plug-in needs.
  const emit = (schema: unknown) => {
    const model = buildModel({ ...inputsOf(), linkCallbackSchema: schema });
    return {
      source: emitLinkCallback(model)[0]?.source ?? null,
      on: model.curated.plugins.linkCallback,
      misfits: model.curated.misfits.filter((m) => m.file === LINK_CALLBACK_FILE),
    };
  };

  test("renders the payload's interface with its provenance and field docs", () => {
    const { source, misfits } = emit(CALLBACK);
    expect(misfits).toEqual([]);
    expect(source).toContain("Do not edit");
    expect(source).toContain("@see https://docs.nox.energy/guides/energy-supplier-integration");
    expect(source).toContain("export interface LinkCallback {");
    expect(source!.replace(/\s+/g, " ")).toContain(
      '"nox_user_id": string; /** The supplier\'s user id, as given to the link session (`user_id`). */ "supplier_user_id": string;',
    );
    expect(source).toContain('"device_ids": string[];');
    expect(source).toContain('"connected_at": number;');
  });

  test("an optional, nullable field", () => {
    const base = { title: "LinkCallback", type: "object", required: ["a"] };
    const { source } = emit({
      ...base,
      properties: { a: { type: "string" }, b: { type: ["integer", "null"] } },
    });
    expect(source).toContain('"b"?: number | null;');
  });

  test("without the link-session operation the plug-in is off: no type, and the misfit says why", () => {
    const model = modelOf(specWith({ type: "string" }), CALLBACK);
    expect(emitLinkCallback(model)).toEqual([]);
    expect(model.curated.plugins.linkCallback).toBe(false);
    expect(model.curated.misfits.map((m) => [m.file, m.kind])).toContainEqual([
      LINK_CALLBACK_FILE,
      "plugin-off",
    ]);
  });

  test("a type it cannot render fails the emitter, naming where", () => {
    const base = { title: "LinkCallback", type: "object", required: ["a"] };
    expect(() =>
      emit({ ...base, properties: { a: { oneOf: [{ type: "string" }, { type: "integer" }] } } }),
    ).toThrow(/spec\/link-callback\.schema\.json#\/properties\/a: is a union schema/);
  });

  test.each([
    [
      "an unknown type",
      { title: "LinkCallback", type: "object", properties: { a: { type: "date" } } },
      /#\/properties\/a\/type/,
    ],
    ["another title", { title: "not a name", type: "object", properties: {} }, /titled "LinkCallback"/],
    ["not an object", { title: "LinkCallback", type: "string" }, /is not an object schema/],
  ])(
    "%s is a misfit: named, and the plug-in is off (no LinkCallback type) until it is mended",
    (_name, schema, message) => {
      const { source, misfits, on } = emit(schema);
      expect(misfits).toHaveLength(1);
      expect(misfits[0]).toMatchObject({ file: LINK_CALLBACK_FILE });
      expect(misfits[0]!.message).toMatch(message);
      expect(on).toBe(false);
      expect(source).toBeNull();
    },
  );
});
