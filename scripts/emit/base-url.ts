import { generatedHeader } from "../lib/generated-header.ts";
import { SPEC_FILE } from "../lib/repo.ts";
import type { ApiModel, GeneratedFile } from "../model/types.ts";

/** Where the generated default base URL and server table live, relative to the repo root. */
export const BASE_URL_FILE = "packages/client/src/generated/base-url.ts";

/**
 * The client's default base URL: the model's default server (the first, variables at their defaults),
 * without a trailing slash; `undefined` when the spec lists no server or the first one is relative (the
 * client then needs `baseUrl`). An http URL is kept: the client refuses it at run time unless loopback.
 */
export function readServerUrl(model: ApiModel): string | undefined {
  const server = model.defaultServer;
  if (server === null || !server.absolute) return undefined;
  return server.url.replace(/\/+$/, "");
}

const SERVERS_DOC = [
  "/**",
  " * Every server the spec lists, in its order (`servers`): what the client's `server` option picks by",
  " * index or description, and `serverVariables` fills in. Each entry:",
  " * - `url`: the URL template as the spec writes it, `{name}` for a variable (may be relative, or http);",
  " * - `description`: the spec's, when it gives one;",
  " * - `variables`: by name, `default` (what `{name}` is unless set), `enum` (the values allowed, when the",
  " *   spec restricts them) and `description`. `{}` when the URL has none.",
  " */",
];

/** The SERVERS table as a frozen literal, typed by its JSDoc's shape. */
function serversTable(model: ApiModel): string[] {
  const entries = model.servers.map((server) => {
    const variables = Object.entries(server.variables).map(([name, v]) => {
      const fields = [
        `default: ${JSON.stringify(v.default)}`,
        ...(v.enum === undefined ? [] : [`enum: Object.freeze(${JSON.stringify(v.enum)})`]),
        ...(v.description === undefined ? [] : [`description: ${JSON.stringify(v.description)}`]),
      ];
      return `${JSON.stringify(name)}: Object.freeze({ ${fields.join(", ")} })`;
    });
    const fields = [
      `url: ${JSON.stringify(server.url)}`,
      ...(server.description === undefined ? [] : [`description: ${JSON.stringify(server.description)}`]),
      `variables: Object.freeze({ ${variables.join(", ")} })`,
    ];
    return `  Object.freeze({ ${fields.join(", ")} }),`;
  });
  return [
    "/** A variable of a templated server URL (`https://{region}.example.com`). */",
    "export interface NoxServerVariable {",
    "  readonly default: string;",
    "  readonly enum?: readonly string[];",
    "  readonly description?: string;",
    "}",
    "",
    "/** One server the spec lists (see {@link SERVERS}). */",
    "export interface NoxServer {",
    "  readonly url: string;",
    "  readonly description?: string;",
    "  readonly variables: Readonly<Record<string, NoxServerVariable>>;",
    "}",
    "",
    ...SERVERS_DOC,
    "export const SERVERS: readonly NoxServer[] = Object.freeze([",
    ...entries,
    "]);",
    "",
  ];
}

/**
 * Renders DEFAULT_BASE_URL (the spec's default server, which the client talks to unless told otherwise)
 * and SERVERS (every server with its variables, for the client's `server` / `serverVariables` options).
 * Never refuses a spec: without an absolute default server, DEFAULT_BASE_URL is `undefined`.
 */
export function emitBaseUrl(model: ApiModel): GeneratedFile[] {
  const url = readServerUrl(model);
  const server = model.defaultServer;
  const templated = server !== null && model.servers[server.index]!.url !== server.url;
  const doc =
    url !== undefined
      ? `/** The API's production server, from the spec's \`servers[0].url\`${templated ? " (variables at their defaults)" : ""}; override it with \`baseUrl\`. */`
      : server === null
        ? "/** The spec lists no server: pass `baseUrl` to the client. */"
        : `/** The spec's first server is relative (${JSON.stringify(server.url)}): pass \`baseUrl\` to the client. */`;
  const source = [
    generatedHeader({ from: `${SPEC_FILE} (servers)`, change: "the spec" }),
    doc,
    url === undefined
      ? "export const DEFAULT_BASE_URL = undefined;"
      : `export const DEFAULT_BASE_URL = ${JSON.stringify(url)};`,
    "",
    ...serversTable(model),
  ].join("\n");
  return [{ path: BASE_URL_FILE, source }];
}
