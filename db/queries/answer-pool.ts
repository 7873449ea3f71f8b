/**
 * The answer pool's rows (migrations 0010, 0012): added one by one, taken out by whole groups. A group is
 * the IIT answers of a round, or the EIT answers of one link (a counter, or the round's general link).
 */
import { PostgresAdapter } from "kysely";
import type { Db } from "../client.server";
import type { AnswerPoolTable } from "../schema";

/** What one group of the pool is: every IIT answer of a round, or every EIT answer of a link. */
export type PoolScope = { roundId: number; instrument: "iit" } | { linkId: number };

/**
 * Takes the group's row lock (PostgreSQL: the round's or the link's row) for the rest of the transaction,
 * so that a group is released once: two releases at once could otherwise each take part of it and leave
 * one smaller than k. SQLite runs one write transaction at a time already.
 */
export async function lockPoolScope(db: Db, scope: PoolScope): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  // NO KEY UPDATE, not UPDATE: every response and pool row inserted for the round or link takes a KEY SHARE
  // lock on it (the foreign key), which UPDATE would wait on — other answers of the round would queue
  // behind each release, and a releaser holding a KEY SHARE could deadlock with another.
  if ("roundId" in scope) await db.selectFrom("round").where("id", "=", scope.roundId).select("id").forNoKeyUpdate().execute();
  else await db.selectFrom("link").where("id", "=", scope.linkId).select("id").forNoKeyUpdate().execute();
}

/** Adds a row unless its submission id waits already; false for such a repeat (the unique index decides). */
export async function insertPoolRow(db: Db, row: AnswerPoolTable): Promise<boolean> {
  const result = await db.insertInto("answer_pool").values(row).onConflict((oc) => oc.column("submission_id").doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function isSubmissionPooled(db: Db, submissionId: string): Promise<boolean> {
  return (await db.selectFrom("answer_pool").where("submission_id", "=", submissionId).select("id").executeTakeFirst()) !== undefined;
}

function inScope(db: Db, scope: PoolScope) {
  const query = db.selectFrom("answer_pool");
  return "roundId" in scope ? query.where("round_id", "=", scope.roundId).where("instrument", "=", scope.instrument) : query.where("link_id", "=", scope.linkId);
}

/** How many counted (unflagged) answers of the group wait. */
export async function countPooledCounted(db: Db, scope: PoolScope): Promise<number> {
  const row = await inScope(db, scope)
    .where("flagged", "=", 0)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every row of the group (fewer than a group's worth plus its flagged ones: a few dozen at most). */
export async function listPoolRows(db: Db, scope: PoolScope): Promise<AnswerPoolTable[]> {
  return inScope(db, scope).selectAll().execute();
}

export async function deletePoolRows(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom("answer_pool").where("id", "in", ids).execute();
}

/** Of these response ids, the ones taken already (for the random ids of a released group). */
export async function listTakenResponseIds(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom("response").where("id", "in", ids).select("id").execute()).map((r) => r.id);
}
