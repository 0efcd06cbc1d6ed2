import type { IncomingCall, Reply } from "../../handle-request.js";
import { linkChoicesOf } from "./route-hook.js";
import type { SessionStore } from "./session-store.js";

/** The path NOX's link page (`link_url`) is served on, below `basePath`: a GET completes the session. */
export const LINK_PAGE_PATH = "/ui";

/** A short HTML page, as a browser on NOX's link page would see it; `message` is escaped (it may quote the URL). */
export function htmlReply(status: number, message: string): Reply {
  const text = message.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  const body = `<!doctype html><meta charset="utf-8"><title>NOX test server</title><p>${text}</p>\n`;
  return { status, headers: { "content-type": "text/html; charset=utf-8" }, body };
}

/**
 * The user opening `link_url` and finishing NOX's flow at once: 302 to `redirect_url` with `?data=`.
 * Query parameters `brand`, `device_ids` (comma-separated) and `nox_user_id` stand for the user's choices.
 */
export function handleLinkPage(call: IncomingCall, store: SessionStore, now: number): Reply {
  if (call.method !== "GET") {
    const page = htmlReply(405, "Open this link in a browser (GET).");
    return { ...page, headers: { ...page.headers, allow: "GET" } };
  }
  const query = new URLSearchParams(call.search);
  const completion = store.complete(query.get("token"), linkChoicesOf(query), now);
  if (!completion.ok) return htmlReply(completion.status, completion.error);
  return { status: 302, headers: { location: completion.value.redirectUrl }, body: "" };
}
