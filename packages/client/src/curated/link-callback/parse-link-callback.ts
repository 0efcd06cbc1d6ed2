import { NoxCallbackError, NoxConfigurationError, type NoxValidationIssue } from "../../errors.js";
import { linkCallbackValidator, type LinkCallback } from "../../generated/curated.js";
import { didYouMean, issuesFrom, shown } from "../../validation-issues.js";

/** The checks {@link parseLinkCallback} makes besides whose callback it is. */
interface CallbackChecks {
  /** Refuse a payload whose `connected_at` is older than this, or later than now plus a minute of clock skew. */
  maxAgeSeconds?: number | undefined;
  /** The current time in Unix seconds (default: the clock); for tests. */
  now?: number | undefined;
}

/**
 * Options for {@link parseLinkCallback}: whose callback it must be (`supplierUserId`), or, said
 * explicitly, anyone's (`acceptAnyUser: true`). One of the two is required: the payload is not signed.
 */
export type ParseLinkCallbackOptions = CallbackChecks &
  (
    | {
        /**
         * The `user_id` this user's link session was created with, kept in their own server-side
         * session: a payload for anyone else is refused.
         */
        supplierUserId: string;
        acceptAnyUser?: never;
      }
    | {
        /** Accept a payload for any user: only where the caller binds it to the user some other way. */
        acceptAnyUser: true;
        supplierUserId?: never;
      }
  );

/** The most `data` a callback is read from: a real payload is a few hundred bytes. */
export const MAX_CALLBACK_DATA_LENGTH = 8192;
/** The deepest nesting of arrays and objects a payload may have (as the fake's request bodies). */
export const MAX_CALLBACK_DEPTH = 64;
/** How far in the future `connected_at` may be, for clocks that disagree, when `maxAgeSeconds` is set. */
const CLOCK_SKEW_SECONDS = 60;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

function refuse(field: string, message: string, cause?: unknown): never {
  throw new NoxCallbackError([{ field, message }], cause === undefined ? undefined : { cause });
}

/** The query parameters of a callback URL, a query string (with or without "?"), or URLSearchParams. */
function paramsOf(input: unknown): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  if (input instanceof URL) return input.searchParams;
  if (typeof input !== "string") {
    return refuse(
      "input",
      `must be the callback URL, its query string or URLSearchParams (got ${shown(input)})`,
    );
  }
  if (URL.canParse(input)) return new URL(input).searchParams;
  const query = input.includes("?") ? input.slice(input.indexOf("?") + 1) : input;
  return new URLSearchParams(query.split("#", 1)[0]);
}

/** The bytes of base64url text (RFC 4648 §5), padded or not, as UTF-8 text; throws on anything else. */
function decodeBase64Url(data: string): string {
  const unpadded = data.replace(/=+$/, "");
  if (
    !BASE64URL.test(data) ||
    unpadded.length % 4 === 1 ||
    (unpadded.length !== data.length && data.length % 4 !== 0)
  ) {
    return refuse(
      "data",
      `is not base64url (RFC 4648 §5: A-Z a-z 0-9 - _, with or without "=" padding; got ${shown(data)})`,
    );
  }
  const binary = atob(unpadded.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    return refuse("data", "does not decode to UTF-8 text", error);
  }
}

// Keys that, copied onto another object (`Object.assign(user, callback)`), change what it inherits.
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const TOO_DEEP = Symbol("too deep");

/**
 * A fresh copy of parsed JSON: plain objects and arrays of its own, without the keys above at any
 * depth, or TOO_DEEP past MAX_CALLBACK_DEPTH levels (before recursion could exhaust the stack).
 */
function copyJson(value: unknown, depth = 0): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_CALLBACK_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const copy = copyJson(item, depth + 1);
      if (copy === TOO_DEEP) return TOO_DEEP;
      items.push(copy);
    }
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (PROTOTYPE_KEYS.has(key)) continue;
    const copy = copyJson(item, depth + 1);
    if (copy === TOO_DEEP) return TOO_DEEP;
    out[key] = copy;
  }
  return out;
}

/** The issues of a checked payload against the caller's expectations: whose it is, and how old. */
function bindingIssues(payload: LinkCallback, options: ParseLinkCallbackOptions): NoxValidationIssue[] {
  const issues: NoxValidationIssue[] = [];
  const { supplierUserId, maxAgeSeconds } = options;
  // checkOptions made sure: a non-empty string here, unless acceptAnyUser is true.
  if (options.acceptAnyUser !== true && payload.supplier_user_id !== supplierUserId) {
    issues.push({
      field: "supplier_user_id",
      message: `is ${shown(payload.supplier_user_id)}, not this user's (${shown(supplierUserId)}): the callback belongs to another session`,
    });
  }
  if (maxAgeSeconds !== undefined) {
    const now = options.now ?? Math.floor(Date.now() / 1000);
    const age = now - payload.connected_at;
    if (age > maxAgeSeconds) {
      issues.push({
        field: "connected_at",
        message: `is ${age} s ago, more than maxAgeSeconds (${maxAgeSeconds}); ask the user to link again`,
      });
    } else if (-age > CLOCK_SKEW_SECONDS) {
      issues.push({
        field: "connected_at",
        message: `is ${-age} s in the future (more than ${CLOCK_SKEW_SECONDS} s of clock skew)`,
      });
    }
  }
  return issues;
}

const OPTION_NAMES = ["supplierUserId", "acceptAnyUser", "maxAgeSeconds", "now"];

/** Why the user binding of `options` cannot be used, or undefined: one of the two, said explicitly. */
function bindingProblem(options: Record<string, unknown>): string | undefined {
  const hasUser = Object.hasOwn(options, "supplierUserId");
  const { supplierUserId, acceptAnyUser } = options;
  if (hasUser && Object.hasOwn(options, "acceptAnyUser"))
    return "pass supplierUserId or acceptAnyUser: true, not both";
  if (hasUser && supplierUserId === undefined)
    return (
      "supplierUserId is undefined: the user's server-side session has no user id (not signed in, or a " +
      "misspelt property?); refuse the callback instead of checking it against no one"
    );
  if (hasUser && (typeof supplierUserId !== "string" || supplierUserId === ""))
    return "supplierUserId must be a non-empty string";
  if (Object.hasOwn(options, "acceptAnyUser") && acceptAnyUser !== true)
    return "acceptAnyUser must be true when given";
  if (!hasUser && acceptAnyUser !== true)
    return (
      "say whose callback it must be: { supplierUserId } from the signed-in user's server-side session, " +
      "or { acceptAnyUser: true } where you bind it to the user some other way"
    );
  return undefined;
}

/**
 * The options, read once into a copy (a getter answering differently on a second read cannot slip past
 * the checks) and checked: exactly one user binding, known names, sane numbers.
 */
function checkOptions(given: unknown): ParseLinkCallbackOptions {
  if (given === undefined) throw new NoxConfigurationError(`parseLinkCallback: ${bindingProblem({})}.`);
  if (typeof given !== "object" || given === null) {
    throw new NoxConfigurationError(
      "parseLinkCallback: options must be an object with supplierUserId (or acceptAnyUser: true).",
    );
  }
  const options: Record<string, unknown> = { ...given };
  const unknown = Object.keys(options).find((key) => !OPTION_NAMES.includes(key));
  const { maxAgeSeconds, now } = options;
  const bad =
    unknown !== undefined
      ? `unknown option ${JSON.stringify(unknown)}${didYouMean(unknown, OPTION_NAMES)}`
      : (bindingProblem(options) ??
        (maxAgeSeconds !== undefined &&
        !(typeof maxAgeSeconds === "number" && Number.isFinite(maxAgeSeconds) && maxAgeSeconds >= 0)
          ? "maxAgeSeconds must be a finite number of seconds, 0 or more"
          : now !== undefined && !(typeof now === "number" && Number.isFinite(now))
            ? "now must be a finite Unix time in seconds"
            : undefined));
  if (bad !== undefined) throw new NoxConfigurationError(`parseLinkCallback: ${bad}.`);
  return options as unknown as ParseLinkCallbackOptions;
}

/**
 * Reads the payload NOX appends to a link session's `redirect_url` as `?data=` (base64url JSON) once
 * the user linked their device, and checks it against the documented schema. The payload is NOT
 * signed: anyone can craft this URL. Bind it to the user who started the session (`supplierUserId`
 * from their own server-side session) and treat it as a claim. Throws {@link NoxCallbackError}
 * naming what is wrong.
 * @example
 * ```ts
 * const callback = parseLinkCallback(request.url, { supplierUserId: session.userId, maxAgeSeconds: 600 });
 * ```
 */
export function parseLinkCallback(
  input: string | URL | URLSearchParams,
  options: ParseLinkCallbackOptions,
): LinkCallback {
  const checked = checkOptions(options);
  const values = paramsOf(input).getAll("data");
  if (values.length !== 1) {
    refuse(
      "data",
      values.length === 0
        ? "is missing: the callback URL has no data parameter (was it opened by NOX's redirect?)"
        : `is given ${values.length} times; a callback has exactly one`,
    );
  }
  const data = values[0] as string;
  if (data.length > MAX_CALLBACK_DATA_LENGTH) {
    refuse(
      "data",
      `is ${data.length} characters long, more than ${MAX_CALLBACK_DATA_LENGTH}; it was not decoded`,
    );
  }
  const text = decodeBase64Url(data);
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    refuse("data", `is base64url but not JSON (${shown(text)})`, error);
  }
  const copy = copyJson(payload);
  if (copy === TOO_DEEP) {
    refuse("data", `is nested deeper than ${MAX_CALLBACK_DEPTH} levels; a callback is one level deep`);
  }
  // The generated validator reads it as NOX's responses are read: unknown fields and new brands pass.
  const validate = linkCallbackValidator();
  const issues =
    validate === null || validate(copy) ? [] : issuesFrom(validate.errors ?? [], { root: "data" });
  if (issues.length === 0) issues.push(...bindingIssues(copy as LinkCallback, checked));
  if (issues.length > 0) throw new NoxCallbackError(issues);
  return copy as LinkCallback;
}
