/**
 * Username and password sign-in with a limit on failed attempts kept per account in the database
 * (so it holds across app processes): after MAX_FAILURES wrong passwords the account waits LOCK_MINUTES.
 */
import type { Db } from "../../db/client.server";
import { getUserByUsername, incrementFailedSignIns, updateUser } from "../../db/queries/users";
import { hashPassword, verifyPassword } from "./password.server";
import { recordAudit } from "../services/audit.server";
import { getUserAgencyStatus } from "../../db/queries/agencies";

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export type SignInResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid" | "locked" | "suspended"; message: { th: string; en: string } };

const INVALID = {
  th: "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
  en: "The username or password is wrong.",
};

// Hashed once, so that an unknown username costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function signIn(db: Db, username: string, password: string, now: Date): Promise<SignInResult> {
  const name = username.trim();
  // No account's name holds a NUL character (a command-line argument cannot carry one, nor can
  // PostgreSQL's text), and PostgreSQL refuses a query that does: such a name is simply unknown.
  const user = name.includes("\u0000") ? undefined : await getUserByUsername(db, name);
  if (!user || user.status !== "active") {
    dummyHash ??= hashPassword("not a password of anyone");
    await verifyPassword(password, await dummyHash);
    return { ok: false, reason: "invalid", message: INVALID };
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    return {
      ok: false,
      reason: "locked",
      message: {
        th: `ใส่รหัสผ่านผิดหลายครั้ง บัญชีถูกพักไว้ชั่วคราว กรุณาลองใหม่ใน ${LOCK_MINUTES} นาที`,
        en: `Too many wrong passwords: the account is paused. Try again in ${LOCK_MINUTES} minutes.`,
      },
    };
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    const failures = await incrementFailedSignIns(db, user.id);
    if (failures >= MAX_FAILURES) {
      const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
      await updateUser(db, user.id, { locked_until: lockedUntil, failed_sign_ins: 0 });
      await recordAudit(db, { organizationId: user.organization_id, userId: null }, "user.locked", `user:${user.id}`, { failures }, now);
    }
    return { ok: false, reason: "invalid", message: INVALID };
  }
  await updateUser(db, user.id, { failed_sign_ins: 0, locked_until: null });
  // Told only after the right password, so that the message reveals nothing to a guesser.
  if ((await getUserAgencyStatus(db, user.id)) === "suspended") {
    return {
      ok: false,
      reason: "suspended",
      message: {
        th: "หน่วยงานของท่านถูกระงับการใช้งานโดยผู้ดูแลระบบ จึงเข้าสู่ระบบไม่ได้ กรุณาติดต่อผู้ดูแลระบบของเครื่องให้บริการนี้",
        en: "Your agency has been suspended by the host operator, so you cannot sign in. Please contact the operator of this installation.",
      },
    };
  }
  return { ok: true, userId: user.id };
}
