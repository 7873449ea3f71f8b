/** The rounds whose raw answers the agency's retention has run out for, and their deletion (migration 0011). */
import type { Db } from "../client.server";

/** Rounds not purged yet that are over (closed, or past their last day), with their agency's retention. */
export async function listPurgeCandidates(db: Db, today: string) {
  return db
    .selectFrom("round")
    .innerJoin("organization", "organization.id", "round.organization_id")
    .where("round.raw_purged_on", "is", null)
    .where((eb) => eb.or([eb("round.status", "=", "closed"), eb("round.ends_on", "<", today)]))
    .select(["round.id as roundId", "round.organization_id as organizationId", "round.ends_on as endsOn", "organization.retention_months as retentionMonths"])
    .execute();
}

/**
 * Deletes the round's raw answers (visitors' suggestions, responses, and answers that never made a group);
 * returns the counts. The suggestions would go with their responses (ON DELETE CASCADE); deleted first,
 * they are counted.
 */
export async function deleteRoundRawAnswers(db: Db, roundId: number, today: string): Promise<{ responses: number; waiting: number; suggestions: number }> {
  const suggestions = await db.deleteFrom("suggestion").where("round_id", "=", roundId).executeTakeFirst();
  const responses = await db.deleteFrom("response").where("round_id", "=", roundId).executeTakeFirst();
  const waiting = await db.deleteFrom("answer_pool").where("round_id", "=", roundId).executeTakeFirst();
  await db.updateTable("round").set({ raw_purged_on: today }).where("id", "=", roundId).execute();
  return { responses: Number(responses.numDeletedRows), waiting: Number(waiting.numDeletedRows), suggestions: Number(suggestions.numDeletedRows) };
}

/** The ids of rounds whose raw answers are gone: a recount has nothing to compare their tallies with. */
export async function listPurgedRoundIds(db: Db): Promise<number[]> {
  return (await db.selectFrom("round").where("raw_purged_on", "is not", null).select("id").execute()).map((r) => r.id);
}
