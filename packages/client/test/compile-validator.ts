import { isHttpUrl } from "@nox-energy/authenticator-enums";
import type { Validate } from "@nox-energy/authenticator-enums/validators";
import Ajv2020Module from "ajv/dist/2020.js";

type Ajv = InstanceType<typeof Ajv2020Module.default>;
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as new (
  options: object,
) => Ajv;

// As scripts/emit/validators.ts compiles them (its annotations registered), for descriptors a test builds by hand.
const ajv = new Ajv2020({
  allErrors: true,
  verbose: true,
  messages: false,
  strict: false,
  unicodeRegExp: true,
});
ajv.addFormat("http-url", isHttpUrl);
ajv.addKeyword({ keyword: "x-expected", schemaType: "string" });
ajv.addKeyword({ keyword: "x-known", schemaType: "array" });

/** A validator like the generated ones, compiled in the test (a test may use Ajv's `new Function`; the package never does). */
export function compileValidator(schema: object): Validate {
  return ajv.compile(schema) as unknown as Validate;
}

/** A required string parameter or field as the generator prints it for a request: not blank. */
export const NON_BLANK = { type: "string", pattern: "\\S", "x-expected": "a non-empty string" } as const;
