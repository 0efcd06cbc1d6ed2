import { readFileSync } from "node:fs";
import type { FakeApi } from "../src/fake-api.js";

/**
 * The route table scripts/emit/testing-routes.ts makes of a fixture spec: the vendored spec plus
 * `GET /supplier/link-sessions/{link_token}` (getSupplierLinkSession: 200 with the session, 401, 404
 * "Link session not found") and an optional `external_ref` string in the request and the response.
 * scripts/test/testing-routes.test.ts keeps it fresh.
 */
export const FIXTURE_API = JSON.parse(
  readFileSync(new URL("./fixtures/get-link-session-api.json", import.meta.url), "utf8"),
) as FakeApi;
