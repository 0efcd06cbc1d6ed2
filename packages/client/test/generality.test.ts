import { afterEach, describe, expect, test } from "vitest";
import { callOperation } from "../src/create-client.js";
import { createNoxClient, NoxApiError, NoxValidationError } from "../src/index.js";
import type { NoxOperation } from "../src/operation.js";
import { compileValidator } from "./compile-validator.js";
import { json, startFaultServer, text, type Fault, type FaultServer } from "./fault-server.js";

// Issue #14, decision 6: the client's one generic call reads what the descriptor says (credentials,
// media, success statuses) and names nothing. Each descriptor here is one a spec could generate.
const KEY = "nox_test_generality_key";
const BASE: NoxOperation = {
  operationId: "doThing",
  methodName: "doThing",
  method: "POST",
  path: "/things",
  label: "doThing POST /things",
  bodyOnly: true,
  parameters: [],
  success: [{ status: 200, kind: "json" }],
  errors: [],
  credentials: [{ in: "header", name: "x-api-key" }],
  validators: { responses: {} },
};
const withBody = (
  kind: NonNullable<NoxOperation["body"]>["kind"],
  mediaType: string,
  schema?: object,
): NoxOperation => ({
  ...BASE,
  body: { kind, mediaType, required: true },
  validators: { ...(schema && { body: compileValidator(schema) }), responses: {} },
});

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function call(op: NoxOperation, input: unknown, ...faults: Fault[]) {
  server = await startFaultServer(...(faults.length > 0 ? faults : [json(200, {})]));
  const nox = createNoxClient({ apiKey: KEY, baseUrl: server.baseUrl, maxRetries: 0, logLevel: "off" });
  const result = await callOperation(nox, op, input).catch((e: unknown) => e);
  return { result, seen: server.requests };
}

describe("credentials go where the operation's security says", () => {
  test.each<
    [string, NoxOperation["credentials"], (seen: { url: string; headers: Record<string, unknown> }) => void]
  >([
    [
      "the default apiKey header",
      [{ in: "header", name: "x-api-key" }],
      (s) => expect(s.headers["x-api-key"]).toBe(KEY),
    ],
    [
      "a differently named apiKey header, and not the default one",
      [{ in: "header", name: "api_key" }],
      (s) => expect([s.headers["api_key"], s.headers["x-api-key"]]).toEqual([KEY, undefined]),
    ],
    [
      "Bearer",
      [{ in: "header", name: "authorization", scheme: "Bearer" }],
      (s) => expect(s.headers.authorization).toBe(`Bearer ${KEY}`),
    ],
    [
      "Basic (the key is user:password)",
      [{ in: "header", name: "authorization", scheme: "Basic" }],
      (s) => expect(s.headers.authorization).toBe(`Basic ${btoa(KEY)}`),
    ],
    ["a query parameter", [{ in: "query", name: "key" }], (s) => expect(s.url).toBe(`/v2/things?key=${KEY}`)],
    [
      "none: nothing is sent",
      [],
      (s) =>
        expect([s.headers["x-api-key"], s.headers.authorization, s.url]).toEqual([
          undefined,
          undefined,
          "/v2/things",
        ]),
    ],
  ])("%s", async (_name, credentials, check) => {
    const { seen } = await call({ ...BASE, credentials }, undefined);
    expect(seen).toHaveLength(1);
    check(seen[0]!);
  });
});

describe("request bodies in every media kind", () => {
  test("form-urlencoded from an object (lists repeated)", async () => {
    const op = withBody("form", "application/x-www-form-urlencoded", {
      type: "object",
      properties: { a: { type: "string" }, n: { type: "array" } },
    });
    const { seen } = await call(op, { a: "x y", n: [1, 2] });
    expect(seen[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(seen[0]!.body).toBe("a=x+y&n=1&n=2");
  });

  test("multipart from an object, a Blob as a file part", async () => {
    const op = withBody("multipart", "multipart/form-data", {
      type: "object",
      properties: { name: { type: "string" }, file: {} },
    });
    const { seen } = await call(op, { name: "pic", file: new Blob(["PNGDATA"], { type: "image/png" }) });
    expect(seen[0]!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]!.body).toContain('name="name"\r\n\r\npic');
    expect(seen[0]!.body).toContain("PNGDATA");
  });

  test("text as given, binary as given", async () => {
    const textual = await call(withBody("text", "text/plain"), "hello");
    expect([textual.seen[0]!.headers["content-type"], textual.seen[0]!.body]).toEqual([
      "text/plain",
      "hello",
    ]);
    const binary = await call(
      withBody("binary", "application/octet-stream"),
      new TextEncoder().encode("raw"),
    );
    expect([binary.seen[0]!.headers["content-type"], binary.seen[0]!.body]).toEqual([
      "application/octet-stream",
      "raw",
    ]);
  });

  test("a text body that is not a string, or a binary one that is not bytes, is refused before sending", async () => {
    for (const [op, input] of [
      [withBody("text", "text/plain"), 5],
      [withBody("binary", "image/png"), { a: 1 }],
    ] as const) {
      const { result, seen } = await call(op, input);
      expect(result).toBeInstanceOf(NoxValidationError);
      expect(seen).toHaveLength(0);
    }
  });
});

describe("responses in every media kind, and 3xx-only successes", () => {
  test("text is a string, other media an ArrayBuffer, no documented body undefined", async () => {
    const asText = await call(
      { ...BASE, success: [{ status: 200, kind: "text" }] },
      undefined,
      text(200, "<p>hi</p>", { "content-type": "text/html" }),
    );
    expect(asText.result).toBe("<p>hi</p>");
    const asBytes = await call(
      { ...BASE, success: [{ status: 200, kind: "binary" }] },
      undefined,
      text(200, "diff", { "content-type": "application/vnd.github.diff" }),
    );
    expect(new TextDecoder().decode(asBytes.result as ArrayBuffer)).toBe("diff");
    const none = await call({ ...BASE, success: [{ status: 204 }] }, undefined, text(204, ""));
    expect(none.result).toBeUndefined();
  });

  test("a documented 302 is the result, not followed and not an error; an undocumented one is a NoxApiError", async () => {
    const redirect: Fault = (res) => res.writeHead(302, { location: "https://elsewhere.example/" }).end();
    const documented = await call({ ...BASE, success: [{ status: 302 }] }, undefined, redirect);
    expect(documented.result).toBeUndefined();
    expect(documented.seen).toHaveLength(1);
    const undocumented = await call(BASE, undefined, redirect);
    expect(undocumented.result).toBeInstanceOf(NoxApiError);
  });

  test("a 2xx JSON body is checked by the status's response validator", async () => {
    const op: NoxOperation = {
      ...BASE,
      validators: {
        responses: {
          "200": compileValidator({
            type: "object",
            required: ["id"],
            properties: { id: { type: "string" } },
          }),
        },
      },
    };
    const { result } = await call(op, undefined, json(200, { id: 5 }));
    expect((result as Error).message).toMatch(
      /200 with a body without a valid id \(id must be a string \(got 5\)\)/,
    );
  });
});

describe("an operation that documents no success (only `default`)", () => {
  test("any 2xx is its success: JSON parsed, other text as is", async () => {
    const op: NoxOperation = { ...BASE, success: [] };
    expect((await call(op, undefined, json(200, { a: 1 }))).result).toEqual({ a: 1 });
    expect((await call(op, undefined, text(200, "ok", { "content-type": "text/plain" }))).result).toBe("ok");
  });
});
