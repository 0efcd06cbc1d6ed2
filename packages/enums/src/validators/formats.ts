/**
 * The string formats the generated validators check, one named export per format (a bundle keeps only
 * the ones its schemas use). `scripts/emit/validators.ts` registers these very functions with Ajv when
 * it compiles the validators, and the compiled code imports them from here, so generation and run time
 * can never disagree about what a format means.
 *
 * Each is ajv-formats' "full" definition (ajv-formats 3.0.1, MIT, Evgeny Poberezkin), ported, except
 * `httpUrl` (ours: what a URL a user is sent to must be). A format the list lacks is not checked (the
 * generator warns).
 * @see https://github.com/ajv-validator/ajv-formats
 */
import { isHttpUrl } from "../http-url.js";

/** A string format check. */
export type FormatCheck = (value: string) => boolean;

/**
 * Remembers up to 16 recently accepted short strings: a service sends the same URL on every call, and
 * parsing it is most of a check's cost.
 */
function remembered(check: FormatCheck): FormatCheck {
  const good = new Set<string>();
  return (value) => {
    if (good.has(value)) return true;
    if (!check(value)) return false;
    if (good.size >= 16) good.clear();
    if (value.length <= 2048) good.add(value);
    return true;
  };
}

/**
 * `http-url`: an absolute http(s) URL that browsers and an RFC 3986 parser read as the same host
 * ({@link isHttpUrl}); what a curated link-session URL field's `format: uri` means.
 */
export const httpUrl: FormatCheck = /* @__PURE__ */ remembered(isHttpUrl);

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `date`: RFC 3339 full-date. @see https://www.rfc-editor.org/rfc/rfc3339#section-5.6 */
export const date: FormatCheck = (value) => {
  const m = DATE.exec(value);
  if (m === null) return false;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : DAYS[month]!)
  );
};

const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;

function timeCheck(strictTimeZone: boolean): FormatCheck {
  return (value) => {
    const m = TIME.exec(value);
    if (m === null) return false;
    const hr = +m[1]!;
    const min = +m[2]!;
    const sec = +m[3]!;
    const tzSign = m[5] === "-" ? -1 : 1;
    const tzH = +(m[6] ?? 0);
    const tzM = +(m[7] ?? 0);
    if (tzH > 23 || tzM > 59 || (strictTimeZone && !m[4])) return false;
    if (hr <= 23 && min <= 59 && sec < 60) return true;
    // A leap second: 23:59:60 UTC.
    const utcMin = min - tzM * tzSign;
    const utcHr = hr - tzH * tzSign - (utcMin < 0 ? 1 : 0);
    return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
  };
}

/** `time`: RFC 3339 full-time, time zone required. */
export const time: FormatCheck = /* @__PURE__ */ timeCheck(true);
/** `iso-time`: ISO 8601 time, time zone optional. */
export const isoTime: FormatCheck = /* @__PURE__ */ timeCheck(false);

const DATE_TIME_SEPARATOR = /t|\s/i;

function dateTimeCheck(strictTimeZone: boolean): FormatCheck {
  const timeOf = timeCheck(strictTimeZone);
  return (value) => {
    const parts = value.split(DATE_TIME_SEPARATOR);
    return parts.length === 2 && date(parts[0]!) && timeOf(parts[1]!);
  };
}

/** `date-time`: RFC 3339 date-time, time zone required. */
export const dateTime: FormatCheck = /* @__PURE__ */ dateTimeCheck(true);
/** `iso-date-time`: ISO 8601 date-time, time zone optional. */
export const isoDateTime: FormatCheck = /* @__PURE__ */ dateTimeCheck(false);

const DURATION = /^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/;
/** `duration`: RFC 3339 appendix A. */
export const duration: FormatCheck = (value) => DURATION.test(value);

const NOT_URI_FRAGMENT = /\/|:/;
const URI =
  /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
/** `uri`: an RFC 3986 URI (any scheme: `mailto:` and `javascript:` are URIs). @see https://www.rfc-editor.org/rfc/rfc3986 */
export const uri: FormatCheck = /* @__PURE__ */ remembered(
  (value) => NOT_URI_FRAGMENT.test(value) && URI.test(value),
);

const URI_REFERENCE =
  /^(?:[a-z][a-z0-9+\-.]*:)?(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'"()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?(?:\?(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
/** `uri-reference`: an RFC 3986 URI or relative reference. */
export const uriReference: FormatCheck = (value) => URI_REFERENCE.test(value);

const URI_TEMPLATE =
  /^(?:(?:[^\x00-\x20"'<>%\\^`{|}]|%[0-9a-f]{2})|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?)*\})*$/i;
/** `uri-template`: RFC 6570. @see https://www.rfc-editor.org/rfc/rfc6570 */
export const uriTemplate: FormatCheck = (value) => URI_TEMPLATE.test(value);

const URL_FORMAT =
  /^(?:https?|ftp):\/\/(?:\S+(?::\S*)?@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)(?:\.(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)*(?:\.(?:[a-z\u{00a1}-\u{ffff}]{2,})))(?::\d{2,5})?(?:\/[^\s]*)?$/iu;
/** `url`: a public http(s) or ftp URL. */
export const url: FormatCheck = (value) => URL_FORMAT.test(value);

const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
/** `email`. */
export const email: FormatCheck = (value) => EMAIL.test(value);

const HOSTNAME =
  /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i;
/** `hostname`: RFC 1123. */
export const hostname: FormatCheck = (value) => HOSTNAME.test(value);

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
/** `ipv4`. */
export const ipv4: FormatCheck = (value) => IPV4.test(value);

const IPV6 =
  /^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$/i;
/** `ipv6`. */
export const ipv6: FormatCheck = (value) => IPV6.test(value);

const Z_ANCHOR = /[^\\]\\Z/;
/** `regex`: an ECMAScript regular expression. */
export const regex: FormatCheck = (value) => {
  if (Z_ANCHOR.test(value)) return false;
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
};

const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
/** `uuid`: RFC 4122. */
export const uuid: FormatCheck = (value) => UUID.test(value);

const JSON_POINTER = /^(?:\/(?:[^~/]|~0|~1)*)*$/;
/** `json-pointer`: RFC 6901. */
export const jsonPointer: FormatCheck = (value) => JSON_POINTER.test(value);
const JSON_POINTER_URI_FRAGMENT = /^#(?:\/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$/i;
/** `json-pointer-uri-fragment`. */
export const jsonPointerUriFragment: FormatCheck = (value) => JSON_POINTER_URI_FRAGMENT.test(value);
const RELATIVE_JSON_POINTER = /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/;
/** `relative-json-pointer`. */
export const relativeJsonPointer: FormatCheck = (value) => RELATIVE_JSON_POINTER.test(value);

// Multi-line, as ajv-formats reads it (MIME base64 breaks lines).
const BYTE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/gm;
/** `byte`: base64 (OpenAPI). */
export const byte: FormatCheck = (value) => {
  BYTE.lastIndex = 0;
  return BYTE.test(value);
};

/** `int32` (OpenAPI): a signed 32-bit integer; a number format, so Ajv reads it as `{ type, validate }`. */
export const int32 = {
  type: "number",
  validate: (value: number): boolean =>
    Number.isInteger(value) && value <= 2 ** 31 - 1 && value >= -(2 ** 31),
} as const;

/**
 * Each format name -> the export above that checks it, and for the numeric ones the type they apply to;
 * `true` for formats that are annotations only (OpenAPI's `int64` in JavaScript, `float`, `double`,
 * `password`, `binary`). What the generator registers with Ajv.
 */
export const FORMAT_EXPORTS = {
  "http-url": "httpUrl",
  date: "date",
  time: "time",
  "date-time": "dateTime",
  "iso-time": "isoTime",
  "iso-date-time": "isoDateTime",
  duration: "duration",
  uri: "uri",
  "uri-reference": "uriReference",
  "uri-template": "uriTemplate",
  url: "url",
  email: "email",
  hostname: "hostname",
  ipv4: "ipv4",
  ipv6: "ipv6",
  regex: "regex",
  uuid: "uuid",
  "json-pointer": "jsonPointer",
  "json-pointer-uri-fragment": "jsonPointerUriFragment",
  "relative-json-pointer": "relativeJsonPointer",
  byte: "byte",
  int32: "int32",
} as const;

/** Formats that only annotate: nothing is checked for them. */
export const ANNOTATION_FORMATS: readonly string[] = ["int64", "float", "double", "password", "binary"];
