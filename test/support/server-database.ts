/**
 * The database of a built server under test, for the end-to-end tests that run once per database
 * (describe.each over SERVER_DATABASES): a fresh, migrated SQLite file in a temporary folder, or a
 * database of its own on the test run's PostgreSQL cluster (createTestPostgresDatabase). The test
 * reaches it through short-lived handles (createDb(url), withDatabase), so that what it reads is what
 * the server committed, and a test that kills the server holds no handle the server would share.
 *
 * Always the database asked for: unlike createTestDb, PRONGSAI_TEST_DATABASE does not change it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { createDb, migrateToLatest, type Db } from "../../db/client.server";
import { createTestPostgresDatabase, type TestDatabaseKind } from "./test-db";

/** Both databases, as [name in the test titles, kind], for describe.each. */
export const SERVER_DATABASES: readonly (readonly [name: string, kind: TestDatabaseKind])[] = [
  ["SQLite", "sqlite"],
  ["PostgreSQL", "postgres"],
];

export interface ServerDatabase {
  kind: TestDatabaseKind;
  /** What the server's DATABASE_URL takes: the SQLite file's path, or the postgres:// URL of the database. */
  url: string;
  /** Deletes it: the SQLite file's folder, or DROP DATABASE (which waits for the server's connections to go). */
  remove: () => Promise<void>;
}

/**
 * Whether this run can give a test a database of `kind`: SQLite always; PostgreSQL when Vitest's
 * globalSetup started or found a cluster (vitest.config.ts). Under CI=true a missing PostgreSQL is an
 * error here, never a skip.
 */
export function canCreateServerDatabase(kind: TestDatabaseKind): boolean {
  if (kind === "sqlite" || process.env.PRONGSAI_TEST_POSTGRES_URL) return true;
  if (process.env.CI === "true") throw new Error("CI=true but no PostgreSQL cluster for the tests (PRONGSAI_TEST_POSTGRES_URL is not set)");
  return false;
}

export async function createServerDatabase(kind: TestDatabaseKind): Promise<ServerDatabase> {
  if (kind === "postgres") {
    const created = await createTestPostgresDatabase();
    if (!created) throw new Error("no PostgreSQL cluster for the tests: ask canCreateServerDatabase first");
    return { kind, url: created.url, remove: created.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), "prongsai-e2e-"));
  const url = join(dir, "server.db");
  const db = createDb(url);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  return { kind, url, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The number of rows of every table (Kysely's migration tables too), by table name: the same question
 * on both databases, through Kysely's introspection instead of sqlite_master or pg_catalog.
 */
export async function countRowsOfEveryTable(db: Db): Promise<Record<string, number>> {
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true })).filter((table) => !table.isView);
  const counts: Record<string, number> = {};
  for (const table of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    const id = table.schema ? sql.id(table.schema, table.name) : sql.id(table.name);
    const row = await sql<{ n: number | string }>`select count(*) as n from ${id}`.execute(db);
    counts[table.name] = Number(row.rows[0]!.n);
  }
  return counts;
}

/**
 * PostgreSQL sessions on the database of `db` other than the asking one: after a server has closed its
 * pool and exited, none is left. Polled until `within` ms have passed, since a backend leaves
 * pg_stat_activity a moment after its client said goodbye.
 */
export async function countOtherPostgresSessions(db: Db, within = 5_000): Promise<number> {
  const deadline = Date.now() + within;
  for (;;) {
    const row = await sql<{ n: number | string }>`select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(db);
    const sessions = Number(row.rows[0]!.n);
    if (sessions === 0 || Date.now() > deadline) return sessions;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
