/**
 * The conformance run's input generator (./conformance-inputs.ts) on the corpus's own schemas: each
 * component schema (GitHub's: a seeded sample) yields a valid required-only and full input, and every
 * invalid one it derives is refused. Plain JSON Schema 2020-12 from ./corpus-schemas.ts.
 */
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, test } from "vitest";
import {
  invalidInputs,
  referenceValidator,
  seededSample,
  validInputs,
  withStandardFormats,
} from "./conformance-inputs.ts";
import { fetchCorpus, readPins, type CorpusDocument } from "./corpus-fetch.ts";
import { componentSchemas } from "./corpus-schemas.ts";

const SAMPLE = 150;
const ids = (await readPins()).flatMap((pin) => Object.keys(pin.documents));
let documents: Map<string, CorpusDocument>;

beforeAll(async () => {
  documents = new Map((await fetchCorpus()).map((doc) => [doc.id, doc]));
}, 300_000);

describe("inputs from every corpus document's component schemas", () => {
  test.each(ids)("%s", async (id) => {
    const document = JSON.parse(await readFile(documents.get(id)!.file, "utf8"));
    const schemas = componentSchemas(document);
    const problems: string[] = [];
    let invalid = 0;
    for (const name of seededSample(Object.keys(schemas), SAMPLE, 14)) {
      const schema = withStandardFormats(schemas[name]!);
      const accepts = referenceValidator(schema);
      const { required, full } = validInputs(schema, [accepts]);
      if (required === undefined) problems.push(`${name}: no valid required-only input`);
      if (full === undefined) problems.push(`${name}: no valid full input`);
      for (const bad of invalidInputs(schema, full ?? required, accepts)) {
        invalid++;
        if (accepts(bad.value)) problems.push(`${name} ${bad.name}: accepted`);
      }
    }
    expect(problems).toEqual([]);
    expect(invalid).toBeGreaterThan(0);
  });
});
