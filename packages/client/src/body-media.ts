import type { BodyCodec } from "./codecs.js";
import type { SendableBody } from "./prepare-request.js";
import { shown } from "./validation-issues.js";

/** A form field's text: a string, a number or boolean as text, anything else as JSON. */
const formText = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);

/** A body's fields that are set, each value once per array item. */
function fieldsOf(body: unknown): [string, unknown][] {
  return Object.entries(body as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((item): [string, unknown] => [k, item]));
}

/** `application/x-www-form-urlencoded`: each field as text. */
export const FORM_BODY: BodyCodec = {
  encode(body, mediaType) {
    const form = new URLSearchParams();
    for (const [k, v] of fieldsOf(body)) form.append(k, formText(v));
    return { body: form.toString(), contentType: mediaType };
  },
};

/** `multipart/form-data`: a FormData, a Blob as a file part. No content-type: fetch writes it with the boundary. */
export const MULTIPART_BODY: BodyCodec = {
  encode(body) {
    const form = new FormData();
    for (const [k, v] of fieldsOf(body)) form.append(k, v instanceof Blob ? v : formText(v));
    return { body: form };
  },
};

/** A text media: the string as given. */
export const TEXT_BODY: BodyCodec = {
  refuse: (body, mediaType) =>
    typeof body === "string"
      ? undefined
      : `must be a string, the ${mediaType} body as sent (got ${shown(body)})`,
  encode: (body, mediaType) => ({ body: body as string, contentType: mediaType }),
};

const isBinary = (v: unknown): boolean =>
  typeof v === "string" || v instanceof Blob || v instanceof ArrayBuffer || ArrayBuffer.isView(v);

/** Any other media: bytes (or a string) as given. */
export const BINARY_BODY: BodyCodec = {
  refuse: (body) =>
    isBinary(body)
      ? undefined
      : `must be a Blob, an ArrayBuffer, a typed array or a string (got ${shown(body)})`,
  encode: (body, mediaType) => ({ body: body as SendableBody, contentType: mediaType }),
};
