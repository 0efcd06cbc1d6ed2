/**
 * `pnpm bench`: what the NOX client costs over its baselines, measured in one run and printed as ratios.
 *
 * - Per call, with a stubbed fetch (CPU only) and against a loopback server (in a worker thread, so the
 *   server does not share the benchmark's thread): raw `fetch`, bare openapi-fetch `POST`, and
 *   `nox.createLinkSession`. Variants are interleaved round by round, so drift (JIT, GC, thermal)
 *   hits all three alike; each figure is the median over rounds.
 * - Bundle size (ESM, minified + gzipped, with dependencies, by esbuild) of `createNoxClient` vs
 *   openapi-fetch's `createClient` alone, and whether brand labels were tree-shaken away.
 *
 * Run after a build (the script does: `pnpm bench` = build + this file); it prints, it does not assert.
 */
import { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import type { paths } from "@nox-energy/authenticator-types";
import { createNoxClient } from "@nox-energy/authenticator-client";
import { isHttpUrl } from "@nox-energy/authenticator-enums";
import { brandRuleIssue, OPERATION_VALIDATORS } from "@nox-energy/authenticator-enums/validators";
import addFormatsModule from "ajv-formats";
import { buildModel } from "../scripts/model/build-model.ts";
import { loadInputs } from "../scripts/model/load.ts";
import { createAjv, planValidators } from "../scripts/emit/validators.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const KEY = "nox_bench_key";
const BODY = {
  user_id: "u-1",
  asset_type: "hp",
  redirect_url: "https://app.example/cb",
  brand: "daikin",
  language: "en",
} as const;
const SESSION = JSON.stringify({
  link_url: "https://auth.nox.energy/ui?token=abc123&language=en",
  link_token: "abc123",
  brand: "daikin",
  language: "en",
  asset_type: "hp",
  redirect_url: "https://app.example/cb",
  supplier: "Acme Energy",
  supplier_user_id: "u-1",
  completed_at: null,
  created_at: 1703123456,
  expires_at: 1703124056,
});

type Call = () => Promise<unknown>;
type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The three ways to create a link session, all over the same `fetch`. */
function variants(baseUrl: string, fetch: Fetch): Record<string, Call> {
  const url = `${baseUrl}/supplier/link-sessions`;
  const headers = { "content-type": "application/json", "x-api-key": KEY };
  const bare = createClient<paths>({ baseUrl, fetch, headers: { "x-api-key": KEY } });
  const nox = createNoxClient({ apiKey: KEY, baseUrl, fetch });
  return {
    "raw fetch": async () =>
      (await fetch(url, { method: "POST", headers, body: JSON.stringify(BODY) })).json(),
    "bare openapi-fetch POST": async () => (await bare.POST("/supplier/link-sessions", { body: BODY })).data,
    // Reference: what the per-attempt timeout's AbortSignal alone costs openapi-fetch (undici and Node
    // do real work for each signal a Request carries).
    "openapi-fetch POST + signal": async () =>
      (await bare.POST("/supplier/link-sessions", { body: BODY, signal: new AbortController().signal })).data,
    "nox.createLinkSession": () => nox.createLinkSession(BODY),
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Median µs per call of each variant over `rounds` interleaved rounds of `perRound` calls (after a warm-up round). */
async function measure(
  calls: Record<string, Call>,
  rounds: number,
  perRound: number,
): Promise<Map<string, number>> {
  const names = Object.keys(calls);
  const samples = new Map(names.map((n) => [n, [] as number[]]));
  for (let round = -1; round < rounds; round++) {
    // Rotate the order each round so no variant always runs first (or right after a GC-heavy one).
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round + names.length) % names.length] as string;
      const call = calls[name] as Call;
      const start = process.hrtime.bigint();
      for (let n = 0; n < perRound; n++) await call();
      const us = Number(process.hrtime.bigint() - start) / 1000 / perRound;
      if (round >= 0) samples.get(name)?.push(us);
    }
  }
  return new Map(names.map((n) => [n, median(samples.get(n) ?? [])]));
}

function report(title: string, results: Map<string, number>, target: number): string {
  const bare = results.get("bare openapi-fetch POST") ?? Number.NaN;
  const ratio = (results.get("nox.createLinkSession") ?? Number.NaN) / bare;
  const lines = [`\n${title}`];
  for (const [name, us] of results)
    lines.push(
      `  ${name.padEnd(28)} ${us.toFixed(1).padStart(8)} µs/call  ${(us / bare).toFixed(2)}x bare openapi-fetch`,
    );
  lines.push(
    `  => createLinkSession / bare openapi-fetch = ${ratio.toFixed(2)}x (target <= ${target}x: ${ratio <= target ? "met" : "MISSED"})`,
  );
  return lines.join("\n");
}

/** Starts a keep-alive loopback server in a worker thread; resolves to its base URL and a stop function. */
async function startLoopbackServer(): Promise<{ baseUrl: string; stop: () => Promise<number> }> {
  const source = `
    const { createServer } = require("node:http");
    const { parentPort } = require("node:worker_threads");
    const body = ${JSON.stringify(SESSION)};
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(201, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        res.end(body);
      });
    });
    server.keepAliveTimeout = 60000;
    server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));`;
  const worker = new Worker(source, { eval: true });
  const port = await new Promise<number>((resolve) => worker.once("message", resolve));
  return { baseUrl: `http://127.0.0.1:${port}/v2`, stop: () => worker.terminate() };
}

/** Minified + gzipped bytes of an ESM bundle of `entry`, and the bundle's text. */
async function bundle(entry: string): Promise<{ gzip: number; minified: number; text: string }> {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const text = result.outputFiles[0]?.text ?? "";
  return { gzip: gzipSync(text, { level: 9 }).length, minified: Buffer.byteLength(text), text };
}

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: never,
) => unknown;

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

/** Median validations per second of `check(BODY)` over 3 rounds of 200 ms (after a warm-up). */
function opsPerSecond(check: (body: unknown) => unknown): number {
  let sink = 0;
  for (let i = 0; i < 100_000; i++) sink += check(BODY) ? 1 : 0;
  const rates: number[] = [];
  for (let round = 0; round < 3; round++) {
    let n = 0;
    const start = process.hrtime.bigint();
    let now = start;
    while (now - start < 200_000_000n) {
      for (let i = 0; i < 2000; i++) sink += check(BODY) ? 1 : 0;
      n += 2000;
      now = process.hrtime.bigint();
    }
    rates.push(n / (Number(now - start) / 1e9));
  }
  if (sink === -1) console.log(sink);
  return median(rates);
}

/**
 * One request body validated: the client's check (the generated standalone validator plus the brand
 * rule) vs Ajv compiling the same JSON Schema in process (`new Function`) as a service would set it up,
 * with ajv-formats' formats (and `http-url` as `isHttpUrl` itself), and vs Ajv with the generated
 * module's own runtime formats (the same code, compiled at run time).
 */
async function validation(): Promise<string> {
  const model = buildModel(await loadInputs(ROOT));
  const plan = planValidators(model);
  const index = model.operations.findIndex((op) => op.operationId === "createSupplierLinkSession");
  const id = plan.entries.find((e) => e.name === `b${index}`)!.schema.$id;
  const compile = (ajv: ReturnType<typeof createAjv>) => {
    for (const { schema } of plan.entries) ajv.addSchema(schema as object);
    return ajv.getSchema(id)!;
  };
  const own = createAjv();
  addFormats(own as never);
  own.addFormat("http-url", isHttpUrl);
  const ajvOwn = compile(own);
  const sameFormats = compile(createAjv());
  const standalone = OPERATION_VALIDATORS.createSupplierLinkSession.body;
  const rule = { brand: "brand", assetType: "asset_type", brandNullable: true } as const;
  const rates = {
    own: [] as number[],
    same: [] as number[],
    ours: [] as number[],
  };
  // Interleaved, as the per-call figures are: a shared machine's drift hits all three alike.
  for (let round = 0; round < 5; round++) {
    rates.ours.push(opsPerSecond((body) => standalone(body) && brandRuleIssue(body, rule) === undefined));
    rates.own.push(opsPerSecond((body) => ajvOwn(body)));
    rates.same.push(opsPerSecond((body) => sameFormats(body)));
  }
  const [ours, theirs, same] = [median(rates.ours), median(rates.own), median(rates.same)];
  const ratio = ours / theirs;
  const row = (label: string, rate: number) =>
    `  ${label.padEnd(48)} ${(rate / 1e6).toFixed(2).padStart(6)} M/s  ${(rate / theirs).toFixed(2)}x`;
  return [
    "\nValidating one createLinkSession body (valid; 5 x 3 rounds of 200 ms, interleaved)",
    row("Ajv2020 + ajv-formats, compiled in process", theirs),
    row("Ajv2020, compiled in process, runtime formats", same),
    row("generated standalone + brand rule (the client)", ours),
    `  => generated / Ajv's own = ${ratio.toFixed(2)}x (target >= 1x: ${ratio >= 1 ? "met" : "MISSED"})`,
  ].join("\n");
}

async function main(): Promise<void> {
  console.log(`NOX client benchmark — node ${process.version}, ${process.platform}/${process.arch}`);

  const stub: Fetch = async () =>
    new Response(SESSION, { status: 201, headers: { "content-type": "application/json" } });
  console.log(
    report(
      "Stubbed fetch (CPU only; 30 rounds x 1000 calls)",
      await measure(variants("https://auth.nox.energy/v2", stub), 30, 1000),
      1.0,
    ),
  );

  console.log(await validation());

  const server = await startLoopbackServer();
  try {
    const loopback = variants(server.baseUrl, globalThis.fetch);
    // One call per variant per round: loopback jitter on a small shared machine is larger than the
    // difference measured, so the variants alternate call by call and the median of many is kept.
    console.log(
      report(
        "Loopback server (node:http in a worker; 2000 rounds x 1 call)",
        await measure(loopback, 2000, 1),
        1.05,
      ),
    );
  } finally {
    await server.stop();
  }

  const base = await bundle(`export { default as createClient } from "openapi-fetch";`);
  const client = await bundle(`export { createNoxClient } from "@nox-energy/authenticator-client";`);
  const everything = await bundle(`export * from "@nox-energy/authenticator-client";`);
  const ratio = client.gzip / base.gzip;
  console.log("\nBundle (esbuild, ESM, minified + gzip -9, dependencies included)");
  console.log(
    `  openapi-fetch createClient alone     ${kB(base.gzip).padStart(9)}  (${kB(base.minified)} minified)`,
  );
  console.log(
    `  createNoxClient                      ${kB(client.gzip).padStart(9)}  (${kB(client.minified)} minified)`,
  );
  console.log(
    `  the client's every export            ${kB(everything.gzip).padStart(9)}  (${kB(everything.minified)} minified)`,
  );
  console.log(
    `  => createNoxClient / openapi-fetch = ${ratio.toFixed(2)}x (target <= 3x: ${ratio <= 3 ? "met" : "MISSED"})`,
  );
  const labelsGone = !client.text.includes("Saunier Duval");
  console.log(`  brand labels tree-shaken away: ${labelsGone ? "yes" : "NO"}`);
}

await main();
