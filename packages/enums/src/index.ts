export * from "./generated/values.js";
export * from "./generated/curated-exports.js";
export { isHttpUrl } from "./http-url.js";
