import type { CreateSupplierLinkSessionResponse } from "@nox-energy/authenticator-types";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestServer } from "../src/create-test-server.js";
import type { NoxTestServer } from "../src/index.js";
import { FIXTURE_API } from "./fixture-api.js";

const VALID = { user_id: "u-1", asset_type: "hp", redirect_url: "https://supplier.example/back" } as const;

let server: NoxTestServer;
beforeAll(async () => {
  server = await startTestServer({ apiKeys: { "key-a": "Supplier A", "key-b": "Supplier B" } }, FIXTURE_API);
});
afterAll(() => server.close());

test("a resource GET with another supplier's API key does not return that supplier's session", async () => {
  const created = await fetch(`${server.url}/supplier/link-sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "key-a" },
    body: JSON.stringify(VALID),
  });
  expect(created.status).toBe(201);
  const session = (await created.json()) as CreateSupplierLinkSessionResponse;
  const url = `${server.url}/supplier/link-sessions/${encodeURIComponent(session.link_token)}`;
  expect((await fetch(url, { headers: { "x-api-key": "key-a" } })).status).toBe(200);
  const other = await fetch(url, { headers: { "x-api-key": "key-b" } });
  expect(other.status).toBe(404);
  expect(await other.text()).not.toContain("Supplier A");
});
