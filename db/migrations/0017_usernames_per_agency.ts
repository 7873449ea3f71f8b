/**
 * Usernames unique per agency, no longer per installation (issue 14, item 7; docs/decisions/
 * usernames-per-agency.md): one agency's admin could find out another agency's usernames by trying to
 * create them ("the username is taken"). A user is now named by (organization_id, username); sign-in
 * names the agency (app/auth/sign-in.server.ts). Existing rows are kept as they are: they were unique
 * across the installation, so they are unique per agency too. Frozen once merged.
 *
 * PostgreSQL drops the column's unique constraint (named by PostgreSQL's rule for 0001's `unique()`) and
 * adds the unique index on (organization_id, username).
 *
 * SQLite cannot drop a column's UNIQUE: the `user` table is rebuilt by SQLite's documented procedure
 * (https://www.sqlite.org/lang_altertable.html#otheralter). Kysely's migrator runs SQLite migrations
 * outside a transaction (its SqliteAdapter has no transactional DDL), so foreign keys can be turned off
 * first (db/client.server.ts turns them on for every connection): with them on, dropping `user` would
 * delete every session and clear every audit row's user_id through the references of other tables. Then,
 * in one transaction: a new table with exactly the columns, types, defaults and references the table had
 * after migrations 0001–0016 (as sqlite_master held it, without the UNIQUE), the rows copied with their
 * ids, the AUTOINCREMENT counter carried over (so that a deleted user's id is never given again), the old
 * table dropped, the new one renamed (the other tables' references name "user" and find it again), the
 * indexes made, and `PRAGMA foreign_key_check` empty, or everything is rolled back. Foreign keys are
 * then turned back on as they were.
 *
 * The plain index on username serves sign-in without an agency code (a name the whole installation has
 * only once still signs in, as before this migration).
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

const COLUMNS = `"id", "organization_id", "username", "password_hash", "role", "created_at", "display_name", "status", "must_change_password", "password_changed_at"`;

/** The `user` table of migrations 0001–0016, as SQLite holds it, under another name; `unique` is the username's UNIQUE or "". */
function createUserTable(name: string, unique: "unique" | ""): string {
  return (
    `CREATE TABLE "${name}" ("id" integer primary key autoincrement, ` +
    `"organization_id" integer not null references "organization" ("id") on delete cascade, ` +
    `"username" text not null${unique ? " unique" : ""}, "password_hash" text not null, "role" text not null, "created_at" text not null, ` +
    `"display_name" text default '' not null, "status" text default 'active' not null, ` +
    `"must_change_password" integer default 0 not null, "password_changed_at" text)`
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table "user" drop constraint "user_username_key"`.execute(db);
    await createIndexes(db);
    return;
  }
  await rebuildSqliteUserTable(db, "", createIndexes);
}

export async function down(db: Kysely<any>): Promise<void> {
  await refuseSharedUsernames(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.dropIndex("user_username").execute();
    await db.schema.dropIndex("user_organization_username").execute();
    await sql`alter table "user" add constraint "user_username_key" unique ("username")`.execute(db);
    return;
  }
  await rebuildSqliteUserTable(db, "unique", async () => {});
}

async function createIndexes(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("user_organization_username").unique().on("user").columns(["organization_id", "username"]).execute();
  await db.schema.createIndex("user_username").on("user").column("username").execute();
}

/** Going back needs every username unique across the installation again: say which are not, change nothing. */
async function refuseSharedUsernames(db: Kysely<any>): Promise<void> {
  const shared = await db
    .selectFrom("user")
    .select("username")
    .groupBy("username")
    .having((eb) => eb.fn.countAll(), ">", 1)
    .orderBy("username")
    .execute();
  if (shared.length > 0) {
    throw new Error(
      `usernames shared by several agencies: ${shared.map((r) => r.username).join(", ")}; rename them so that each is unique in the installation before undoing 0017_usernames_per_agency`,
    );
  }
}

/** SQLite's 12 steps (lang_altertable.html#otheralter) for `user`, with the username's UNIQUE as given. */
async function rebuildSqliteUserTable(db: Kysely<any>, unique: "unique" | "", makeIndexes: (trx: Kysely<any>) => Promise<void>): Promise<void> {
  const pragma = async (name: string) => (await sql.raw<Record<string, number>>(`PRAGMA ${name}`).execute(db)).rows[0]?.[name];
  const foreignKeys = await pragma("foreign_keys");
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    // A no-op inside a transaction: then dropping the table would cascade, so refuse.
    if ((await pragma("foreign_keys")) !== 0) throw new Error("the user table can only be rebuilt outside a transaction (PRAGMA foreign_keys stayed on)");
    await db.transaction().execute(async (trx) => {
      // Step 3: triggers and views that may name the table would have to be made again. No migration makes one.
      const others = await sql<{ name: string }>`select name from sqlite_master where type in ('trigger', 'view')`.execute(trx);
      if (others.rows.length > 0) throw new Error(`the database has triggers or views this migration does not make again: ${others.rows.map((r) => r.name).join(", ")}`);
      const sequence = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'user'`.execute(trx);
      await sql.raw(createUserTable("user_new", unique)).execute(trx);
      await sql.raw(`INSERT INTO "user_new" (${COLUMNS}) SELECT ${COLUMNS} FROM "user"`).execute(trx);
      const seq = sequence.rows[0]?.seq;
      if (seq !== undefined) {
        await sql`delete from sqlite_sequence where name = 'user_new'`.execute(trx);
        await sql`insert into sqlite_sequence (name, seq) values ('user_new', ${seq})`.execute(trx);
      }
      await sql`DROP TABLE "user"`.execute(trx);
      await sql`ALTER TABLE "user_new" RENAME TO "user"`.execute(trx);
      await makeIndexes(trx);
      const broken = await sql<Record<string, unknown>>`PRAGMA foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`rebuilding the user table broke references: ${JSON.stringify(broken.rows.slice(0, 5))}`);
    });
  } finally {
    await sql.raw(`PRAGMA foreign_keys = ${foreignKeys ? "ON" : "OFF"}`).execute(db);
  }
}
