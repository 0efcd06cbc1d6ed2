import { dirname, join, normalize } from "node:path";
import ts from "typescript";

/** One exported name of a package entry point, as its API reference lists it. */
export interface ExportDoc {
  name: string;
  kind: "function" | "class" | "interface" | "type" | "const" | "enum" | "re-export";
  /** The declaration's head as written (`function f(a: A): B`), without bodies. */
  signature: string;
  /** The JSDoc's text (empty when the declaration has none). */
  doc: string;
  /** An interface's members: name, type as written, JSDoc's first sentence. */
  members: { name: string; optional: boolean; type: string; doc: string }[];
  /** The source file it is declared in, relative to the repository root. */
  file: string;
}

/** Reads a source file (repository-relative path), or `undefined` when there is none. */
export type ReadSource = (path: string) => string | undefined;

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function jsDocOf(node: ts.Node): string {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  const last = docs?.at(-1);
  return last ? (ts.getTextOfJSDocComment(last.comment) ?? "").trim() : "";
}

const firstSentence = (text: string) => oneLine(/^[\s\S]*?\.(\s|$)/.exec(text)?.[0] ?? text);

const exported = (node: ts.Node) =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The head of a declaration: its text up to the body (functions, classes, interfaces). */
function head(source: ts.SourceFile, node: ts.Node, body: ts.Node | undefined): string {
  const text = source.text.slice(node.getStart(source), body ? body.getStart(source) : node.end);
  return oneLine(text.replace(/^export\s+(declare\s+)?/, ""))
    .replace(/[{;]\s*$/, "")
    .trim();
}

function membersOf(source: ts.SourceFile, node: ts.InterfaceDeclaration): ExportDoc["members"] {
  return node.members.flatMap((m) => {
    if (!m.name) return [];
    // A member's type text is read only when short (openapi-typescript's `paths` members are whole APIs).
    const type =
      m.end - m.pos > 400
        ? ""
        : ts.isPropertySignature(m) && m.type
          ? oneLine(m.type.getText(source))
          : ts.isMethodSignature(m)
            ? oneLine(m.getText(source).slice(m.name.getText(source).length)).replace(/;$/, "")
            : "";
    const optional = "questionToken" in m && m.questionToken !== undefined;
    return [{ name: m.name.getText(source), optional, type, doc: firstSentence(jsDocOf(m)) }];
  });
}

/** Every top-level declaration of a file, by name, and which of them carry `export`. */
function ownDeclarations(
  source: ts.SourceFile,
  file: string,
): { all: Map<string, ExportDoc>; exported: Set<string> } {
  const out = new Map<string, ExportDoc>();
  const names = new Set<string>();
  let current: ts.Statement;
  const add = (name: string, kind: ExportDoc["kind"], signature: string, node: ts.Node, members = []) => {
    out.set(name, { name, kind, signature, doc: jsDocOf(node), members, file });
    if (exported(current)) names.add(name);
  };
  for (const s of source.statements) {
    current = s;
    if (ts.isFunctionDeclaration(s) && s.name) {
      if (!out.has(s.name.text)) add(s.name.text, "function", head(source, s, s.body), s);
    } else if (ts.isClassDeclaration(s) && s.name) {
      add(s.name.text, "class", head(source, s, s.members[0] ?? undefined).replace(/\{.*$/, ""), s);
    } else if (ts.isInterfaceDeclaration(s)) {
      const signature = head(source, s, s.members[0]).replace(/\{.*$/, "").trim();
      add(s.name.text, "interface", signature, s);
      out.get(s.name.text)!.members = membersOf(source, s);
    } else if (ts.isTypeAliasDeclaration(s)) {
      const text = s.end - s.pos > 2_000 ? null : head(source, s, undefined);
      const short = text !== null && text.length <= 240;
      add(s.name.text, "type", short ? text : `type ${s.name.text}${typeParams(source, s)} = …`, s);
    } else if (ts.isEnumDeclaration(s)) {
      add(s.name.text, "enum", `enum ${s.name.text}`, s);
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        const type = d.type ? `: ${oneLine(d.type.getText(source))}` : "";
        // Only a short initializer is shown; its text is not even read otherwise (GitHub's are megabytes).
        const short = d.initializer !== undefined && d.initializer.end - d.initializer.pos <= 120;
        const init = short && !d.type ? oneLine(d.initializer!.getText(source)) : "";
        const value = init && init.length <= 80 ? ` = ${init}` : "";
        add(d.name.text, "const", `const ${d.name.text}${type}${value}`, s);
      }
    }
  }
  return { all: out, exported: names };
}

function typeParams(source: ts.SourceFile, s: ts.TypeAliasDeclaration): string {
  return s.typeParameters ? `<${s.typeParameters.map((p) => p.getText(source)).join(", ")}>` : "";
}

/** `./x.js` from `file` -> the source that declares it (`x.ts`, `x/index.ts`, or `x.d.ts` beside a `.js`). */
function resolve(file: string, specifier: string, read: ReadSource): string | undefined {
  const base = normalize(join(dirname(file), specifier)).replace(/\.(js|mjs|cjs)$/, "");
  return [`${base}.ts`, `${base}/index.ts`, `${base}.d.ts`].find((p) => read(p) !== undefined);
}

/**
 * Every name `entry` exports, following `export ... from` and `export *` through the package's own
 * modules (a name re-exported from another package is listed as such; that package documents it). Parsed, not type-checked: fast enough to run on every `pnpm generate`.
 */
export function readExports(entry: string, read: ReadSource): ExportDoc[] {
  const cache = new Map<string, Map<string, ExportDoc>>();
  const exportsOf = (file: string): Map<string, ExportDoc> => {
    const known = cache.get(file);
    if (known) return known;
    const out = new Map<string, ExportDoc>();
    cache.set(file, out);
    const text = read(file);
    if (text === undefined) return out;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    // `export { a }` (no `from`) may name a declaration that has no `export` of its own.
    const { all: locals, exported: names } = ownDeclarations(source, file);
    const own = new Map([...locals].filter(([name]) => names.has(name)));
    for (const s of source.statements) {
      if (!ts.isExportDeclaration(s)) continue;
      const spec = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : null;
      if (spec !== null && !spec.startsWith(".")) {
        // Another package's name: listed here as a re-export; that package's reference documents it.
        if (s.exportClause && ts.isNamedExports(s.exportClause))
          for (const e of s.exportClause.elements)
            out.set(e.name.text, {
              name: e.name.text,
              kind: "re-export",
              signature: `export { ${e.getText(source)} } from "${spec}"`,
              doc: `Re-exported from \`${spec}\`: see that package's API reference.`,
              members: [],
              file,
            });
        continue;
      }
      const target = spec === null ? undefined : resolve(file, spec, read);
      const from =
        spec === null ? locals : target === undefined ? new Map<string, ExportDoc>() : exportsOf(target);
      if (!s.exportClause) for (const [name, doc] of from) out.set(name, doc);
      else if (ts.isNamedExports(s.exportClause))
        for (const e of s.exportClause.elements) {
          const doc = from.get((e.propertyName ?? e.name).text);
          if (doc) out.set(e.name.text, { ...doc, name: e.name.text });
        }
    }
    for (const [name, doc] of own) if (!out.has(name)) out.set(name, doc);
    return out;
  };
  return [...exportsOf(entry).values()].sort((a, b) => a.name.localeCompare(b.name));
}
