/** Operators' confirmations of provisional frameworks (migration 0013). */
import type { Db } from "../client.server";

export async function isFrameworkConfirmed(db: Db, frameworkId: string): Promise<boolean> {
  return (await db.selectFrom("framework_confirmation").where("framework_id", "=", frameworkId).select("framework_id").executeTakeFirst()) !== undefined;
}

/** Records the confirmation (again: the newer day and note replace the older). */
export async function confirmFramework(db: Db, frameworkId: string, confirmedOn: string, note: string): Promise<void> {
  await db
    .insertInto("framework_confirmation")
    .values({ framework_id: frameworkId, confirmed_on: confirmedOn, note })
    .onConflict((oc) => oc.column("framework_id").doUpdateSet({ confirmed_on: confirmedOn, note }))
    .execute();
}

export async function listFrameworkConfirmations(db: Db) {
  return db.selectFrom("framework_confirmation").selectAll().orderBy("framework_id").execute();
}
