/** How much a change matters to a package's consumers, in semver terms. */
export type ChangeLevel = "major" | "minor" | "patch";

/** The workspace packages a spec change can reach, by folder under packages/. */
export type PackageKey = "types" | "enums" | "client" | "testing";

/** One difference between two models, as a consumer of the packages sees it. */
export interface SpecChange {
  level: ChangeLevel;
  /** The summary line it belongs under, e.g. "Brands added", "Request field added (required)". */
  group: string;
  /** What changed, e.g. "acme-heat", "CreateSupplierLinkSessionRequest.brand is no longer nullable". */
  subject: string;
  /** The packages whose published output it changes (empty: none, e.g. `info.contact`). */
  packages: PackageKey[];
}

/** How much each level matters, for ordering: a higher rank is a larger bump. */
export const LEVEL_RANK: Readonly<Record<ChangeLevel, number>> = { patch: 1, minor: 2, major: 3 };

/** Every package whose output follows request/response/operation shapes. */
export const SHAPE_PACKAGES: readonly PackageKey[] = ["types", "client", "testing"];

/** The higher of two levels (`null` is lower than any). */
export function maxLevel(a: ChangeLevel | null, b: ChangeLevel | null): ChangeLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

/** The highest level per package over `changes`; packages no change reaches are absent. */
export function levelsByPackage(changes: readonly SpecChange[]): Map<PackageKey, ChangeLevel> {
  const levels = new Map<PackageKey, ChangeLevel>();
  for (const change of changes) {
    for (const key of change.packages) levels.set(key, maxLevel(levels.get(key) ?? null, change.level)!);
  }
  return levels;
}

/** Collects changes, once each. */
export class ChangeList {
  readonly changes: SpecChange[] = [];
  readonly #seen = new Map<string, SpecChange>();

  /** Records a change; the same level, group and subject again only adds the packages it reaches. */
  add(level: ChangeLevel, group: string, subject: string, packages: readonly PackageKey[]): void {
    const key = `${level}\0${group}\0${subject}`;
    const known = this.#seen.get(key);
    if (known !== undefined) {
      for (const p of packages) if (!known.packages.includes(p)) known.packages.push(p);
      return;
    }
    const change = { level, group, subject, packages: [...packages] };
    this.#seen.set(key, change);
    this.changes.push(change);
  }
}

/** A JSON rendering for messages: `(none)` for undefined. */
export const show = (value: unknown): string => (value === undefined ? "(none)" : JSON.stringify(value));
