import { BRANDS_FILE, LABELS_FILE, LINK_CALLBACK_FILE, METHOD_NAMES_FILE } from "../lib/repo.ts";
import { isObject } from "./schemas.ts";
import type {
  BrandRule,
  CuratedBrand,
  CuratedLabels,
  CuratedPlugins,
  CuratedSchema,
  EnumInfo,
  LinkSession,
  Misfit,
  Operation,
  Schema,
} from "./types.ts";

/**
 * The spec enums the curated brand data describes. This module is the one place that names them:
 * when the spec drops or renames one, the data is reported as a misfit and the rest still generates.
 */
export const CURATED_ENUMS = { brand: "Brand", assetType: "AssetType", language: "Language" } as const;

interface BrandFacts {
  label?: unknown;
  asset_types?: unknown;
}

const isString = (v: unknown): v is string => typeof v === "string";

/** The values of the spec's component string enum `name`, or `null` when it has none. */
export function findEnum(enums: readonly EnumInfo[], name: string): string[] | null {
  const found = enums.find((e) => e.named && e.name === name);
  return found && found.values.every(isString) ? (found.values as string[]) : null;
}

/**
 * Reads spec/method-names.json's `names`: operationId -> the client's method name, or a list whose first
 * entry is the method name and the rest extra aliases (to keep an old name when upstream renames an id).
 * Names of operations the spec lacks are misfits.
 */
export function readMethodNames(
  raw: unknown,
  operationIds: readonly string[],
  misfits: Misfit[],
): Record<string, readonly string[]> {
  const names = isObject(raw) && isObject(raw.names) ? raw.names : {};
  const kept: Record<string, readonly string[]> = {};
  const unknown: string[] = [];
  for (const [id, value] of Object.entries(names)) {
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || !list.every((n) => isString(n) && /^[A-Za-z_$][\w$]*$/.test(n))) {
      misfits.push({
        file: METHOD_NAMES_FILE,
        kind: "bad-name",
        subjects: [id],
        message: `not JavaScript identifiers: ${id} -> ${JSON.stringify(value)}\n    fix the names.`,
      });
    } else if (operationIds.includes(id)) kept[id] = list as string[];
    else unknown.push(id);
  }
  if (unknown.length > 0) {
    misfits.push({
      file: METHOD_NAMES_FILE,
      kind: "unknown-operation",
      subjects: unknown,
      message: `names operations the spec no longer has: ${unknown.join(", ")}\n    point each at its new operationId, or remove it.`,
    });
  }
  return kept;
}

type Miss = (kind: string, subjects: string[], what: string, todo: string) => void;

/** Records a brands.json misfit (nothing when `subjects` is empty). */
function missIn(misfits: Misfit[]): Miss {
  return (kind, subjects, what, todo) => {
    if (subjects.length === 0) return;
    misfits.push({
      file: BRANDS_FILE,
      kind,
      subjects,
      message: `${what}: ${subjects.join(", ")}\n    ${todo}`,
    });
  };
}

/** Each brand's label and asset types as far as they fit; brands with bad facts are named. */
function placeBrands(
  brands: readonly string[],
  data: Readonly<Record<string, BrandFacts>>,
  assetTypes: readonly string[],
  miss: Miss,
): CuratedBrand[] {
  const bad: string[] = [];
  const unlabelled: string[] = [];
  const placed = brands.map((brand): CuratedBrand => {
    const facts = data[brand];
    const types = Array.isArray(facts?.asset_types) ? facts.asset_types : [];
    const valid =
      types.length > 0 &&
      types.every((t) => assetTypes.includes(t as string)) &&
      new Set(types).size === types.length;
    if (facts && !valid) bad.push(brand);
    const label = isString(facts?.label) && facts.label.trim() !== "" ? facts.label : null;
    if (facts && label === null) unlabelled.push(brand);
    return { brand, label: label ?? brand, assetTypes: assetTypes.filter((t) => types.includes(t)) };
  });
  miss(
    "bad-asset-types",
    bad,
    "without valid asset types",
    `give each a non-empty, duplicate-free "asset_types" list from: ${assetTypes.join(", ")}.`,
  );
  miss("unlabelled", unlabelled, "without a display label", 'give each a non-empty "label".');
  return placed;
}

/** Places the spec's brands under asset types with labels, as far as spec/brands.json fits the spec. */
export function readBrands(
  raw: unknown,
  enums: readonly EnumInfo[],
  misfits: Misfit[],
): { brands: CuratedBrand[]; assetTypes: string[] } {
  const data: Record<string, BrandFacts> =
    isObject(raw) && isObject(raw.brands) ? (raw.brands as Record<string, BrandFacts>) : {};
  const curatedTypes = [
    ...new Set(
      Object.values(data).flatMap((f) =>
        Array.isArray(f.asset_types) ? f.asset_types.filter(isString) : [],
      ),
    ),
  ];
  const miss = missIn(misfits);
  const found = Object.values(CURATED_ENUMS).map((name) => [name, findEnum(enums, name)] as const);
  for (const [name, values] of found) {
    if (values === null) {
      miss(
        "missing-enum",
        [name],
        "no string enum in the spec's components.schemas for",
        `its exports come from ${BRANDS_FILE} alone (or are empty) until the data is reconciled with the spec.`,
      );
    }
  }
  const assetTypes = findEnum(enums, CURATED_ENUMS.assetType) ?? curatedTypes;
  const brands = findEnum(enums, CURATED_ENUMS.brand) ?? Object.keys(data);
  miss(
    "unplaced",
    brands.filter((b) => !Object.hasOwn(data, b)),
    "in the spec but not placed",
    `add each under "brands" with its "label" and "asset_types" (one or more of ${assetTypes.join(", ")}).`,
  );
  miss(
    "unknown",
    Object.keys(data).filter((b) => !brands.includes(b)),
    "in the data file but not in the spec",
    "remove them, or rename them to the spec's new value if upstream renamed a brand.",
  );
  return { brands: placeBrands(brands, data, assetTypes, miss), assetTypes };
}

const refersTo = (schema: Schema, name: string) => schema.kind === "ref" && schema.ref === name;

/**
 * The request the brand rule applies to: the first operation whose request body is a component with a
 * property typed by the spec's `Brand` enum and one typed by its `AssetType` enum. Without one the rule
 * has nothing to check (the types package's request types are then the spec's request as is): a misfit.
 */
export function findBrandRule(
  operations: readonly Operation[],
  schemas: ReadonlyMap<string, Schema>,
  misfits: Misfit[],
): BrandRule | null {
  for (const op of operations) {
    const body = op.requestBody?.schema;
    if (body?.kind !== "ref" || body.nullable || !/^[A-Za-z_$][\w$]*$/.test(body.ref!)) continue;
    const props = schemas.get(body.ref!)?.properties ?? [];
    const brand = props.find((p) => refersTo(p.schema, CURATED_ENUMS.brand));
    const assetType = props.find((p) => refersTo(p.schema, CURATED_ENUMS.assetType) && !p.schema.nullable);
    if (brand && assetType) {
      return {
        operationId: op.operationId,
        request: body.ref!,
        brand: { key: brand.name, required: brand.required },
        assetType: { key: assetType.name, required: assetType.required },
      };
    }
  }
  missIn(misfits)(
    "no-brand-rule",
    [`${CURATED_ENUMS.brand} for ${CURATED_ENUMS.assetType}`],
    `no request body in the spec has a property typed by \`${CURATED_ENUMS.brand}\` and one by \`${CURATED_ENUMS.assetType}\`, so the brand rule has nothing to check`,
    "the brand-rule types (CheckedCreateLinkSessionRequest, BrandsByAssetType, ...) are left out until one does (scripts/model/curated.ts names the enums).",
  );
  return null;
}

/** The client method the link-session plug-ins serve (curated in spec/method-names.json). */
export const LINK_SESSION_METHOD = "createLinkSession";

const isJson = (mediaType: string | undefined) =>
  mediaType !== undefined && /^application\/(.+\+)?json\b/.test(mediaType);

/**
 * The operation the link-session plug-ins serve: the one spec/method-names.json names `createLinkSession`,
 * when it takes a JSON body and answers a JSON success body. The plug-ins check the fields they read.
 */
export function findLinkSession(
  operations: readonly Operation[],
  _schemas: ReadonlyMap<string, Schema>,
): LinkSession | null {
  const op = operations.find(
    (o) => o.methodName === LINK_SESSION_METHOD || o.aliases.includes(LINK_SESSION_METHOD),
  );
  const body = op?.requestBody;
  const success = op?.responses.find(
    (r) => op.successStatuses.includes(r.status) && isJson(r.mediaType) && r.schema !== undefined,
  );
  if (op === undefined || body === undefined || !isJson(body.mediaType) || success === undefined) return null;
  return { operationId: op.operationId, request: body.schema, response: success.schema! };
}

/** What decides which curated plug-ins are on (see {@link CuratedPlugins}). */
interface PluginInputs {
  enums: readonly EnumInfo[];
  labels: CuratedLabels | null;
  brandRule: BrandRule | null;
  linkSession: LinkSession | null;
  linkCallback: CuratedSchema | null;
  misfits: Misfit[];
}

/**
 * Which curated plug-ins fit the spec. A plug-in that is off has its API left out of the packages; when
 * its curated file exists (so someone meant it to be on), the reason is a misfit.
 */
export function readPlugins(inputs: PluginInputs): CuratedPlugins {
  const has = (name: string) => findEnum(inputs.enums, name) !== null;
  const labels = inputs.labels !== null && has(CURATED_ENUMS.assetType) && has(CURATED_ENUMS.language);
  if (inputs.labels !== null && !labels) {
    inputs.misfits.push({
      file: LABELS_FILE,
      kind: "plugin-off",
      subjects: ["labels"],
      message: `the labels plug-in needs the spec's \`${CURATED_ENUMS.assetType}\` and \`${CURATED_ENUMS.language}\` string enums\n    assetTypeLabel, languageLabel and the label tables are left out until the spec has both (or remove ${LABELS_FILE}).`,
    });
  }
  const linkSession = inputs.linkSession !== null;
  const callbackFits =
    inputs.linkCallback !== null && !inputs.misfits.some((m) => m.file === LINK_CALLBACK_FILE);
  if (inputs.linkCallback !== null && callbackFits && !linkSession) {
    inputs.misfits.push({
      file: LINK_CALLBACK_FILE,
      kind: "plugin-off",
      subjects: ["link-callback"],
      message: `the link-callback plug-in needs the link-session operation (the one ${METHOD_NAMES_FILE} names ${LINK_SESSION_METHOD}, with a JSON body and JSON success response)\n    LinkCallback and parseLinkCallback are left out until the spec has it (or remove ${LINK_CALLBACK_FILE}).`,
    });
  }
  return {
    brands: has(CURATED_ENUMS.brand),
    labels,
    brandRule: inputs.brandRule !== null,
    linkSession,
    linkCallback: linkSession && callbackFits,
  };
}

const MISFIT_TOPICS: Readonly<Record<string, string>> = {
  [BRANDS_FILE]: "the spec's brands",
  [LABELS_FILE]: "the spec's asset types and languages",
  [LINK_CALLBACK_FILE]: "what the generator reads",
};

/** A message naming each misfit, the file it sits in, and what to do about it. */
export function describeMisfits(misfits: readonly Misfit[]): string {
  const files = [...new Set(misfits.map((m) => m.file))];
  return files
    .flatMap((file) => [
      `${file} no longer matches ${MISFIT_TOPICS[file] ?? "the spec's operations"}:`,
      ...misfits.filter((m) => m.file === file).map((m) => `  - ${m.message}`),
      `Edit ${file}, then run \`pnpm generate\`.`,
    ])
    .join("\n");
}
