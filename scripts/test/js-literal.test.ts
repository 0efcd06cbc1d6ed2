import { describe, expect, test } from "vitest";
import { jsLiteral } from "../lib/js-literal.ts";

// What the generated module evaluates to: the literal read back as JavaScript.
const evaluate = (source: string): unknown => new Function(`return ${source};`)();

describe("jsLiteral", () => {
  test("reads back as the value it was given", () => {
    const value = { a: [1, "two", null, true], "b-c": { d: { e: '\u2028"' } } };
    expect(evaluate(jsLiteral(value))).toEqual(value);
  });

  test("keeps a property named __proto__ a property (JSON.stringify's form would set the prototype)", () => {
    const value = JSON.parse('{"properties":{"__proto__":{"type":"string"}}}');
    const read = evaluate(jsLiteral(value)) as { properties: object };
    expect(Object.keys(read.properties)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(read.properties)).toBe(Object.prototype);
    // The bug this guards against, shown on JSON.stringify's output:
    const naive = evaluate(JSON.stringify(value)) as { properties: object };
    expect(Object.keys(naive.properties)).toEqual([]);
  });
});
