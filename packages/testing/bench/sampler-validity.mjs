// Validity of response samples on the corpus: openapi-sampler 1.7.10 vs json-schema-faker 0.6.3 vs 0.5.9 (randexp).
// node measure.mjs [docs...] > out/measure.txt
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { sample } from "openapi-sampler";
import { generateSync } from "json-schema-faker";
import Ajv2020Mod from "ajv/dist/2020.js";
import addFormatsMod from "ajv-formats";
import { defsOf, translate } from "./openapi-to-json-schema.mjs";

// json-schema-faker 0.5.9 beside 0.6.3: install it into ./jsf05 (see README.md).
import jsf05 from "./jsf05/node_modules/json-schema-faker/dist/main.mjs";
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
const TRIES = Number(process.env.TRIES ?? 10);
const only = process.argv.slice(2);

const isJson = (media) => /^application\/(.+\+)?json\b|^\*\/\*$|^application\/\*$/i.test(media);
const deref = (doc, node) => {
  for (let i = 0; node?.$ref && i < 10; i++) {
    const path = node.$ref
      .replace(/^#\//, "")
      .split("/")
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    node = path.reduce((o, k) => o?.[k], doc);
  }
  return node;
};

function responsesOf(doc) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "put", "post", "delete", "patch", "head", "options", "trace"].includes(method)) continue;
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        const res = deref(doc, r);
        for (const [media, m] of Object.entries(res?.content ?? {})) {
          if (!isJson(media) || m?.schema === undefined) continue;
          out.push({ id: `${method.toUpperCase()} ${path} ${status} ${media}`, schema: m.schema });
          break; // the first JSON media type, as the fake answers
        }
      }
    }
  }
  return out;
}

function summarise(errors) {
  const e = errors[0];
  return e ? `${e.instancePath || "/"} ${e.keyword} ${e.message}` : "";
}

const results = [];
for (const [name, file] of Object.entries(DOCS)) {
  if (only.length && !only.includes(name)) continue;
  const doc = JSON.parse(readFileSync(file, "utf8"));
  const v31 = String(doc.openapi).startsWith("3.1");
  const BASE = "https://doc.example/";
  const ajv = new Ajv2020({ allErrors: false, strict: false, logger: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: BASE, $defs: defsOf(doc, MODE, BASE) });
  const localDefs = defsOf(doc, MODE, "");
  const rows = responsesOf(doc);
  const tally = {
    n: 0,
    osa: 0,
    jsf: 0,
    jsf10: 0,
    j05: 0,
    osaThenJsf: 0,
    compile: 0,
    t: { osa: 0, jsf: 0, j05: 0 },
    thrown: { osa: 0, jsf: 0, j05: 0 },
    bad: {},
  };
  for (const row of rows) {
    let validate;
    try {
      validate = ajv.compile(translate(row.schema, MODE, v31, false, BASE));
    } catch (e) {
      tally.compile++;
      continue;
    }
    tally.n++;
    const attempt = (kind, fn) => {
      const t0 = performance.now();
      let value, thrown;
      try {
        value = fn();
      } catch (e) {
        thrown = e;
      }
      tally.t[kind] += performance.now() - t0;
      if (thrown) {
        tally.thrown[kind]++;
        return { ok: false, why: `THROWS ${String(thrown.message).slice(0, 80)}` };
      }
      const ok = validate(value);
      return { ok, why: ok ? "" : summarise(validate.errors ?? []), value };
    };
    const a = attempt("osa", () => sample(row.schema, { skipWriteOnly: true, quiet: true }, doc));
    const self = { ...translate(row.schema, MODE, v31, false, ""), $defs: localDefs };
    const b = attempt("jsf", () =>
      generateSync(self, {
        seed: 1,
        useExamplesValue: true,
        useDefaultValue: true,
        refDepthMax: 3,
        maxDepth: 6,
      }),
    );
    let b10 = b.ok;
    for (let seed = 2; !b10 && seed <= TRIES; seed++) {
      b10 = attempt("jsf", () =>
        generateSync(self, {
          seed,
          useExamplesValue: seed % 2 === 0,
          useDefaultValue: true,
          refDepthMax: 3,
          maxDepth: 6,
        }),
      ).ok;
    }
    jsf05.option({
      useExamplesValue: true,
      useDefaultValue: true,
      failOnInvalidFormat: false,
      failOnInvalidTypes: false,
      refDepthMax: 3,
      maxItems: 3,
      random: mulberry(1),
    });
    const c = attempt("j05", () => jsf05.generate(self));
    if (a.ok) tally.osa++;
    if (b.ok) tally.jsf++;
    if (b10) tally.jsf10++;
    if (c.ok) tally.j05++;
    if (a.ok || b10) tally.osaThenJsf++;
    if (!a.ok || !b.ok || !c.ok) {
      tally.bad[row.id] = { osa: a.why, jsf: b.why, jsf10: b10, j05: c.why };
    }
  }
  results.push([name, tally]);
  const pct = (k) => `${tally[k]}/${tally.n} (${((100 * tally[k]) / Math.max(1, tally.n)).toFixed(1)}%)`;
  console.log(
    `\n## ${name} (${doc.openapi}, ${MODE}): ${tally.n} response schemas${tally.compile ? `, ${tally.compile} did not compile` : ""}`,
  );
  console.log(
    `  openapi-sampler 1.7.10       valid first try ${pct("osa")}   ${(tally.t.osa / Math.max(1, tally.n)).toFixed(2)} ms/sample, threw ${tally.thrown.osa}`,
  );
  console.log(
    `  json-schema-faker 0.6.3      valid first try ${pct("jsf")}   within ${TRIES} seeds ${pct("jsf10")}   ${(tally.t.jsf / Math.max(1, tally.n)).toFixed(2)} ms/response (all tries), threw ${tally.thrown.jsf}`,
  );
  console.log(
    `  json-schema-faker 0.5.9      valid first try ${pct("j05")}   ${(tally.t.j05 / Math.max(1, tally.n)).toFixed(2)} ms/sample, threw ${tally.thrown.j05}`,
  );
  console.log(`  openapi-sampler, then jsf    ${pct("osaThenJsf")}`);
  const bad = Object.entries(tally.bad);
  for (const [id, why] of bad.slice(0, Number(process.env.SHOW ?? 12))) {
    console.log(
      `    ${id}\n      osa: ${why.osa || "ok"} | jsf: ${why.jsf || "ok"}${why.jsf10 ? " (ok later)" : ""} | 0.5.9: ${why.j05 || "ok"}`,
    );
  }
}

function mulberry(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
