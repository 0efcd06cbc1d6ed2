// OpenAPI 3.0/3.1 component schemas -> one JSON Schema 2020-12 document `{ $defs }` (what Ajv2020 compiles),
// in the *response* direction of issue #14's decision 3: unknown fields pass, enums of more than one value
// are not checked (const / one-value enums kept), oneOf read as anyOf, writeOnly properties not required.
// Or the "strict" direction: enums checked, oneOf kept.
const REF = /^#\/components\/schemas\/(.+)$/;
const MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas", "definitions"]);
const DROP = new Set(["example", "xml", "externalDocs", "discriminator", "nullable", "deprecated", "x-"]);

export function translate(schema, mode, v31, isMap = false, base = "") {
  if (Array.isArray(schema)) return schema.map((s) => translate(s, mode, v31, false, base));
  if (typeof schema !== "object" || schema === null) return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (!isMap && (DROP.has(k) || k.startsWith("x-"))) continue;
    if (!isMap && k === "$ref" && typeof v === "string") {
      const m = REF.exec(v);
      out.$ref = m ? `${base}#/$defs/${m[1]}` : v;
      continue;
    }
    if (!isMap && k === "enum" && mode === "response" && Array.isArray(v) && v.length > 1) continue;
    if (!isMap && k === "oneOf" && mode === "response") {
      out.anyOf = translate(v, mode, v31, false, base);
      continue;
    }
    out[k] = translate(v, mode, v31, !isMap && MAPS.has(k), base);
  }
  if (isMap) return out;
  if (!v31) {
    for (const [ex, lim] of [
      ["exclusiveMinimum", "minimum"],
      ["exclusiveMaximum", "maximum"],
    ]) {
      if (out[ex] === true) {
        out[ex] = out[lim];
        delete out[lim];
      } else if (out[ex] === false) delete out[ex];
    }
  }
  if (mode === "response" && Array.isArray(out.required) && out.properties) {
    const wo = new Set(
      Object.entries(schema.properties ?? {})
        .filter(([, p]) => p?.writeOnly === true)
        .map(([n]) => n),
    );
    if (wo.size > 0) out.required = out.required.filter((n) => !wo.has(n));
  }
  if (schema.nullable === true) {
    if (typeof out.$ref === "string") {
      const { $ref, ...rest } = out;
      return { ...rest, anyOf: [{ $ref }, { type: "null" }] };
    }
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.type === undefined && (out.allOf || out.oneOf || out.anyOf)) {
      const { allOf, oneOf, anyOf, ...rest } = out;
      return {
        anyOf: [
          { type: "null" },
          { ...(allOf && { allOf }), ...(oneOf && { oneOf }), ...(anyOf && { anyOf }) },
        ],
        ...rest,
      };
    }
  }
  return out;
}

export function defsOf(doc, mode, base = "") {
  const v31 = String(doc.openapi).startsWith("3.1");
  return translate(doc.components?.schemas ?? {}, mode, v31, true, base);
}
