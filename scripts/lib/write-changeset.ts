import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { LEVEL_RANK, maxLevel, type ChangeLevel, type SpecChange } from "../diff/changes.ts";

/** A package and the semver bump a spec change gives it. */
export interface PackageBump {
  name: string;
  level: ChangeLevel;
}

/** What the summary's headline says about the update. */
export interface SummaryHeading {
  title: string;
  oldVersion: string;
  newVersion: string;
}

/** Subjects listed per group in a summary; the rest are counted. */
export const MAX_SUBJECTS = 25;

/**
 * The readable summary of a spec update: a headline with the old -> new `info.version`, then one
 * bullet a group ("Brands added: a, b"), breaking groups first.
 */
export function summarizeChanges(changes: readonly SpecChange[], heading: SummaryHeading): string {
  const versions =
    heading.oldVersion === heading.newVersion
      ? `${heading.newVersion} (info.version unchanged)`
      : `${heading.oldVersion} -> ${heading.newVersion}`;
  const groups = new Map<string, { level: ChangeLevel; subjects: string[] }>();
  for (const change of changes) {
    const group = groups.get(change.group) ?? { level: change.level, subjects: [] };
    group.level = maxLevel(group.level, change.level)!;
    group.subjects.push(change.subject);
    groups.set(change.group, group);
  }
  const lines = [...groups]
    .map(([name, group], order) => ({ name, ...group, order }))
    .sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || a.order - b.order)
    .map(({ name, subjects }) => {
      // Names read as a list; sentences ("X is now nullable") need a stronger separator.
      const separator = subjects.some((s) => s.includes(" ")) ? "; " : ", ";
      // A release note lists what a reader can take in; GitHub's spec as a first update adds ~900 schemas.
      const shown = subjects.length > MAX_SUBJECTS ? subjects.slice(0, MAX_SUBJECTS - 1) : subjects;
      const more = subjects.length - shown.length;
      return `- ${name}: ${shown.join(separator)}${more > 0 ? `${separator}… and ${more} more` : ""}`;
    });
  return [`Spec update: ${heading.title} ${versions}.`, "", ...lines].join("\n");
}

/** A deterministic, readable file name: `.changeset/spec-update-<info.version>-<sha256 of the spec, 8>.md`. */
export function changesetPath(newVersion: string, specBytes: Buffer): string {
  const version =
    newVersion
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, "-")
      .replace(/^-+|-+$/g, "") || "unversioned";
  const hash = createHash("sha256").update(specBytes).digest("hex").slice(0, 8);
  return `.changeset/spec-update-${version}-${hash}.md`;
}

/** The changeset text: front matter bumping each package, then the summary. */
export function renderChangeset(bumps: readonly PackageBump[], summary: string): string {
  const header = bumps.map(({ name, level }) => `"${name}": ${level}`);
  return ["---", ...header, "---", "", summary, ""].join("\n");
}

/** Writes the changeset at `path` (relative to `root`). */
export async function writeChangeset(root: string, path: string, text: string): Promise<void> {
  const absolute = join(root, path);
  await mkdir(dirname(absolute), { recursive: true });
  await writeFile(absolute, text);
}
