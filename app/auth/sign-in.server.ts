/**
 * Username and password sign-in, slowed for guessers without locking anyone out (issue 14;
 * docs/decisions/sign-in-and-sessions.md). Waits grow per account and per client address, kept in the
 * database (db/queries/sign-in-throttle.ts) so that they hold across app processes:
 *
 * - an account: its first ACCOUNT.free wrong passwords cost nothing; after them the next password is looked
 *   at only after SIGN_IN_DELAY_MS, then twice, four times as long… at most a minute. Attempts inside the
 *   wait are refused unchecked and do not lengthen it: nobody can keep an owner out for long, and after
 *   the wait the right password signs in.
 * - an address: every refused attempt counts (a wrong password, an unknown name, an attempt inside a
 *   wait), ADDRESS.free of them cost nothing, then the same doubling up to 15 minutes. Stricter than an
 *   account's, so that one address hammering an account is held back longer than the account itself.
 *
 * An unknown name, a wrong password and an attempt inside a wait answer alike — the same status and
 * message — and cost alike: each runs one scrypt, of the account's hash or of a hash of no one's password.
 *
 * A username is unique per agency, not per installation (migration 0017; docs/decisions/
 * usernames-per-agency.md), so an agency user's sign-in names the agency by its code (organization.slug).
 * Without a code, a name that only one account of the whole installation has is that account — an
 * installation of one agency never asks for the code, and accounts made before usernames were per agency
 * sign in as they did. An unknown code, a code whose agency has no such user, and a name without a code
 * that several agencies have are unknown names like any other: the same answer, the same cost.
 */
import { createHmac } from "node:crypto";
import type { Db } from "../../db/client.server";
import {
  addSignInFailure,
  addSignInRefusal,
  deleteSignInThrottle,
  forgetSignInThrottles,
  getSignInThrottles,
  replaceSignInThrottle,
  restoreSignInThrottle,
  type SignInThrottle,
} from "../../db/queries/sign-in-throttle";
import { getSecondFactorState } from "../../db/queries/second-factor";
import { getOnlyUserForSignIn, getUserForSignIn } from "../../db/queries/users";
import { getUserAgencyStatus } from "../../db/queries/agencies";
import { getEnv } from "../lib/env.server";
import { poolKey } from "../services/answer-pool/seal.server";
import { recordAudit } from "../services/audit.server";
import { hashPassword, verifyPassword } from "./password.server";
import { destroySession, type SessionUser } from "./session.server";

/** Failures before the first wait, and the longest wait. */
export interface ThrottlePolicy {
  free: number;
  capMs: number;
}

export const ACCOUNT: ThrottlePolicy = { free: 3, capMs: 60_000 };
export const ADDRESS: ThrottlePolicy = { free: 10, capMs: 15 * 60_000 };
/** A key's failures are forgotten this long after its last one. */
export const FORGET_AFTER_MS = 3600_000;

/** The wait after `failures` counted failures, in ms: none for the first `free`, then base, 2·base, 4·base… up to the cap. */
export function waitAfter(failures: number, policy: ThrottlePolicy, baseMs: number): number {
  if (failures < policy.free) return 0;
  return Math.min(baseMs * 2 ** (failures - policy.free), policy.capMs);
}

/** The one answer to every refused attempt: it does not say whether the name exists or the account waits. */
export const REFUSED = {
  th: "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง หรือลองหลายครั้งเกินไป กรุณารอสักครู่แล้วลองใหม่",
  en: "The username or password is wrong, or there were too many tries: wait a moment and try again.",
};

export type SignInResult =
  /** `secondStep`: the password was right, and the user's second factor is asked next (./second-factor.server.ts). */
  | { ok: true; userId: number; agency: string; secondStep: boolean }
  | { ok: false; reason: "refused" | "suspended"; message: { th: string; en: string } };

/** An account that signs in with a password: an agency user or a host operator; `key` names its throttle row. */
export interface PasswordAccount {
  key: string;
  status: string;
  password_hash: string;
}

/**
 * What one attempt came to: the right or a wrong password (looked at), refused unchecked inside a wait
 * (`firstRefusal`: the first since the account's last looked-at attempt), or no such active account.
 * `refusedBefore`: attempts refused unchecked for the account since its last looked-at one.
 */
export type PasswordCheck =
  | { outcome: "right"; refusedBefore: number }
  | { outcome: "wrong"; failures: number; waitMs: number; refusedBefore: number }
  | { outcome: "throttled"; firstRefusal: boolean }
  | { outcome: "unknown" };

// A hash of no one's password, made once: an unknown name and a refused attempt run scrypt on it, so
// that they cost what a wrong password costs (the same parameters as every stored hash).
let dummyHash: Promise<string> | undefined;

function hashOfNoOne(): Promise<string> {
  dummyHash ??= hashPassword("not a password of anyone");
  return dummyHash;
}

/**
 * The address's row key: a keyed hash (the IIT pool's key, which every process of an installation shares
 * and the database does not hold), so that the table holds no address and none can be read back from it.
 */
function addressKey(clientAddress: string): string {
  return `address:${createHmac("sha256", poolKey()).update(`sign-in throttle\u0000${clientAddress}`).digest("base64url").slice(0, 32)}`;
}

const waiting = (row: SignInThrottle | undefined, nowIso: string) => row?.wait_until != null && row.wait_until > nowIso;
const later = (now: Date, ms: number) => (ms > 0 ? new Date(now.getTime() + ms).toISOString() : null);

/**
 * The password check with its throttle, the same for every kind of account (undefined: no account of that
 * name). A disabled account is checked as no account.
 */
export async function checkPassword(db: Db, account: PasswordAccount | undefined, password: string, clientAddress: string, now: Date): Promise<PasswordCheck> {
  const base = getEnv().SIGN_IN_DELAY_MS;
  const nowIso = now.toISOString();
  await forgetSignInThrottles(db, new Date(now.getTime() - FORGET_AFTER_MS).toISOString());
  const active = account?.status === "active" ? account : undefined;
  const fromKey = addressKey(clientAddress);
  const rows = await getSignInThrottles(db, active ? [active.key, fromKey] : [fromKey]);
  const accountRow = active && rows.find((row) => row.key === active.key);
  const addressRow = rows.find((row) => row.key === fromKey);

  // Claim the attempt before looking at the password: it counts as a failure (and starts the next wait)
  // until the password proves right. A claim lost to a parallel attempt is an attempt refused.
  let accountFailures: number | undefined;
  let addressClaim: { failures: number; last_failure_at: string } | undefined;
  if (!waiting(accountRow, nowIso) && !waiting(addressRow, nowIso)) {
    if (active) {
      const failures = (accountRow?.failures ?? 0) + 1;
      const next = { failures, wait_until: later(now, waitAfter(failures, ACCOUNT, base)), last_failure_at: nowIso };
      if (await replaceSignInThrottle(db, active.key, accountRow, next)) accountFailures = failures;
    }
    if (!active || accountFailures !== undefined) {
      const next = { failures: (addressRow?.failures ?? 0) + 1, wait_until: null as string | null, last_failure_at: nowIso };
      next.wait_until = later(now, waitAfter(next.failures, ADDRESS, base));
      if (await replaceSignInThrottle(db, fromKey, addressRow, next)) addressClaim = next;
    }
  }

  if (!addressClaim) {
    // Refused unchecked. It counts against the address (hammering lengthens the address's own wait, up to
    // its cap), never against the account (nobody lengthens an owner's wait by hammering it).
    const failures = (addressRow?.failures ?? 0) + 1;
    await addSignInFailure(db, fromKey, { failures, wait_until: later(now, waitAfter(failures, ADDRESS, base)), last_failure_at: nowIso });
    const firstRefusal = active ? (await addSignInRefusal(db, active.key, nowIso)) === 1 : false;
    // The work of a looked-at attempt, whose answer is not looked at: the time says nothing either.
    await verifyPassword(password, await hashOfNoOne());
    return { outcome: "throttled", firstRefusal };
  }

  const right = await verifyPassword(password, active ? active.password_hash : await hashOfNoOne());
  if (!active) return { outcome: "unknown" };
  const refusedBefore = accountRow?.refused ?? 0;
  if (!right) return { outcome: "wrong", failures: accountFailures!, waitMs: waitAfter(accountFailures!, ACCOUNT, base), refusedBefore };
  // The right password: the account starts afresh, and the address loses only this attempt's count (a
  // guesser with an account of its own cannot clear its address's failures by signing in to it).
  await deleteSignInThrottle(db, active.key);
  await restoreSignInThrottle(db, fromKey, addressClaim, addressRow);
  return { outcome: "right", refusedBefore };
}

/**
 * The agency code as sign-in reads it (the form's field, `?agency=`, the remembered cookie): trimmed and
 * lowercase, as slugs are made (app/services/agencies.server.ts); "" for none or for anything no slug can be.
 */
export function readAgencyCode(value: unknown): string {
  const code = typeof value === "string" ? value.trim().toLowerCase() : "";
  return /^[a-z0-9-]{1,63}$/.test(code) ? code : "";
}

/**
 * An agency user's sign-in, with the agency's code or "" (see the top of this file). Each attempt on an
 * existing account goes to its agency's audit log (never the password or the address): signed in,
 * failed, refused inside a wait (once per wait), refused for a suspended agency. A name no account has
 * (in the agency named, or alone in the installation) is logged nowhere — the audit log belongs to an
 * agency — but counts against its address.
 */
export async function signIn(db: Db, username: string, password: string, now: Date, clientAddress = "unknown", agency = ""): Promise<SignInResult> {
  const name = username.trim();
  const code = agency.trim().toLowerCase();
  // No account's name or agency's code holds a NUL character (a command-line argument cannot carry one,
  // nor can PostgreSQL's text), and PostgreSQL refuses a query that does: such a name is simply unknown.
  // One query either way, so that the time says nothing of which way it went.
  const user = `${name}${code}`.includes("\u0000") ? undefined : code ? await getUserForSignIn(db, code, name) : await getOnlyUserForSignIn(db, name);
  const checked = await checkPassword(db, user && { key: `user:${user.id}`, status: user.status, password_hash: user.password_hash }, password, clientAddress, now);
  const refused = { ok: false, reason: "refused", message: REFUSED } as const;
  if (!user) return refused;
  const audit = (action: string, detail: Record<string, unknown>, signedIn = false) =>
    recordAudit(db, { organizationId: user.organization_id, userId: signedIn ? user.id : null }, action, `user:${user.id}`, detail, now);
  switch (checked.outcome) {
    case "unknown":
      await audit("user.sign-in-failed", { account_disabled: true });
      return refused;
    case "throttled":
      if (checked.firstRefusal) await audit("user.sign-in-throttled", {});
      return refused;
    case "wrong":
      await audit("user.sign-in-failed", { failures: checked.failures, wait_seconds: checked.waitMs / 1000, refused_before: checked.refusedBefore });
      return refused;
    case "right":
      break;
  }
  // Told only after the right password, so that the message reveals nothing to a guesser.
  if ((await getUserAgencyStatus(db, user.id)) === "suspended") {
    await audit("user.sign-in-refused", { agency_suspended: true });
    return {
      ok: false,
      reason: "suspended",
      message: {
        th: "หน่วยงานของท่านถูกระงับการใช้งานโดยผู้ดูแลระบบ จึงเข้าสู่ระบบไม่ได้ กรุณาติดต่อผู้ดูแลระบบของเครื่องให้บริการนี้",
        en: "Your agency has been suspended by the host operator, so you cannot sign in. Please contact the operator of this installation.",
      },
    };
  }
  const detail = checked.refusedBefore > 0 ? { refused_before: checked.refusedBefore } : {};
  if ((await getSecondFactorState(db, user.id))?.enabledAt) {
    await audit("user.sign-in-password-accepted", { ...detail, second_step: true });
    return { ok: true, userId: user.id, agency: user.organization_slug, secondStep: true };
  }
  await audit("user.sign-in", detail, true);
  return { ok: true, userId: user.id, agency: user.organization_slug, secondStep: false };
}

/** Ends the user's session, logged in the agency's audit log; returns the cookie that clears it. */
export async function signOut(db: Db, user: SessionUser, request: Request, now: Date): Promise<string> {
  await recordAudit(db, { organizationId: user.organizationId, userId: user.userId }, "user.sign-out", `user:${user.userId}`, {}, now);
  return destroySession(db, request);
}
