import { NoxConfigurationError } from "./errors.js";

// Replaced at build time by tsup `define` with packages/client/package.json's version (and by vitest in tests).
declare const __NOX_CLIENT_VERSION__: string | undefined;

/** This package's version, as published. */
export const VERSION: string =
  typeof __NOX_CLIENT_VERSION__ === "string" ? __NOX_CLIENT_VERSION__ : "0.0.0-dev";

// Printable ASCII, no leading or trailing space: product tokens and comments ("billing-service/1.2 (eu)").
const USER_AGENT_SUFFIX = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;

/**
 * The User-Agent sent with every request: this package and version, Node's version when on Node, then
 * the caller's `suffix` (the `userAgent` option), e.g. `nox-authenticator-client/1.2.0 node/20.20.0 billing/1.2`.
 */
export function userAgent(suffix?: string): string {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  const own = `nox-authenticator-client/${VERSION}${node === undefined ? "" : ` node/${node}`}`;
  return suffix === undefined ? own : `${own} ${suffix}`;
}

/** Throws unless the `userAgent` option is printable ASCII (1 to 200 characters, no CR/LF, not padded). */
export function checkUserAgent(suffix: unknown): asserts suffix is string | undefined {
  if (suffix !== undefined && (typeof suffix !== "string" || !USER_AGENT_SUFFIX.test(suffix))) {
    throw new NoxConfigurationError(
      "userAgent must be 1 to 200 printable ASCII characters (no CR, LF or other control characters, " +
        'no leading or trailing space), such as "billing-service/1.2".',
    );
  }
}

/**
 * Throws when `headers` set a User-Agent (in any case): it would replace the client's own, which NOX
 * support reads; the `userAgent` option appends to it instead.
 */
export function refuseUserAgentHeader(headers: Record<string, string> | undefined): void {
  if (headers === undefined) return;
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === "user-agent") {
      throw new NoxConfigurationError(
        `headers: ${JSON.stringify(name)} would replace the client's own User-Agent; ` +
          'pass createNoxClient({ userAgent: "my-service/1.2" }) instead, which is appended to it.',
      );
    }
  }
}
