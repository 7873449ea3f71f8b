/** A signed-in user's own account (issue 14, item 8): their password, as they change it themselves. */
import type { Db } from "../client.server";

export async function getOwnPasswordHash(db: Db, userId: number): Promise<string | undefined> {
  return (await db.selectFrom("user").where("id", "=", userId).select("password_hash").executeTakeFirst())?.password_hash;
}

/** Stores a password its owner chose: no longer a one-time one. */
export async function setOwnPassword(db: Db, userId: number, passwordHash: string, nowIso: string): Promise<void> {
  await db.updateTable("user").set({ password_hash: passwordHash, must_change_password: 0, password_changed_at: nowIso }).where("id", "=", userId).execute();
}

/** Marks a password as one-time (given by an admin, the operator or the CLI): changed at the next sign-in. */
export async function markPasswordOneTime(db: Db, userId: number): Promise<void> {
  await db.updateTable("user").set({ must_change_password: 1 }).where("id", "=", userId).execute();
}
