import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { promisify } from "node:util";
import type { AddressInfo } from "node:net";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { generate } from "../generate.ts";
import { SPEC_FILE } from "../lib/repo.ts";
import { main } from "../update-spec.ts";
import { createFixtureRepo, type FixtureRepo } from "./fixture-repo.ts";
import { earlierV2 } from "./evolution-fixtures.ts";
import { MUTATIONS, VENDORED, fixtureBytes, mutate, type MutationName } from "./spec-fixtures.ts";

const TYPES = "packages/types/src/generated/openapi.ts";
const VALUES = "packages/enums/src/generated/values.ts";
const LABELS = "packages/enums/src/generated/brand-labels.ts";
const TYPES_PKG = '"@nox-energy/authenticator-types"';
const ENUMS_PKG = '"@nox-energy/authenticator-enums"';

/** What the local server publishes, by path; a missing path is a 404. */
const published = new Map<string, Buffer | "hang">();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const body = published.get(request.url ?? "");
    if (body === "hang") return; // accepts the request and never answers
    if (body === undefined) return void response.writeHead(404, "Not Found").end("no such spec");
    response.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  published.set("/hang", "hang");
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let repo: FixtureRepo;
beforeEach(async () => {
  // The bump tables below are for a workspace of types + enums; the client and testing packages
  // are added explicitly by the tests about them, so new packages do not silently change these.
  repo = await createFixtureRepo({ packages: ["types", "enums"] });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await repo.dispose();
});

/** Publishes `bytes` on the local server and returns its URL. */
function publish(path: string, bytes: Buffer): string {
  published.set(path, bytes);
  return `${base}${path}`;
}

/** Runs the CLI entry against the fixture repo with console output captured. */
async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  const code = await main(argv, { root: repo.root, cwd: repo.root });
  vi.restoreAllMocks();
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** The `.changeset/spec-update-*.md` files the run wrote, by path. */
async function changesets(): Promise<Record<string, string>> {
  const snapshot = await repo.snapshot();
  const paths = Object.keys(snapshot).filter((p) => /^\.changeset\/spec-update-.*\.md$/.test(p));
  return Object.fromEntries(await Promise.all(paths.map(async (p) => [p, await repo.read(p)] as const)));
}

/** The one changeset written, with its front matter parsed. */
async function onlyChangeset() {
  const written = Object.entries(await changesets());
  expect(written).toHaveLength(1);
  const [path, text] = written[0]!;
  const front = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text);
  expect(front, text).not.toBeNull();
  const bumps = Object.fromEntries(front![1]!.split("\n").map((line) => line.split(": ")));
  return { path, text, bumps, summary: front![2]!.trim() };
}

type Want = {
  code: number;
  bumps: Record<string, string>;
  lines: string[];
  /** Whether the enum files are regenerated ("misfit": with what fits, naming what spec/brands.json lacks). */
  enums: "changed" | "unchanged" | "misfit";
  /** A curated file other than spec/brands.json the run names as a misfit. */
  misfit?: string;
};

const cases: Array<[MutationName, Want]> = [
  [
    "brand added",
    {
      code: 1,
      bumps: { [TYPES_PKG]: "minor", [ENUMS_PKG]: "minor" },
      lines: ["- Brands added: acme-heat"],
      enums: "misfit",
    },
  ],
  [
    "brand removed",
    {
      code: 1,
      bumps: { [TYPES_PKG]: "major", [ENUMS_PKG]: "major" },
      lines: ["- Brands removed: sanyo"],
      enums: "misfit",
    },
  ],
  [
    "brand renamed",
    {
      code: 1,
      bumps: { [TYPES_PKG]: "major", [ENUMS_PKG]: "major" },
      lines: ["- Brands removed: fox-ess", "- Brands added: foxess"],
      enums: "misfit",
    },
  ],
  [
    "required request field added",
    {
      code: 0,
      bumps: { [TYPES_PKG]: "major" },
      lines: ["- Request field added (required): CreateSupplierLinkSessionRequest.contract_id"],
      enums: "unchanged",
    },
  ],
  [
    "optional request field added",
    {
      code: 0,
      bumps: { [TYPES_PKG]: "minor" },
      lines: ["- Request field added (optional): CreateSupplierLinkSessionRequest.reference"],
      enums: "unchanged",
    },
  ],
  [
    "response field added",
    {
      code: 0,
      bumps: { [TYPES_PKG]: "minor" },
      lines: ["- Response field added: CreateSupplierLinkSessionResponse.status"],
      enums: "unchanged",
    },
  ],
  [
    "description only",
    {
      code: 0,
      bumps: { [TYPES_PKG]: "patch" },
      lines: [
        "- Descriptions/examples changed: CreateSupplierLinkSessionRequest.user_id; CreateSupplierLinkSessionResponse.link_token; POST /supplier/link-sessions",
      ],
      enums: "unchanged",
    },
  ],
  [
    "request field made non-nullable",
    {
      code: 0,
      bumps: { [TYPES_PKG]: "major" },
      lines: ["- Field changed: CreateSupplierLinkSessionRequest.brand is no longer nullable"],
      enums: "unchanged",
    },
  ],
  [
    "response field made nullable",
    {
      code: 0,
      bumps: { [TYPES_PKG]: "major" },
      lines: ["- Field changed: CreateSupplierLinkSessionResponse.link_token is now nullable"],
      enums: "unchanged",
    },
  ],
  [
    "language added",
    {
      // The new language needs its labels in spec/labels.json: a misfit, everything else written.
      code: 1,
      bumps: { [TYPES_PKG]: "minor", [ENUMS_PKG]: "minor" },
      lines: ["- Languages added: de"],
      enums: "changed",
      misfit: "spec/labels.json",
    },
  ],
];

describe("pnpm update-spec <url> writes the spec, the generated files and a changeset", () => {
  test.each(cases)("%s", async (name, want) => {
    const bytes = fixtureBytes(name);
    const before = await repo.snapshot();
    const { code, stdout, stderr } = await run([publish(`/${name.replaceAll(" ", "-")}.json`, bytes)]);

    expect(code, stderr).toBe(want.code);
    expect((await repo.read(SPEC_FILE)) === bytes.toString("utf8")).toBe(true);
    const changeset = await onlyChangeset();
    expect(changeset.path).toMatch(/^\.changeset\/spec-update-2\.0\.0-[0-9a-f]{8}\.md$/);
    expect(changeset.bumps).toEqual(want.bumps);
    expect(changeset.summary.split("\n")[0]).toBe(
      "Spec update: NOX Authenticator API — Supplier 2.0.0 (info.version unchanged).",
    );
    for (const line of want.lines) {
      expect(changeset.summary.split("\n")).toContain(line);
      expect(stdout.split("\n")).toContain(line);
    }
    expect(stdout).toContain(changeset.summary);
    expect(stdout).toContain(`wrote ${changeset.path}`);

    const after = await repo.snapshot();
    expect(after[TYPES]).not.toBe(before[TYPES]);
    if (want.enums !== "unchanged") expect(after[VALUES]).not.toBe(before[VALUES]);
    else expect([after[VALUES], after[LABELS]]).toEqual([before[VALUES], before[LABELS]]);
    if (want.enums === "misfit") {
      expect(stderr).toContain("spec/brands.json no longer matches the spec's brands");
      expect(stderr).toContain("Edit spec/brands.json, then run `pnpm generate`.");
    } else if (want.misfit !== undefined) {
      expect(stderr).toContain(`Edit ${want.misfit}, then run \`pnpm generate\`.`);
    } else {
      expect(stderr).toBe("");
    }
  });
});

describe("when the curated brand data falls behind", () => {
  test("the run names the brand and the data file, and `pnpm generate` completes once it is mended", async () => {
    const { code, stderr } = await run([publish("/brand-added.json", fixtureBytes("brand added"))]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/in the spec but not placed: acme-heat\n/);
    expect(stderr.trim().split("\n").at(-1)).toBe(
      "Everything was written; what did not fit was left out of the enum files until the data is mended.",
    );
    expect(await repo.read(TYPES)).toContain('"acme-heat"');
    expect(await repo.read(VALUES)).not.toMatch(/hp: [^\]]*"acme-heat"/);

    await repo.editJson("spec/brands.json", (data) => {
      data.brands["acme-heat"] = { label: "ACME Heat", asset_types: ["hp"] };
    });
    const mended = await generate({ root: repo.root });
    expect(mended.misfits).toEqual([]);
    // The types package's brand table (BrandsByAssetType) places it too.
    expect(mended.changed.sort()).toEqual([LABELS, VALUES, "packages/types/src/generated/brand-rule.ts"]);
    expect(await repo.read(VALUES)).toMatch(/hp: [^\]]*"acme-heat"/);
  });
});

describe("sources", () => {
  test("a file path is read relative to where the command was typed, bytes kept", async () => {
    const bytes = fixtureBytes("optional request field added");
    await writeFile(join(repo.root, "incoming.json"), bytes);
    const { code } = await run(["incoming.json"]);
    expect(code).toBe(0);
    expect((await repo.read(SPEC_FILE)) === bytes.toString("utf8")).toBe(true);
    expect((await onlyChangeset()).bumps).toEqual({ [TYPES_PKG]: "minor" });
  });

  test("without an argument, the upstream URL in spec/README.md is fetched", async () => {
    const url = publish("/upstream/openapi-supplier-auth-v2.json", fixtureBytes("response field added"));
    const readme = await repo.read("spec/README.md");
    expect(readme).toMatch(/^- URL: https:\/\/docs\.nox\.energy\/\S+$/m);
    await repo.write("spec/README.md", readme.replace(/^- URL: \S+$/m, `- URL: ${url}`));
    const { code, stdout } = await run([]);
    expect(code).toBe(0);
    expect(stdout).toContain("- Response field added: CreateSupplierLinkSessionResponse.status");
  });

  test("identical bytes: reports it and writes nothing", async () => {
    const before = await repo.snapshot();
    const { code, stdout } = await run([publish("/same.json", Buffer.from(await repo.read(SPEC_FILE)))]);
    expect(code).toBe(0);
    expect(stdout).toContain("is already up to date");
    expect(await repo.snapshot()).toEqual(before);
  });

  test("the same document in other whitespace: upstream's bytes are written, no changeset", async () => {
    const before = await repo.snapshot();
    const compact = Buffer.from(JSON.stringify(VENDORED));
    const { code, stdout } = await run([publish("/compact.json", compact)]);
    expect(code).toBe(0);
    expect(stdout).toContain("formatting only");
    expect((await repo.read(SPEC_FILE)) === compact.toString("utf8")).toBe(true);
    const after = await repo.snapshot();
    expect({ ...after, [SPEC_FILE]: "" }).toEqual({ ...before, [SPEC_FILE]: "" });
  });

  test("a change the classifier misses still bumps the package whose generated output moved", async () => {
    // Same document to a deep-equal comparison, but the types list the properties in the new order.
    const reordered = mutate((spec) => {
      const { user_id, ...rest } = spec.components.schemas.CreateSupplierLinkSessionRequest.properties;
      spec.components.schemas.CreateSupplierLinkSessionRequest.properties = { ...rest, user_id };
    });
    const { code, stdout } = await run([publish("/reordered.json", Buffer.from(JSON.stringify(reordered)))]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "- Surface changed (not classified; review its diff): types: schemas.CreateSupplierLinkSessionRequest",
    );
    expect((await onlyChangeset()).bumps).toEqual({ [TYPES_PKG]: "patch" });
  });

  test("metadata only: the spec is written but no package is bumped", async () => {
    const { code, stdout } = await run([publish("/info.json", fixtureBytes("info only"))]);
    expect(code).toBe(0);
    expect(stdout).toContain("Spec update: NOX Authenticator API — Supplier 2.0.0 -> 2.0.1.");
    expect(stdout).toContain("No package is affected; no changeset was written.");
    expect(await changesets()).toEqual({});
  });
});

describe("packages are read from packages/*/package.json", () => {
  test("the client and the testing package, when present, are bumped with the shapes", async () => {
    for (const key of ["client", "testing"]) {
      await repo.write(`packages/${key}/package.json`, `{ "name": "@nox-energy/authenticator-${key}" }\n`);
    }
    const { code } = await run([publish("/response.json", fixtureBytes("response field added"))]);
    expect(code).toBe(0);
    expect((await onlyChangeset()).bumps).toEqual({
      [TYPES_PKG]: "minor",
      '"@nox-energy/authenticator-client"': "minor",
      '"@nox-energy/authenticator-testing"': "minor",
    });
  });

  test("descriptions and examples reach the testing package, which embeds the schemas: classified, not caught by the safety net", async () => {
    await repo.write("packages/testing/package.json", `{ "name": "@nox-energy/authenticator-testing" }\n`);
    const { code, stdout } = await run([publish("/docs.json", fixtureBytes("description only"))]);
    expect(code).toBe(0);
    expect(stdout).toContain("wrote packages/testing/src/generated/routes.ts");
    expect(stdout).not.toContain("not classified");
    expect((await onlyChangeset()).bumps).toEqual({
      [TYPES_PKG]: "patch",
      '"@nox-energy/authenticator-testing"': "patch",
    });
  });

  test("a new server URL bumps only the client (DEFAULT_BASE_URL), and nothing without one", async () => {
    const url = publish("/server.json", fixtureBytes("server URL changed"));
    expect((await run([url])).stdout).toContain("No package is affected");
    await repo.write(SPEC_FILE, `${JSON.stringify(VENDORED, null, 2)}\n`);

    await repo.write("packages/client/package.json", `{ "name": "@nox-energy/authenticator-client" }\n`);
    const { code } = await run([url]);
    expect(code).toBe(0);
    // Issue #9: a new default server URL is major for the client (calls go elsewhere).
    expect((await onlyChangeset()).bumps).toEqual({
      '"@nox-energy/authenticator-client"': "major",
    });
  });
});

describe("nothing on disk changes when the source fails", () => {
  const invalid: Array<[string, { body: () => Buffer; error: RegExp }]> = [
    [
      "not JSON",
      {
        body: () => Buffer.from("openapi: 3.0.3\n"),
        error: /is not JSON .*Upstream publishes the spec as JSON/,
      },
    ],
    [
      "OpenAPI 2.0",
      {
        body: () => Buffer.from(JSON.stringify({ swagger: "2.0", info: VENDORED.info, paths: {} })),
        error: /declares swagger: "2\.0"; only OpenAPI 3\.x documents are supported/,
      },
    ],
    [
      "missing paths",
      {
        body: () => Buffer.from(JSON.stringify(mutate((spec) => delete spec.paths))),
        error:
          /not valid OpenAPI 3\.0\.3 \(1 error\(s\)\):\n {2}- #\/: The field `paths` must be present on this level\./,
      },
    ],
    [
      "an unresolved $ref",
      {
        body: () =>
          Buffer.from(
            JSON.stringify(
              mutate(
                (spec) =>
                  (spec.components.schemas.CreateSupplierLinkSessionRequest.properties.brand.$ref =
                    "#/components/schemas/Make"),
              ),
            ),
          ),
        error:
          /#\/components\/schemas\/CreateSupplierLinkSessionRequest\/properties\/brand: Can't resolve \$ref/,
      },
    ],
    // "no Brand enum" is no longer refused (issue #9): scripts/test/evolution.test.ts covers it.
  ];

  test.each(invalid)("an invalid document: %s", async (name, { body, error }) => {
    const before = await repo.snapshot();
    const url = publish(`/invalid/${encodeURIComponent(name)}`, body());
    const { code, stderr } = await run([url]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${url} is not a usable spec: `);
    expect(stderr).toMatch(error);
    expect(stderr).toContain("Nothing was changed; the vendored spec is kept.");
    expect(await repo.snapshot()).toEqual(before);
  });

  test("an unreachable URL (a closed port on 127.0.0.1)", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const before = await repo.snapshot();
    const { code, stderr } = await run([`http://127.0.0.1:${port}/spec.json`]);
    expect(code).toBe(1);
    expect(stderr).toContain(`Could not fetch http://127.0.0.1:${port}/spec.json (connect ECONNREFUSED`);
    expect(stderr).toContain("Nothing was changed.");
    expect(await repo.snapshot()).toEqual(before);
  });

  test("a server that never answers, within the timeout", async () => {
    const before = await repo.snapshot();
    const started = Date.now();
    const { code, stderr } = await run([`${base}/hang`, "--timeout", "200"]);
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stderr).toContain(
      `Could not fetch ${base}/hang (no answer within 200 ms; retry, or raise it with --timeout <ms>)`,
    );
    expect(await repo.snapshot()).toEqual(before);
  });

  test("an HTTP error answer", async () => {
    const before = await repo.snapshot();
    const { code, stderr } = await run([`${base}/missing.json`]);
    expect(code).toBe(1);
    expect(stderr).toContain(`Fetching ${base}/missing.json failed: HTTP 404 Not Found.`);
    expect(await repo.snapshot()).toEqual(before);
  });

  test("a missing file", async () => {
    const before = await repo.snapshot();
    const { code, stderr } = await run(["nowhere.json"]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `Could not read ${join(repo.root, "nowhere.json")} (no such file). Nothing was changed.`,
    );
    expect(await repo.snapshot()).toEqual(before);
  });
});

describe("the command line", () => {
  test.each([
    ["two sources", ["a.json", "b.json"]],
    ["a timeout that is not a whole number of ms", ["a.json", "--timeout", "soon"]],
    ["an unknown option", ["--force"]],
  ])("rejects %s with the usage, changing nothing", async (_, argv) => {
    const before = await repo.snapshot();
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toContain("Usage: pnpm update-spec [url-or-file] [--timeout <ms>]");
    expect(await repo.snapshot()).toEqual(before);
  });
});

describe("issue #9: nothing valid is refused, curated changes are classified", () => {
  test("upstream's earlier v2 (no AssetType, brands with spaces) is written and classified major, naming the misfits", async () => {
    const bytes = Buffer.from(`${JSON.stringify(mutate(earlierV2), null, 2)}\n`);
    const { code, stdout, stderr } = await run([publish("/earlier-v2.json", bytes)]);
    expect(code).toBe(1);
    expect((await repo.read(SPEC_FILE)) === bytes.toString("utf8")).toBe(true);
    expect((await onlyChangeset()).bumps).toEqual({ [TYPES_PKG]: "major", [ENUMS_PKG]: "major" });
    expect(stdout).toContain("- Schema removed: AssetType");
    expect(stderr).toMatch(/no string enum in the spec's components\.schemas for: AssetType/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  // Issue #14 changed this: the rename used to be refused as a whole (the fake's emitter needed the
  // curated operation); now the fake's link-session plug-in is off and the misfit named, and it goes through.
  test("an operationId rename goes through, classified, the curated misfit named and the fake's plug-in off", async () => {
    await repo.write("packages/client/package.json", `{ "name": "@nox-energy/authenticator-client" }\n`);
    const renamed = mutate(
      (spec) => (spec.paths["/supplier/link-sessions"].post.operationId = "createSession"),
    );
    const { code, stdout, stderr } = await run([
      publish("/renamed.json", Buffer.from(JSON.stringify(renamed))),
    ]);
    // 1: a misfit is named (everything was written), as for any curated data the spec left behind.
    expect(code).toBe(1);
    expect(stdout).toContain("- Client methods added: createSession");
    expect(stdout).toContain("wrote packages/testing/src/generated/link-session.ts");
    expect(stderr).toMatch(/spec\/method-names\.json no longer matches the spec's operations/);
    expect(stderr).toContain("Everything was written");
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await repo.read("packages/testing/src/generated/link-session.ts")).toContain(
      "export const LINK_SESSION: LinkSessionPlugin | null = null;",
    );
    expect(Object.keys(await changesets())).toHaveLength(1);
  });

  test("`--curated` classifies spec/brands.json edits since HEAD: a brand leaving an asset type is major for the enums and the types", async () => {
    const git = (...args: string[]) => promisify(execFile)("git", args, { cwd: repo.root });
    await git("init", "-q");
    await git("add", "-A");
    await git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "fixture");
    await repo.editJson("spec/brands.json", (data) => void (data.brands.panasonic.asset_types = ["pv"]));
    const { code, stdout } = await run(["--curated"]);
    expect(code).toBe(0);
    expect(stdout).toContain("- Brand left an asset type: panasonic (hp)");
    expect((await onlyChangeset()).bumps).toEqual({ [ENUMS_PKG]: "major", [TYPES_PKG]: "major" });
    expect(await repo.read(VALUES)).toMatch(/pv: [^\]]*"panasonic"/);
  });
});
