/**
 * A user turning their own second factor on and off (issue 14, item 8; the rules in
 * app/auth/second-factor.server.ts). Enrolment has two steps with nothing stored between them: the page
 * gets a fresh secret, sealed with the user's id and a deadline, in a hidden field; the secret is stored
 * only when a code from the app proves the app has it. Each change is one transaction with its audit
 * entry; no secret, code or password is ever logged.
 */
import QRCode from "qrcode";
import type { Db } from "../../db/client.server";
import { disableSecondFactor, enableSecondFactor, getSecondFactorState, replaceRecoveryCodes } from "../../db/queries/second-factor";
import {
  groupedSecret,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  normaliseCode,
  otpauthUri,
  secondFactorRequired,
  sealTotpSecret,
  stepOfCode,
} from "../auth/second-factor.server";
import type { SessionUser } from "../auth/session.server";
import type { Localized } from "../scoring/framework";
import { confirmOwnPassword } from "./account.server";
import { poolKey, seal, unseal } from "./answer-pool/seal.server";
import { recordAudit } from "./audit.server";

/** How long a person has between seeing the QR code and typing the app's first code. */
const ENROLMENT_MINUTES = 15;

export interface Enrolment {
  /** The secret sealed with the user and a deadline: the hidden field of the confirmation form. */
  pending: string;
  groupedSecret: string;
  qrSvg: string;
}

export type SecondFactorChange =
  | { ok: true; recoveryCodes?: string[] }
  | { ok: false; error: Localized; enrolment?: Enrolment };

const PROBLEMS = {
  code: { th: "รหัสจากแอปไม่ถูกต้อง ตรวจว่าเวลาในโทรศัพท์ตรงแล้วพิมพ์รหัสที่แสดงอยู่ตอนนี้", en: "The app's code is not right: check the phone's clock and type the code it shows now." },
  expired: { th: "หมดเวลาการตั้งค่า กรุณาเริ่มใหม่", en: "The set-up expired: please start again." },
  password: { th: "รหัสผ่านไม่ถูกต้อง หรือลองหลายครั้งเกินไป กรุณารอสักครู่", en: "The password is not right, or there were too many tries: wait a moment." },
  required: {
    th: "หน่วยงานของท่านกำหนดให้ผู้ดูแลและผู้บริหารต้องใช้การยืนยันตัวตนสองขั้นตอน จึงปิดไม่ได้",
    en: "Your agency requires a second factor of admins and managers, so it cannot be turned off.",
  },
  notOn: { th: "บัญชีนี้ยังไม่ได้เปิดใช้การยืนยันตัวตนสองขั้นตอน", en: "This account has no second factor on." },
} satisfies Record<string, Localized>;

const actor = (user: SessionUser) => ({ organizationId: user.organizationId, userId: user.userId });
const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

async function enrolmentFor(user: SessionUser, secret: string, deadline: number): Promise<Enrolment> {
  const uri = otpauthUri(secret, user.username, user.organizationSlug);
  return {
    pending: seal({ userId: user.userId, secret, deadline }, poolKey()),
    groupedSecret: groupedSecret(secret),
    // Made here and not cached (unlike the posters' QR codes): it carries the secret.
    qrSvg: await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" }),
  };
}

/** A fresh secret to show as a QR code; nothing is stored until it is confirmed. */
export async function beginEnrolment(user: SessionUser, now: Date): Promise<Enrolment> {
  return enrolmentFor(user, newTotpSecret(), now.getTime() + ENROLMENT_MINUTES * 60_000);
}

function readPending(user: SessionUser, pending: string, now: Date): { secret: string; deadline: number } | undefined {
  try {
    const value = unseal<{ userId: number; secret: string; deadline: number }>(pending, poolKey());
    return value.userId === user.userId && value.deadline > now.getTime() ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns the second factor on (or moves it to another app) once the app's code matches the pending
 * secret: the secret is stored sealed, with ten fresh recovery codes, returned here to be shown once.
 */
export async function confirmEnrolment(db: Db, user: SessionUser, form: FormData, now: Date): Promise<SecondFactorChange> {
  const pending = readPending(user, field(form, "pending"), now);
  if (!pending) return { ok: false, error: PROBLEMS.expired };
  const step = stepOfCode(pending.secret, normaliseCode(field(form, "code")), now);
  if (step === null) return { ok: false, error: PROBLEMS.code, enrolment: await enrolmentFor(user, pending.secret, pending.deadline) };
  const recoveryCodes = newRecoveryCodes();
  const wasOn = Boolean((await getSecondFactorState(db, user.userId))?.enabledAt);
  await db.transaction().execute(async (trx) => {
    await enableSecondFactor(trx, user.userId, sealTotpSecret(pending.secret), step, recoveryCodes.map((code) => hashRecoveryCode(user.userId, code)), now.toISOString());
    await recordAudit(trx, actor(user), wasOn ? "second-factor.replace" : "second-factor.enable", `user:${user.userId}`, {}, now);
  });
  return { ok: true, recoveryCodes };
}

/** Turns the second factor off, with the current password; refused while the agency requires it of the user's role. */
export async function turnOffSecondFactor(db: Db, user: SessionUser, form: FormData, clientAddress: string, now: Date): Promise<SecondFactorChange> {
  const state = await getSecondFactorState(db, user.userId);
  if (!state?.enabledAt) return { ok: false, error: PROBLEMS.notOn };
  if (secondFactorRequired(state)) return { ok: false, error: PROBLEMS.required };
  if (!(await confirmOwnPassword(db, user, field(form, "current"), clientAddress, now))) {
    await recordAudit(db, actor(user), "second-factor.change-refused", `user:${user.userId}`, { reason: "password wrong" }, now);
    return { ok: false, error: PROBLEMS.password };
  }
  await db.transaction().execute(async (trx) => {
    await disableSecondFactor(trx, user.userId);
    await recordAudit(trx, actor(user), "second-factor.disable", `user:${user.userId}`, {}, now);
  });
  return { ok: true };
}

/** Ten new recovery codes in place of the old ones (all of which stop working), with the current password. */
export async function renewRecoveryCodes(db: Db, user: SessionUser, form: FormData, clientAddress: string, now: Date): Promise<SecondFactorChange> {
  const state = await getSecondFactorState(db, user.userId);
  if (!state?.enabledAt) return { ok: false, error: PROBLEMS.notOn };
  if (!(await confirmOwnPassword(db, user, field(form, "current"), clientAddress, now))) {
    await recordAudit(db, actor(user), "second-factor.change-refused", `user:${user.userId}`, { reason: "password wrong" }, now);
    return { ok: false, error: PROBLEMS.password };
  }
  const recoveryCodes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await replaceRecoveryCodes(trx, user.userId, recoveryCodes.map((code) => hashRecoveryCode(user.userId, code)), now.toISOString());
    await recordAudit(trx, actor(user), "second-factor.recovery-codes-renewed", `user:${user.userId}`, {}, now);
  });
  return { ok: true, recoveryCodes };
}
