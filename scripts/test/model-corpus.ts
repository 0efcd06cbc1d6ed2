/**
 * The pinned public corpus (issue #14) as the model reads each document: what must hold for it. Data
 * only, so the corpus harness (scripts/test/corpus*, which fetches the documents by version and integrity)
 * can take these expectations over; until then the documents are read from the local cache.
 */

/** Where the extracted npm tarballs sit until the corpus harness fetches them itself. */
export const CORPUS_CACHE = "/work/corpus-cache";

/** One document and what its model must be. */
export interface CorpusDocument {
  name: string;
  /** The npm package (pinned) and the document's path inside it. */
  package: { name: string; version: string; integrity: string };
  path: string;
  /** Relative to {@link CORPUS_CACHE}. */
  cached: string;
  expect: {
    openapi: string;
    operations: number;
    webhooks: number;
    schemas: number;
    enums: number;
    /** Warning count by kind (every other kind: none). */
    warnings: Readonly<Record<string, number>>;
    /** The default server's resolved URL (`null`: none), and whether it is absolute. */
    defaultServer: { url: string; absolute: boolean } | null;
    /** Operations with no success status (no 2xx, no 3xx), and those whose success is a 3xx. */
    noSuccess: number;
    redirectOnly: number;
    /** The kinds of the chosen request and response media, sorted. */
    mediaKinds: readonly string[];
    securitySchemeTypes: readonly string[];
  };
}

const OAS_EXAMPLES = {
  name: "@readme/oas-examples",
  version: "8.2.2",
  integrity:
    "sha512-uytlvlylq3zpemG0h1R7ijlMBCajqXU0VpMI1Iw+j92s77Y/oT6pBf3BZN0lYl0WIGTh7POM4Jdu7L14eCzwXQ==",
};
const OCTOKIT = {
  name: "@octokit/openapi",
  version: "23.0.2",
  integrity:
    "sha512-pV8M7L9GY23AybNvTmo2nyjmpmnt6+2sRE/tqr0ZLQcPS4lnw7u5eZGNmwRNkBC3D7gZXbFx5AHzLUVRBXGDhg==",
};

const oas = (name: string, path: string, expect: CorpusDocument["expect"]): CorpusDocument => ({
  name,
  package: OAS_EXAMPLES,
  path,
  cached: `oas-examples-8.2.2/${path}`,
  expect,
});

/** Every document of the corpus, smallest first. */
export const CORPUS: readonly CorpusDocument[] = [
  oas("webhooks", "package/3.1/json/webhooks.json", {
    openapi: "3.1.0",
    operations: 0,
    webhooks: 2,
    schemas: 1,
    enums: 0,
    warnings: {},
    defaultServer: null,
    noSuccess: 0,
    redirectOnly: 0,
    mediaKinds: [],
    securitySchemeTypes: [],
  }),
  oas("petstore-expanded", "package/3.0/json/petstore-expanded.json", {
    openapi: "3.0.0",
    operations: 4,
    webhooks: 0,
    schemas: 3,
    enums: 0,
    warnings: {},
    defaultServer: { url: "http://petstore.swagger.io/api", absolute: true },
    noSuccess: 0,
    redirectOnly: 0,
    mediaKinds: ["json"],
    securitySchemeTypes: [],
  }),
  oas("uspto", "package/3.0/json/uspto.json", {
    openapi: "3.0.1",
    operations: 3,
    webhooks: 0,
    schemas: 1,
    enums: 0,
    warnings: { "unknown-format": 2 },
    defaultServer: { url: "https://developer.uspto.gov/ds-api", absolute: true },
    noSuccess: 0,
    redirectOnly: 0,
    mediaKinds: ["form", "json"],
    securitySchemeTypes: [],
  }),
  oas("petstore-3.0", "package/3.0/json/petstore.json", {
    openapi: "3.0.0",
    operations: 20,
    webhooks: 0,
    schemas: 6,
    enums: 3,
    // deletePet's api_key header: the name of getPetById's key header, which no parameter may set.
    warnings: { "dropped-parameter": 1 },
    defaultServer: { url: "http://petstore.swagger.io/v2", absolute: true },
    noSuccess: 11,
    redirectOnly: 0,
    mediaKinds: ["form", "json", "multipart"],
    securitySchemeTypes: ["apiKey", "oauth2"],
  }),
  oas("petstore-3.1", "package/3.1/json/petstore.json", {
    openapi: "3.1.0",
    operations: 20,
    webhooks: 0,
    schemas: 6,
    enums: 3,
    // deletePet's api_key header: the name of getPetById's key header, which no parameter may set.
    warnings: { "dropped-parameter": 1 },
    defaultServer: { url: "http://petstore.swagger.io/v2", absolute: true },
    noSuccess: 11,
    redirectOnly: 0,
    mediaKinds: ["binary", "form", "json"],
    securitySchemeTypes: ["apiKey", "oauth2"],
  }),
  oas("train-travel", "package/3.1/json/train-travel.json", {
    openapi: "3.1.0",
    operations: 7,
    webhooks: 1,
    schemas: 9,
    enums: 5,
    warnings: { "unknown-format": 1 },
    defaultServer: { url: "https://api.example.com", absolute: true },
    noSuccess: 0,
    redirectOnly: 0,
    mediaKinds: ["json"],
    securitySchemeTypes: ["oauth2"],
  }),
  oas("star-trek", "package/3.0/json/star-trek.json", {
    openapi: "3.0.1",
    operations: 120,
    webhooks: 0,
    schemas: 222,
    enums: 9,
    warnings: {},
    defaultServer: { url: "http://stapi.co/api/v1/rest", absolute: true },
    noSuccess: 0,
    redirectOnly: 0,
    mediaKinds: ["form", "json"],
    securitySchemeTypes: [],
  }),
  {
    name: "github",
    package: OCTOKIT,
    path: "package/generated/api.github.com.json",
    cached: "octokit-openapi-23.0.2/package/generated/api.github.com.json",
    expect: {
      openapi: "3.0.3",
      operations: 1223,
      webhooks: 270,
      schemas: 969,
      enums: 3387,
      // Redocly refuses these 135; OpenAPI 3.0.3 allows them (read as nullable, as openapi-typescript does).
      warnings: { "nullable-without-type": 135, "unknown-format": 2, "operation-servers": 1 },
      defaultServer: { url: "https://api.github.com", absolute: true },
      noSuccess: 0,
      redirectOnly: 8,
      mediaKinds: ["binary", "json", "text"],
      securitySchemeTypes: [],
    },
  },
];
