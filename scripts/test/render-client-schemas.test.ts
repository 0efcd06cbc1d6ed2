import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { formatAs } from "../lib/format.ts";
import { CLIENT_SCHEMAS_FILE, renderClientSchemas, screamingCase } from "../lib/render-client-schemas.ts";
import { renderLinkCallback } from "../lib/render-link-callback.ts";
import { LINK_CALLBACK_FILE, REPO_ROOT, SPEC_FILE } from "../lib/repo.ts";

const readJson = async (path: string): Promise<any> =>
  JSON.parse(await readFile(join(REPO_ROOT, path), "utf8"));

/** A spec with one component `Thing` whose schema is `schema`, and an operation that sends and returns it. */
function specWith(schema: unknown, extra: Record<string, unknown> = {}) {
  const ref = { $ref: "#/components/schemas/Thing" };
  return {
    paths: {
      "/things": {
        post: {
          operationId: "createThing",
          requestBody: { content: { "application/json": { schema: ref } } },
          responses: {
            "400": { content: { "application/json": { schema: { type: "object" } } } },
            "201": { content: { "application/json": { schema: ref } } },
          },
        },
      },
    },
    components: { schemas: { Thing: schema, ...extra } },
  };
}

/** What `pnpm generate` writes: the rendered source, formatted. */
const render = (...args: Parameters<typeof renderClientSchemas>): Promise<string> =>
  formatAs(REPO_ROOT, CLIENT_SCHEMAS_FILE, renderClientSchemas(...args));

/** The literal rendered for `Thing`, white space folded. */
const thing = (source: string): string =>
  /export const THING_SCHEMA: ClientSchema = (.*?);\n\n/s
    .exec(source)?.[1]
    ?.replace(/\s+/g, " ")
    .replace(/, }/g, " }") ?? "";

describe("renderClientSchemas", () => {
  test("the three ways of allowing null become one nullable flag", async () => {
    const forms = [
      { type: "string", nullable: true },
      { type: ["string", "null"] },
      { anyOf: [{ type: "string" }, { type: "null" }] },
      { anyOf: [{ type: "null" }, { type: "string" }], description: "d" },
    ];
    for (const form of forms) {
      expect(thing(await render(specWith(form)))).toBe('{ type: "string", nullable: true }');
    }
  });

  test("a $ref with a sibling nullable inlines the component with the flag; a plain $ref names it", async () => {
    const source = await render(
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
    );
    expect(thing(source)).toBe(
      '{ type: "object", properties: { a: CODE_SCHEMA, b: { type: "string", maxLength: 3, nullable: true } } }',
    );
    expect(source).toContain('export const CODE_SCHEMA: ClientSchema = { type: "string", maxLength: 3 };');
    expect(source.indexOf("CODE_SCHEMA:")).toBeLessThan(source.indexOf("THING_SCHEMA:"));
  });

  test("the operation's request body and first 2xx response are named for its operationId", async () => {
    const source = await render(specWith({ type: "string" }));
    expect(source).toContain("export const CREATE_THING_REQUEST_BODY: ClientSchema = THING_SCHEMA;");
    expect(source).toContain("export const CREATE_THING_RESPONSE_BODY: ClientSchema = THING_SCHEMA;");
  });

  test("enums the enums package exports are imported from it; others are written out", async () => {
    const source = await render(await readJson(SPEC_FILE));
    expect(source).toContain(
      'import { ASSET_TYPES, BRANDS, LANGUAGES } from "@nox-energy/authenticator-enums";',
    );
    expect(source).toContain('enum: BRANDS, label: "brands", nullable: true');
    expect(source).not.toContain('"daikin"');
    const local = await render(specWith({ type: "string", enum: ["x", "y"] }));
    expect(thing(local)).toBe('{ type: "string", enum: ["x", "y"], label: "things" }');
    expect(local).not.toContain("@nox-energy/authenticator-enums");
  });

  test("no description, example or default reaches the client", async () => {
    const source = await render(await readJson(SPEC_FILE));
    expect(source).not.toMatch(/description|example|default|Acme/);
  });

  test.each<[string, unknown, RegExp]>([
    [
      "oneOf",
      { oneOf: [{ type: "string" }] },
      /components\.schemas\.Thing\.oneOf: is a keyword the client does not support/,
    ],
    [
      "a format it cannot check",
      { type: "string", format: "email" },
      /components\.schemas\.Thing\.format: is "email"/,
    ],
    [
      "two types",
      { type: ["string", "integer"] },
      /components\.schemas\.Thing: has type \["string","integer"\]/,
    ],
    [
      "an anyOf that is not T or null",
      { anyOf: [{ type: "string" }, { type: "integer" }] },
      /Thing: has an anyOf other than/,
    ],
    [
      "a nested bad keyword",
      { type: "object", properties: { a: { type: "array", items: { not: {} } } } },
      /Thing\.properties\.a\.items\.not:/,
    ],
    [
      "a bad pattern",
      { type: "string", pattern: "(" },
      /Thing\.pattern: is not an ECMAScript regular expression/,
    ],
    ["an external $ref", { $ref: "other.json#/x" }, /Thing: has \$ref other\.json#\/x/],
    ["a missing component", { $ref: "#/components/schemas/Nope" }, /does not define/],
    [
      "a schema that refers to itself",
      { type: "object", properties: { self: { $ref: "#/components/schemas/Thing" } } },
      /refers to itself/,
    ],
  ])("refuses %s, naming where it is", (_name, schema, message) => {
    expect(() => renderClientSchemas(specWith(schema))).toThrow(message);
  });

  test("numeric formats are dropped: a JavaScript number needs no check for them", async () => {
    expect(thing(await render(specWith({ type: "integer", format: "int64" })))).toBe('{ type: "integer" }');
  });

  test("a standalone schema is rendered under its name, and named in the header", async () => {
    const source = await render(specWith({ type: "string" }), {
      LinkCallback: { file: LINK_CALLBACK_FILE, schema: await readJson(LINK_CALLBACK_FILE) },
    });
    expect(source).toMatch(
      /^\/\*\*\n \* Generated by scripts\/generate\.ts from .* and spec\/link-callback\.schema\.json\./,
    );
    expect(source).toContain("export const LINK_CALLBACK_SCHEMA: ClientSchema = {");
    expect(source).toContain('brand: { type: "string" }');
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

describe("renderLinkCallback", () => {
  test("renders the payload's interface with its provenance and field docs", async () => {
    const source = renderLinkCallback(await readJson(LINK_CALLBACK_FILE));
    expect(source).toContain("Do not edit");
    expect(source).toContain("@see https://docs.nox.energy/guides/energy-supplier-integration");
    expect(source).toContain("export interface LinkCallback {");
    expect(source.replace(/\s+/g, " ")).toContain(
      '"nox_user_id": string; /** The supplier\'s user id, as given to the link session (`user_id`). */ "supplier_user_id": string;',
    );
    expect(source).toContain('"device_ids": string[];');
    expect(source).toContain('"connected_at": number;');
  });

  test("an optional, nullable field and an unsupported type", () => {
    const base = { title: "T", type: "object", required: ["a"] };
    const source = renderLinkCallback({
      ...base,
      properties: { a: { type: "string" }, b: { type: ["integer", "null"] } },
    });
    expect(source).toContain('"b"?: number | null;');
    expect(() => renderLinkCallback({ ...base, properties: { a: { type: "date" } } })).toThrow(
      /link-callback\.schema\.json \(root\)\.properties\.a: has type "date"/,
    );
    expect(() => renderLinkCallback({ ...base, title: "not a name" })).toThrow(/title: is not a type name/);
  });
});
