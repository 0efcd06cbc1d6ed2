import { describe, expect, test } from "vitest";
import type { SpecChange } from "../diff/changes.ts";
import { MAX_SUBJECTS, summarizeChanges } from "../lib/write-changeset.ts";

const heading = { title: "Example API", oldVersion: "1.0.0", newVersion: "2.0.0" };
const added = (subject: string): SpecChange => ({
  level: "minor",
  group: "Schemas added",
  subject,
  packages: ["types"],
});

describe("summarizeChanges", () => {
  test("lists every subject of a short group", () => {
    const summary = summarizeChanges(["A", "B"].map(added), heading);
    expect(summary).toBe("Spec update: Example API 1.0.0 -> 2.0.0.\n\n- Schemas added: A, B");
  });

  // GitHub's spec as a first update: ~900 schemas on one line made the changeset unreadable.
  test("cuts a long group and counts the rest", () => {
    const names = Array.from({ length: 900 }, (_, i) => `S${i}`);
    const line = summarizeChanges(names.map(added), heading).split("\n").at(-1)!;
    expect(line.split(", ")).toHaveLength(MAX_SUBJECTS);
    expect(line).toMatch(/^- Schemas added: S0, S1, .*, S23, … and 876 more$/);
  });
});
