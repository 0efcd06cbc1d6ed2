// The fake's pipeline on every corpus response schema: A openapi-sampler; B openapi-sampler over the schemas with
// their examples removed (examples that break their schema are the main failure); C json-schema-faker 0.6.3, seeds 1..10.
// MODE=response|strict node pipeline.mjs [docs...]
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { sample } from "openapi-sampler";
import { generateSync } from "json-schema-faker";
import Ajv2020Mod from "ajv/dist/2020.js";
import addFormatsMod from "ajv-formats";
import { defsOf, translate } from "./openapi-to-json-schema.mjs";
const Ajv2020 = Ajv2020Mod.default,
  addFormats = addFormatsMod.default;
const EX = "/work/corpus-cache/oas-examples-8.2.2/package";
const DOCS = {
  "petstore-3.0": `${EX}/3.0/json/petstore.json`,
  "petstore-3.1": `${EX}/3.1/json/petstore.json`,
  "petstore-expanded": `${EX}/3.0/json/petstore-expanded.json`,
  uspto: `${EX}/3.0/json/uspto.json`,
  webhooks: `${EX}/3.1/json/webhooks.json`,
  "train-travel": `${EX}/3.1/json/train-travel.json`,
  "star-trek": `${EX}/3.0/json/star-trek.json`,
  nox: "/work/wt/fake/spec/openapi-supplier-auth-v2.json",
  github: "/work/corpus-cache/octokit-openapi-23.0.2/package/generated/api.github.com.json",
};
const MODE = process.env.MODE ?? "response";
const only = process.argv.slice(2);
const isJson = (m) => /^application\/(.+\+)?json\b|^\*\/\*$/i.test(m);
const deref = (doc, node) => {
  for (let i = 0; node?.$ref && i < 10; i++)
    node = node.$ref
      .replace(/^#\//, "")
      .split("/")
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((o, k) => o?.[k], doc);
  return node;
};
const strip = (s) =>
  Array.isArray(s)
    ? s.map(strip)
    : s && typeof s === "object"
      ? Object.fromEntries(
          Object.entries(s)
            .filter(([k]) => k !== "example" && k !== "examples")
            .map(([k, v]) => [k, strip(v)]),
        )
      : s;
// strip() also removes a *property* named example/examples: keep properties maps intact.
const stripSchemas = (s, map = false) =>
  Array.isArray(s)
    ? s.map((x) => stripSchemas(x))
    : s && typeof s === "object"
      ? Object.fromEntries(
          Object.entries(s)
            .filter(([k]) => map || (k !== "example" && k !== "examples"))
            .map(([k, v]) => [k, stripSchemas(v, !map && (k === "properties" || k === "patternProperties"))]),
        )
      : s;
const total = { n: 0, A: 0, B: 0, C: 0, none: 0, tA: 0, tB: 0, tC: 0 };
for (const [name, file] of Object.entries(DOCS)) {
  if (only.length && !only.includes(name)) continue;
  const doc = JSON.parse(readFileSync(file, "utf8"));
  const bare = {
    ...doc,
    components: { ...doc.components, schemas: stripSchemas(doc.components?.schemas ?? {}, true) },
  };
  const v31 = String(doc.openapi).startsWith("3.1");
  const BASE = "https://doc.example/";
  const ajv = new Ajv2020({ strict: false, logger: false });
  addFormats(ajv);
  ajv.addSchema({ $id: BASE, $defs: defsOf(doc, MODE, BASE) });
  const local = defsOf(doc, MODE, "");
  const t = { n: 0, A: 0, B: 0, C: 0, none: 0, tA: 0, tB: 0, tC: 0, left: [] };
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const [method, op] of Object.entries(item)) {
      if (!op?.responses) continue;
      for (const [status, r] of Object.entries(op.responses)) {
        const media = Object.entries(deref(doc, r)?.content ?? {}).find(([m, x]) => isJson(m) && x?.schema);
        if (!media) continue;
        const schema = media[1].schema;
        const validate = ajv.compile(translate(schema, MODE, v31, false, BASE));
        t.n++;
        const time = (k, f) => {
          const t0 = performance.now();
          try {
            return f();
          } catch {
            return Symbol.for("threw");
          } finally {
            t[k] += performance.now() - t0;
          }
        };
        if (validate(time("tA", () => sample(schema, { skipWriteOnly: true, quiet: true }, doc)))) {
          t.A++;
          continue;
        }
        if (
          validate(time("tB", () => sample(stripSchemas(schema), { skipWriteOnly: true, quiet: true }, bare)))
        ) {
          t.B++;
          continue;
        }
        const self = {
          ...translate(stripSchemas(schema), MODE, v31, false, ""),
          $defs: stripSchemas(local, true),
        };
        let ok = false;
        for (let seed = 1; seed <= 10 && !ok; seed++)
          ok = validate(time("tC", () => generateSync(self, { seed, refDepthMax: 3, maxDepth: 6 })));
        if (ok) t.C++;
        else {
          t.none++;
          t.left.push(
            `${method.toUpperCase()} ${path} ${status}: ${validate.errors?.[0]?.instancePath} ${validate.errors?.[0]?.message}`,
          );
        }
      }
    }
  const p = (x) => `${x} (${((100 * x) / Math.max(1, t.n)).toFixed(1)}%)`;
  console.log(
    `${name.padEnd(18)} ${MODE} n=${String(t.n).padStart(4)}  A openapi-sampler ${p(t.A)}  +B no-examples ${p(t.B)}  +C jsf ${p(t.C)}  invalid ${p(t.none)}  ms: A ${t.tA.toFixed(0)} B ${t.tB.toFixed(0)} C ${t.tC.toFixed(0)}`,
  );
  for (const l of t.left) console.log(`   left: ${l}`);
  for (const k of Object.keys(total)) total[k] += t[k];
}
console.log(`total ${JSON.stringify(total)}`);
