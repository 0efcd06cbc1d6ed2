import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { emitAliases } from "../emit/aliases.ts";
import { emitClientCurated } from "../emit/client-curated.ts";
import { CLIENT_OPERATIONS_FILE, emitClientOperations } from "../emit/client-operations.ts";
import { emitTypes } from "../emit/types.ts";
import { emitValidators } from "../emit/validators.ts";
import { emitAll } from "../generate.ts";
import { REPO_ROOT } from "../lib/repo.ts";
import { buildModel } from "../model/build-model.ts";
import { inputsOf } from "./evolution-fixtures.ts";

const run = promisify(execFile);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonOf = (name: string) => ({ "application/json": { schema: ref(name) } });

/** The vendored spec plus `GET /supplier/link-sessions/{link_token}` (issue #9's example operation). */
function withGetLinkSession(spec: any, parameter: object = {}): void {
  spec.paths["/supplier/link-sessions/{link_token}"] = {
    get: {
      operationId: "getSupplierLinkSession",
      summary: "Get supplier link session",
      description: "Reads a link session back by its token.",
      parameters: [
        { name: "link_token", in: "path", required: true, schema: { type: "string" }, ...parameter },
      ],
      responses: {
        200: { description: "The link session.", content: jsonOf("CreateSupplierLinkSessionResponse") },
        404: { description: "No such link session.", content: jsonOf("ErrorResponse") },
      },
      security: [{ ApiKeyAuth: [] }],
    },
  };
}

const emitted = (edit: (spec: any) => void) =>
  emitClientOperations(buildModel(inputsOf({ spec: edit })))[0]!.source;

describe("emitClientOperations", () => {
  test("writes a descriptor, the method names and the verbs for a GET with a path parameter", () => {
    const source = emitted((s) => withGetLinkSession(s));
    expect(source).toContain(
      'getSupplierLinkSession: Object.freeze({ operationId: "getSupplierLinkSession", methodName: "getSupplierLinkSession", method: "GET", path: "/supplier/link-sessions/{link_token}"',
    );
    expect(source).toContain(
      'parameters: [{ name: "link_token", in: "path", required: true, style: "simple", explode: false }]',
    );
    expect(source).toContain('success: [{ status: 200, kind: "json" }]');
    expect(source).toContain("errors: [404]");
    expect(source).toContain('credentials: [{"in":"header","name":"x-api-key"}]');
    expect(source).toContain('validators: OPERATION_VALIDATORS["getSupplierLinkSession"]');
    expect(source).not.toMatch(/safe:/);
    expect(source).toContain('getSupplierLinkSession: "getSupplierLinkSession",');
    expect(source).toContain('createLinkSession: "createSupplierLinkSession",');
    expect(source).toContain('createSupplierLinkSession: "createSupplierLinkSession",');
    expect(source).toContain('HTTP_METHODS = Object.freeze(["POST","GET"] as const)');
    expect(source).toContain(
      'getSupplierLinkSession(params: { link_token: string }, options?: NoxRequestOptions): Promise<operations["getSupplierLinkSession"]["responses"][200]["content"]["application/json"]>;',
    );
    expect(source).toContain(
      "   * Get supplier link session\n   *\n   * Reads a link session back by its token.",
    );
  });

  test("the vendored spec's own output: only the link-session POST, under both names, with the brand rule's fields", () => {
    const source = emitted(() => {});
    expect(source).toContain('effect: "The link session may have been created"');
    expect(source).toContain('body: { kind: "json", mediaType: "application/json", required: true }');
    expect(source).toContain('brandRule: { brand: "brand", assetType: "asset_type", brandNullable: true }');
    expect(source).toContain('API_KEY_HEADER = "x-api-key"');
    expect(source).toContain("NEEDS_API_KEY = true");
    expect(source).toContain('HTTP_METHODS = Object.freeze(["POST"] as const)');
    expect(source).not.toContain("getSupplierLinkSession");
    // The brand rule's operation takes its body as a type parameter, for compile errors in words.
    expect(source).toContain(
      'createLinkSession<B extends BrandRuleInput>(body: BrandRuleArgument<BodyOf<Bodies, "createSupplierLinkSession",',
    );
    expect(source).toContain("../curated/brand-rule/link-session-body.js");
  });

  test("without the brand rule, no method is generic and nothing of the plug-in is imported", () => {
    const source = emitted((s) => {
      delete s.components.schemas.CreateSupplierLinkSessionRequest.properties.asset_type;
      s.components.schemas.CreateSupplierLinkSessionRequest.required = ["user_id", "redirect_url"];
    });
    expect(source).toContain("createLinkSession(body: BodyOf<Bodies,");
    expect(source).not.toMatch(/BrandRuleArgument|BrandRuleInput|link-session-body/);
  });

  // Issue #14 (decision 6): a parameter the client sets itself is dropped from the method with a
  // warning (the model's), not a refusal of the whole spec (was: a ModelError); a union schema is validated by Ajv.
  test.each([
    ["a header parameter that would set the key", { name: "X-Api-Key", in: "header" }],
    ["a header parameter that would set the framing", { name: "Content-Length", in: "header" }],
    ["a cookie parameter", { name: "session", in: "cookie" }],
    // The petstore's deletePet (corpus): an unsecured operation's header named like another one's key
    // header. The client refuses to let any parameter set a credential header, so the method must not offer it.
    ["a header parameter named like another operation's key header", { name: "x-api-key", in: "header" }, []],
    ["an Authorization header parameter", { name: "Authorization", in: "header" }, []],
  ])("drops %s from the method, with a warning", (_, parameter, security?: unknown[]) => {
    const model = buildModel(
      inputsOf({
        spec: (s) => {
          withGetLinkSession(s, { required: false, ...parameter, schema: { type: "string" } });
          if (security) s.paths["/supplier/link-sessions/{link_token}"].get.security = security;
        },
      }),
    );
    const source = emitClientOperations(model)[0]!.source;
    // The fixture's only parameter is the one dropped: the method takes none.
    expect(source).toContain("getSupplierLinkSession(params?: Record<string, never>");
    expect(model.warnings.map((w) => w.kind)).toContain("dropped-parameter");
  });

  test("a union-typed parameter is taken, its type a union", () => {
    const source = emitted((s) =>
      withGetLinkSession(s, { schema: { oneOf: [{ type: "string" }, { type: "integer" }] } }),
    );
    expect(source).toContain("getSupplierLinkSession(params: { link_token: unknown }");
  });

  test("a deprecated operation says so in its JSDoc", () => {
    const source = emitted((s) => {
      withGetLinkSession(s);
      s.paths["/supplier/link-sessions/{link_token}"].get.deprecated = true;
    });
    expect(source).toContain("@deprecated");
  });
});

// The whole client, regenerated from the fixture spec, in a throwaway copy (inside node_modules, which
// git and prettier ignore, so module resolution finds the workspace's dependencies).
describe("the client regenerated with getSupplierLinkSession", () => {
  let root: string;

  beforeAll(async () => {
    const base = join(REPO_ROOT, "packages/client/node_modules");
    await mkdir(base, { recursive: true });
    root = await mkdtemp(join(base, ".operations-fixture-"));
    for (const pkg of ["types", "enums", "client"]) {
      await cp(join(REPO_ROOT, "packages", pkg, "src"), join(root, pkg, "src"), { recursive: true });
    }
    const model = buildModel(inputsOf({ spec: (s) => withGetLinkSession(s) }));
    for (const file of await emitAll(model, [
      emitTypes,
      emitAliases,
      emitClientOperations,
      emitClientCurated,
      emitValidators,
    ])) {
      const path = join(root, file.path.replace(/^packages\//, ""));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.source);
    }
    await writeFile(join(root, "package.json"), JSON.stringify({ type: "module", private: true }));
    // The regenerated types package (its validators hold the fixture's operations) and the enums package,
    // as run.ts imports them.
    await writeFile(
      join(root, "types/package.json"),
      JSON.stringify({
        name: "@nox-energy/authenticator-types",
        type: "module",
        exports: { ".": "./src/index.ts", "./validators": "./src/validators/index.ts" },
      }),
    );
    await writeFile(
      join(root, "enums/package.json"),
      JSON.stringify({
        name: "@nox-energy/authenticator-enums",
        type: "module",
        exports: { ".": "./src/index.ts" },
      }),
    );
    await mkdir(join(root, "node_modules/@nox-energy"), { recursive: true });
    for (const pkg of ["types", "enums"]) {
      await symlink(join(root, pkg), join(root, `node_modules/@nox-energy/authenticator-${pkg}`));
    }
    expect(CLIENT_OPERATIONS_FILE).toBe("packages/client/src/generated/operations.ts");
  }, 60_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  test("type-checks getSupplierLinkSession({ link_token }) and refuses bad params at compile time", async () => {
    await writeFile(
      join(root, "client/src/usage.ts"),
      [
        'import type { CreateSupplierLinkSessionResponse } from "@nox-energy/authenticator-types";',
        'import { createNoxClient } from "./index.js";',
        'const nox = createNoxClient({ apiKey: "nox_fixture_key" });',
        'export const session: Promise<CreateSupplierLinkSessionResponse> = nox.getSupplierLinkSession({ link_token: "t" });',
        "// @ts-expect-error link_token is required",
        "void nox.getSupplierLinkSession({});",
        "// @ts-expect-error link_token is a string",
        "void nox.getSupplierLinkSession({ link_token: 1 });",
        "// @ts-expect-error not a body-only method",
        'void nox.getSupplierLinkSession("t");',
        'void nox.createSupplierLinkSession({ user_id: "u", asset_type: "hp", redirect_url: "https://a.example/" });',
        "export const get = nox.GET;",
        "",
      ].join("\n"),
    );
    await writeFile(
      join(root, "tsconfig.json"),
      JSON.stringify({
        extends: join(REPO_ROOT, "tsconfig.base.json"),
        compilerOptions: {
          types: ["node"],
          paths: {
            "@nox-energy/authenticator-types": ["./types/src/index.ts"],
            "@nox-energy/authenticator-enums": ["./enums/src/index.ts"],
            "@nox-energy/authenticator-types/validators": ["./types/src/validators/index.ts"],
          },
        },
        include: ["client/src"],
      }),
    );
    const tsc = join(REPO_ROOT, "node_modules/typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", join(root, "tsconfig.json")]).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
    );
    expect(result.stdout).toBe("");
  }, 60_000);

  test("getSupplierLinkSession works against a loopback server: encoded, validated, 404 mapped, 503 retried", async () => {
    await writeFile(
      join(root, "client/src/run.ts"),
      `
import { createServer } from "node:http";
import { createNoxClient } from "./index.js";
const session = { link_url: "https://auth.nox.energy/ui?t=1", link_token: "a/b", language: "en", asset_type: "hp",
  redirect_url: "https://app.example/cb", supplier: "S", supplier_user_id: "u", created_at: 1, expires_at: 2 };
const answers = [[200, session], [404, { error: "Link session not found" }], [503, {}], [200, session]];
const seen: string[] = [];
const server = createServer((req, res) => {
  seen.push(req.method + " " + req.url);
  const [status, body] = answers.shift() ?? [500, {}];
  res.writeHead(status as number, { "content-type": "application/json" }).end(JSON.stringify(body));
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const { port } = server.address() as { port: number };
const nox = createNoxClient({ apiKey: "nox_fixture_key", baseUrl: "http://127.0.0.1:" + port, logLevel: "off", backoff: { initialDelayMs: 1, maxDelayMs: 2 } });
const out: unknown[] = [];
out.push(await nox.getSupplierLinkSession({ link_token: "a/b?c#d" }));
out.push(await nox.getSupplierLinkSession({ link_token: "gone" }).catch((e: Error) => e.name));
out.push(await nox.getSupplierLinkSession({ link_token: ".." }).catch((e: Error) => e.name));
out.push(await nox.getSupplierLinkSession({ link_token: "again" }));
server.close();
console.log(JSON.stringify({ out, seen }));
`,
    );
    const tsx = join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
    const { stdout } = await run(process.execPath, [tsx, join(root, "client/src/run.ts")]);
    const { out, seen } = JSON.parse(stdout) as { out: unknown[]; seen: string[] };
    expect(out[0]).toMatchObject({ link_token: "a/b" });
    expect(out.slice(1, 3)).toEqual(["NoxNotFoundError", "NoxValidationError"]);
    expect(out[3]).toMatchObject({ link_token: "a/b" });
    expect(seen).toEqual([
      "GET /supplier/link-sessions/a%2Fb%3Fc%23d",
      "GET /supplier/link-sessions/gone",
      "GET /supplier/link-sessions/again",
      "GET /supplier/link-sessions/again",
    ]);
  }, 60_000);
});
