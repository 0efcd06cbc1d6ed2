/**
 * A JSON schema in the compact form the client checks values against at run time. This is the whole
 * format: scripts/emit/client-schemas.ts writes `generated/schemas.ts` in it from the spec (with
 * `$ref`s resolved, descriptions and examples dropped, and `nullable`, `type: [T, "null"]` and
 * `anyOf: [T, { type: "null" }]` all folded into `nullable`), and check-schema.ts interprets it.
 */
export interface ClientSchema {
  /** The JSON type; `integer` is a number with no fraction. Absent: any type. */
  readonly type?: "string" | "integer" | "number" | "boolean" | "object" | "array";
  /** `null` is allowed as well as `type`. */
  readonly nullable?: true;
  /** The allowed values (the enums package's constant when it holds the same list, e.g. `BRANDS`). */
  readonly enum?: readonly unknown[];
  /** What a message calls a long enum's values ("brands"), from the component's name. */
  readonly label?: string;
  /** `uri`: an absolute http(s) URL, as `isHttpUrl` from the enums package reads it. */
  readonly format?: "uri";
  readonly minLength?: number;
  readonly maxLength?: number;
  /** An ECMAScript regular expression source, unanchored as in JSON Schema. */
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  /** Every element of an array. */
  readonly items?: ClientSchema;
  /** Property names an object must have. */
  readonly required?: readonly string[];
  /** The object's known properties, in the spec's order (the order issues are listed in). */
  readonly properties?: Readonly<Record<string, ClientSchema>>;
}
