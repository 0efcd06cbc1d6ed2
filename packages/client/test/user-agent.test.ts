import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { userAgent, VERSION } from "../src/user-agent.js";

const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("the User-Agent", () => {
  test("names the package, its package.json version and Node's version", () => {
    expect(VERSION).toBe(pkg.version);
    expect(userAgent()).toBe(`nox-authenticator-client/${pkg.version} node/${process.versions.node}`);
  });

  test.each(["index.js", "index.cjs"])(
    "dist/%s carries package.json's version (tsup define)",
    async (file) => {
      const dist = await readFile(new URL(`../dist/${file}`, import.meta.url), "utf8");
      expect(dist).toContain(`VERSION = ${JSON.stringify(pkg.version)}`);
      expect(dist).not.toContain("__NOX_CLIENT_VERSION__");
    },
  );
});
