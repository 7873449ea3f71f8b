import { sql } from "kysely";
import type { Db } from "../client.server";
import { reusableQuery } from "../reusable-query";
import type { NewTally, SurveyInstrument } from "../schema";

/**
 * Adds counts to the tallies with one atomic upsert per batch, so two processes writing to the same
 * PostgreSQL database cannot lose an increment.
 *
 * Rows of the same key are summed first: PostgreSQL refuses an upsert that touches one row twice
 * ("ON CONFLICT DO UPDATE command cannot affect row a second time"), where SQLite would add both.
 * And the rows go in key order, so that concurrent transactions lock tally rows in one order and
 * cannot deadlock each other. Any number of rows: they are written a batch at a time (SQLite binds
 * at most 32,766 parameters per statement), still in key order.
 */
export async function incrementTallies(db: Db, rows: NewTally[]): Promise<void> {
  const merged = new Map<string, NewTally>();
  for (const row of rows) {
    const key = tallyKey(row);
    const same = merged.get(key);
    if (same) same.count += row.count;
    else merged.set(key, { ...row });
  }
  const ordered = [...merged.values()].sort(compareTallyKeys);
  for (let i = 0; i < ordered.length; i += TALLY_BATCH) {
    const batch = ordered.slice(i, i + TALLY_BATCH);
    await upsertTallyRows(batch.length)(db, ({ row, column }) => batch[row]![column]);
  }
}

const TALLY_COLUMNS = ["round_id", "link_id", "instrument", "month", "field", "value", "count"] as const;

type TallyValueKey = { row: number; column: (typeof TALLY_COLUMNS)[number] };

/**
 * The upsert of `rowCount` tally rows, compiled once per row count (db/reusable-query.ts): a
 * submission always has as many answers as its instrument has fields, so there are a few shapes only,
 * and at most TALLY_BATCH.
 */
function upsertTallyRows(rowCount: number) {
  let upsert = upsertsByRowCount.get(rowCount);
  if (!upsert) {
    upsert = reusableQuery<TallyValueKey, unknown>((db, param) =>
      db
        .insertInto("tally")
        .values(
          Array.from({ length: rowCount }, (_, row) =>
            Object.fromEntries(TALLY_COLUMNS.map((column) => [column, param({ row, column })])) as NewTally,
          ),
        )
        .onConflict((oc) =>
          oc
            .columns(["round_id", "link_id", "month", "field", "value"])
            .doUpdateSet((eb) => ({ count: eb(eb.ref("tally.count"), "+", eb.ref("excluded.count")) })),
        ),
    );
    upsertsByRowCount.set(rowCount, upsert);
  }
  return upsert;
}

const upsertsByRowCount = new Map<number, ReturnType<typeof reusableQuery<TallyValueKey, unknown>>>();

const TALLY_BATCH = 500;

function tallyKey(row: NewTally): string {
  // NUL cannot occur in a month or a field name, so the joined key is unambiguous.
  return `${row.round_id}\0${row.link_id}\0${row.month}\0${row.field}\0${row.value}`;
}

function compareTallyKeys(a: NewTally, b: NewTally): number {
  return (
    a.round_id - b.round_id ||
    a.link_id - b.link_id ||
    compareText(a.month, b.month) ||
    compareText(a.field, b.field) ||
    a.value - b.value
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

/** Deletes every tally but those of these rounds (the rounds whose raw answers retention deleted). */
export async function deleteAllTallies(db: Db, keepRoundIds: number[] = []): Promise<void> {
  let query = db.deleteFrom("tally");
  if (keepRoundIds.length > 0) query = query.where("round_id", "not in", keepRoundIds);
  await query.execute();
}
