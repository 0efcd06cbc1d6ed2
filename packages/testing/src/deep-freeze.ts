/**
 * Freezes `value` and everything it holds, in place, and returns it. The generated route table and
 * component schemas are one module-level value shared by every fake in the process: a test that
 * mutated a route would change what every other test's fake serves.
 *
 * The generated tables are plain literals frozen here rather than `Object.freeze(...)` calls nested
 * in the source: the checker then reads one contextually typed literal per route instead of inferring
 * a deep readonly literal type for each (GitHub's 1,000-operation spec exceeded TypeScript's union
 * limit, TS2590, that way).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}
