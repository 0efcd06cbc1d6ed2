// The flow a service runs, shared by every runtime consumer (Bun, Deno, workerd): the published client
// creates a link session against the fake server at `baseUrl` and the result is checked here, in the runtime.
import {
  createNoxClient,
  NoxCallbackError,
  NoxValidationError,
  parseLinkCallback,
} from "@nox-energy/authenticator-client";
import { brandsFor, isBrandForAssetType } from "@nox-energy/authenticator-enums";

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

/** Creates a link session for `userId` and checks what comes back; returns the session. */
async function createSessionFlow(nox, userId) {
  const brand = brandsFor("pv")[0];
  const session = await nox.createLinkSession({
    user_id: userId,
    asset_type: "pv",
    redirect_url: "https://app.example/cb",
    brand,
    language: "en",
  });
  check(session.supplier_user_id === userId, `supplier_user_id ${session.supplier_user_id}`);
  check(session.brand === brand && isBrandForAssetType(brand, session.asset_type), "brand");
  const linkUrl = new URL(session.link_url);
  check(/^https?:$/.test(linkUrl.protocol), `link_url ${session.link_url}`);
  check(linkUrl.searchParams.get("token") === session.link_token, "link_url carries the link token");
  let refused;
  try {
    await nox.createLinkSession({ user_id: "", asset_type: "pv", redirect_url: "not a url" });
  } catch (error) {
    refused = error;
  }
  check(refused instanceof NoxValidationError, "invalid input is refused before any request");
  return session;
}

/**
 * The end user finishes on NOX: following `link_url` (the fake's link page) completes the session and
 * redirects back to `redirect_url` with `?data=`; the service reads it with parseLinkCallback, bound to
 * the user who started the session. Returns the callback.
 */
async function callbackFlow(session) {
  const page = await fetch(session.link_url, { redirect: "manual" });
  check(page.status === 302, `the link page answered ${page.status}, not a redirect`);
  const location = page.headers.get("location");
  check(location?.startsWith(`${session.redirect_url}?data=`), `redirected to ${location}`);
  const userId = session.supplier_user_id;
  const callback = parseLinkCallback(location, { supplierUserId: userId, maxAgeSeconds: 600 });
  check(callback.supplier_user_id === userId && callback.brand === session.brand, "callback fields");
  check(Array.isArray(callback.device_ids) && callback.device_ids.length > 0, "callback device_ids");
  let forged;
  try {
    parseLinkCallback(location, { supplierUserId: "someone-else" });
  } catch (error) {
    forged = error;
  }
  check(forged instanceof NoxCallbackError, "a callback for another user is refused");
  return callback;
}

/**
 * Runs every flow against the fake server at `baseUrl` (it runs in the host Node process) and returns
 * what the host checks: the runtime's name, the session the fake created and the callback read back.
 */
export async function runFlows({ baseUrl, apiKey, runtime }) {
  const nox = createNoxClient({ apiKey, baseUrl });
  const session = await createSessionFlow(nox, `u-${runtime.split("/")[0].toLowerCase()}`);
  const callback = await callbackFlow(session);
  return { runtime, session, callback };
}
