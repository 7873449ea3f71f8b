/** The IIT pool's rows (migration 0010): added one by one, taken out by whole groups. */
import { PostgresAdapter } from "kysely";
import type { Db } from "../client.server";
import type { IitPoolTable } from "../schema";

/**
 * Takes the round's row lock (PostgreSQL) for the rest of the transaction, so that a round's groups are
 * released one at a time: two releases at once could otherwise each take part of a group and leave one of
 * them smaller than k. SQLite runs one write transaction at a time already.
 */
export async function lockRoundPool(db: Db, roundId: number): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // NO KEY UPDATE, not UPDATE: every response and pool row inserted for the round takes a KEY SHARE lock
    // on it (the foreign key), which UPDATE would wait on — EIT answers of the round would queue behind
    // each IIT write, and a releaser holding a KEY SHARE could deadlock with another.
    await db.selectFrom("round").where("id", "=", roundId).select("id").forNoKeyUpdate().execute();
  }
}

/** Adds a row unless its submission id waits already; false for such a repeat (the unique index decides). */
export async function insertPoolRow(db: Db, row: IitPoolTable): Promise<boolean> {
  const result = await db.insertInto("iit_pool").values(row).onConflict((oc) => oc.column("submission_id").doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function isSubmissionPooled(db: Db, submissionId: string): Promise<boolean> {
  return (await db.selectFrom("iit_pool").where("submission_id", "=", submissionId).select("id").executeTakeFirst()) !== undefined;
}

/** How many counted (unflagged) answers of the round wait. */
export async function countPooledCounted(db: Db, roundId: number): Promise<number> {
  const row = await db
    .selectFrom("iit_pool")
    .where("round_id", "=", roundId)
    .where("flagged", "=", 0)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every row of the round's pool (fewer than a group's worth plus one: a few dozen at most). */
export async function listPoolRows(db: Db, roundId: number): Promise<IitPoolTable[]> {
  return db.selectFrom("iit_pool").where("round_id", "=", roundId).selectAll().execute();
}

export async function deletePoolRows(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom("iit_pool").where("id", "in", ids).execute();
}

/** Of these response ids, the ones taken already (for the random ids of a released group). */
export async function listTakenResponseIds(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom("response").where("id", "in", ids).select("id").execute()).map((r) => r.id);
}
