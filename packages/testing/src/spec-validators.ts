import { OPERATION_VALIDATORS } from "@nox-energy/authenticator-enums/validators";
import type { ValidatorTable } from "./validation.js";

/**
 * The validators of the vendored spec's operations: the generated ones the client uses too
 * (`@nox-energy/authenticator-enums/validators`, Ajv standalone code compiled by `pnpm generate`).
 */
export const SPEC_VALIDATORS: ValidatorTable = OPERATION_VALIDATORS;
