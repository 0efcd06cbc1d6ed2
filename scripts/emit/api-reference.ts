import { generatedHeader } from "../lib/generated-header.ts";
import { readExports, type ExportDoc, type ReadSource } from "../lib/exports-doc.ts";
import { SPEC_FILE } from "../lib/repo.ts";
import type { ApiModel, GeneratedFile, Operation, Schema } from "../model/types.ts";
import { enumExportNames } from "./enums.ts";
import { sentParameters } from "./client-operations.ts";

/** The packages that get an API reference, by folder. */
const PACKAGES = ["types", "enums", "client", "testing"] as const;
type Folder = (typeof PACKAGES)[number];

/** Where a package's reference lives, relative to the repository root. */
export const apiReferencePath = (folder: Folder): string => `packages/${folder}/API.md`;

/** Members listed per interface, and the longest member type shown as written. */
const MAX_MEMBERS = 60;
const MAX_TYPE = 160;

/** Table cells stay on one line and keep their pipes. */
const cell = (text: string) => text.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
const firstParagraph = (text: string | undefined) => (text ?? "").split(/\n\s*\n/)[0]!.trim();
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** A schema in a few words: its component name, its values, or its kind. */
function typeWords(s: Schema): string {
  const base =
    s.kind === "ref"
      ? s.ref!
      : s.enum
        ? s.enum
            .slice(0, 6)
            .map((v) => JSON.stringify(v))
            .join(" | ") + (s.enum.length > 6 ? " …" : "")
        : s.kind === "array" && s.items
          ? `${typeWords(s.items)}[]`
          : s.format
            ? `${s.kind} (${s.format})`
            : s.kind;
  return s.nullable ? `${base} or null` : base;
}

/** One method of the client: how it is called, what it sends, what it returns and refuses. */
function methodSection(op: Operation): string[] {
  const params = sentParameters(op);
  const input = params.length > 0 ? "params" : op.requestBody ? "body" : "";
  const lines = [
    `### ${code(`nox.${op.methodName}(${input}${input ? ", " : ""}options?)`)}`,
    "",
    `${code(`${op.method} ${op.path}`)} (operationId ${code(op.operationId)})${op.deprecated ? ". **Deprecated.**" : "."}${op.aliases.length ? ` Also ${op.aliases.map((a) => code(`nox.${a}`)).join(", ")}.` : ""}`,
    "",
  ];
  const about = [op.summary, firstParagraph(op.description)].filter(Boolean);
  if (about.length > 0) lines.push(about.join(": "), "");
  if (params.length > 0) {
    lines.push("| parameter | in | required | type | description |", "| --- | --- | --- | --- | --- |");
    for (const p of params)
      lines.push(
        `| ${code(p.name)} | ${p.in} | ${p.required ? "yes" : "no"} | ${cell(typeWords(p.schema))} | ${cell(firstParagraph(p.description))} |`,
      );
    lines.push("");
  }
  const body = op.requestBody;
  if (body)
    lines.push(
      `Body${params.length > 0 ? ` (${code("params.body")})` : ""}: ${cell(typeWords(body.schema))}, ${body.mediaType}${body.required ? "" : ", optional"}.`,
      "",
    );
  const success = op.responses.filter((r) => op.successStatuses.includes(r.status));
  const returns = success.map((r) => `${r.status} ${r.schema ? cell(typeWords(r.schema)) : "no body"}`);
  lines.push(
    `Resolves with: ${returns.length > 0 ? returns.join("; ") : "nothing (no success documented)"}.`,
  );
  const errors = op.responses.filter((r) => !op.successStatuses.includes(r.status));
  if (errors.length > 0)
    lines.push(
      `Rejects with a ${code("NoxApiError")} subclass on: ${errors.map((r) => `${r.status} (${cell(r.description)})`).join("; ")}.`,
    );
  return [...lines, ""];
}

/** Where the client sends calls: `DEFAULT_BASE_URL` and the spec's servers (the `server` option picks one). */
function serversSection(model: ApiModel): string[] {
  const fallback = model.defaultServer?.absolute
    ? `${code("DEFAULT_BASE_URL")} is ${code(model.defaultServer.url)}: calls go there unless \`baseUrl\` or \`server\` says otherwise.`
    : `The spec gives no absolute server: ${code("DEFAULT_BASE_URL")} is undefined and every client needs \`baseUrl\`.`;
  const rows = model.servers.map((server) => {
    const variables = Object.entries(server.variables)
      .map(([name, v]) => `${code(name)} (default ${code(String(v.default))})`)
      .join(", ");
    return `| ${code(server.url)} | ${cell(variables)} | ${cell(server.description ?? "")} |`;
  });
  const table =
    rows.length > 0 ? ["| server | variables | description |", "| --- | --- | --- |", ...rows, ""] : [];
  return ["## Servers", "", fallback, "", ...table];
}

/** The part of each package's reference the model gives: methods, schemas, enums. */
function modelSections(folder: Folder, model: ApiModel): string[] {
  if (folder === "client") {
    const ops = model.operations;
    return [
      ...serversSection(model),
      "## Methods",
      "",
      `One per operation of the spec (${ops.length}).`,
      "",
      ...ops.flatMap(methodSection),
    ];
  }
  if (folder === "types") {
    const rows = [...model.schemas].map(
      ([name, s]) =>
        `| ${code(name)} | ${cell(typeWords(s.kind === "ref" ? s : { ...s, nullable: s.nullable }))} | ${cell(firstParagraph(s.description))} |`,
    );
    const hooks = model.webhooks.map(
      (w) => `- ${code(`${w.method} ${w.path}`)}${w.summary ? `: ${w.summary}` : ""}`,
    );
    return [
      "## Schemas",
      "",
      `Each is \`components["schemas"][name]\` and an alias of the same name (${rows.length}).`,
      "",
      "| schema | kind | description |",
      "| --- | --- | --- |",
      ...rows,
      "",
      ...(hooks.length > 0
        ? ["## Webhooks", "", "Typed in `webhooks` (the supplier receives them).", "", ...hooks, ""]
        : []),
    ];
  }
  if (folder === "enums") {
    const rows = model.enums.map((e) => {
      const names = enumExportNames(e.name);
      const shown = e.values
        .slice(0, 8)
        .map((v) => code(JSON.stringify(v)))
        .join(", ");
      const more = e.values.length > 8 ? ` and ${e.values.length - 8} more` : "";
      const fallback =
        e.default === undefined ? "" : `${code(names.default)} = ${code(JSON.stringify(e.default))}`;
      return `| ${code(e.name)} | ${code(names.values)} | ${code(names.guard)} | ${fallback} | ${shown}${more}${e.nullable ? ", or null" : ""} |`;
    });
    return [
      "## Enums",
      "",
      "Each enum's values (a frozen array), its guard and, when the spec gives one, its default.",
      "",
      "| enum | values constant | guard | default | values |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
      "",
    ];
  }
  return [];
}

/** Generated exports the model's sections already describe (an enum's constants, a schema's alias). */
function coveredNames(folder: Folder, model: ApiModel): Set<string> {
  if (folder === "enums") return new Set(model.enums.flatMap((e) => Object.values(enumExportNames(e.name))));
  if (folder === "types") return new Set(model.schemas.keys());
  return new Set();
}

/** One exported name: its kind, its declaration's head, its JSDoc, an interface's members. */
function exportSection(doc: ExportDoc): string[] {
  const lines = [
    `### ${code(doc.name)}`,
    "",
    `${doc.kind}, from ${code(doc.file)}`,
    "",
    "```ts",
    doc.signature,
    "```",
    "",
  ];
  if (doc.doc) lines.push(doc.doc, "");
  if (doc.members.length > 0) {
    // A member's type as written, when short; openapi-typescript's `paths`/`components` hold whole specs.
    const typeOf = (t: string) => (t === "" || t.length > MAX_TYPE ? "(see the declaration)" : code(t));
    lines.push("| member | type | description |", "| --- | --- | --- |");
    for (const m of doc.members.slice(0, MAX_MEMBERS))
      lines.push(`| ${code(m.name + (m.optional ? "?" : ""))} | ${cell(typeOf(m.type))} | ${cell(m.doc)} |`);
    if (doc.members.length > MAX_MEMBERS)
      lines.push(`| … and ${doc.members.length - MAX_MEMBERS} more | | |`);
    lines.push("");
  }
  return lines;
}

/**
 * What an entry point exports: each hand-written name in full (declaration, JSDoc, members), then the
 * generated ones in one table (a spec the size of GitHub's generates thousands; the sections above
 * already give their content from the model).
 */
function exportsSection(entry: string, docs: readonly ExportDoc[], covered: ReadonlySet<string>): string[] {
  const isGenerated = (d: ExportDoc) => d.file.includes("/src/generated/");
  const written = docs.filter((d) => !isGenerated(d));
  const generated = docs.filter((d) => isGenerated(d) && !covered.has(d.name));
  const rows = generated.map(
    (d) => `| ${code(d.name)} | ${d.kind} | ${cell(firstParagraph(d.doc).split(/(?<=\.)\s/)[0] ?? "")} |`,
  );
  return [
    `## Exports of ${code(entry)}`,
    "",
    ...written.flatMap(exportSection),
    ...(rows.length > 0
      ? [
          `### Generated from the spec (${rows.length})`,
          "",
          "| name | kind | summary |",
          "| --- | --- | --- |",
          ...rows,
          "",
        ]
      : []),
  ];
}

/** A package's entry points (`.` and each subpath) and the source each is built from. */
function entryPoints(folder: Folder, read: ReadSource): [string, string][] {
  const manifest = JSON.parse(read(`packages/${folder}/package.json`) ?? "{}") as {
    name?: string;
    exports?: object;
  };
  return Object.keys(manifest.exports ?? { ".": null })
    .filter((key) => key !== "./package.json")
    .flatMap((key): [string, string][] => {
      const stem = key === "." ? "index" : key.slice(2);
      const candidates = [`packages/${folder}/src/${stem}.ts`, `packages/${folder}/src/${stem}/index.ts`];
      const source = candidates.find((c) => read(c) !== undefined);
      return source ? [[key === "." ? manifest.name! : `${manifest.name}/${key.slice(2)}`, source]] : [];
    });
}

/**
 * Renders each package's `API.md`: what the model gives it (the client's methods, the types' schemas,
 * the enums' values) and every name its entry points export, with the JSDoc written on it. Reads the
 * other emitters' output (`generated`) before the files on disk, so one `pnpm generate` is enough.
 */
export function emitApiReference(
  model: ApiModel,
  generated: readonly GeneratedFile[],
  readDisk: ReadSource,
): GeneratedFile[] {
  const emitted = new Map(generated.map((f) => [f.path, f.source]));
  const read: ReadSource = (path) => emitted.get(path) ?? readDisk(path);
  // A package the workspace lacks (a checkout with only some of them) gets no reference.
  return PACKAGES.filter((folder) => read(`packages/${folder}/package.json`) !== undefined).map((folder) => {
    const entries = entryPoints(folder, read);
    const name = entries[0]?.[0] ?? folder;
    const covered = coveredNames(folder, model);
    const exports = entries.flatMap(([entry, source]) =>
      exportsSection(entry, readExports(source, read), covered),
    );
    // The generator's header, as a Markdown comment (the text every generated file starts with).
    const header = generatedHeader({
      from: `${SPEC_FILE} and packages/${folder}/src`,
      change: "the spec or the package's JSDoc (or scripts/emit/api-reference.ts)",
    })
      .split("\n")
      .filter((line) => /^ \* /.test(line))
      .map((line) => line.slice(3));
    const lines = [
      `<!-- ${header.join(" ")} -->`,
      "",
      `# ${name} API reference`,
      "",
      `For ${model.info.title} ${model.info.version}. The README says how to use it; this lists everything it exports.`,
      "",
      ...modelSections(folder, model),
      ...exports,
    ];
    return { path: apiReferencePath(folder), source: `${lines.join("\n").trimEnd()}\n` };
  });
}
