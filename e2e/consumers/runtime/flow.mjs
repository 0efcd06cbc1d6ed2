// The flow a service runs, shared by every runtime consumer (Bun, Deno, workerd): the published client
// creates a link session against the fake server at `baseUrl` and the result is checked here, in the runtime.
import { createNoxClient, NoxValidationError } from "@nox-energy/authenticator-client";
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

// ---- CALLBACK FLOW: to be added here (one function, called by runFlows below) --------------------------
// Once the packages have it: the fake completes `session` (the end user linked their device), the service
// reads the redirect back with the client's parseLinkCallback and checks what it says. Not implemented yet.
async function callbackFlow(_nox, _session) {}
// ---------------------------------------------------------------------------------------------------------

/**
 * Runs every flow against the fake server at `baseUrl` (it runs in the host Node process) and returns
 * what the host checks: the runtime's name and the session the fake created.
 */
export async function runFlows({ baseUrl, apiKey, runtime }) {
  const nox = createNoxClient({ apiKey, baseUrl });
  const session = await createSessionFlow(nox, `u-${runtime.split("/")[0].toLowerCase()}`);
  await callbackFlow(nox, session);
  return { runtime, session };
}
