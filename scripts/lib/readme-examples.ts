import ts from "typescript";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";

/** A fenced TypeScript block from a markdown file. */
export interface CodeExample {
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
}

/** Every ```ts / ```typescript block in `markdown`, with the line it starts on. */
export function extractTypeScriptExamples(markdown: string): CodeExample[] {
  const examples: CodeExample[] = [];
  const fence = /^```(?:ts|typescript)\s*$\n([\s\S]*?)^```\s*$/gm;
  for (const match of markdown.matchAll(fence)) {
    const line = markdown.slice(0, match.index).split("\n").length;
    examples.push({ line, code: match[1] ?? "" });
  }
  return examples;
}

/** One compiler complaint about an example, located in its README. */
export interface ExampleDiagnostic {
  readme: string;
  line: number;
  message: string;
}

/**
 * Type-checks every TypeScript example in `readmePath` as its own ES module placed in `consumerDir`
 * (the repository root, which depends on every workspace package), so `import ... from
 * "@nox-energy/..."` resolves through each package's `exports` to its built declarations, exactly as
 * it would for a user. Returns the diagnostics (empty when all pass).
 */
export async function typecheckReadmeExamples(
  readmePath: string,
  consumerDir: string,
  tsconfigPath: string,
): Promise<{ examples: number; diagnostics: ExampleDiagnostic[] }> {
  const examples = extractTypeScriptExamples(await readFile(readmePath, "utf8"));
  if (examples.length === 0) return { examples: 0, diagnostics: [] };
  const dir = await mkdtemp(join(consumerDir, ".readme-examples-"));
  try {
    const files = await Promise.all(
      examples.map(async (example, i) => {
        const file = join(dir, `example-${i}.ts`);
        // `export {}` keeps each example a module, so top-level names do not clash across examples.
        await writeFile(file, `${example.code}\nexport {};\n`);
        return { file, example };
      }),
    );
    const config = ts.getParsedCommandLineOfConfigFile(
      tsconfigPath,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        },
      },
    );
    if (!config) throw new Error(`cannot read ${tsconfigPath}`);
    const options: ts.CompilerOptions = {
      ...config.options,
      noEmit: true,
      // Examples show one call and leave its result unused; that is not an error in a README.
      noUnusedLocals: false,
      noUnusedParameters: false,
    };
    const program = ts.createProgram(
      files.map((f) => f.file),
      options,
    );
    const diagnostics = ts.getPreEmitDiagnostics(program).flatMap((d): ExampleDiagnostic[] => {
      const source = files.find((f) => f.file === d.file?.fileName);
      if (!source || d.file === undefined || d.start === undefined) {
        return [
          { readme: readmePath, line: 0, message: ts.flattenDiagnosticMessageText(d.messageText, "\n") },
        ];
      }
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      return [
        {
          readme: relative(process.cwd(), readmePath),
          line: source.example.line + 1 + line,
          message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
        },
      ];
    });
    return { examples: examples.length, diagnostics };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
