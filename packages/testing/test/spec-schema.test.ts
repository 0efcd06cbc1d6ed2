import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { COMPONENT_SCHEMAS, REQUEST_SCHEMA, RESPONSE_SCHEMAS } from "../src/generated/schemas.js";
import { compileSpecSchema, toJsonSchema } from "../src/spec-schema.js";

const VALID = { user_id: "u-1", asset_type: "hp", redirect_url: "https://supplier.example/back" };

describe("toJsonSchema", () => {
  test("turns a $ref with a sibling nullable into anyOf [$ref, null], keeping other siblings", () => {
    expect(toJsonSchema({ $ref: "#/components/schemas/Brand", nullable: true, description: "d" })).toEqual({
      description: "d",
      anyOf: [{ $ref: "#/$defs/Brand" }, { type: "null" }],
    });
  });

  test("leaves a plain $ref and a nullable type alone (ajv handles `nullable` beside `type`)", () => {
    expect(toJsonSchema({ $ref: "#/components/schemas/Language" })).toEqual({ $ref: "#/$defs/Language" });
    expect(toJsonSchema({ type: "integer", nullable: true })).toEqual({ type: "integer", nullable: true });
  });

  test("copies: the generated, frozen schemas are never touched", () => {
    const converted = toJsonSchema(COMPONENT_SCHEMAS as never) as Record<string, unknown>;
    expect(converted).not.toBe(COMPONENT_SCHEMAS);
    expect(Object.isFrozen(COMPONENT_SCHEMAS.CreateSupplierLinkSessionRequest.properties.brand)).toBe(true);
    expect(COMPONENT_SCHEMAS.CreateSupplierLinkSessionRequest.properties.brand).toHaveProperty(
      "nullable",
      true,
    );
  });
});

describe("OpenAPI annotations ajv does not know", () => {
  test("x- extensions, externalDocs and xml compile and constrain nothing; a field named x-… is still a field", () => {
    const validate = compileSpecSchema({
      type: "object",
      required: ["x-trace"],
      "x-internal": true,
      externalDocs: { url: "https://docs.nox.energy" },
      properties: {
        "x-trace": { type: "string", "x-example-source": "logs", xml: { name: "trace" } },
      },
    });
    expect(validate({ "x-trace": "t-1" })).toBe(true);
    expect(validate({ "x-trace": 1 })).toBe(false);
    expect(validate({})).toBe(false);
  });
});

describe("the nullable-$ref trap this package works around", () => {
  test("ajv refuses the spec as written; the adapted schema accepts brand: null and rejects 123", () => {
    const raw = { ...REQUEST_SCHEMA, components: { schemas: COMPONENT_SCHEMAS } };
    expect(() => new Ajv({ strict: false }).compile(raw)).toThrow('"nullable" cannot be used without "type"');
    const adapted = compileSpecSchema(REQUEST_SCHEMA);
    expect(adapted({ ...VALID, brand: null })).toBe(true);
    expect(adapted(VALID)).toBe(true);
    expect(adapted({ ...VALID, brand: 123 })).toBe(false);
  });

  test("completed_at (type integer, nullable) accepts null in the response schema", () => {
    const validate = compileSpecSchema(RESPONSE_SCHEMAS["201"]);
    const session = {
      link_url: "https://auth.nox.energy/ui?token=t&language=nl",
      link_token: "t",
      brand: null,
      language: "nl",
      asset_type: "hp",
      redirect_url: "https://supplier.example/back",
      supplier: "Acme Energy",
      supplier_user_id: "u-1",
      completed_at: null,
      created_at: 1703123456,
      expires_at: 1703124056,
    };
    expect(validate(session)).toBe(true);
    expect(validate({ ...session, completed_at: "never" })).toBe(false);
  });
});

describe("the spec's format: uri (enums' isHttpUrl)", () => {
  const isUri = compileSpecSchema({ type: "string", format: "uri" });
  test.each([
    ["https://supplier.example/back", true],
    ["http://localhost:3000/cb?x=1#y", true],
    ["HTTPS://SUPPLIER.EXAMPLE", true],
    ["/back", false],
    ["supplier.example/back", false],
    ["ftp://supplier.example/", false],
    ["javascript:alert(1)", false],
    ["mailto:a@b.c", false],
    ["", false],
    ["https://", false],
    [" https://supplier.example/back", false],
    ["https://supplier.example/back ", false],
    ["https://supplier.example/ba\nck", false],
    ["https://supplier.example/ba\tck", false],
    ["https://supplier.example/ba ck", false],
    ["https://evil.example\\@good.example/", false],
    ["https://good.example@evil.example/", false],
    ["https://a|b.example/", false],
    ["https://a.example/{x}", false],
    ["https://bücher.example/", false],
    ["https://xn--bcher-kva.example/", true],
  ])("%j -> %s", (value, expected) => {
    expect(isUri(value)).toBe(expected);
  });
});
