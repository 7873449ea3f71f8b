/**
 * A user's own account (issue 14, item 8): changing one's password with the current one (forced at the
 * first sign-in after a one-time password), and signing out everywhere else. Each change is one
 * transaction with its audit entry; the password itself is never logged.
 */
import type { Db } from "../../db/client.server";
import { getOwnPasswordHash, setOwnPassword } from "../../db/queries/account";
import { deleteOtherUserSessions } from "../../db/queries/sessions";
import { hashPassword } from "../auth/password.server";
import { checkPassword } from "../auth/sign-in.server";
import { checkNewPassword } from "../auth/password-policy";
import type { SessionUser } from "../auth/session.server";
import type { Localized } from "../scoring/framework";
import { recordAudit } from "./audit.server";

export type PasswordChangeErrors = Partial<Record<"current" | "next" | "confirm", Localized>>;
export type PasswordChangeResult = { ok: true; signedOutElsewhere: number } | { ok: false; errors: PasswordChangeErrors };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * Changes the user's own password: the current one must be right, the new one must meet the rule
 * (app/auth/password-policy.ts) and be typed twice the same. The user's other sessions end (whoever knew
 * the old password is signed out); this one stays.
 */
export async function changeOwnPassword(db: Db, user: SessionUser, form: FormData, clientAddress: string, now: Date): Promise<PasswordChangeResult> {
  const checked = await checkPasswordChange(form, user.username, (current) => confirmOwnPassword(db, user, current, clientAddress, now));
  if (!checked.ok) {
    if (checked.currentWrong) await recordAudit(db, { organizationId: user.organizationId, userId: user.userId }, "password.change-refused", `user:${user.userId}`, { reason: "current password wrong" }, now);
    return { ok: false, errors: checked.errors };
  }
  const hash = await hashPassword(checked.next);
  const signedOutElsewhere = await db.transaction().execute(async (trx) => {
    await setOwnPassword(trx, user.userId, hash, now.toISOString());
    const ended = await deleteOtherUserSessions(trx, user.userId, user.sessionId);
    await recordAudit(trx, { organizationId: user.organizationId, userId: user.userId }, "password.change", `user:${user.userId}`, { signedOutElsewhere: ended, wasOneTime: user.mustChangePassword === 1 }, now);
    return ended;
  });
  return { ok: true, signedOutElsewhere };
}

/**
 * The checks of a password-change form, for an agency user and the host operator alike: the current
 * password right (`confirmCurrent`, throttled by the caller), the new one meeting the rule and typed twice.
 */
export async function checkPasswordChange(
  form: FormData,
  username: string,
  confirmCurrent: (current: string) => Promise<boolean>,
): Promise<{ ok: true; next: string } | { ok: false; errors: PasswordChangeErrors; currentWrong: boolean }> {
  const current = text(form, "current");
  const next = text(form, "next");
  const confirm = text(form, "confirm");
  const errors: PasswordChangeErrors = {};
  const currentOk = await confirmCurrent(current);
  if (!currentOk) errors.current = { th: "รหัสผ่านปัจจุบันไม่ถูกต้อง หรือลองหลายครั้งเกินไป กรุณารอสักครู่", en: "The current password is not right, or there were too many tries: wait a moment." };
  const problem = checkNewPassword(next, { username });
  if (problem) errors.next = problem;
  else if (next === current) errors.next = { th: "รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านปัจจุบัน", en: "The new password must differ from the current one." };
  if (confirm !== next) errors.confirm = { th: "รหัสผ่านใหม่ที่พิมพ์ซ้ำไม่ตรงกัน", en: "The new password was not typed the same twice." };
  return Object.keys(errors).length > 0 ? { ok: false, errors, currentWrong: !currentOk } : { ok: true, next };
}

/** Ends every other session of the user ("sign out everywhere else"); returns how many. */
export async function signOutEverywhereElse(db: Db, user: SessionUser, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await deleteOtherUserSessions(trx, user.userId, user.sessionId);
    await recordAudit(trx, { organizationId: user.organizationId, userId: user.userId }, "sessions.sign-out-elsewhere", `user:${user.userId}`, { ended }, now);
    return ended;
  });
}

/**
 * The user's own password, checked with the sign-in throttle of the account and the address: a stolen
 * session cannot guess it at speed before turning the second factor off or changing the password.
 */
export async function confirmOwnPassword(db: Db, user: SessionUser, password: string, clientAddress: string, now: Date): Promise<boolean> {
  const hash = await getOwnPasswordHash(db, user.userId);
  const checked = await checkPassword(db, hash === undefined ? undefined : { key: `user:${user.userId}`, status: "active", password_hash: hash }, password, clientAddress, now);
  return checked.outcome === "right";
}
