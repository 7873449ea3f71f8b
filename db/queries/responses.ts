import { SqliteAdapter, sql } from "kysely";
import type { Db } from "../client.server";
import { reusableQuery } from "../reusable-query";
import type { NewResponse, SurveyInstrument } from "../schema";

/**
 * Inserts a response unless its submission id is already stored. Returns the new id, or null for a
 * repeat: the unique index decides, so concurrent repeats cannot both get in.
 */
export async function insertResponseOnce(db: Db, response: NewResponse): Promise<number | null> {
  const result = await insertResponseUnlessStored(db, (column) => response[column] ?? null);
  return result.rows[0]?.id ?? null;
}

/**
 * As insertResponseOnce, under the given id: a released IIT answer set's random id (app/services/answer-pool/),
 * so that ids tell nothing of arrival order.
 */
export async function insertResponseWithId(db: Db, id: number, response: NewResponse): Promise<number | null> {
  const result = await insertResponseWithIdUnlessStored(db, (column) => (column === "id" ? id : (response[column] ?? null)));
  return result.rows[0]?.id ?? null;
}

/**
 * SQLite keeps every recent commit in its WAL file until a checkpoint, so replaying the WAL commit by commit
 * shows what each transaction wrote, in order. The WAL is checkpointed into the database
 * and truncated to nothing after an IIT group's release (issue 12): the WAL then holds nothing of the sealed
 * pool rows the group came from, nor of the order they came in. With secure_delete (db/client.server.ts) the pool rows deleted by a
 * release leave no bytes behind. A reader in another process (a backup) can make the checkpoint stop short;
 * the next IIT write truncates again. PostgreSQL: nothing to do here (its WAL is the server's; the pool is
 * sealed for it).
 */
export async function truncateSqliteWal(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
}

// Both run for every submission: compiled once (db/reusable-query.ts).
const RESPONSE_COLUMNS = [
  "submission_id",
  "round_id",
  "link_id",
  "instrument",
  "framework_id",
  "answered_on",
  "month",
  "answers",
  "flag",
] as const satisfies readonly (keyof NewResponse)[];

const insertResponseUnlessStored = reusableQuery<(typeof RESPONSE_COLUMNS)[number], { id: number }>((db, param) =>
  db
    .insertInto("response")
    .values(Object.fromEntries(RESPONSE_COLUMNS.map((column) => [column, param(column)])) as NewResponse)
    .onConflict((oc) => oc.column("submission_id").doNothing())
    .returning("id"),
);

// A released IIT group's five responses each (app/services/answer-pool/).
const insertResponseWithIdUnlessStored = reusableQuery<"id" | (typeof RESPONSE_COLUMNS)[number], { id: number }>((db, param) =>
  db
    .insertInto("response")
    .values({ ...(Object.fromEntries(RESPONSE_COLUMNS.map((column) => [column, param(column)])) as NewResponse), id: param<number>("id") })
    .onConflict((oc) => oc.column("submission_id").doNothing())
    .returning("id"),
);

const selectStoredSubmission = reusableQuery<"submissionId", { id: number }>((db, param) =>
  db.selectFrom("response").where("submission_id", "=", param<string>("submissionId")).select("id"),
);

export async function isSubmissionStored(db: Db, submissionId: string): Promise<boolean> {
  const result = await selectStoredSubmission(db, () => submissionId);
  return result.rows.length > 0;
}

export async function countResponses(db: Db, roundId: number, instrument?: SurveyInstrument): Promise<number> {
  let query = db
    .selectFrom("response")
    .where("round_id", "=", roundId)
    .select(sql<number>`count(*)`.as("n"));
  if (instrument) query = query.where("instrument", "=", instrument);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countAllResponses(db: Db): Promise<number> {
  const row = await db.selectFrom("response").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface StoredAnswers {
  id: number;
  roundId: number;
  linkId: number;
  instrument: SurveyInstrument;
  month: string;
  answers: string;
  flag: string | null;
}

/** Raw responses in id order, a page at a time (keyset), so a recount of millions stays in memory bounds. */
export async function listResponsesAfter(db: Db, afterId: number, limit: number): Promise<StoredAnswers[]> {
  return db
    .selectFrom("response")
    .where("id", ">", afterId)
    .select([
      "id",
      "round_id as roundId",
      "link_id as linkId",
      "instrument",
      "month",
      "answers",
      "flag",
    ])
    .orderBy("id")
    .limit(limit)
    .execute();
}
