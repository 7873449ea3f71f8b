/**
 * Reads of raw responses for the CSV/XLSX exports, a page at a time in id order (keyset: `id > after`,
 * never OFFSET), so an export of millions of responses holds one page in memory and each page costs the
 * same. The index response_round (round_id, instrument) ends in the row id, so `round_id = ? AND
 * instrument = ? AND id > ? ORDER BY id` is a range scan on it in SQLite and PostgreSQL alike.
 *
 * IIT reads return the answers only: no date, no month, no link (see app/services/export/plan.server.ts for
 * why). IIT rows are read by id: a block of ids first, which the export shuffles, then their answers a
 * few hundred at a time in that shuffled order; ids are never written out.
 */
import type { Db } from "../client.server";
import type { NewResponse } from "../schema";

export interface IitAnswersRow {
  /** To put the rows in the caller's order only: never exported. */
  id: number;
  answers: string;
  /** Why the answers are left out of the scores, or null (the export says so: its counts match the dashboard). */
  flag: string | null;
}

export interface EitAnswersRow {
  /** For the keyset only: never exported. */
  id: number;
  linkId: number;
  answeredOn: string;
  answers: string;
  flag: string | null;
  /** The visitor's suggestion stored with the response (issue 15), or null. */
  suggestion: string | null;
}

/** Ids of the round's IIT responses after `afterId`, at most `limit`, in id order (an index-only scan). */
export async function listIitIdsPage(db: Db, roundId: number, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom("response")
    .where("round_id", "=", roundId)
    .where("instrument", "=", "iit")
    .where("id", ">", afterId)
    .select("id")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The answers of the round's IIT responses with these ids (a few hundred at most), in any order. */
export async function listIitAnswersByIds(db: Db, roundId: number, ids: number[]): Promise<IitAnswersRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("response")
    .where("round_id", "=", roundId)
    .where("instrument", "=", "iit")
    .where("id", "in", ids)
    .select(["id", "answers", "flag"])
    .execute();
}

/** The round's EIT answers after `afterId`, at most `limit`, in id order, with the day and the link. */
export async function listEitAnswersPage(db: Db, roundId: number, afterId: number, limit: number): Promise<EitAnswersRow[]> {
  return db
    .selectFrom("response")
    .leftJoin("suggestion", "suggestion.response_id", "response.id")
    .where("response.round_id", "=", roundId)
    .where("response.instrument", "=", "eit")
    .where("response.id", ">", afterId)
    .select(["response.id as id", "response.link_id as linkId", "response.answered_on as answeredOn", "response.answers as answers", "response.flag as flag", "suggestion.text as suggestion"])
    .orderBy("response.id")
    .limit(limit)
    .execute();
}

/**
 * Inserts many responses in one statement (no tallies: callers that need scores recount). For bulk
 * loads such as the export benchmark; run it inside a transaction for speed. Keep batches at a few
 * hundred rows: each row binds 8 parameters and SQLite caps a statement at 32,766.
 */
export async function insertResponseRows(db: Db, rows: NewResponse[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto("response").values(rows).execute();
}
