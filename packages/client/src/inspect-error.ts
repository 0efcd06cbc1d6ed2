/** What Node passes a custom inspect function as its third argument: `util.inspect` itself. */
type Inspect = (value: unknown, options?: object) => string;

// Shown first, in this order, when set: what a reader of a log line needs to act on the error.
const LEADING = ["status", "requestId", "attempts"];
// The stack already shows name and message; headers may carry anything a proxy echoed, the key included.
const HIDDEN = new Set(["name", "message", "stack", "cause", "headers"]);

/**
 * How `console.log(error)` and `util.inspect(error)` show a NoxError: its stack, then its own fields
 * (status, request id, attempts, then the rest; never `headers`), then its cause's name and message.
 */
export function inspectNoxError(error: Error, options?: object, inspect?: Inspect): string {
  const own = error as unknown as Record<string, unknown>;
  const names = [
    ...LEADING.filter((name) => own[name] !== undefined),
    ...Object.keys(own).filter((name) => !HIDDEN.has(name) && !LEADING.includes(name)),
  ];
  const show = (value: unknown) =>
    inspect ? inspect(value, { ...options, depth: 2 }) : (JSON.stringify(value) ?? String(value));
  const fields = names
    .filter((name) => own[name] !== undefined)
    .map((name) => `  ${name}: ${show(own[name])}`);
  if (error.cause instanceof Error) fields.push(`  [cause]: ${error.cause.name}: ${error.cause.message}`);
  const head = error.stack ?? `${error.name}: ${error.message}`;
  return fields.length === 0 ? head : `${head} {\n${fields.join(",\n")}\n}`;
}
