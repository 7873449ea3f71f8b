import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { withStatementCache } from "../../db/sqlite-statement-cache";

describe("SQLite prepared-statement cache", () => {
  let raw: SQLite.Database;
  afterEach(() => {
    if (raw.open) raw.close();
  });

  it("prepares a given SQL text once and reuses the statement", () => {
    raw = new SQLite(":memory:");
    const db = withStatementCache(raw);
    const first = db.prepare("select 1 as one");
    expect(db.prepare("select 1 as one")).toBe(first);
    expect(db.prepare("select 2 as two")).not.toBe(first);
  });

  it("keeps at most its bound, dropping the least recently used", () => {
    raw = new SQLite(":memory:");
    const db = withStatementCache(raw, 2);
    const a = db.prepare("select 'a'");
    const b = db.prepare("select 'b'");
    expect(db.prepare("select 'a'")).toBe(a); // a is now the most recent
    db.prepare("select 'c'"); // evicts b
    expect(db.prepare("select 'a'")).toBe(a);
    expect(db.prepare("select 'b'")).not.toBe(b);
  });

  it("gives a fresh statement while the cached one is still being iterated", () => {
    raw = new SQLite(":memory:");
    const db = withStatementCache(raw);
    const text = "select value from json_each('[1,2,3]')";
    const iterating = db.prepare(text).iterate([]);
    expect(iterating.next().value).toEqual({ value: 1 });
    const other = db.prepare(text);
    expect(other.all([])).toEqual([{ value: 1 }, { value: 2 }, { value: 3 }]);
    expect([...iterating]).toEqual([{ value: 2 }, { value: 3 }]);
  });

  it("serves Kysely: repeated queries, a changed schema, and a stream with queries after it", async () => {
    raw = new SQLite(":memory:");
    const db = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    for (let id = 1; id <= 5; id++) await db.insertInto("t").values({ id, name: `n${id}` }).execute();
    const select = () => db.selectFrom("t").select(["id", "name"]).orderBy("id").execute();
    expect((await select()).length).toBe(5);
    await sql`alter table t add column extra text`.execute(db);
    expect(await db.selectFrom("t").selectAll().where("id", "=", 1).executeTakeFirst()).toEqual({ id: 1, name: "n1", extra: null });
    const streamed: number[] = [];
    for await (const row of db.selectFrom("t").select("id").orderBy("id").stream()) streamed.push(row.id);
    expect(streamed).toEqual([1, 2, 3, 4, 5]);
    expect((await select()).map((r) => r.name)).toEqual(["n1", "n2", "n3", "n4", "n5"]);
    await db.destroy();
    expect(raw.open).toBe(false);
  });
});
