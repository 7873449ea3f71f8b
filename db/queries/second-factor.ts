/**
 * A user's second factor (migration 0018; app/auth/second-factor.server.ts has the rules): the sealed TOTP
 * secret, the last step a code was taken for, the single-use recovery codes, and the agency's requirement.
 */
import type { Db } from "../client.server";

export interface SecondFactorState {
  userId: number;
  organizationId: number;
  username: string;
  role: string;
  sealedSecret: string | null;
  enabledAt: string | null;
  lastStep: number | null;
  required: number;
}

export async function getSecondFactorState(db: Db, userId: number): Promise<SecondFactorState | undefined> {
  return db
    .selectFrom("user")
    .innerJoin("organization", "organization.id", "user.organization_id")
    .where("user.id", "=", userId)
    .select([
      "user.id as userId",
      "user.organization_id as organizationId",
      "user.username as username",
      "user.role as role",
      "user.totp_sealed_secret as sealedSecret",
      "user.totp_enabled_at as enabledAt",
      "user.totp_last_step as lastStep",
      "organization.require_second_factor as required",
    ])
    .executeTakeFirst();
}

/**
 * Takes the code of `step` if no code of this or a later step was taken before: a compare-and-set, so
 * that two parallel sign-ins with one code cannot both pass. False: the code was used already.
 */
export async function takeTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable("user")
    .set({ totp_last_step: step })
    .where("id", "=", userId)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Turns the second factor on with its secret and ten fresh recovery codes (a transaction's work). */
export async function enableSecondFactor(db: Db, userId: number, sealedSecret: string, step: number, codeHashes: string[], nowIso: string): Promise<void> {
  await db.updateTable("user").set({ totp_sealed_secret: sealedSecret, totp_enabled_at: nowIso, totp_last_step: step }).where("id", "=", userId).execute();
  await replaceRecoveryCodes(db, userId, codeHashes, nowIso);
}

/** Turns it off: the secret and every recovery code are gone. */
export async function disableSecondFactor(db: Db, userId: number): Promise<void> {
  await db.updateTable("user").set({ totp_sealed_secret: null, totp_enabled_at: null, totp_last_step: null }).where("id", "=", userId).execute();
  await db.deleteFrom("recovery_code").where("user_id", "=", userId).execute();
}

export async function replaceRecoveryCodes(db: Db, userId: number, codeHashes: string[], nowIso: string): Promise<void> {
  await db.deleteFrom("recovery_code").where("user_id", "=", userId).execute();
  await db
    .insertInto("recovery_code")
    .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: nowIso })))
    .execute();
}

/** Spends a recovery code if it is the user's and unused: false otherwise (also when a parallel request spent it first). */
export async function spendRecoveryCode(db: Db, userId: number, codeHash: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable("recovery_code")
    .set({ used_at: nowIso })
    .where("user_id", "=", userId)
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom("recovery_code")
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setSecondFactorRequired(db: Db, organizationId: number, required: boolean): Promise<void> {
  await db.updateTable("organization").set({ require_second_factor: required ? 1 : 0 }).where("id", "=", organizationId).execute();
}
