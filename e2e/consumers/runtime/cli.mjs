// Bun and Deno run this file: the flow against the fake server named by NOX_BASE_URL, one JSON line out.
import process from "node:process";
import { runFlows } from "./flow.mjs";

const result = await runFlows({
  baseUrl: process.env.NOX_BASE_URL,
  apiKey: process.env.NOX_API_KEY,
  runtime: navigator.userAgent,
});
console.log(JSON.stringify(result));
