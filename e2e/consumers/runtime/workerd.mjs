// Runs worker.mjs in workerd through miniflare (which needs Node 22+): bundled first with esbuild, as
// wrangler would, since workerd loads modules but does not resolve node_modules. The fake server's URL and
// key reach the worker as bindings; its outbound fetch to 127.0.0.1 is allowed by miniflare's defaults.
import process from "node:process";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { version as workerdVersion } from "workerd";

const bundle = await build({
  entryPoints: [new URL("./worker.mjs", import.meta.url).pathname],
  bundle: true,
  write: false,
  format: "esm",
  platform: "browser",
  conditions: ["workerd", "worker", "browser"],
  logLevel: "warning",
});
const mf = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0].text,
  compatibilityDate: "2026-07-01",
  bindings: { NOX_BASE_URL: process.env.NOX_BASE_URL, NOX_API_KEY: process.env.NOX_API_KEY },
});
try {
  const response = await mf.dispatchFetch("http://worker.invalid/");
  const text = await response.text();
  if (response.status !== 200) throw new Error(`the worker answered ${response.status}: ${text}`);
  const result = JSON.parse(text);
  console.log(JSON.stringify({ ...result, runtime: `${result.runtime} workerd/${workerdVersion}` }));
} finally {
  await mf.dispose();
}
