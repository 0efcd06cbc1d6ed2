import { test } from "vitest";
import { parseLinkCallback } from "../src/index.js";

declare const url: string;
declare const maybeUserId: string | undefined;

test("the user binding is required by the types too", () => {
  parseLinkCallback(url, { supplierUserId: "u-1", maxAgeSeconds: 600 });
  parseLinkCallback(url, { acceptAnyUser: true });
  // @ts-expect-error: a session's user id that may be undefined does not bind anything
  parseLinkCallback(url, { supplierUserId: maybeUserId });
  // @ts-expect-error: no options: say whose callback it is, or acceptAnyUser: true
  parseLinkCallback(url);
  // @ts-expect-error: a misspelt option is not a binding
  parseLinkCallback(url, { supplierUserID: "u-1" });
  // @ts-expect-error: not both
  parseLinkCallback(url, { supplierUserId: "u-1", acceptAnyUser: true });
});
