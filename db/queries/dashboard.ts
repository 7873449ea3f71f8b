/**
 * The round dashboard's breakdowns, read from tallies only (ARCHITECTURE.md §4): a round has at most
 * links × months × fields × values tally rows whatever the number of responses, so these sums cost the
 * same at a thousand responses as at a million. Every query is scoped to one round; the caller has
 * already checked that the round belongs to the user's agency (requireOrganizationRound).
 */
import { sql } from "kysely";
import type { Db } from "../client.server";
import type { SurveyInstrument } from "../schema";

export interface CounterFieldValueCount {
  counterId: number;
  instrument: SurveyInstrument;
  field: string;
  value: number;
  count: number;
}

/** A round's tallies of one instrument summed per service counter (over its links and months). */
export async function sumRoundTalliesByCounter(db: Db, roundId: number, instrument: SurveyInstrument): Promise<CounterFieldValueCount[]> {
  const rows = await db
    .selectFrom("tally")
    .innerJoin("link", "link.id", "tally.link_id")
    .where("tally.round_id", "=", roundId)
    .where("tally.instrument", "=", instrument)
    .where("link.counter_id", "is not", null)
    .select([
      "link.counter_id as counterId",
      "tally.instrument as instrument",
      "tally.field as field",
      "tally.value as value",
      sql<number>`sum(tally.count)`.as("count"),
    ])
    .groupBy(["link.counter_id", "tally.instrument", "tally.field", "tally.value"])
    .execute();
  // PostgreSQL returns sum() as a string (ARCHITECTURE.md §1 pitfalls).
  return rows.map((r) => ({ ...r, counterId: Number(r.counterId), count: Number(r.count) }));
}

export interface MonthFieldValueCount {
  /** YYYY-MM */
  month: string;
  instrument: SurveyInstrument;
  field: string;
  value: number;
  count: number;
}

/** A round's tallies of one instrument summed per month (over its links). */
export async function sumRoundTalliesByMonth(db: Db, roundId: number, instrument: SurveyInstrument): Promise<MonthFieldValueCount[]> {
  const rows = await db
    .selectFrom("tally")
    .where("round_id", "=", roundId)
    .where("instrument", "=", instrument)
    .select(["month", "instrument", "field", "value", sql<number>`sum(count)`.as("count")])
    .groupBy(["month", "instrument", "field", "value"])
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export interface CounterMonthFieldValueCount {
  /** The counter of the link; null for a link without one (the IIT's). */
  counterId: number | null;
  /** YYYY-MM */
  month: string;
  instrument: SurveyInstrument;
  field: string;
  value: number;
  count: number;
}

/**
 * A round's tallies of both survey instruments summed per counter and month (over the links of a
 * counter): at most counters × months × fields × values rows, whatever the number of responses. The
 * results by question read this once and sum it as each view needs.
 */
export async function sumRoundTalliesByCounterAndMonth(db: Db, roundId: number): Promise<CounterMonthFieldValueCount[]> {
  const rows = await db
    .selectFrom("tally")
    .innerJoin("link", "link.id", "tally.link_id")
    .where("tally.round_id", "=", roundId)
    .select([
      "link.counter_id as counterId",
      "tally.month as month",
      "tally.instrument as instrument",
      "tally.field as field",
      "tally.value as value",
      sql<number>`sum(tally.count)`.as("count"),
    ])
    .groupBy(["link.counter_id", "tally.month", "tally.instrument", "tally.field", "tally.value"])
    .execute();
  return rows.map((r) => ({ ...r, counterId: r.counterId === null ? null : Number(r.counterId), count: Number(r.count) }));
}

export interface RoundCounter {
  counterId: number;
  nameTh: string;
  nameEn: string;
  status: "active" | "paused" | "retired";
}

/** The service counters that have a link of the given instrument in the round, in the order they were made. */
export async function listRoundCounters(db: Db, roundId: number, instrument: SurveyInstrument): Promise<RoundCounter[]> {
  return db
    .selectFrom("counter")
    .where("counter.id", "in", (eb) =>
      eb.selectFrom("link").where("link.round_id", "=", roundId).where("link.instrument", "=", instrument).select("link.counter_id"),
    )
    .select(["counter.id as counterId", "counter.name_th as nameTh", "counter.name_en as nameEn", "counter.status as status"])
    .orderBy("counter.id")
    .execute();
}
