import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isHttpUrl } from "../../src/validators/index.js";

describe("isHttpUrl", () => {
  test.each([
    ["a plain https URL", "https://app.example/cb"],
    ["loopback with port, query and fragment", "http://127.0.0.1:8080/x?y=1#z"],
    ["an IDN host in its xn-- form", "https://xn--bcher-kva.example/"],
    ["an IPv6 host", "https://[::1]:443/"],
    ["upper case scheme and host", "HTTPS://A.EXAMPLE/"],
    ["percent-encoded path", "https://a.example/%41"],
    ["an @ in the path", "https://a.example/p@q"],
    ["a query right after the host", "https://a.example?x"],
  ])("accepts %s", (_name, value) => {
    expect(isHttpUrl(value)).toBe(true);
  });

  test.each([
    // A browser reads host evil.example (it turns "\" into "/"); an RFC 3986 parser reads good.example.
    ["a backslash before @", "https://evil.example\\@good.example/"],
    ["credentials before the host", "https://good.example@evil.example/"],
    ["a pipe", "https://a|b.example/"],
    ["braces", "https://a.example/{x}"],
    ["a raw IDN host", "https://bücher.example/"],
    ["leading white space", " https://a.example/"],
    ["a tab inside", "https://a.exa\tmple/"],
    ["a host the URL parser rewrites", "https://0x7f.1/"],
    ["a percent-encoded host", "https://ex%61mple.com/"],
    ["javascript:", "javascript:alert(1)"],
    ["ftp:", "ftp://a.example/"],
    ["no host", "https://"],
    ["a bad percent escape", "https://a.example/%zz"],
    ["a port out of range", "https://a.example:99999/"],
    ["brackets in the query", "https://a.example/?q=[1]"],
    ["the empty string", ""],
  ])("refuses %s", (_name, value) => {
    expect(isHttpUrl(value)).toBe(false);
  });

  test("refuses non-strings without throwing", () => {
    for (const value of [undefined, null, 1, {}, [], new URL("https://a.example/")]) {
      expect(isHttpUrl(value)).toBe(false);
    }
  });

  test("whenever it accepts, WHATWG's URL reads the same host as the text names (property)", () => {
    // Built from parts (fc.webUrl takes seconds to set up): a plausible URL, then junk around it, so the
    // property sees hosts, ports, paths and every character class the check must refuse.
    const label = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/);
    const url = fc
      .tuple(
        fc.constantFrom("http", "https", "HTTPS"),
        fc.array(label, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("", ":8080", ":0", ":99999"),
        fc.string({ maxLength: 12 }),
      )
      .map(([scheme, labels, port, rest]) => `${scheme}://${labels.join(".")}${port}/${rest}`);
    fc.assert(
      fc.property(url, fc.string({ maxLength: 8 }), (candidate0, junk) => {
        for (const candidate of [candidate0, `${candidate0}${junk}`, `${junk}${candidate0}`]) {
          if (!isHttpUrl(candidate)) continue;
          const host = /^https?:\/\/([^/?#:]+|\[[^\]]+\])/i.exec(candidate)?.[1];
          expect(new URL(candidate).hostname).toBe(host?.toLowerCase());
        }
      }),
      { numRuns: 300 },
    );
  });

  test("stays linear on hostile input (1 MB of '<', '@' or '[')", () => {
    for (const filler of ["<", "@", "[", "a"]) {
      const started = performance.now();
      isHttpUrl(`https://a.example/${filler.repeat(1_000_000)}`);
      isHttpUrl(`https://${filler.repeat(1_000_000)}@x`);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
