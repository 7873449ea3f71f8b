/**
 * db/reusable-query.ts: a query built once per database, then run with new values — on SQLite and on
 * PostgreSQL (this file runs in both integration projects). The values must land in their own columns
 * even when two of them are equal or given in another order, constants of the query must stay, and a
 * placeholder that never reaches the SQL must be refused rather than silently dropped.
 */
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reusableQuery } from "../../db/reusable-query";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
  await sql`create table pair (a integer not null, b integer not null, label text not null, kind text not null)`.execute(t.db);
});
afterEach(async () => {
  await t.close();
});

type PairKey = "a" | "b" | "label";

describe("reusableQuery", () => {
  it("builds the query once and puts every value in its own column, however the values compare", async () => {
    let builds = 0;
    const insertPair = reusableQuery<PairKey, unknown>((db, param) => {
      builds++;
      // @ts-expect-error `pair` is this test's own table, not in the app's schema
      return db.insertInto("pair").values({ b: param<number>("b"), kind: "fixed", a: param<number>("a"), label: param<string>("label") });
    });
    const rows = [
      { a: 1, b: 1, label: "equal" },
      { a: 2, b: 7, label: "a<b" },
      { a: 9, b: 3, label: "a>b" },
    ];
    for (const row of rows) await insertPair(t.db, (key) => row[key]);
    await t.db.transaction().execute(async (trx) => {
      await insertPair(trx, (key) => ({ a: 5, b: 6, label: "in a transaction" })[key]);
    });
    expect(builds).toBe(1);
    const stored = await sql<{ a: number; b: number; label: string; kind: string }>`select a, b, label, kind from pair order by label`.execute(t.db);
    expect(stored.rows).toEqual(
      [...rows, { a: 5, b: 6, label: "in a transaction" }]
        .map((row) => ({ ...row, kind: "fixed" }))
        .sort((x, y) => (x.label < y.label ? -1 : 1)),
    );
  });

  it("returns the rows of a select, with the constants of the query kept", async () => {
    await sql`insert into pair (a, b, label, kind) values (1, 2, 'x', 'kept'), (1, 3, 'y', 'other'), (2, 2, 'z', 'kept')`.execute(t.db);
    const selectKept = reusableQuery<"a", { label: string }>((db, param) =>
      // @ts-expect-error `pair` is this test's own table
      db.selectFrom("pair").where("a", "=", param<number>("a")).where("kind", "=", "kept").select("label").orderBy("label"),
    );
    expect((await selectKept(t.db, () => 1)).rows).toEqual([{ label: "x" }]);
    expect((await selectKept(t.db, () => 2)).rows).toEqual([{ label: "z" }]);
    expect((await selectKept(t.db, () => 3)).rows).toEqual([]);
  });

  it("refuses a placeholder that does not reach the SQL", async () => {
    const dropsOne = reusableQuery<"a" | "b", unknown>((db, param) => {
      param<number>("b"); // made, never used: its value would be lost
      // @ts-expect-error `pair` is this test's own table
      return db.selectFrom("pair").where("a", "=", param<number>("a")).select("label");
    });
    await expect(dropsOne(t.db, () => 1)).rejects.toThrow(/1 of 2 placeholders are not parameters/);
  });
});
