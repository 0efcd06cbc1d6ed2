import { describe, expect, test } from "vitest";
import { levelsByPackage, type ChangeLevel, type PackageKey } from "../diff/changes.ts";
import { buildModel } from "../model/build-model.ts";
import { classify } from "../update-spec.ts";
import {
  REQ,
  RES,
  asOpenApi31,
  earlierV2,
  inputsOf,
  post,
  renameSchema,
  responseAsAllOf,
  schemas,
  withInlineEnums,
  withMoney,
  withPets,
  withQueryKeyAlternative,
  withRegionServer,
  withWebhook,
  type Side,
} from "./evolution-fixtures.ts";

type Levels = Partial<Record<PackageKey, ChangeLevel>>;
interface Case {
  before?: Side;
  after: Side;
  /** The bump per package (a package absent: no bump). */
  levels: Levels;
  /** Summary lines ("group: subject") that must be among the changes. */
  lines?: string[];
}

const shapes = (level: ChangeLevel, testing = true): Levels => ({
  types: level,
  client: level,
  ...(testing && { testing: level }),
});

const GET_SESSION = {
  get: {
    operationId: "getSupplierLinkSession",
    parameters: [{ name: "link_token", in: "path", required: true, schema: { type: "string" } }],
    responses: {
      "200": {
        description: "The session.",
        content: { "application/json": { schema: { $ref: `#/components/schemas/${RES}` } } },
      },
    },
    security: [{ ApiKeyAuth: [] }],
  },
};

const cases: Array<[string, Case]> = [
  [
    "new optional request field",
    {
      after: { spec: (s) => (schemas(s)[REQ].properties.reference = { type: "string" }) },
      levels: shapes("minor"),
      lines: [`Request field added (optional): ${REQ}.reference`],
    },
  ],
  [
    "new required request field",
    {
      after: {
        spec: (s) => {
          schemas(s)[REQ].properties.contract_id = { type: "string" };
          schemas(s)[REQ].required.push("contract_id");
        },
      },
      levels: shapes("major"),
    },
  ],
  [
    "response field removed",
    {
      after: { spec: (s) => delete schemas(s)[RES].properties.supplier },
      levels: shapes("major"),
      lines: [`Response field removed: ${RES}.supplier`],
    },
  ],
  [
    "response field added",
    {
      after: { spec: (s) => (schemas(s)[RES].properties.status = { type: "string" }) },
      levels: shapes("minor"),
    },
  ],
  [
    "request field made optional",
    {
      after: { spec: (s) => (schemas(s)[REQ].required = ["user_id", "asset_type"]) },
      levels: shapes("minor"),
    },
  ],
  [
    "enum value added, request-only inline enum",
    {
      before: { spec: withInlineEnums },
      after: { spec: (s) => (withInlineEnums(s), schemas(s)[REQ].properties.channel.enum.push("sms")) },
      levels: { ...shapes("minor"), enums: "minor" },
      lines: [`${REQ}.channel values added: sms`],
    },
  ],
  [
    "enum value added, response-only inline enum (minor: the runtime lets new values through)",
    {
      before: { spec: withInlineEnums },
      after: { spec: (s) => (withInlineEnums(s), schemas(s)[RES].properties.status.enum.push("expired")) },
      levels: { ...shapes("minor"), enums: "minor" },
    },
  ],
  [
    "enum value added, used both ways (Language)",
    {
      after: { spec: (s) => schemas(s).Language.enum.push("de") },
      levels: { ...shapes("minor"), enums: "minor" },
      lines: ["Languages added: de"],
    },
  ],
  [
    "enum value removed",
    {
      after: { spec: (s) => schemas(s).Language.enum.pop() },
      levels: { ...shapes("major"), enums: "major" },
      lines: ["Languages removed: es"],
    },
  ],
  [
    "type changed",
    {
      after: { spec: (s) => (schemas(s)[RES].properties.created_at.type = "string") },
      levels: shapes("major"),
    },
  ],
  [
    "nullable added to a response field, 3.0 form",
    {
      after: { spec: (s) => (schemas(s)[RES].properties.link_token.nullable = true) },
      levels: shapes("major"),
      lines: [`Field changed: ${RES}.link_token is now nullable`],
    },
  ],
  [
    "nullable added to a response field, 3.1 form (same verdict as 3.0)",
    {
      before: { spec: asOpenApi31 },
      after: {
        spec: (s) => (asOpenApi31(s), (schemas(s)[RES].properties.link_token.type = ["string", "null"])),
      },
      levels: shapes("major"),
      lines: [`Field changed: ${RES}.link_token is now nullable`],
    },
  ],
  [
    "nullable removed from a request $ref, 3.1 anyOf form",
    {
      before: { spec: asOpenApi31 },
      after: {
        spec: (s) => (
          asOpenApi31(s),
          (schemas(s)[REQ].properties.brand = { $ref: "#/components/schemas/Brand" })
        ),
      },
      levels: shapes("major"),
      lines: [`Field changed: ${REQ}.brand is no longer nullable`],
    },
  ],
  [
    "an OpenAPI 3.1 document equivalent to the 3.0 one: no change",
    { after: { spec: asOpenApi31 }, levels: {} },
  ],
  [
    "new operation GET /supplier/link-sessions/{link_token} (the fake serves a route per operation: testing minor)",
    {
      after: { spec: (s) => (s.paths["/supplier/link-sessions/{link_token}"] = GET_SESSION) },
      levels: shapes("minor"),
      lines: [
        "Operation added: GET /supplier/link-sessions/{link_token}",
        "Client methods added: getSupplierLinkSession",
      ],
    },
  ],
  [
    "operation removed (beside a second one): the fake loses its route too",
    {
      before: { spec: (s) => (s.paths["/supplier/link-sessions/{link_token}"] = GET_SESSION) },
      after: {},
      levels: shapes("major"),
      lines: ["Client methods removed: getSupplierLinkSession"],
    },
  ],
  [
    "operationId renamed, curated name not updated: methods removed",
    {
      before: { spec: (s) => (s.paths["/supplier/link-sessions/{link_token}"] = GET_SESSION) },
      after: {
        spec: (s) => {
          s.paths["/supplier/link-sessions/{link_token}"] = structuredClone(GET_SESSION);
          s.paths["/supplier/link-sessions/{link_token}"].get.operationId = "getLinkSession";
        },
      },
      // The fake's route keeps its path and behaviour; only its generated operationId changes.
      levels: { types: "major", client: "major", testing: "patch" },
      lines: ["Client methods removed: getSupplierLinkSession", "Client methods added: getLinkSession"],
    },
  ],
  [
    "operationId renamed, curated names keep both: the client keeps its methods",
    {
      after: {
        spec: (s) => (post(s).operationId = "createLinkSession"),
        methodNames: (m) =>
          (m.names = { createLinkSession: ["createLinkSession", "createSupplierLinkSession"] }),
      },
      levels: { types: "major", testing: "patch" },
    },
  ],
  [
    "default server URL changed: major for the client only",
    {
      after: { spec: (s) => (s.servers[0].url = "https://api.nox.energy/v2") },
      levels: { client: "major" },
    },
  ],
  [
    "a second server listed after the default: a new entry in the client's SERVERS table (minor)",
    {
      after: { spec: (s) => s.servers.push({ url: "https://sandbox.nox.energy/v2" }) },
      levels: { client: "minor" },
      lines: ["Servers added: https://sandbox.nox.energy/v2"],
    },
  ],
  [
    "description only",
    {
      // The fake embeds no descriptions in what it does (it answers with examples, not docs).
      after: { spec: (s) => (schemas(s)[REQ].properties.user_id.description = "Your user's ID.") },
      levels: { types: "patch" },
    },
  ],
  [
    "operation deprecated: minor",
    {
      after: { spec: (s) => (post(s).deprecated = true) },
      levels: { types: "minor", client: "minor" },
      lines: ["Deprecated: POST /supplier/link-sessions"],
    },
  ],
  [
    "header parameter name case only: no change",
    {
      before: {
        spec: (s) =>
          (post(s).parameters = [{ name: "X-Request-Id", in: "header", schema: { type: "string" } }]),
      },
      after: {
        spec: (s) =>
          (post(s).parameters = [{ name: "x-request-id", in: "header", schema: { type: "string" } }]),
      },
      levels: {},
    },
  ],
  [
    "security alternative added that keeps the key working: the client still sends its header key; the fake accepts one more credential (minor)",
    {
      after: { spec: withQueryKeyAlternative },
      levels: { testing: "minor" },
      lines: [
        "Authentication alternatives changed: POST /supplier/link-sessions: apiKey:header:x-api-key, apiKey:query:api_key",
      ],
    },
  ],
  [
    "security alternative removed: the header key no longer works",
    {
      before: { spec: withQueryKeyAlternative },
      after: {
        spec: (s) => {
          withQueryKeyAlternative(s);
          post(s).security = [{ QueryKey: [] }];
        },
      },
      levels: { client: "major", testing: "major" },
    },
  ],
  [
    "new response status",
    {
      after: {
        spec: (s) =>
          (post(s).responses["429"] = {
            description: "Too many requests.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorResponse" } } },
          }),
      },
      levels: shapes("minor"),
    },
  ],
  [
    "Language default changed",
    {
      after: { spec: (s) => (schemas(s).Language.default = "en") },
      levels: { ...shapes("minor"), enums: "minor" },
    },
  ],
  [
    "brand moved between asset types in brands.json: major for every package (the client's compile-time and run-time brand rule, the fake's check)",
    {
      after: { brands: (b) => (b.brands.panasonic.asset_types = ["pv"]) },
      levels: { enums: "major", types: "major", client: "major", testing: "major" },
      lines: ["Brand left an asset type: panasonic (hp)", "Brand joined an asset type: panasonic (pv)"],
    },
  ],
  [
    "brand label changed in brands.json: patch for the enums",
    {
      after: { brands: (b) => (b.brands.daikin.label = "DAIKIN") },
      levels: { enums: "patch" },
    },
  ],
  [
    "brand added to the spec and placed in brands.json",
    {
      after: {
        spec: (s) => schemas(s).Brand.enum.push("acme-heat"),
        brands: (b) => (b.brands["acme-heat"] = { label: "ACME Heat", asset_types: ["hp"] }),
      },
      levels: { ...shapes("minor"), enums: "minor" },
      lines: ["Brands added: acme-heat"],
    },
  ],
  [
    "upstream's earlier v2 (12 brands, no asset_type, no AssetType): major, not refused",
    {
      after: { spec: earlierV2 },
      levels: { ...shapes("major"), enums: "major" },
      lines: [
        "Schema removed: AssetType",
        `Request field removed: ${REQ}.asset_type`,
        "Brands removed: alpha-innotec",
      ],
    },
  ],
  // Issue #14: each package is classified from what it exposes and does at run time (its surface).
  [
    "new inline enum in a response field: a new export of the enums package (minor)",
    {
      after: {
        spec: (s) => (schemas(s)[RES].properties.status = { type: "string", enum: ["pending", "completed"] }),
      },
      levels: { ...shapes("minor"), enums: "minor" },
      lines: [
        `Response field added: ${RES}.status`,
        `Enums added: ${RES}Status (CREATE_SUPPLIER_LINK_SESSION_RESPONSE_STATUSES)`,
      ],
    },
  ],
  [
    "new inline enum in a query parameter: minor for the enums too",
    {
      after: {
        spec: (s) =>
          (post(s).parameters = [
            { name: "mode", in: "query", schema: { type: "string", enum: ["live", "test"] } },
          ]),
      },
      levels: { ...shapes("minor"), enums: "minor" },
      lines: ["Enums added: CreateSupplierLinkSessionMode (CREATE_SUPPLIER_LINK_SESSION_MODES)"],
    },
  ],
  [
    "allOf rewrite of the response with the same meaning: a patch to the types' printed form, nothing at run time",
    {
      after: { spec: responseAsAllOf },
      levels: { types: "patch" },
      lines: [`Schema rewritten with the same meaning: ${RES}`],
    },
  ],
  [
    "allOf rewrite that also adds a response field: the merged shapes decide (minor), not the rewrite",
    {
      after: {
        spec: (s) => {
          schemas(s)[RES].properties.status = { type: "string" };
          responseAsAllOf(s);
        },
      },
      levels: shapes("minor"),
      lines: [`Response field added: ${RES}.status`],
    },
  ],
  [
    "schema used only by a webhook added: the types only",
    {
      before: { spec: asOpenApi31 },
      after: { spec: (s) => withWebhook(s) },
      levels: { types: "minor" },
      lines: ["Schema added: SessionEvent"],
    },
  ],
  [
    "schema used only by a webhook changed (field added): the types only",
    {
      before: { spec: (s) => withWebhook(s) },
      after: { spec: (s) => withWebhook(s, { completed_at: { type: "integer" } }) },
      levels: { types: "minor" },
    },
  ],
  [
    "schema used only by a webhook gains an enum: the types and the enums",
    {
      before: { spec: (s) => withWebhook(s) },
      after: { spec: (s) => withWebhook(s, { outcome: { type: "string", enum: ["linked", "failed"] } }) },
      levels: { types: "minor", enums: "minor" },
      lines: ["Enums added: SessionEventOutcome (SESSION_EVENT_OUTCOMES)"],
    },
  ],
  [
    "a nested schema renamed, same shape: the types lose the old alias (major); the client and the fake do not change",
    {
      before: { spec: (s) => withMoney(s) },
      after: { spec: (s) => withMoney(s, "Amount") },
      levels: { types: "major" },
      lines: ["Schema renamed (same shape): Money -> Amount"],
    },
  ],
  [
    "a response body schema renamed, same shape: the client's re-exported alias disappears (major); the fake does not change",
    {
      after: { spec: (s) => renameSchema(s, "ErrorResponse", "Problem") },
      levels: { types: "major", client: "major" },
      lines: ["Schema renamed (same shape): ErrorResponse -> Problem"],
    },
  ],
  [
    "an enum component renamed: its exports disappear from the enums package (major)",
    {
      before: {
        spec: (s) => (schemas(s).Channel = { type: "string", enum: ["web", "app"] }),
      },
      after: {
        spec: (s) => (schemas(s).Medium = { type: "string", enum: ["web", "app"] }),
      },
      levels: { types: "major", enums: "major" },
      lines: ["Enums removed: Channel (CHANNELS)", "Enums added: Medium (MEDIUMS)"],
    },
  ],
  [
    "an operation's path changes under the same operationId: its inline enums keep their names, so the enums do not change",
    {
      before: {
        spec: (s) =>
          (post(s).parameters = [
            { name: "mode", in: "query", schema: { type: "string", enum: ["live", "test"] } },
          ]),
      },
      after: {
        spec: (s) => {
          post(s).parameters = [
            { name: "mode", in: "query", schema: { type: "string", enum: ["live", "test"] } },
          ];
          s.paths["/supplier/sessions"] = s.paths["/supplier/link-sessions"];
          delete s.paths["/supplier/link-sessions"];
        },
      },
      levels: shapes("major"),
    },
  ],
  [
    "a query parameter added: nothing for the enums",
    {
      after: {
        spec: (s) => (post(s).parameters = [{ name: "dry_run", in: "query", schema: { type: "boolean" } }]),
      },
      levels: shapes("minor"),
    },
  ],
  [
    "format added to a request field: stricter at run time (client, fake: major), documentation in the types (patch)",
    {
      after: { spec: (s) => (schemas(s)[REQ].properties.user_id.format = "uuid") },
      levels: { types: "patch", client: "major", testing: "major" },
      lines: [`Field changed: ${REQ}.user_id format changed from (none) to "uuid"`],
    },
  ],
  [
    "format added to a response field: looser for no one (minor at run time)",
    {
      after: { spec: (s) => (schemas(s)[RES].properties.supplier.format = "email") },
      levels: { types: "patch", client: "minor", testing: "minor" },
    },
  ],
  [
    "additionalProperties map value type changed: major",
    {
      before: {
        spec: (s) =>
          (schemas(s)[RES].properties.metadata = {
            type: "object",
            additionalProperties: { type: "string" },
          }),
      },
      after: {
        spec: (s) =>
          (schemas(s)[RES].properties.metadata = {
            type: "object",
            additionalProperties: { type: "integer" },
          }),
      },
      levels: shapes("major"),
      lines: [`Field changed: ${RES}.metadata[key] type changed from string to integer`],
    },
  ],
  [
    "minProperties added to a request object: stricter at run time (major), not expressed in the types (patch)",
    {
      before: {
        spec: (s) =>
          (schemas(s)[REQ].properties.metadata = {
            type: "object",
            additionalProperties: { type: "string" },
          }),
      },
      after: {
        spec: (s) =>
          (schemas(s)[REQ].properties.metadata = {
            type: "object",
            minProperties: 1,
            additionalProperties: { type: "string" },
          }),
      },
      levels: { types: "patch", client: "major", testing: "major" },
    },
  ],
  [
    "maxLength raised on a request field: looser (minor)",
    {
      before: { spec: (s) => (schemas(s)[REQ].properties.user_id.maxLength = 64) },
      after: { spec: (s) => (schemas(s)[REQ].properties.user_id.maxLength = 128) },
      levels: { types: "patch", client: "minor", testing: "minor" },
    },
  ],
  [
    "an operation without a 2xx response added: minor",
    {
      after: {
        spec: (s) =>
          (s.paths["/supplier/link-sessions/{link_token}"] = {
            delete: {
              operationId: "revokeSupplierLinkSession",
              parameters: [{ name: "link_token", in: "path", required: true, schema: { type: "string" } }],
              responses: { "404": { description: "No such session." } },
              security: [{ ApiKeyAuth: [] }],
            },
          }),
      },
      levels: shapes("minor"),
      lines: ["Client methods added: revokeSupplierLinkSession"],
    },
  ],
  [
    "readOnly added to a required request field: the request no longer needs it (minor); documentation in the types",
    {
      after: { spec: (s) => (schemas(s)[REQ].properties.user_id.readOnly = true) },
      levels: { types: "patch", client: "minor", testing: "minor" },
    },
  ],
  [
    "readOnly added to a response field: nothing changes at run time",
    {
      after: { spec: (s) => (schemas(s)[RES].properties.link_token.readOnly = true) },
      levels: { types: "patch" },
    },
  ],
  [
    "oneOf with a discriminator: a response tag added (one more check on what comes back: minor)",
    {
      before: { spec: (s) => withPets(s) },
      after: { spec: (s) => withPets(s, { cat: "Cat", dog: "Dog", kitten: "Cat" }) },
      levels: shapes("minor"),
      lines: ['Field changed: Pet discriminator tag "kitten" added (Cat)'],
    },
  ],
  [
    "oneOf with a discriminator: a tag mapped to another schema (major)",
    {
      before: { spec: (s) => withPets(s) },
      after: { spec: (s) => withPets(s, { cat: "Dog", dog: "Dog" }) },
      levels: shapes("major"),
      lines: ['Field changed: Pet discriminator tag "cat" maps Cat -> Dog'],
    },
  ],
  [
    "patternProperties value type changed: major",
    {
      before: {
        spec: (s) =>
          (schemas(s)[RES].properties.labels = {
            type: "object",
            patternProperties: { "^x-": { type: "string" } },
          }),
      },
      after: {
        spec: (s) =>
          (schemas(s)[RES].properties.labels = {
            type: "object",
            patternProperties: { "^x-": { type: "integer" } },
          }),
      },
      levels: shapes("major"),
      lines: [`Field changed: ${RES}.labels[/^x-/] type changed from string to integer`],
    },
  ],
  [
    "server variable default changed: the default base URL moves (major for the client only)",
    {
      before: { spec: (s) => withRegionServer(s) },
      after: { spec: (s) => withRegionServer(s, "us") },
      levels: { client: "major" },
      lines: ['Default base URL changed: "https://eu.auth.nox.energy/v2" -> "https://us.auth.nox.energy/v2"'],
    },
  ],
  [
    "webhook added with its schema: the types only",
    {
      before: { spec: asOpenApi31 },
      after: { spec: (s) => withWebhook(s) },
      levels: { types: "minor" },
      lines: ["Webhook added: POST sessionCompleted"],
    },
  ],
];

describe("evolution: each realistic spec change gets its verdict per package", () => {
  test.each(cases)("%s", async (_name, c) => {
    const before = buildModel(inputsOf(c.before));
    const after = buildModel(inputsOf(c.after));
    const changes = await classify(before, after);
    expect(Object.fromEntries(levelsByPackage(changes)), JSON.stringify(changes, null, 1)).toEqual(c.levels);
    const lines = changes.map((ch) => `${ch.group}: ${ch.subject}`);
    for (const line of c.lines ?? []) expect(lines).toContain(line);
  });

  test("there are at least 55 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(55);
  });
});
