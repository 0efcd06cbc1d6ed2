import { readFileSync } from "node:fs";
import type { FakeApi } from "../src/fake-api.js";
import { compileValidators } from "./support/compile-validators.js";

/** A route table as scripts/test/testing-routes.test.ts writes it, with its validators compiled. */
export function loadFixtureApi(file: string): FakeApi {
  const api = JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), "utf8")) as Omit<
    FakeApi,
    "validators"
  >;
  return { ...api, validators: compileValidators(api.routes, api.components) };
}

/**
 * The route table scripts/emit/testing-routes.ts makes of a fixture spec: the vendored spec plus
 * `GET /supplier/link-sessions/{link_token}` (getSupplierLinkSession: 200 with the session, 401, 404
 * "Link session not found") and an optional `external_ref` string in the request and the response.
 * scripts/test/testing-routes.test.ts keeps it fresh.
 */
export const FIXTURE_API = loadFixtureApi("get-link-session-api.json");
