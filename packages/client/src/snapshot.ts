import { NoxValidationError } from "./errors.js";

/** Deeper than any request body needs; a bound so a hostile or cyclic value cannot exhaust the stack. */
const MAX_DEPTH = 32;

class Unreadable extends Error {}

function copy(value: unknown, depth: number, path: string, binary: boolean): unknown {
  if (typeof value === "bigint") throw new Unreadable(`${path} is a bigint, which JSON cannot hold`);
  if (typeof value !== "object" || value === null) return value;
  // Binary data (a file part, a binary body) is sent as given: it is not JSON to copy.
  if (binary && (value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value)))
    return value;
  if (depth >= MAX_DEPTH)
    throw new Unreadable(`${path} is nested deeper than ${MAX_DEPTH} levels (a cycle?)`);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    const length = value.length;
    for (let i = 0; i < length; i++) {
      out.push(Object.hasOwn(value, i) ? copy(value[i], depth + 1, `${path}[${i}]`, binary) : undefined);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copy((value as Record<string, unknown>)[key], depth + 1, `${path}.${key}`, binary);
    // An own "__proto__" (JSON.parse makes one) must stay a field: assigning it would set the prototype.
    if (key === "__proto__")
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out;
}

/**
 * One copy of a request body, taken at call time: own enumerable properties only (not inherited ones,
 * not a `toJSON`, each getter read once), recursively, as plain objects and arrays. Leaves are kept as
 * they are, so validation sees a misplaced `undefined` or function; JSON.stringify leaves those out.
 * The copy is what is validated and serialised once, so what is checked is what is sent, on every
 * attempt, whatever the caller's object does later. A getter or Proxy trap that throws, a cycle or a
 * bigint is a {@link NoxValidationError}. `root` names the value in messages (`body`, `params`).
 * `binary` (a multipart or binary body) keeps Blobs, ArrayBuffers and typed arrays as given.
 */
export function snapshotBody(body: unknown, root = "body", method?: string, binary = false): unknown {
  try {
    return copy(body, 0, root, binary);
  } catch (error) {
    const why =
      error instanceof Unreadable
        ? error.message
        : `${root} could not be read: a getter or Proxy threw ${error instanceof Error ? error.name : typeof error}`;
    throw new NoxValidationError([{ field: root, message: why }], method);
  }
}
