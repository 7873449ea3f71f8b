import type { Db } from "../client.server";
import type { ResponseFlag } from "../schema";

/** Flagged responses of a round, counted per link and reason (never listed one by one: anonymity). */
export async function countFlaggedByLink(db: Db, roundId: number) {
  const rows = await db
    .selectFrom("response")
    .innerJoin("link", "link.id", "response.link_id")
    .leftJoin("counter", "counter.id", "link.counter_id")
    .where("response.round_id", "=", roundId)
    .where("response.flag", "is not", null)
    .select((eb) => [
      "response.link_id as linkId",
      "response.instrument as instrument",
      "response.flag as flag",
      "counter.name_th as counterNameTh",
      "counter.name_en as counterNameEn",
      eb.fn.countAll<number>().as("count"),
    ])
    .groupBy(["response.link_id", "response.instrument", "response.flag", "counter.name_th", "counter.name_en"])
    .orderBy("response.link_id")
    .execute();
  return rows.map((r) => ({ ...r, flag: r.flag as ResponseFlag, count: Number(r.count) }));
}

export interface FlaggedSelection {
  roundId: number;
  /** One link, or every link of the round. */
  linkId: number | null;
  flag: ResponseFlag;
}

/** The flagged responses of a selection, to be restored (with their answers for the tallies). */
export async function listFlaggedResponses(db: Db, selection: FlaggedSelection) {
  let query = db
    .selectFrom("response")
    .where("round_id", "=", selection.roundId)
    .where("flag", "=", selection.flag)
    .select(["id", "round_id as roundId", "link_id as linkId", "instrument", "month", "answers"]);
  if (selection.linkId !== null) query = query.where("link_id", "=", selection.linkId);
  return query.orderBy("id").execute();
}

export async function clearResponseFlags(db: Db, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db.updateTable("response").set({ flag: null }).where("id", "in", ids.slice(i, i + 500)).execute();
  }
}
