/**
 * The corpus test (`pnpm test:corpus`, part of `pnpm test`): every pinned public document
 * (./corpus.json), and NOX's own spec evolved (./nox-evolutions.ts), through update-spec, build, type-check and the generated conformance run, each in
 * its own copy of the repository, two at a time (the corpus vitest config's maxConcurrency). Every
 * document must pass; nothing is skipped.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_CACHE_DIR, fetchCorpus, readPins, type CorpusDocument } from "./corpus-fetch.ts";
import { problemsOf, runDocument, summaryLine, type DocumentResult } from "./corpus-run.ts";
import { NOX_EVOLUTIONS, writeEvolutions } from "./nox-evolutions.ts";

// Longest first, so the two lanes finish together.
const ids = (await readPins()).flatMap((pin) => Object.keys(pin.documents));
// Then NOX's own spec, evolved by each construct issue #14 lists (./nox-evolutions.ts).
const ALL = ["github", ...ids.filter((id) => id !== "github"), ...Object.keys(NOX_EVOLUTIONS)];
// NOX_CORPUS=petstore-3.0,uspto runs only those (while working on one); `pnpm test` runs every one.
const only = process.env.NOX_CORPUS?.split(",").filter(Boolean);
const ORDER = only ? ALL.filter((id) => only.includes(id)) : ALL;

let documents: Map<string, CorpusDocument>;
const results: DocumentResult[] = [];

beforeAll(async () => {
  const evolutions = await writeEvolutions(join(DEFAULT_CACHE_DIR, "nox-evolutions"));
  documents = new Map([...(await fetchCorpus()), ...evolutions].map((doc) => [doc.id, doc]));
}, 300_000);

afterAll(async () => {
  if (results.length === 0) return;
  const sorted = ORDER.flatMap((id) => results.filter((r) => r.id === id));
  console.log(`Corpus summary\n${sorted.map(summaryLine).join("\n")}`);
  await writeFile(join(DEFAULT_CACHE_DIR, "last-run.json"), JSON.stringify(sorted, null, 2));
});

describe.concurrent("every corpus document becomes four building, conforming packages", () => {
  test.each(ORDER)("%s", async (id) => {
    const result = await runDocument(documents.get(id)!);
    results.push(result);
    const problems = problemsOf(result);
    // The list is the message: a diff of it would print it twice.
    expect(problems.length === 0, `${id} did not conform:\n${problems.join("\n")}`).toBe(true);
    const evolution = NOX_EVOLUTIONS[id];
    if (evolution === undefined) return;
    const bumps = result.update?.outcome?.bumps ?? [];
    const levels = Object.fromEntries(
      bumps.map((b) => [b.name.replace("@nox-energy/authenticator-", ""), b.level]),
    );
    expect(levels, `${id}'s release:\n${result.update?.outcome?.summary}`).toEqual(evolution.bumps);
  });
});
