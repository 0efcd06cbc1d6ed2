import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BRANDS_FILE, METHOD_NAMES_FILE, REPO_ROOT } from "../lib/repo.ts";
import type { ModelInputs } from "../model/load.ts";
import { VENDORED } from "./spec-fixtures.ts";

/** The vendored curated data, parsed. */
export const BRANDS: any = JSON.parse(readFileSync(join(REPO_ROOT, BRANDS_FILE), "utf8"));
export const METHOD_NAMES: any = JSON.parse(readFileSync(join(REPO_ROOT, METHOD_NAMES_FILE), "utf8"));

/** One side of an evolution: spec/ as the vendored files with edits applied to deep clones. */
export interface Side {
  spec?: (spec: any) => void;
  brands?: (data: any) => void;
  methodNames?: (data: any) => void;
}

/** The model inputs for `side`: the vendored spec/ files with its edits. */
export function inputsOf(side: Side = {}): ModelInputs {
  const document = structuredClone(VENDORED);
  const brands = structuredClone(BRANDS);
  const methodNames = structuredClone(METHOD_NAMES);
  side.spec?.(document);
  side.brands?.(brands);
  side.methodNames?.(methodNames);
  return { document, brands, methodNames, labels: null, linkCallbackSchema: null };
}

const REQ = "CreateSupplierLinkSessionRequest";
const RES = "CreateSupplierLinkSessionResponse";
export const schemas = (spec: any) => spec.components.schemas;
export const post = (spec: any) => spec.paths["/supplier/link-sessions"].post;

/** A request-only inline enum (`channel`) and a response-only one (`status`), present on both sides. */
export function withInlineEnums(spec: any): void {
  schemas(spec)[REQ].properties.channel = { type: "string", enum: ["web", "app"] };
  schemas(spec)[RES].properties.status = { type: "string", enum: ["pending", "completed"] };
}

/** The same document as OpenAPI 3.1: every nullable in its 3.1 spelling. */
export function asOpenApi31(spec: any): void {
  spec.openapi = "3.1.0";
  for (const name of [REQ, RES]) {
    const brand = schemas(spec)[name].properties.brand;
    schemas(spec)[name].properties.brand = {
      anyOf: [{ $ref: brand.$ref }, { type: "null" }],
      description: brand.description,
    };
  }
  const completed = schemas(spec)[RES].properties.completed_at;
  delete completed.nullable;
  completed.type = ["integer", "null"];
}

/** Upstream's real earlier v2: 12 brands spelled with spaces, no asset_type, no AssetType schema. */
export function earlierV2(spec: any): void {
  schemas(spec).Brand.enum = [
    "alpha innotec",
    "atlantic",
    "bosch",
    "daikin",
    "lg",
    "mitsubishi",
    "nibe",
    "panasonic",
    "samsung",
    "saunier duval",
    "vaillant",
    "viessmann",
  ];
  delete schemas(spec).AssetType;
  for (const name of [REQ, RES]) {
    delete schemas(spec)[name].properties.asset_type;
    schemas(spec)[name].required = schemas(spec)[name].required.filter((f: string) => f !== "asset_type");
  }
}

/** A second API key alternative (a query key) beside the header key. */
export function withQueryKeyAlternative(spec: any): void {
  spec.components.securitySchemes.QueryKey = { type: "apiKey", in: "query", name: "api_key" };
  post(spec).security.push({ QueryKey: [] });
}

export { REQ, RES };

/** A `Money` component reached through a response field (`price`), not a body of its own. */
export function withMoney(spec: any, name = "Money"): void {
  schemas(spec)[name] = {
    type: "object",
    required: ["amount", "currency"],
    properties: { amount: { type: "integer" }, currency: { type: "string" } },
  };
  schemas(spec)[RES].properties.price = { $ref: `#/components/schemas/${name}` };
}

/** Renames component `from` to `to` and points every `$ref` at it to the new name (same shape). */
export function renameSchema(spec: any, from: string, to: string): void {
  const all = schemas(spec);
  spec.components.schemas = Object.fromEntries(
    Object.entries(all).map(([name, value]) => [name === from ? to : name, value]),
  );
  const text = JSON.stringify(spec).replaceAll(
    `"#/components/schemas/${from}"`,
    `"#/components/schemas/${to}"`,
  );
  Object.assign(spec, JSON.parse(text));
}

/** The response body as an `allOf` of two parts with the same meaning as the one object it was. */
export function responseAsAllOf(spec: any): void {
  const whole = schemas(spec)[RES];
  const names = Object.keys(whole.properties);
  const half = (keys: string[]) => ({
    type: "object",
    required: whole.required.filter((r: string) => keys.includes(r)),
    properties: Object.fromEntries(keys.map((k) => [k, whole.properties[k]])),
  });
  schemas(spec)[RES] = {
    description: whole.description,
    allOf: [half(names.slice(0, 4)), half(names.slice(4))],
  };
}

/** A 3.1 document whose `webhooks` send a `SessionEvent` component that no operation uses. */
export function withWebhook(spec: any, event: Record<string, unknown> = {}): void {
  asOpenApi31(spec);
  schemas(spec).SessionEvent = {
    type: "object",
    required: ["link_token"],
    properties: { link_token: { type: "string" }, ...event },
  };
  spec.webhooks = {
    sessionCompleted: {
      post: {
        requestBody: {
          content: { "application/json": { schema: { $ref: "#/components/schemas/SessionEvent" } } },
        },
        responses: { "200": { description: "Received." } },
      },
    },
  };
}

/** A response field `pet`: a oneOf of `Cat` and `Dog` told apart by `pet_type`, with `mapping`. */
export function withPets(spec: any, mapping: Record<string, string> = { cat: "Cat", dog: "Dog" }): void {
  const animal = (sound: string) => ({
    type: "object",
    required: ["pet_type"],
    properties: { pet_type: { type: "string" }, [sound]: { type: "string" } },
  });
  schemas(spec).Cat = animal("meow");
  schemas(spec).Dog = animal("bark");
  schemas(spec).Pet = {
    oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
    discriminator: {
      propertyName: "pet_type",
      mapping: Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, `#/components/schemas/${v}`])),
    },
  };
  schemas(spec)[RES].properties.pet = { $ref: "#/components/schemas/Pet" };
}

/** A templated default server whose `region` variable defaults to `region`. */
export function withRegionServer(spec: any, region = "eu"): void {
  spec.servers = [
    {
      url: "https://{region}.auth.nox.energy/v2",
      variables: { region: { default: region, enum: ["eu", "us"] } },
    },
  ];
}
