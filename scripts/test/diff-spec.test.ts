import { describe, expect, test } from "vitest";
import {
  diffSpecs,
  levelsByPackage,
  type ChangeLevel,
  type PackageKey,
  type SpecChange,
} from "../lib/diff-spec.ts";
import { MUTATIONS, VENDORED, mutate, type MutationName } from "./spec-fixtures.ts";

type Want = {
  /** Changes that must be listed (level, group, subject), and nothing else. */
  changes: Array<Pick<SpecChange, "level" | "group" | "subject">>;
  /** The bump per package. */
  levels: Partial<Record<PackageKey, ChangeLevel>>;
};

const REQ = "CreateSupplierLinkSessionRequest";
const RES = "CreateSupplierLinkSessionResponse";
const OP = "POST /supplier/link-sessions";
const ALL_SHAPE = (level: ChangeLevel) => ({ types: level, client: level, testing: level });

const cases: Array<[MutationName, Want]> = [
  [
    "brand added",
    {
      changes: [{ level: "minor", group: "Brands added", subject: "acme-heat" }],
      levels: { ...ALL_SHAPE("minor"), enums: "minor" },
    },
  ],
  [
    "brand removed",
    {
      changes: [{ level: "major", group: "Brands removed", subject: "sanyo" }],
      levels: { ...ALL_SHAPE("major"), enums: "major" },
    },
  ],
  [
    "brand renamed",
    {
      changes: [
        { level: "minor", group: "Brands added", subject: "foxess" },
        { level: "major", group: "Brands removed", subject: "fox-ess" },
      ],
      levels: { ...ALL_SHAPE("major"), enums: "major" },
    },
  ],
  [
    "required request field added",
    {
      changes: [{ level: "major", group: "Request field added (required)", subject: `${REQ}.contract_id` }],
      levels: ALL_SHAPE("major"),
    },
  ],
  [
    "optional request field added",
    {
      changes: [{ level: "minor", group: "Request field added (optional)", subject: `${REQ}.reference` }],
      levels: ALL_SHAPE("minor"),
    },
  ],
  [
    "response field added",
    {
      changes: [{ level: "minor", group: "Response field added", subject: `${RES}.status` }],
      levels: ALL_SHAPE("minor"),
    },
  ],
  [
    "description only",
    {
      changes: [
        { level: "patch", group: "Descriptions/examples changed", subject: OP },
        { level: "patch", group: "Descriptions/examples changed", subject: `${REQ}.user_id` },
        { level: "patch", group: "Descriptions/examples changed", subject: `${RES}.link_token` },
      ],
      levels: { types: "patch", testing: "patch" },
    },
  ],
  [
    "request field made non-nullable",
    {
      changes: [{ level: "major", group: "Field changed", subject: `${REQ}.brand is no longer nullable` }],
      levels: ALL_SHAPE("major"),
    },
  ],
  [
    "response field made non-nullable",
    {
      changes: [
        { level: "minor", group: "Field changed", subject: `${RES}.completed_at is no longer nullable` },
      ],
      levels: ALL_SHAPE("minor"),
    },
  ],
  [
    "response field made nullable",
    {
      changes: [{ level: "major", group: "Field changed", subject: `${RES}.link_token is now nullable` }],
      levels: ALL_SHAPE("major"),
    },
  ],
  [
    "request field made optional",
    {
      changes: [{ level: "minor", group: "Field changed", subject: `${REQ}.redirect_url is now optional` }],
      levels: ALL_SHAPE("minor"),
    },
  ],
  [
    "response field made optional",
    {
      changes: [{ level: "major", group: "Field changed", subject: `${RES}.expires_at is now optional` }],
      levels: ALL_SHAPE("major"),
    },
  ],
  [
    "type changed",
    {
      changes: [
        {
          level: "major",
          group: "Field changed",
          subject: `${RES}.created_at type changed from integer to string`,
        },
      ],
      levels: ALL_SHAPE("major"),
    },
  ],
  [
    "language added",
    {
      changes: [{ level: "minor", group: "Languages added", subject: "de" }],
      levels: { ...ALL_SHAPE("minor"), enums: "minor" },
    },
  ],
  [
    "language default changed",
    {
      changes: [{ level: "minor", group: "Default changed", subject: 'Language: "nl" -> "en"' }],
      levels: { ...ALL_SHAPE("minor"), enums: "minor" },
    },
  ],
  [
    "operation removed",
    {
      // Issue #9: the changeset names the client methods that go with it.
      changes: [
        { level: "major", group: "Operation removed", subject: OP },
        { level: "major", group: "Client methods removed", subject: "createSupplierLinkSession" },
        // The brand rule's request went with it: the checked request types and checks lose it.
        { level: "major", group: "Brand rule changed", subject: "the brand rule no longer applies" },
      ],
      levels: ALL_SHAPE("major"),
    },
  ],
  [
    "operation added",
    {
      changes: [
        { level: "minor", group: "Operation added", subject: "GET /supplier/link-sessions/{token}" },
        { level: "minor", group: "Client methods added", subject: "getSupplierLinkSession" },
      ],
      levels: ALL_SHAPE("minor"),
    },
  ],
  [
    "server URL changed",
    {
      changes: [
        {
          // Issue #9: a new default server URL changes where every default client call goes: major.
          level: "major",
          group: "Default base URL changed",
          subject: '"https://auth.nox.energy/v2" -> "https://api.nox.energy/v2"',
        },
      ],
      levels: { client: "major" },
    },
  ],
  [
    "info only",
    {
      changes: [{ level: "patch", group: "Metadata changed (no package affected)", subject: "info.contact" }],
      levels: {},
    },
  ],
];

describe("diffSpecs classifies each fixture spec against the vendored one", () => {
  test.each(cases)("%s", (given, want) => {
    const changes = diffSpecs(VENDORED, mutate(MUTATIONS[given]));
    const listed = changes.map(({ level, group, subject }) => ({ level, group, subject }));
    expect(listed).toEqual(expect.arrayContaining(want.changes));
    expect(listed).toHaveLength(want.changes.length);
    expect(Object.fromEntries(levelsByPackage(changes))).toEqual(want.levels);
  });
});

describe("diffSpecs", () => {
  test("finds nothing between a spec and itself, or its clone", () => {
    expect(diffSpecs(VENDORED, VENDORED)).toEqual([]);
    expect(diffSpecs(VENDORED, structuredClone(VENDORED))).toEqual([]);
  });

  test("a field used in both requests and responses is breaking either way it moves", () => {
    const shared = (nullable: boolean) =>
      mutate((spec) => {
        spec.components.schemas.Money = {
          type: "object",
          properties: { amount: { type: "integer", nullable } },
        };
        spec.components.schemas.CreateSupplierLinkSessionRequest.properties.price = {
          $ref: "#/components/schemas/Money",
        };
        spec.components.schemas.CreateSupplierLinkSessionResponse.properties.price = {
          $ref: "#/components/schemas/Money",
        };
      });
    for (const [before, after] of [
      [shared(false), shared(true)],
      [shared(true), shared(false)],
    ]) {
      const changes = diffSpecs(before, after);
      expect(changes.map((c) => [c.level, c.subject])).toEqual([
        ["major", expect.stringMatching(/^Money\.amount is/)],
      ]);
    }
  });

  test("an inline schema change under an operation is labelled by operation", () => {
    const inline = (required: string[]) =>
      mutate((spec) => {
        spec.paths["/supplier/link-sessions"].post.requestBody.content["application/json"].schema = {
          type: "object",
          required,
          properties: { user_id: { type: "string" }, note: { type: "string" } },
        };
      });
    const changes = diffSpecs(inline([]), inline(["note"]));
    expect(changes).toEqual([
      {
        level: "major",
        group: "Field changed",
        subject: `${OP} request body.note is now required`,
        packages: ["types", "client", "testing"],
      },
    ]);
  });

  test("a request body or parameter turning optional is minor; turning required is major", () => {
    const withQuery = (required: boolean) =>
      mutate((spec) => {
        const post = spec.paths["/supplier/link-sessions"].post;
        post.requestBody.required = !required;
        post.parameters = [{ name: "dry_run", in: "query", required, schema: { type: "boolean" } }];
      });
    const subjects = (before: unknown, after: unknown) =>
      diffSpecs(before, after).map((c) => `${c.level} ${c.subject}`);
    expect(subjects(withQuery(false), withQuery(true))).toEqual([
      `major ${OP} query parameter dry_run is now required`,
      `minor ${OP} request body is now optional`,
    ]);
    expect(subjects(withQuery(true), withQuery(false))).toEqual([
      `minor ${OP} query parameter dry_run is now optional`,
      `major ${OP} request body is now required`,
    ]);
  });

  test("a bound TypeScript cannot express: its direction decides for the packages that check it, a patch for the types", () => {
    const after = mutate((spec) => {
      spec.components.schemas.CreateSupplierLinkSessionRequest.properties.user_id.maxLength = 64;
    });
    const subject = `${REQ}.user_id maxLength changed from (none) to 64`;
    expect(diffSpecs(VENDORED, after)).toEqual([
      { level: "major", group: "Field changed", subject, packages: ["client", "testing"] },
      {
        level: "patch",
        group: "Run-time constraints changed (documentation in the types)",
        subject,
        packages: ["types"],
      },
    ]);
  });

  test("a pattern changed (neither wider nor narrower) is major for the packages that check it, for a human to review", () => {
    const withPattern = (pattern: string) =>
      mutate((spec) => {
        spec.components.schemas.CreateSupplierLinkSessionRequest.properties.user_id.pattern = pattern;
      });
    expect(Object.fromEntries(levelsByPackage(diffSpecs(withPattern("^a"), withPattern("^b"))))).toEqual({
      types: "patch",
      client: "major",
      testing: "major",
    });
  });

  test("a brand's enum description is a patch to the types only: the enums carry no descriptions, and the fake does nothing with them", () => {
    const after = mutate((spec) => {
      spec.components.schemas.Brand.description = "The device's manufacturer.";
    });
    expect(Object.fromEntries(levelsByPackage(diffSpecs(VENDORED, after)))).toEqual({ types: "patch" });
  });

  test("a response's example is the testing package's error message; an operation's summary is the types' only", () => {
    const after = mutate((spec) => {
      spec.paths[OP.slice("POST ".length)].post.responses["401"].content["application/json"].example = {
        error: "Unknown API key",
      };
    });
    expect(Object.fromEntries(levelsByPackage(diffSpecs(VENDORED, after)))).toEqual({
      types: "patch",
      testing: "patch",
    });
    const summary = mutate((spec) => {
      spec.paths[OP.slice("POST ".length)].post.summary = "Create a link session";
    });
    expect(Object.fromEntries(levelsByPackage(diffSpecs(VENDORED, summary)))).toEqual({ types: "patch" });
  });

  test("a description in a component no operation reaches stays with the types (the testing package does not embed it)", () => {
    const after = mutate((spec) => {
      spec.components.schemas.Unused = { type: "string", description: "old" };
    });
    const changed = mutate((spec) => {
      spec.components.schemas.Unused = { type: "string", description: "new" };
    });
    expect(Object.fromEntries(levelsByPackage(diffSpecs(after, changed)))).toEqual({ types: "patch" });
  });
});
