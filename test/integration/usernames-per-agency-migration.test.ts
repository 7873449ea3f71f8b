/**
 * Migration 0017_usernames_per_agency on a database that already holds accounts (runs on SQLite and
 * PostgreSQL: vitest.config.ts). The database is migrated up to 0016, filled with two agencies, their
 * users, sessions, audit rows and every other row that names a user, then migrated on: every row is
 * kept as it was, the table keeps its columns and references, the other tables' references still work
 * and cascade as before, a deleted user's id is not given again, two agencies may each have "admin" and
 * one agency may not have two. Undone, it refuses while two agencies share a name, and works once none do.
 */
import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSessionCookie, getSessionUser } from "../../app/auth/session.server";
import { recordAudit } from "../../app/services/audit.server";
import type { Db } from "../../db/client.server";
import { migrateToLatest } from "../../db/client.server";
import { migrationProvider } from "../../db/migrations/index";
import { insertUser } from "../../db/queries/users";
import { createRoundFixture } from "../support/fixtures";
import { createTestDb, testDatabaseKind, type TestDb } from "../support/test-db";

const BEFORE = "0016_account_self_service";
const THIS = "0017_usernames_per_agency";
const NOW = new Date("2026-03-02T03:00:00.000Z");

let t: TestDb;
let db: Db;

beforeEach(async () => {
  t = await createTestDb({ upTo: BEFORE });
  db = t.db;
});

afterEach(async () => {
  await t?.close();
});

/** Runs this migration alone (later ones add columns that would change what is compared); its name(s) run. */
async function migrateToThis(): Promise<string[]> {
  const { error, results } = await migrator().migrateTo(THIS);
  if (error) throw error;
  return (results ?? []).map((result) => result.migrationName);
}

/** Every row of every table of the application (not Kysely's own), as sorted JSON, per table. */
async function everyRow(): Promise<Record<string, string[]>> {
  const tables = (await db.introspection.getTables()).map((table) => table.name).filter((name) => !name.startsWith("kysely_"));
  const rows: Record<string, string[]> = {};
  for (const table of tables.sort()) {
    const all = await db.selectFrom(table as "unit").selectAll().execute();
    rows[table] = all.map((row) => JSON.stringify(row, (_, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString("hex") : value))).sort();
  }
  return rows;
}

/** The user table's columns as Kysely's introspection reads them, on either database. */
async function userColumns() {
  const table = (await db.introspection.getTables()).find((tbl) => tbl.name === "user")!;
  return table.columns;
}

/**
 * The user table as its database states it: SQLite's CREATE TABLE text, PostgreSQL's constraints; and
 * every reference to it from another table, with its ON DELETE.
 */
async function userSchema() {
  if (t.kind === "sqlite") {
    const create = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'user'`.execute(db);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
    const references: string[] = [];
    for (const { name } of tables.rows) {
      const keys = await sql<{ table: string; from: string; to: string; on_delete: string }>`select * from pragma_foreign_key_list(${name})`.execute(db);
      for (const key of keys.rows) if (key.table === "user") references.push(`${name}.${key.from} -> user.${key.to} on delete ${key.on_delete}`);
    }
    return { table: create.rows[0]!.sql, references: references.sort() };
  }
  const constraints = await sql<{ conname: string; def: string; rel: string; ref: string }>`
    select conname, pg_get_constraintdef(oid) as def, conrelid::regclass::text as rel, confrelid::regclass::text as ref
    from pg_constraint where conrelid = '"user"'::regclass or confrelid = '"user"'::regclass order by conname`.execute(db);
  return {
    table: constraints.rows.filter((c) => c.rel === '"user"').map((c) => `${c.conname}: ${c.def}`),
    references: constraints.rows.filter((c) => c.rel !== '"user"').map((c) => `${c.rel}: ${c.def}`),
  };
}

async function userIndexes(): Promise<string[]> {
  if (t.kind === "sqlite") {
    const rows = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'user' order by name`.execute(db);
    return rows.rows.map((r) => `${r.name}: ${r.sql ?? "(the column's UNIQUE)"}`);
  }
  const rows = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where tablename = 'user' order by indexname`.execute(db);
  return rows.rows.map((r) => `${r.indexname}: ${r.indexdef}`);
}

async function addUser(organizationId: number, username: string): Promise<number> {
  return insertUser(db, { organization_id: organizationId, username, password_hash: "scrypt$test", role: "admin", created_at: NOW.toISOString() });
}

function migrator() {
  return new Migrator({ db, provider: migrationProvider });
}

/** The existing data the migration meets: two agencies, their accounts, and a row in every table that names a user. */
async function fillExistingData() {
  const a = await createRoundFixture(db, "agency-a");
  const b = await createRoundFixture(db, "agency-b");
  const adminA = await addUser(a.organizationId, "admin");
  const viewerA = await addUser(a.organizationId, "viewer-a");
  const adminB = await addUser(b.organizationId, "admin-b");
  // The newest account, deleted before the migration: its id must not be given again.
  const gone = await addUser(b.organizationId, "gone");
  await db.deleteFrom("user").where("id", "=", gone).execute();
  const cookieA = /prongsai_session=[^;]+/.exec(await createSessionCookie(db, adminA, NOW))![0];
  const cookieViewer = /prongsai_session=[^;]+/.exec(await createSessionCookie(db, viewerA, NOW))![0];
  const cookieB = /prongsai_session=[^;]+/.exec(await createSessionCookie(db, adminB, NOW))![0];
  for (const [organizationId, userId] of [
    [a.organizationId, adminA],
    [a.organizationId, viewerA],
    [b.organizationId, adminB],
  ] as const) {
    await recordAudit(db, { organizationId, userId }, "user.sign-in", `user:${userId}`, {}, NOW);
  }
  // Every other reference to user.id (migrations 0004, 0005, 0015), each by the viewer, whose deletion
  // after the migration must set them null.
  const unit = await db.selectFrom("unit").where("organization_id", "=", a.organizationId).select("id").executeTakeFirstOrThrow();
  const counter = await db.selectFrom("counter").where("organization_id", "=", a.organizationId).select("id").executeTakeFirstOrThrow();
  const at = NOW.toISOString();
  await db.insertInto("oit_item").values({ round_id: a.roundId, item_code: "o1", status: "pass", evidence_urls: "[]", note: "", updated_by: viewerA, updated_at: at }).execute();
  const measure = await db
    .insertInto("measure")
    .values({ organization_id: a.organizationId, round_id: a.roundId, position: 1, title: "มาตรการ", period: "ตลอดปี", due_on: null, follow_up: "", created_by: viewerA, created_at: at, updated_by: viewerA, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("measure_unit").values({ measure_id: measure.id, unit_id: unit.id }).execute();
  await db.insertInto("measure_note").values({ measure_id: measure.id, noted_on: "2026-03-02", text: "คืบหน้า", created_by: viewerA, created_at: at }).execute();
  await db.insertInto("dismissed_proposal").values({ round_id: a.roundId, target_code: "i20", dismissed_by: viewerA, dismissed_at: at }).execute();
  await db.insertInto("kiosk_device").values({ organization_id: a.organizationId, counter_id: counter.id, label: "แท็บเล็ต", token_hash: "f".repeat(64), enrolled_by: viewerA, enrolled_at: at }).execute();
  return { a, b, adminA, viewerA, adminB, gone, cookieA, cookieViewer, cookieB };
}

const sessionOf = (cookie: string) => getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } }), NOW);

describe(`migration 0017_usernames_per_agency (${testDatabaseKind()})`, () => {
  it("keeps every row, column and reference; sessions still sign in; references cascade and set null as before", async () => {
    const data = await fillExistingData();
    const rows = await everyRow();
    const columns = await userColumns();
    const schema = await userSchema();
    expect(await userIndexes()).toEqual(
      t.kind === "sqlite"
        ? ["sqlite_autoindex_user_1: (the column's UNIQUE)"]
        : ['user_pkey: CREATE UNIQUE INDEX user_pkey ON public."user" USING btree (id)', 'user_username_key: CREATE UNIQUE INDEX user_username_key ON public."user" USING btree (username)'],
    );
    // Eight references from other tables, as 0002, 0004, 0005 and 0015 made them.
    expect(schema.references).toHaveLength(8);

    expect(await migrateToThis()).toEqual([THIS]);

    expect(await everyRow()).toEqual(rows);
    expect(await userColumns()).toEqual(columns);
    const after = await userSchema();
    expect(after.references).toEqual(schema.references);
    if (t.kind === "sqlite") {
      // The same CREATE TABLE, but for the username's UNIQUE.
      expect(schema.table).toContain('"username" text not null unique,');
      expect(after.table).toBe((schema.table as string).replace('"username" text not null unique,', '"username" text not null,'));
      expect((await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows[0]!.foreign_keys).toBe(1);
      expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
      expect((await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db)).rows).toEqual([{ integrity_check: "ok" }]);
      expect((await sql<{ name: string }>`select name from sqlite_master where name like '%user_new%'`.execute(db)).rows).toEqual([]);
    } else {
      expect(after.table).toEqual((schema.table as string[]).filter((c) => !c.startsWith("user_username_key:")));
    }
    expect(await userIndexes()).toEqual(
      t.kind === "sqlite"
        ? ['user_organization_username: CREATE UNIQUE INDEX "user_organization_username" on "user" ("organization_id", "username")', 'user_username: CREATE INDEX "user_username" on "user" ("username")']
        : [
            'user_organization_username: CREATE UNIQUE INDEX user_organization_username ON public."user" USING btree (organization_id, username)',
            'user_pkey: CREATE UNIQUE INDEX user_pkey ON public."user" USING btree (id)',
            'user_username: CREATE INDEX user_username ON public."user" USING btree (username)',
          ],
    );

    // The later migrations too, as an upgrade runs them all: the app's session query reads their columns.
    await migrateToLatest(db);
    // The sessions made before the migration still are: nobody is signed out by it.
    expect(await sessionOf(data.cookieA)).toMatchObject({ userId: data.adminA, username: "admin", organizationSlug: "agency-a" });
    expect(await sessionOf(data.cookieB)).toMatchObject({ userId: data.adminB, organizationSlug: "agency-b" });
    // A deleted account's id is not given again (SQLite's AUTOINCREMENT counter was carried over).
    expect(await addUser(data.b.organizationId, "newcomer")).toBeGreaterThan(data.gone);
    // References are enforced…
    await expect(db.insertInto("session").values({ id: "x".repeat(64), user_id: 999_999, csrf_token: "c", created_at: NOW.toISOString(), expires_at: NOW.toISOString() }).execute()).rejects.toThrow();
    // …and act as before: deleting the viewer deletes their session and clears their name from every row.
    await db.deleteFrom("user").where("id", "=", data.viewerA).execute();
    expect(await sessionOf(data.cookieViewer)).toBeUndefined();
    expect(await db.selectFrom("session").where("user_id", "=", data.viewerA).selectAll().execute()).toEqual([]);
    const audit = await db.selectFrom("audit_log").where("target", "=", `user:${data.viewerA}`).select("user_id").execute();
    expect(audit).toEqual([{ user_id: null }]);
    expect(await db.selectFrom("oit_item").select("updated_by").execute()).toEqual([{ updated_by: null }]);
    expect(await db.selectFrom("measure").select(["created_by", "updated_by"]).execute()).toEqual([{ created_by: null, updated_by: null }]);
    expect(await db.selectFrom("measure_note").select("created_by").execute()).toEqual([{ created_by: null }]);
    expect(await db.selectFrom("dismissed_proposal").select("dismissed_by").execute()).toEqual([{ dismissed_by: null }]);
    expect(await db.selectFrom("kiosk_device").select("enrolled_by").execute()).toEqual([{ enrolled_by: null }]);
    // Deleting an agency still deletes its users, and their sessions with them.
    await db.deleteFrom("audit_log").where("organization_id", "=", data.b.organizationId).execute();
    await db.deleteFrom("link").where("round_id", "=", data.b.roundId).execute();
    await db.deleteFrom("round").where("id", "=", data.b.roundId).execute();
    await db.deleteFrom("counter").where("organization_id", "=", data.b.organizationId).execute();
    await db.deleteFrom("organization").where("id", "=", data.b.organizationId).execute();
    expect(await db.selectFrom("user").where("organization_id", "=", data.b.organizationId).selectAll().execute()).toEqual([]);
    expect(await sessionOf(data.cookieB)).toBeUndefined();
    expect(await sessionOf(data.cookieA)).toBeDefined();
  });

  it("lets two agencies each have 'admin', never one agency two", async () => {
    const { a, b } = await fillExistingData();
    // Before it, the name is the installation's.
    await expect(addUser(b.organizationId, "admin")).rejects.toThrow();
    await migrateToThis();
    const second = await addUser(b.organizationId, "admin");
    expect(await db.selectFrom("user").where("username", "=", "admin").select(["id", "organization_id"]).orderBy("id").execute()).toEqual([
      { id: expect.any(Number), organization_id: a.organizationId },
      { id: second, organization_id: b.organizationId },
    ]);
    await expect(addUser(a.organizationId, "admin")).rejects.toThrow();
    await expect(addUser(b.organizationId, "admin")).rejects.toThrow();
  });

  it("is undone only while no two agencies share a username, keeping every row", async () => {
    const { b } = await fillExistingData();
    await migrateToThis();
    const shared = await addUser(b.organizationId, "admin");
    const rows = await everyRow();

    const refused = await migrator().migrateTo(BEFORE);
    expect(refused.error).toBeInstanceOf(Error);
    expect((refused.error as Error).message).toContain("usernames shared by several agencies: admin");
    expect(await everyRow()).toEqual(rows);
    expect(await userIndexes()).toHaveLength(t.kind === "sqlite" ? 2 : 3);

    await db.deleteFrom("user").where("id", "=", shared).execute();
    const rowsBefore = await everyRow();
    const undone = await migrator().migrateTo(BEFORE);
    expect(undone.error).toBeUndefined();
    expect(undone.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([["0017_usernames_per_agency", "Down", "Success"]]);
    expect(await everyRow()).toEqual(rowsBefore);
    // The installation-wide UNIQUE is back…
    await expect(addUser(b.organizationId, "admin")).rejects.toThrow();
    if (t.kind === "sqlite") {
      expect((await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows[0]!.foreign_keys).toBe(1);
      expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
    }
    // …and it can be done again.
    expect(await migrateToThis()).toEqual([THIS]);
    expect(await everyRow()).toEqual(rowsBefore);
  });
});
