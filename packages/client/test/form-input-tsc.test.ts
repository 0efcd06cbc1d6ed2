import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brandsFor } from "@nox-energy/authenticator-enums";
import { TSC_5_4 } from "@nox-energy/tool-typescript-5.4/tsc";
import { TSC_NATIVE } from "@nox-energy/tool-typescript-native/tsc";
import { beforeAll, describe, expect, test } from "vitest";

// The real compilers on fixture files that import the built package as a service does (the package's
// own name, resolved to dist/): the oldest supported TypeScript and the native one (7). The fixtures'
// tsconfig is the repository's strict base. Run after `pnpm build` (turbo's test task builds first).

const FIXTURES = fileURLToPath(new URL("./fixtures/form-input/", import.meta.url));
const COMPILERS = [
  ["5.4", TSC_5_4],
  ["7.0", TSC_NATIVE],
] as const;

/** tsc's diagnostics, by fixture file: each error with its continuation lines. */
async function compile(tsc: string): Promise<Map<string, string[]>> {
  const result = await promisify(execFile)(
    process.execPath,
    [tsc, "-p", "tsconfig.json", "--pretty", "false"],
    {
      cwd: FIXTURES,
    },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  const byFile = new Map<string, string[]>();
  for (const block of result.stdout.split(/\n(?=\S)/).filter((b) => b.trim() !== "")) {
    const file = /^([\w.-]+\.ts)\(/.exec(block)?.[1] ?? "(tsconfig)";
    byFile.set(file, [...(byFile.get(file) ?? []), block.trimEnd()]);
  }
  return byFile;
}

describe.each(COMPILERS)("TypeScript %s on form input", (_version, tsc) => {
  let errors: Map<string, string[]>;
  beforeAll(async () => {
    errors = await compile(tsc);
  }, 120_000);

  test("the good paths compile: toLinkSessionRequest, safeLinkSessionRequest, narrowed literals, every earlier call", () => {
    expect(errors.get("good.ts")).toBeUndefined();
    expect(errors.get("(tsconfig)")).toBeUndefined();
  });

  test("a PV brand with asset_type hp names the brand, the asset type and the brands to use instead", () => {
    const [literal, variable] = errors.get("wrong-brand.ts") ?? [];
    const hp = brandsFor("hp");
    expect(literal).toContain(
      `Type '"solaredge"' is not assignable to type '"solaredge is not a brand for asset_type hp: use one of ${hp.join(", ")}, or null"'.`,
    );
    // One line: the object literal's property is the error's subject.
    expect(literal?.split("\n")).toHaveLength(1);
    // A body in a variable: the same sentence, for the PV list cut to fit what tsc prints.
    const pv = brandsFor("pv");
    expect(variable).toMatch(
      new RegExp(
        `Type '"daikin"' is not assignable to type '"daikin is not a brand for asset_type pv: use one of ${pv.slice(0, 3).join(", ")}, [^']* and \\d+ more, or null"'\\.$`,
      ),
    );
  });

  test("asset_type still a union after the guards says so and points to toLinkSessionRequest", () => {
    const [union, unchecked] = errors.get("union-asset-type.ts") ?? [];
    expect(union).toContain(
      `Type '"hp" | "pv"' is not assignable to type '"asset_type is hp | pv here, not one value, so brand cannot be checked against it: parse the input with toLinkSessionRequest(input), or narrow asset_type to one value first"'.`,
    );
    expect(unchecked).toContain(
      `is not assignable to type '"brand is not checked against asset_type hp here: narrow it with isBrandForAssetType(brand, asset_type), or parse the input with toLinkSessionRequest(input)"'.`,
    );
  });

  test("no error names an internal helper or cuts the message at the point that matters", () => {
    const all = [...errors.values()].flat();
    expect(all).toHaveLength(4);
    for (const error of all) {
      expect(error).not.toMatch(/Flatten|OptionalAcceptsUndefined|BrandRuleMismatch|CheckBrandForAssetType/);
      expect(error.split("\n").length).toBeLessThanOrEqual(3);
    }
  });
});
