import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, SPEC_FILE } from "../lib/repo.ts";

/** The vendored spec, parsed; every fixture spec is a mutation of a deep clone of it. */
export const VENDORED: any = JSON.parse(readFileSync(join(REPO_ROOT, SPEC_FILE), "utf8"));

const REQUEST = "CreateSupplierLinkSessionRequest";
const RESPONSE = "CreateSupplierLinkSessionResponse";
const OPERATION = "/supplier/link-sessions";

/** A deep clone of the vendored spec with `edit` applied. */
export function mutate(edit: (spec: any) => void): any {
  const spec = structuredClone(VENDORED);
  edit(spec);
  return spec;
}

const schemas = (spec: any) => spec.components.schemas;
const replaceBrand = (spec: any, from: string, to: string | null) => {
  const values: string[] = schemas(spec).Brand.enum;
  const at = values.indexOf(from);
  if (at < 0) throw new Error(`fixture: no brand ${from} in the vendored spec`);
  if (to === null) values.splice(at, 1);
  else values[at] = to;
};

/** One fixture spec per class of change issue #4 names, plus a few more the classifier handles. */
export const MUTATIONS = {
  "brand added": (spec: any) => schemas(spec).Brand.enum.push("acme-heat"),
  "brand removed": (spec: any) => replaceBrand(spec, "sanyo", null),
  "brand renamed": (spec: any) => replaceBrand(spec, "fox-ess", "foxess"),
  "required request field added": (spec: any) => {
    schemas(spec)[REQUEST].properties.contract_id = {
      type: "string",
      description: "The supplier's contract.",
    };
    schemas(spec)[REQUEST].required.push("contract_id");
  },
  "optional request field added": (spec: any) => {
    schemas(spec)[REQUEST].properties.reference = { type: "string", description: "Free reference." };
  },
  "response field added": (spec: any) => {
    schemas(spec)[RESPONSE].properties.status = { type: "string", description: "Session status." };
  },
  "description only": (spec: any) => {
    schemas(spec)[REQUEST].properties.user_id.description = "The supplier's own ID for the end user.";
    schemas(spec)[RESPONSE].properties.link_token.example = "tok_123";
    spec.paths[OPERATION].post.summary = "Create a supplier link session";
  },
  "request field made non-nullable": (spec: any) => {
    delete schemas(spec)[REQUEST].properties.brand.nullable;
  },
  "response field made non-nullable": (spec: any) => {
    delete schemas(spec)[RESPONSE].properties.completed_at.nullable;
  },
  "response field made nullable": (spec: any) => {
    schemas(spec)[RESPONSE].properties.link_token.nullable = true;
  },
  "request field made optional": (spec: any) => {
    schemas(spec)[REQUEST].required = schemas(spec)[REQUEST].required.filter(
      (f: string) => f !== "redirect_url",
    );
  },
  "response field made optional": (spec: any) => {
    schemas(spec)[RESPONSE].required = schemas(spec)[RESPONSE].required.filter(
      (f: string) => f !== "expires_at",
    );
  },
  "type changed": (spec: any) => {
    schemas(spec)[RESPONSE].properties.created_at.type = "string";
  },
  "language added": (spec: any) => schemas(spec).Language.enum.push("de"),
  "language default changed": (spec: any) => {
    schemas(spec).Language.default = "en";
  },
  "operation removed": (spec: any) => {
    spec.paths = {};
  },
  "operation added": (spec: any) => {
    spec.paths["/supplier/link-sessions/{token}"] = {
      get: {
        operationId: "getSupplierLinkSession",
        parameters: [{ name: "token", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "The session.",
            content: { "application/json": { schema: { $ref: `#/components/schemas/${RESPONSE}` } } },
          },
        },
      },
    };
  },
  "server URL changed": (spec: any) => {
    spec.servers[0].url = "https://api.nox.energy/v2";
  },
  "info only": (spec: any) => {
    spec.info.version = "2.0.1";
    spec.info.contact.email = "support@nox.energy";
  },
} satisfies Record<string, (spec: any) => void>;

/** The name of a fixture in {@link MUTATIONS}. */
export type MutationName = keyof typeof MUTATIONS;

/** The fixture spec `name` as the bytes a server would publish (two-space JSON, like the vendored file). */
export function fixtureBytes(name: MutationName): Buffer {
  return Buffer.from(`${JSON.stringify(mutate(MUTATIONS[name]), null, 2)}\n`);
}
