import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";

const read = (path: string) => readFile(new URL(path, import.meta.url), "utf8");
const blocks = (markdown: string) =>
  [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? "");

describe("README", () => {
  // The README's vitest example is this package's test/readme-example.test.ts, run with the other tests;
  // this keeps the two from drifting apart.
  test("its vitest example is test/readme-example.test.ts, verbatim", async () => {
    const example = await read("./readme-example.test.ts");
    expect(blocks(await read("../README.md"))).toContain(example);
  });
});
