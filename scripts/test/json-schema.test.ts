import { existsSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { printComponents, type Direction } from "../emit/json-schema.ts";
import { createAjv, emitValidators, planValidators } from "../emit/validators.ts";
import { buildModel } from "../model/build-model.ts";
import type { ApiModel } from "../model/types.ts";

const ID = "https://t.invalid";

/** A model of `document` with no curated data. */
const modelOf = (document: unknown): ApiModel =>
  buildModel({ document, brands: null, methodNames: null, labels: null, linkCallbackSchema: null });

/** A spec with components `schemas`, one POST taking and returning `Root`. */
const spec = (schemas: Record<string, unknown>, version = "3.0.3") => ({
  openapi: version,
  info: { title: "t", version: "1" },
  paths: {
    "/things": {
      post: {
        operationId: "createThing",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Root" } } },
        },
        responses: {
          "201": {
            description: "made",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Root" } } },
          },
        },
      },
    },
  },
  components: { schemas },
});

/** The body and 201 validators the generator compiles for `spec(schemas)`, run in process. */
function validatorsOf(schemas: Record<string, unknown>, version?: string) {
  const model = modelOf(spec(schemas, version));
  const plan = planValidators(model);
  const ajv = createAjv();
  for (const { schema } of plan.entries) ajv.addSchema(schema as object);
  const get = (name: string) => ajv.getSchema(plan.entries.find((e) => e.name === name)!.schema.$id)!;
  return { request: get("b0"), response: get("r0_201") };
}

/** The printed component `name` for a direction. */
function printed(schemas: Record<string, unknown>, direction: Direction, name = "Root") {
  const { documents } = printComponents(modelOf(spec(schemas)), direction, { id: ID, messages: true });
  return documents.find((d) => d.$id === `${ID}/${name}`);
}

describe("printComponents: JSON Schema 2020-12 per direction", () => {
  test("3.0 forms become 2020-12: nullable as a type list (with null in an enum), boolean exclusive bounds as numbers", () => {
    const root = {
      type: "object",
      properties: {
        a: { type: "string", nullable: true, enum: ["x", "y"] },
        n: { type: "number", minimum: 0, exclusiveMinimum: true, maximum: 9 },
        r: { $ref: "#/components/schemas/Code", nullable: true },
      },
      example: { a: "x" },
      "x-internal": true,
    };
    const out = printed({ Root: root, Code: { type: "string" } }, "request");
    expect(out).toMatchObject({
      type: "object",
      properties: {
        a: { type: ["string", "null"], enum: ["x", "y", null] },
        n: { type: "number", exclusiveMinimum: 0, maximum: 9 },
        r: { anyOf: [{ $ref: `${ID}/Code` }, { type: "null" }] },
      },
    });
    expect(JSON.stringify(out)).not.toMatch(/example|x-internal|nullable/);
  });

  test("requests: readOnly properties are not required; responses: writeOnly ones are not", () => {
    const root = {
      type: "object",
      required: ["id", "secret", "name"],
      properties: {
        id: { type: "string", readOnly: true },
        secret: { type: "string", writeOnly: true },
        name: { type: "string" },
      },
    };
    expect(printed({ Root: root }, "request")?.required).toEqual(["secret", "name"]);
    expect(printed({ Root: root }, "response")?.required).toEqual(["id", "name"]);
  });

  test("responses drop enums of several values but keep a one-value enum (a const: it discriminates) and oneOf reads as anyOf", () => {
    const root = {
      type: "object",
      properties: {
        kind: { type: "string", enum: ["a", "b"] },
        tag: { type: "string", enum: ["only"] },
        u: { oneOf: [{ type: "string" }, { type: "integer" }] },
      },
    };
    const out = printed({ Root: root }, "response") as any;
    expect(out.properties.kind).toEqual({ type: "string" });
    expect(out.properties.tag).toMatchObject({ type: "string", const: "only" });
    expect(out.properties.u.anyOf).toHaveLength(2);
    expect((printed({ Root: root }, "request") as any).properties.u.oneOf).toHaveLength(2);
  });

  test("a component's own root is never closed (allOf members must not refuse each other's properties); its use sites are", () => {
    const schemas = {
      Root: {
        allOf: [
          { $ref: "#/components/schemas/Base" },
          { type: "object", properties: { extra: { type: "string" } } },
        ],
      },
      Base: { type: "object", properties: { id: { type: "string" } } },
    };
    expect(JSON.stringify(printed(schemas, "request", "Base"))).not.toContain("unevaluatedProperties");
    const { request, response } = validatorsOf(schemas);
    expect(request({ id: "1", extra: "e" })).toBe(true);
    expect(request({ id: "1", extra: "e", other: 1 })).toBe(false);
    expect(request.errors?.[0]).toMatchObject({
      keyword: "unevaluatedProperties",
      params: { unevaluatedProperty: "other" },
    });
    expect(request.errors?.[0]?.parentSchema?.["x-known"]).toEqual(["id", "extra"]);
    expect(response({ id: "1", other: 1 })).toBe(true);
  });

  test("additionalProperties: true or a map lets extra properties through a request; false is kept there and dropped in a response", () => {
    expect(validatorsOf({ Root: { type: "object", additionalProperties: true } }).request({ x: 1 })).toBe(
      true,
    );
    const map = validatorsOf({ Root: { type: "object", additionalProperties: { type: "integer" } } });
    expect([map.request({ x: 1 }), map.request({ x: "1" }), map.response({ x: "1" })]).toEqual([
      true,
      false,
      false,
    ]);
    const closed = validatorsOf({
      Root: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
    });
    expect([closed.request({ b: 1 }), closed.response({ b: 1 })]).toEqual([false, true]);
  });

  test("a discriminated oneOf dispatches on the tag (mapping, then implicit names): overlapping branches do not fail a tagged body", () => {
    const schemas = {
      Root: {
        oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
        discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
      },
      // Both accept any object with a string kind: a plain oneOf would refuse every body.
      Cat: {
        type: "object",
        required: ["kind"],
        properties: { kind: { type: "string" }, lives: { type: "integer" } },
      },
      Dog: {
        type: "object",
        required: ["kind"],
        properties: { kind: { type: "string" }, bark: { type: "string", minLength: 1 } },
      },
    };
    const { request, response } = validatorsOf(schemas);
    expect(request({ kind: "cat", lives: 9 })).toBe(true);
    expect(request({ kind: "Dog", bark: "woof" })).toBe(true);
    expect(request({ kind: "Dog", bark: "" })).toBe(false);
    expect(request({ kind: "cow" })).toBe(false);
    expect(request.errors?.map((e) => e.keyword)).toContain("enum");
    expect(request({})).toBe(false);
    // A new variant upstream is not refused in a response; the known ones are still checked.
    expect([response({ kind: "cow" }), response({ kind: "cat", lives: "nine" })]).toEqual([true, false]);
  });

  test("the allOf-inheritance style: the base dispatches to its children, whose allOf reference a plain copy (no endless recursion)", () => {
    const schemas = {
      Root: { $ref: "#/components/schemas/Pet" },
      Pet: {
        type: "object",
        required: ["petType"],
        properties: { petType: { type: "string" }, name: { type: "string" } },
        discriminator: { propertyName: "petType" },
      },
      Cat: {
        allOf: [
          { $ref: "#/components/schemas/Pet" },
          { type: "object", properties: { lives: { type: "integer" } } },
        ],
      },
      Dog: {
        allOf: [
          { $ref: "#/components/schemas/Pet" },
          { type: "object", required: ["bark"], properties: { bark: { type: "string" } } },
        ],
      },
    };
    const { request } = validatorsOf(schemas);
    expect(request({ petType: "Cat", name: "Tom", lives: 9 })).toBe(true);
    expect(request({ petType: "Dog", name: "Rex" })).toBe(false);
    expect(request.errors?.map((e) => [e.keyword, e.params])).toContainEqual([
      "required",
      { missingProperty: "bark" },
    ]);
    expect(request({ petType: "Dog", bark: "woof", lives: 3 })).toBe(false);
    expect(request({ petType: "Bird" })).toBe(false);
  });

  test("3.1 keywords are checked: const, numeric exclusive bounds, prefixItems, patternProperties, if/then, not, dependentRequired", () => {
    const root = {
      type: "object",
      properties: {
        c: { const: "fixed" },
        x: { type: "number", exclusiveMaximum: 10 },
        t: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], items: false },
        p: { type: "object", patternProperties: { "^n_": { type: "integer" } } },
        k: { type: "string", not: { const: "forbidden" } },
        w: { type: "object", if: { required: ["a"] }, then: { required: ["b"] } },
        d: { type: "object", dependentRequired: { card: ["cvc"] } },
      },
    };
    const { request } = validatorsOf({ Root: root }, "3.1.0");
    const good = {
      c: "fixed",
      x: 9.5,
      t: ["a", 1],
      p: { n_1: 1 },
      k: "ok",
      w: { a: 1, b: 2 },
      d: { card: 1, cvc: 2 },
    };
    expect(request(good)).toBe(true);
    for (const [key, bad] of Object.entries({
      c: "other",
      x: 10,
      t: ["a", 1, 2],
      p: { n_1: "x" },
      k: "forbidden",
      w: { a: 1 },
      d: { card: 1 },
    })) {
      expect([key, request({ ...good, [key]: bad })]).toEqual([key, false]);
    }
  });

  test("a required plain string in a request must not be blank; in a response it may be", () => {
    const schemas = {
      Root: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
    };
    const { request, response } = validatorsOf(schemas);
    expect([request({ name: " " }), request({ name: "n" }), response({ name: " " })]).toEqual([
      false,
      true,
      true,
    ]);
    expect(request({ name: "" }) || request.errors?.[0]?.parentSchema?.["x-expected"]).toBe(
      "a non-empty string",
    );
  });

  test("x-expected says in words what a node cannot (a reference, a union, an enum, a format)", () => {
    const out = printed(
      {
        Root: {
          type: "object",
          properties: {
            when: { type: "string", format: "date-time" },
            size: { $ref: "#/components/schemas/Size" },
          },
        },
        Size: { type: "string", enum: ["s", "m"] },
      },
      "request",
    ) as any;
    expect(out.properties.when["x-expected"]).toBe('an RFC 3339 date-time, e.g. "2024-01-31T12:00:00Z"');
    expect(out.properties.size["x-expected"]).toBe('one of "s", "m"');
  });
});

// The pinned public documents (issue #14), where this machine has them: every one's validators compile
// (Ajv's meta-schema check included), and its operations' examples mostly pass their own response schema.
const CORPUS = "/work/corpus-cache/oas-examples-8.2.2/package";
const DOCUMENTS = [
  "3.0/json/petstore.json",
  "3.1/json/petstore.json",
  "3.0/json/petstore-expanded.json",
  "3.0/json/uspto.json",
  "3.1/json/webhooks.json",
  "3.1/json/train-travel.json",
  "3.0/json/star-trek.json",
];

describe.skipIf(!existsSync(CORPUS))("corpus documents", () => {
  test.each(DOCUMENTS)(
    "%s: every validator compiles into a pure-ESM module",
    (file) => {
      const model = modelOf(JSON.parse(readFileSync(`${CORPUS}/${file}`, "utf8")));
      const [module] = emitValidators(model);
      expect(module!.source).not.toMatch(/\brequire\(|new Function|\beval\(/);
      const plan = planValidators(model);
      const withBody = model.operations.filter(
        (op) => op.requestBody && op.requestBody.kind !== "text" && op.requestBody.kind !== "binary",
      );
      expect(plan.operations.filter((op) => op.body !== undefined)).toHaveLength(withBody.length);
    },
    60_000,
  );

  test("train-travel: a documented response example passes its response validator", () => {
    const model = modelOf(JSON.parse(readFileSync(`${CORPUS}/3.1/json/train-travel.json`, "utf8")));
    const plan = planValidators(model);
    const ajv = createAjv();
    for (const { schema } of plan.entries) ajv.addSchema(schema as object);
    let checked = 0;
    model.operations.forEach((op, i) => {
      for (const r of op.responses) {
        const entry = plan.entries.find((e) => e.name === `r${i}_${r.status}`);
        if (entry === undefined || r.example === undefined) continue;
        const validate = ajv.getSchema(entry.schema.$id)!;
        expect([op.operationId, r.status, validate(r.example), validate.errors]).toEqual([
          op.operationId,
          r.status,
          true,
          null,
        ]);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(0);
  });
});
