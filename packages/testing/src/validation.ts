/**
 * What the fake needs from a validator (issue #14, decision 3): Ajv's compiled `validate` shape, per
 * operation its parameters (one object of typed values), its body and each answered status' body. The
 * validators come from generated code (see ./spec-validators.ts); nothing here compiles a schema.
 */

/** One validation error as Ajv reports it (with `verbose: true`: the failing `schema` and `parentSchema`). */
export interface ValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Readonly<Record<string, unknown>>;
  message?: string | undefined;
  schema?: unknown;
  parentSchema?: unknown;
  data?: unknown;
}

/** Ajv's validate function: `true`, or `false` with `errors`. */
export interface Validate {
  (data: unknown): boolean;
  errors?: readonly ValidationError[] | null | undefined;
}

/** One operation's validators: parameters (as one object, by name), body, and each documented answer's body by status. */
export interface OperationValidators {
  readonly params?: Validate | undefined;
  readonly body?: Validate | undefined;
  readonly responses: Readonly<Record<string, Validate>>;
}

/** Validators per operationId. */
export type ValidatorTable = Readonly<Record<string, OperationValidators | undefined>>;

/** The outcome of reading and validating a body or parameters: the value, or the 400 message NOX would send. */
export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };
