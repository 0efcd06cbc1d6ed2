import type { ModelWarning } from "./types.ts";

/** One place the model cannot represent: where (a JSON pointer) and why. */
export interface ModelProblem {
  /** `spec/<file>#/...` (RFC 6901), or the file alone for the whole document. */
  pointer: string;
  message: string;
}

/**
 * Spec constructs the model does not support, or a spec too broken to model: every place at once, each
 * named by its JSON pointer. `pointer` and the message's first line are the first problem's.
 */
export class ModelError extends Error {
  override name = "ModelError";
  /** The JSON pointer of the (first) construct, e.g. `spec/openapi.json#/components/schemas/Brand/type`. */
  readonly pointer: string;
  /** Every problem found, in document order (one for an error made with a pointer and a message). */
  readonly problems: readonly ModelProblem[];

  constructor(
    pointer: string,
    message: string,
    options?: ErrorOptions & { problems?: readonly ModelProblem[] },
  ) {
    const problems = options?.problems ?? [{ pointer, message }];
    super(problems.length === 1 ? `${pointer}: ${message}` : describeProblems(problems), options);
    this.pointer = pointer;
    this.problems = problems;
  }

  /** One error listing every problem (`problems` must not be empty). */
  static of(problems: readonly ModelProblem[], options?: ErrorOptions): ModelError {
    const [first] = problems;
    if (first === undefined) throw new TypeError("ModelError.of needs at least one problem.");
    return new ModelError(first.pointer, first.message, { ...options, problems });
  }
}

/** `3 problems:` then one `  - <pointer>: <message>` line each. */
export function describeProblems(problems: readonly ModelProblem[]): string {
  return [
    `${problems.length} problems:`,
    ...problems.map((p) => `  - ${p.pointer}: ${p.message.replaceAll("\n", "\n    ")}`),
  ].join("\n");
}

/** A JSON pointer with `key` appended (escaped per RFC 6901). */
export function child(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`;
}

/** The problems and warnings a model build collects, with the file its pointers are in. */
export interface Diagnostics {
  /** The file pointers are prefixed with (`spec/openapi-supplier-auth-v2.json`). */
  file: string;
  problems: ModelProblem[];
  warnings: ModelWarning[];
}

/** Fresh diagnostics for a document read from `file`. */
export function diagnosticsFor(file: string): Diagnostics {
  return { file, problems: [], warnings: [] };
}

/** `#/a/b` in `file` -> `file#/a/b` (a pointer that already names a file is kept). */
export function inFile(file: string, pointer: string): string {
  return pointer.startsWith("#") ? `${file}${pointer}` : pointer;
}

/** Records a problem at `pointer` (a `#/...` pointer in the diagnostics' file). */
export function problem(diagnostics: Diagnostics, pointer: string, message: string): void {
  diagnostics.problems.push({ pointer: inFile(diagnostics.file, pointer), message });
}

/** Records a warning of `kind` at `pointer` (a `#/...` pointer in the diagnostics' file). */
export function warn(diagnostics: Diagnostics, kind: string, pointer: string, message: string): void {
  diagnostics.warnings.push({ kind, pointer: inFile(diagnostics.file, pointer), message });
}

/** Throws every collected problem at once; nothing when there is none. */
export function throwProblems(diagnostics: Diagnostics): void {
  if (diagnostics.problems.length > 0) throw ModelError.of(diagnostics.problems);
}

/** Warnings grouped by kind for printing: a count and the first few pointers of each. */
export function describeWarnings(warnings: readonly ModelWarning[], shown = 3): string {
  const kinds = new Map<string, ModelWarning[]>();
  for (const w of warnings) kinds.set(w.kind, [...(kinds.get(w.kind) ?? []), w]);
  return [...kinds]
    .flatMap(([kind, list]) => [
      `warning (${kind}, ${list.length}): ${list[0]!.message}`,
      ...list
        .slice(0, shown)
        .map((w) => `  - ${w.pointer}${w.message === list[0]!.message ? "" : `: ${w.message}`}`),
      ...(list.length > shown ? [`  - … and ${list.length - shown} more`] : []),
    ])
    .join("\n");
}
