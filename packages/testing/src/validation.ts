/**
 * What the fake needs from a validator (issue #14, decision 3): the generated validators'
 * shape, per operation its parameters (one object of typed values), its body and each success body.
 */
import type { OperationValidators } from "@nox-energy/authenticator-enums/validators";

export type {
  OperationValidators,
  Validate,
  ValidationError,
} from "@nox-energy/authenticator-enums/validators";

/** Validators per operationId. */
export type ValidatorTable = Readonly<Record<string, OperationValidators | undefined>>;

/** The outcome of reading and validating a body or parameters: the value, or the 400 message NOX would send. */
export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };
