import { sql } from "kysely";
import type { Db } from "../client.server";
import type { NewTally, SurveyInstrument } from "../schema";

/**
 * Adds counts to the tallies with one atomic upsert per batch, so two processes writing to the same
 * PostgreSQL database cannot lose an increment.
 */
export async function incrementTallies(db: Db, rows: NewTally[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("tally")
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(["round_id", "link_id", "month", "field", "value"])
        .doUpdateSet((eb) => ({ count: eb(eb.ref("tally.count"), "+", eb.ref("excluded.count")) })),
    )
    .execute();
}

export interface FieldValueCount {
  instrument: SurveyInstrument;
  field: string;
  value: number;
  count: number;
}

/** The round's tallies summed over links and months: the input of the scoring chain. */
export async function sumRoundTallies(db: Db, roundId: number): Promise<FieldValueCount[]> {
  const rows = await db
    .selectFrom("tally")
    .where("round_id", "=", roundId)
    .select(["instrument", "field", "value", sql<number>`sum(count)`.as("count")])
    .groupBy(["instrument", "field", "value"])
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export async function listAllTallies(db: Db) {
  return db
    .selectFrom("tally")
    .select(["round_id", "link_id", "instrument", "month", "field", "value", "count"])
    .execute();
}

export async function deleteAllTallies(db: Db): Promise<void> {
  await db.deleteFrom("tally").execute();
}
