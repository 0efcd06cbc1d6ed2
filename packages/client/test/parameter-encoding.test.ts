import { afterEach, describe, expect, test } from "vitest";
import { callOperation } from "../src/create-client.js";
import { createNoxClient, NoxValidationError } from "../src/index.js";
import type { NoxOperation } from "../src/operation.js";
import { compileValidator } from "./compile-validator.js";
import { json, startFaultServer, type FaultServer } from "./fault-server.js";

// An operation with a path, a query and a header parameter, each a free string: the schema passes
// anything, so only the encoding can refuse a value.
const LOOKUP: NoxOperation = {
  operationId: "lookUpThing",
  methodName: "lookUpThing",
  method: "GET",
  path: "/things/{id}",
  label: "lookUpThing GET /things/{id}",
  bodyOnly: false,
  parameters: [
    { name: "id", in: "path", required: true, style: "simple", explode: false },
    { name: "q", in: "query", required: false, style: "form", explode: true },
    { name: "x-tenant", in: "header", required: false, style: "simple", explode: false },
  ],
  success: [{ status: 204 }],
  errors: [],
  credentials: [{ in: "header", name: "x-api-key" }],
  validators: {
    params: compileValidator({
      type: "object",
      required: ["id"],
      properties: { id: { type: "string" }, q: { type: "string" }, "x-tenant": { type: "string" } },
      additionalProperties: false,
    }),
    responses: {},
  },
};

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The error a call with `params` fails with, and how many requests reached the server. */
async function refusal(params: Record<string, unknown>): Promise<{ error: unknown; sent: number }> {
  server = await startFaultServer(json(204, undefined));
  const nox = createNoxClient({ apiKey: "nox_param_key", baseUrl: server.baseUrl, maxRetries: 2 });
  const error = await callOperation(nox, LOOKUP, params).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { error, sent: server.requests.length };
}

describe("a parameter no encoding can send is a NoxValidationError naming it; nothing is sent", () => {
  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ["a path parameter with a lone surrogate", { id: "a\ud800b" }, "id", /lone surrogate/],
    ["a path parameter with a lone low surrogate", { id: "\udc00" }, "id", /lone surrogate/],
    ["a query parameter with a lone surrogate", { id: "a", q: "x\udfffy" }, "q", /lone surrogate/],
    ["a header parameter beyond Latin-1", { id: "a", "x-tenant": "zoë-😀" }, "x-tenant", /Latin-1/],
    ["a header parameter with a lone surrogate", { id: "a", "x-tenant": "\ud800" }, "x-tenant", /Latin-1/],
  ])("%s", async (_name, params, field, message) => {
    const { error, sent } = await refusal(params);
    expect(error).toBeInstanceOf(NoxValidationError);
    const issues = (error as NoxValidationError).issues;
    expect(issues.map((i) => i.field)).toEqual([field]);
    expect(issues[0]?.message).toMatch(message);
    expect((error as NoxValidationError).attempts).toBe(0);
    expect(sent).toBe(0);
  });

  test("well-formed text beyond ASCII still goes: a path and query percent-encoded, a Latin-1 header", async () => {
    server = await startFaultServer(json(204, undefined));
    const nox = createNoxClient({ apiKey: "nox_param_key", baseUrl: server.baseUrl });
    await callOperation(nox, LOOKUP, { id: "zoë/😀", q: "ü 😀", "x-tenant": "café" });
    expect(server.requests[0]?.url).toBe("/v2/things/zo%C3%AB%2F%F0%9F%98%80?q=%C3%BC+%F0%9F%98%80");
    expect(Buffer.from(String(server.requests[0]?.headers["x-tenant"]), "latin1").toString("latin1")).toBe(
      "café",
    );
  });
});
