/**
 * Deep equality of JSON values (for `const`, `enum` and `uniqueItems` over objects and arrays): what
 * ajv's runtime uses (fast-deep-equal), for JSON data only, so the generated validators need no ajv.
 */
export default function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a && b && typeof a === "object" && typeof b === "object") {
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
      return true;
    }
    if (Array.isArray(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) {
      if (
        !Object.hasOwn(b, key) ||
        !equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
      )
        return false;
    }
    return true;
  }
  // NaN equals NaN, as in fast-deep-equal.
  return a !== a && b !== b;
}
