import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";

const read = (path: string) => readFile(new URL(path, import.meta.url), "utf8");
const blocks = (markdown: string) =>
  [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? "");

describe("README", () => {
  // The README's vitest example is this package's test/readme-example.test.ts, run with the other tests;
  // this keeps the two from drifting apart.
  test.each(["readme-example.test.ts", "readme-msw-example.test.ts"])(
    "its example test/%s is there verbatim",
    async (file) => {
      const example = await read(`./${file}`);
      expect(blocks(await read("../README.md"))).toContain(example);
    },
  );
});
