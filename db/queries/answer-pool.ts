/**
 * The answer pool's rows (migrations 0010, 0012): added one by one, taken out by whole groups. A group is
 * the IIT answers of a round, or the EIT answers of one link (a counter, or the round's general link).
 */
import { PostgresAdapter, sql } from "kysely";
import { reusableQuery } from "../reusable-query";
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
  const result = await insertPoolRowOnce(db, (column) => row[column]);
  return Number(result.numAffectedRows ?? 0n) > 0;
}

// The statements every submission runs are compiled once (db/reusable-query.ts), as the response's and
// the tallies' are: Kysely building them anew was a tenth of the ingest benchmark's server time.
const POOL_COLUMNS = ["id", "round_id", "link_id", "instrument", "submission_id", "flagged", "sealed"] as const satisfies readonly (keyof AnswerPoolTable)[];

const insertPoolRowOnce = reusableQuery<(typeof POOL_COLUMNS)[number], unknown>((db, param) =>
  db
    .insertInto("answer_pool")
    .values(Object.fromEntries(POOL_COLUMNS.map((column) => [column, param(column)])) as unknown as AnswerPoolTable)
    .onConflict((oc) => oc.column("submission_id").doNothing()),
);

export async function isSubmissionPooled(db: Db, submissionId: string): Promise<boolean> {
  return (await db.selectFrom("answer_pool").where("submission_id", "=", submissionId).select("id").executeTakeFirst()) !== undefined;
}

/**
 * Whether a submission id is known already, stored as a response or waiting in the pool: the repeat check
 * of every submission, in one statement instead of two.
 */
export async function isSubmissionKnown(db: Db, submissionId: string): Promise<boolean> {
  const result = await selectKnownSubmission(db, () => submissionId);
  return result.rows.length > 0;
}

const selectKnownSubmission = reusableQuery<"submissionId", { known: number }>((db, param) =>
  db
    .selectFrom("response")
    .where("submission_id", "=", param<string>("submissionId"))
    .select(sql<number>`1`.as("known"))
    .unionAll(db.selectFrom("answer_pool").where("submission_id", "=", param<string>("submissionId")).select(sql<number>`1`.as("known"))),
);

function inScope(db: Db, scope: PoolScope) {
  const query = db.selectFrom("answer_pool");
  return "roundId" in scope ? query.where("round_id", "=", scope.roundId).where("instrument", "=", scope.instrument) : query.where("link_id", "=", scope.linkId);
}

/** How many counted (unflagged) answers of the group wait. */
export async function countPooledCounted(db: Db, scope: PoolScope): Promise<number> {
  const result =
    "roundId" in scope
      ? await countRoundPool(db, (key) => (key === "roundId" ? scope.roundId : scope.instrument))
      : await countLinkPool(db, () => scope.linkId);
  return Number(result.rows[0]!.n);
}

const countRoundPool = reusableQuery<"roundId" | "instrument", { n: number }>((db, param) =>
  inScope(db, { roundId: param<number>("roundId"), instrument: param<"iit">("instrument") })
    .where("flagged", "=", 0)
    .select((eb) => eb.fn.countAll<number>().as("n")),
);

const countLinkPool = reusableQuery<"linkId", { n: number }>((db, param) =>
  inScope(db, { linkId: param<number>("linkId") })
    .where("flagged", "=", 0)
    .select((eb) => eb.fn.countAll<number>().as("n")),
);

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
