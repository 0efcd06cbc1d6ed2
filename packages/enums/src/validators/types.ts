/**
 * One error of a generated validator: Ajv's `ErrorObject`, compiled with `verbose` (so `schema`,
 * `parentSchema` and `data` are set), for messages that name what was expected.
 */
export interface ValidationError {
  /** JSON pointer (RFC 6901) of the value in the data: `""` for the root, `/brand`, `/items/0`. */
  readonly instancePath: string;
  /** Where in the compiled schema the failing keyword sits (not unique across components). */
  readonly schemaPath: string;
  /** The failing keyword: `type`, `required`, `enum`, `format`, `unevaluatedProperties`, ... */
  readonly keyword: string;
  /** The keyword's details (`missingProperty`, `allowedValues`, `unevaluatedProperty`, `format`, `limit`, ...). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Ajv's own English message. */
  readonly message?: string;
  /** The keyword's value in the schema (`verbose`). */
  readonly schema?: unknown;
  /** The schema object holding the keyword (`verbose`): its `properties`, `enum`, `type`, ... */
  readonly parentSchema?: Readonly<Record<string, unknown>>;
  /** The value that failed (`verbose`). */
  readonly data?: unknown;
}

/** A generated validator: `true`, or `false` with `errors` set (every error: compiled with `allErrors`). */
export interface Validate {
  (data: unknown): boolean;
  errors?: readonly ValidationError[] | null;
}

/** The validators of one operation, each present only when the operation has what it checks. */
export interface OperationValidators {
  /**
   * The operation's parameters as one object, `{ [name]: value }`, values typed as the schema says
   * (path, query and header parameters; header names lower-case; unknown names refused). Absent when
   * the operation has none.
   */
  readonly params?: Validate | undefined;
  /** The request body (request rules), when it has a schema the validator can read (JSON, form, multipart). */
  readonly body?: Validate | undefined;
  /** Each success status' JSON body (response rules: lenient), by status (`"201"`). */
  readonly responses: Readonly<Record<string, Validate>>;
}
