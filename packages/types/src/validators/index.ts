/**
 * `@nox-energy/authenticator-types/validators`: the spec's validators, compiled by Ajv when
 * `pnpm generate` ran (no schema compiler, `eval` or `new Function` at run time),
 * and `isHttpUrl`, the http(s)-URL check its link-session URL fields use.
 */
export { CURATED_VALIDATORS, OPERATION_VALIDATORS } from "../generated/validators.js";
export { isHttpUrl } from "./http-url.js";
export type { OperationValidators, Validate, ValidationError } from "./types.js";
