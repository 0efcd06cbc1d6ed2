/**
 * Realistic evolutions of NOX's own spec (issue #14, item 7: "your own evolution cases for each
 * construct"), run by the corpus test beside the public documents: update-spec, build, type-check
 * and the generated conformance run, with the NOX plug-ins (link session, brand rule, callback) still
 * on. Each is the vendored spec plus what an upstream release could plausibly add:
 *
 * - `nox-evolved-3.0` (OpenAPI 3.0.3): formats date-time, date, email and uuid; `allOf`; `oneOf` with a
 *   discriminator; an `additionalProperties` map; `minProperties`/`maxProperties`; `nullable` without a
 *   type; a templated server URL with variables and a plain-http one; an operation without a 2xx.
 * - `nox-evolved-3.1` (OpenAPI 3.1.0): `patternProperties`, `unevaluatedProperties`, type arrays with
 *   `null`, `const`, a webhook, and no server at all.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CorpusDocument } from "./corpus-fetch.ts";
import { mutate } from "./spec-fixtures.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });
const errors = {
  "401": { description: "Invalid API key.", content: json(ref("ErrorResponse")) },
  "404": { description: "Not found.", content: json(ref("ErrorResponse")) },
};
const secured = [{ ApiKeyAuth: [] }];

/** The 3.0 schemas: a device with formatted fields, its detail by `allOf`, an asset by `oneOf`. */
function schemas30(): Record<string, object> {
  return {
    Device: {
      type: "object",
      required: ["id", "installed_on", "updated_at"],
      properties: {
        id: { type: "string", format: "uuid" },
        installed_on: { type: "string", format: "date" },
        updated_at: { type: "string", format: "date-time" },
        owner_email: { type: "string", format: "email", nullable: true },
        labels: { type: "object", additionalProperties: { type: "string", maxLength: 32 } },
        settings: { type: "object", minProperties: 1, maxProperties: 4, additionalProperties: true },
        // OpenAPI 3.0.3 allows `nullable` without a type (it then has no effect).
        note: { nullable: true, description: "Free text; any JSON value." },
      },
    },
    DeviceDetail: {
      allOf: [
        ref("Device"),
        { type: "object", required: ["firmware"], properties: { firmware: { type: "string" } } },
      ],
    },
    HeatPumpAsset: {
      type: "object",
      required: ["kind", "flow_temperature"],
      properties: {
        kind: { type: "string", enum: ["heat_pump"] },
        flow_temperature: { type: "number", minimum: 20, maximum: 70 },
      },
    },
    InverterAsset: {
      type: "object",
      required: ["kind", "peak_kw"],
      properties: { kind: { type: "string", enum: ["inverter"] }, peak_kw: { type: "integer", minimum: 1 } },
    },
    Asset: {
      oneOf: [ref("HeatPumpAsset"), ref("InverterAsset")],
      discriminator: {
        propertyName: "kind",
        mapping: {
          heat_pump: "#/components/schemas/HeatPumpAsset",
          inverter: "#/components/schemas/InverterAsset",
        },
      },
    },
  };
}

/** The 3.0 paths: a device by id, an asset registered, a session revoked (no 2xx documented). */
function paths30(): Record<string, object> {
  return {
    "/supplier/devices/{device_id}": {
      get: {
        operationId: "getDevice",
        summary: "Get a linked device",
        parameters: [
          { name: "device_id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
        ],
        responses: { "200": { description: "The device.", content: json(ref("DeviceDetail")) }, ...errors },
        security: secured,
      },
    },
    "/supplier/assets": {
      post: {
        operationId: "registerAsset",
        summary: "Register an asset",
        requestBody: { required: true, content: json(ref("Asset")) },
        responses: { "201": { description: "Registered.", content: json(ref("Asset")) }, ...errors },
        security: secured,
      },
    },
    "/supplier/link-sessions/{link_token}": {
      delete: {
        operationId: "revokeLinkSession",
        summary: "Revoke a link session",
        parameters: [{ name: "link_token", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          ...errors,
          default: { description: "Anything else.", content: json(ref("ErrorResponse")) },
        },
        security: secured,
      },
    },
  };
}

/** NOX's spec moved on, still on OpenAPI 3.0.3. */
export function noxEvolved30(spec: any): void {
  Object.assign(spec.components.schemas, schemas30());
  Object.assign(spec.paths, paths30());
  // The same default URL, now templated, and a plain-http one for local development.
  spec.servers = [
    {
      url: "https://{host}/{version}",
      variables: {
        host: { default: "auth.nox.energy", enum: ["auth.nox.energy", "auth.eu.nox.energy"] },
        version: { default: "v2" },
      },
    },
    { url: "http://localhost:8080/v2", description: "Local development" },
  ];
}

/** NOX's spec moved to OpenAPI 3.1: JSON Schema 2020-12 keywords, a webhook, no server listed. */
export function noxEvolved31(spec: any): void {
  spec.openapi = "3.1.0";
  // 3.1 has no `nullable`: the brand becomes a type union with null, as a converter would write it.
  const request = spec.components.schemas.CreateSupplierLinkSessionRequest;
  request.properties.brand = {
    anyOf: [ref("Brand"), { type: "null" }],
    description: request.properties.brand.description,
  };
  const response = spec.components.schemas.CreateSupplierLinkSessionResponse;
  for (const [name, property] of Object.entries<any>(response.properties)) {
    if (property.nullable !== true) continue;
    delete property.nullable;
    response.properties[name] = property.$ref
      ? { anyOf: [{ $ref: property.$ref }, { type: "null" }] }
      : { ...property, type: [property.type, "null"] };
  }
  spec.components.schemas.Meter = {
    type: "object",
    required: ["serial", "kind"],
    properties: {
      serial: { type: "string", minLength: 4 },
      kind: { const: "electricity" },
      reading_kwh: { type: ["number", "null"], minimum: 0 },
    },
    patternProperties: { "^x-": { type: "string" } },
    unevaluatedProperties: false,
  };
  spec.paths["/supplier/meters"] = {
    post: {
      operationId: "registerMeter",
      summary: "Register a meter",
      requestBody: { required: true, content: json(ref("Meter")) },
      responses: { "201": { description: "Registered.", content: json(ref("Meter")) }, ...errors },
      security: secured,
    },
  };
  spec.webhooks = {
    meterRead: {
      post: {
        requestBody: { content: json(ref("Meter")) },
        responses: { "200": { description: "Received." } },
      },
    },
  };
  delete spec.servers;
}

/** An evolution, and the release update-spec must give it (package short name -> level). */
export interface Evolution {
  edit: (spec: any) => void;
  bumps: Readonly<Record<"types" | "enums" | "client" | "testing", "major" | "minor" | "patch">>;
}

/** The evolutions by corpus id. */
export const NOX_EVOLUTIONS: Readonly<Record<string, Evolution>> = {
  "nox-evolved-3.0": {
    edit: noxEvolved30,
    // Major for the client: `server: "https://auth.nox.energy/v2"` no longer names a listed server
    // (the first is templated now), although the default URL it resolves to is the same.
    bumps: { types: "minor", enums: "minor", client: "major", testing: "minor" },
  },
  "nox-evolved-3.1": {
    edit: noxEvolved31,
    // Major for the client: no server, so no default base URL (every caller must pass one). The
    // brand's `nullable` rewritten as `anyOf [Brand, null]` means the same and is no change.
    bumps: { types: "minor", enums: "minor", client: "major", testing: "minor" },
  },
};

/** Writes each evolution of the vendored spec into `dir`, as the corpus test's documents. */
export async function writeEvolutions(dir: string): Promise<CorpusDocument[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    Object.entries(NOX_EVOLUTIONS).map(async ([id, { edit }]) => {
      const file = join(dir, `${id}.json`);
      await writeFile(file, `${JSON.stringify(mutate(edit), null, 2)}\n`);
      return { id, from: "spec/ + scripts/test/nox-evolutions.ts", entry: `${id}.json`, file };
    }),
  );
}
