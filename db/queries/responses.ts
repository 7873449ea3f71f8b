import { sql } from "kysely";
import type { Db } from "../client.server";
import type { NewResponse, SurveyInstrument } from "../schema";

/**
 * Inserts a response unless its submission id is already stored. Returns the new id, or null for a
 * repeat: the unique index decides, so concurrent repeats cannot both get in.
 */
export async function insertResponseOnce(db: Db, response: NewResponse): Promise<number | null> {
  const row = await db
    .insertInto("response")
    .values(response)
    .onConflict((oc) => oc.column("submission_id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function isSubmissionStored(db: Db, submissionId: string): Promise<boolean> {
  const row = await db.selectFrom("response").where("submission_id", "=", submissionId).select("id").executeTakeFirst();
  return row !== undefined;
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
