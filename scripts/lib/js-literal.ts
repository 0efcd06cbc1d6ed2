/**
 * A JavaScript expression for a JSON value. Not JSON.stringify alone: in an object literal the key
 * `"__proto__"` sets the object's prototype instead of making a property, so a schema whose properties
 * include one (a valid document may name a field so) would lose it; that key is written `["__proto__"]`.
 */
export function jsLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(
      ([k, v]) => `${k === "__proto__" ? '["__proto__"]' : JSON.stringify(k)}:${jsLiteral(v)}`,
    );
    return `{${entries.join(",")}}`;
  }
  return value === undefined ? "undefined" : JSON.stringify(value);
}
