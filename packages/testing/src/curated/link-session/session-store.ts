import { EXPIRED_RETENTION_SECONDS } from "../../defaults.js";
import { allowsBrand, brandsForAssetType } from "../brand-rule/check.js";
import type { LinkCallback, LinkSession } from "../../generated/link-session.js";
import type { LinkCallbackContract, LinkSessionContract } from "./contract.js";
import { encodeLinkCallback, withCallbackData } from "./link-callback.js";

/** What the user picks while linking; each has a default. */
export interface LinkChoices {
  /** The brand linked. Default: the session's pre-selected brand, else the first brand for its asset type. */
  brand?: string;
  /** The devices linked. Default: one random id. */
  device_ids?: readonly string[];
  /** The NOX subscriber id. Default: the one NOX gave this `supplier_user_id` before, else a new random id. */
  nox_user_id?: string;
}

/** A completed session: where NOX sends the user, and the callback that URL carries as `?data=`. */
export interface CompletedSession {
  /** `redirect_url` with `data` added; its own query parameters kept as they were. */
  redirectUrl: string;
  callback: LinkCallback;
}

/** The outcome of completing a session, with the status the link page answers when it fails. */
export type Completion =
  { ok: true; value: CompletedSession } | { ok: false; status: 400 | 404 | 410; error: string };

/** The sessions a fake made, by token, and the NOX user id each supplier user was given. */
export class SessionStore {
  #sessions: LinkSessionContract[] = [];
  #byToken = new Map<string, LinkSessionContract>();
  // supplier + "\n" + supplier_user_id -> nox_user_id: linking again keeps the same NOX user.
  #noxUsers = new Map<string, string>();
  readonly #newId: () => string;

  constructor(newId: () => string) {
    this.#newId = newId;
  }

  /** Keeps a new session; a later session with the same token takes its place for completion. */
  add(session: LinkSessionContract, now: number): void {
    this.#evict(now);
    this.#sessions.push(session);
    this.#byToken.set(session.link_token, session);
  }

  /**
   * Copies of the sessions kept at `now`, oldest first, with `completed_at` set once completed; typed as
   * the spec's response (each was checked against its schema before it was kept).
   */
  list(now: number): LinkSession[] {
    this.#evict(now);
    return this.#sessions.map((session) => ({ ...session }) as LinkSession);
  }

  /**
   * Forgets sessions {@link EXPIRED_RETENTION_SECONDS} past their `expires_at`. Sessions are kept in
   * creation order, so on a clock that only moves forward the oldest is first: the common case checks one.
   */
  #evict(now: number): void {
    const gone = (s: LinkSessionContract) => now >= s.expires_at + EXPIRED_RETENTION_SECONDS;
    const first = this.#sessions[0];
    if (first === undefined || !gone(first)) return;
    this.#sessions = this.#sessions.filter((s) => !gone(s));
    for (const [token, session] of this.#byToken) if (gone(session)) this.#byToken.delete(token);
  }

  /** Forgets every session and NOX user. */
  clear(): void {
    this.#sessions = [];
    this.#byToken.clear();
    this.#noxUsers.clear();
  }

  /**
   * Completes the session of `token` at `now` (Unix seconds), as the user finishing NOX's flow does:
   * 404 for an unknown token, 410 once expired or already completed, 400 for a choice NOX would not offer.
   */
  complete(token: string | null, choices: LinkChoices, now: number): Completion {
    this.#evict(now);
    const session = token === null ? undefined : this.#byToken.get(token);
    if (session === undefined) return { ok: false, status: 404, error: "This link is not known to NOX." };
    if (session.completed_at != null) {
      return { ok: false, status: 410, error: "This link has already been used." };
    }
    if (now >= session.expires_at) {
      return { ok: false, status: 410, error: "This link has expired: ask for a new one." };
    }
    const brand = choices.brand ?? session.brand ?? brandsForAssetType(session.asset_type)?.[0];
    const problem = checkChoices(session, brand, choices);
    if (problem !== undefined) return { ok: false, status: 400, error: problem };
    const userKey = `${session.supplier}\n${session.supplier_user_id}`;
    const noxUserId = choices.nox_user_id ?? this.#noxUsers.get(userKey) ?? this.#newId();
    this.#noxUsers.set(userKey, noxUserId);
    session.completed_at = now;
    const callback: LinkCallbackContract = {
      nox_user_id: noxUserId,
      supplier_user_id: session.supplier_user_id,
      brand: brand as string,
      device_ids: [...(choices.device_ids ?? [this.#newId()])],
      connected_at: now,
    };
    const redirectUrl = withCallbackData(session.redirect_url, encodeLinkCallback(callback));
    // The spec's LinkCallback (spec/link-callback.schema.json) has the contract's fields.
    return { ok: true, value: { redirectUrl, callback: callback as LinkCallback } };
  }
}

function checkChoices(
  session: LinkSessionContract,
  brand: string | undefined,
  choices: LinkChoices,
): string | undefined {
  if (session.brand !== null && brand !== session.brand) {
    return `This session's brand is pre-selected as ${session.brand}; the user cannot pick ${brand}.`;
  }
  if (!allowsBrand(brand, session.asset_type)) {
    return `${String(brand)} is not a brand for asset_type ${String(session.asset_type)}.`;
  }
  const { device_ids: devices, nox_user_id: noxUserId } = choices;
  if (
    devices !== undefined &&
    !(Array.isArray(devices) && devices.every((id) => typeof id === "string" && id !== ""))
  ) {
    return "device_ids must be a list of non-empty strings.";
  }
  if (noxUserId !== undefined && (typeof noxUserId !== "string" || noxUserId === "")) {
    return "nox_user_id must be a non-empty string.";
  }
  return undefined;
}
