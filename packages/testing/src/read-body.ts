import type { Route } from "./fake-api.js";
import type { IncomingCall } from "./handle-request.js";
import { parseJsonBody } from "./json-body.js";
import { coerce, propertiesOf } from "./schema-walk.js";
import type { Validate, Validation } from "./validation.js";
import { describeBodyErrors, type FieldHint } from "./validation-messages.js";

type Components = Readonly<Record<string, unknown>>;

/** The media types a body of each kind may be sent as (the spec's own one always among them). */
function accepts(route: NonNullable<Route["body"]>, mediaType: string): boolean {
  const declared = route.mediaType.split(";")[0]!.trim().toLowerCase();
  if (mediaType === declared) return true;
  switch (route.kind) {
    case "json":
      return (
        /^application\/(.+\+)?json$/.test(mediaType) && (declared === "*/*" || declared.endsWith("json"))
      );
    case "text":
      return declared.endsWith("/*") && mediaType.startsWith(declared.slice(0, -1));
    case "binary":
      return declared === "application/octet-stream" || declared.endsWith("/*") || declared === "*/*";
    default:
      return false;
  }
}

/** Form fields (urlencoded or multipart) as an object, each read as its property's schema says. */
function fieldsOf(
  entries: Iterable<[string, string]>,
  schema: unknown,
  components: Components,
): Record<string, unknown> {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of entries) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  const properties = propertiesOf(schema, components);
  return Object.fromEntries(
    [...grouped].map(([key, values]) => {
      const property = properties.get(key);
      return [key, coerce(values.length === 1 ? values[0]! : values, property, components)];
    }),
  );
}

async function parse(
  route: NonNullable<Route["body"]>,
  call: IncomingCall,
  components: Components,
): Promise<Validation<unknown>> {
  switch (route.kind) {
    case "json":
      return parseJsonBody(call.bodyText);
    case "form":
      return { ok: true, value: fieldsOf(new URLSearchParams(call.bodyText), route.schema, components) };
    case "multipart": {
      let form: FormData;
      try {
        const bytes = call.bodyBytes ?? new TextEncoder().encode(call.bodyText);
        const headers = { "content-type": call.headers["content-type"] ?? "" };
        form = await new Response(bytes, { headers }).formData();
      } catch {
        return { ok: false, error: "Request body must be valid multipart/form-data" };
      }
      // A file part is validated as its text (the spec's `format: binary` string).
      const entries: [string, string][] = [];
      for (const [key, value] of form)
        entries.push([key, typeof value === "string" ? value : await value.text()]);
      return { ok: true, value: fieldsOf(entries, route.schema, components) };
    }
    default:
      return { ok: true, value: call.bodyText };
  }
}

/**
 * The route's request body: sent as its media type (JSON, form, multipart, text or binary), parsed
 * and validated (400 messages in the spec's style); `undefined` for a route without one, or an
 * optional body left out.
 */
export async function readBody(
  route: Route,
  call: IncomingCall,
  validate: Validate | undefined,
  components: Components,
  hint?: (body: unknown) => FieldHint | undefined,
): Promise<Validation<unknown>> {
  const body = route.body;
  if (body === null) return { ok: true, value: undefined };
  if (!body.required && call.bodyText === "") {
    return { ok: true, value: undefined };
  }
  const mediaType = call.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (mediaType === undefined || !accepts(body, mediaType)) {
    return {
      ok: false,
      error: `Content-Type must be ${body.mediaType}, got ${mediaType === undefined ? "none" : mediaType}`,
    };
  }
  const parsed = await parse(body, call, components);
  if (!parsed.ok || body.kind === "binary" || validate === undefined) return parsed;
  if (validate(parsed.value)) return parsed;
  return { ok: false, error: describeBodyErrors(parsed.value, validate.errors ?? [], hint?.(parsed.value)) };
}
