/** A spec construct the model does not support, or a spec too broken to model; names where it sits. */
export class ModelError extends Error {
  override name = "ModelError";
  /** The JSON pointer of the construct, e.g. `#/components/schemas/Brand/not`. */
  readonly pointer: string;

  constructor(pointer: string, message: string, options?: ErrorOptions) {
    super(`${pointer}: ${message}`, options);
    this.pointer = pointer;
  }
}

/** A JSON pointer with `key` appended (escaped per RFC 6901). */
export function child(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`;
}
