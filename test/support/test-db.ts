/**
 * A fresh, migrated database per test or suite: a SQLite file in a temporary folder, or — in the
 * `integration-postgres` Vitest project (vitest.config.ts sets PRONGSAI_TEST_DATABASE=postgres) — a
 * PostgreSQL database of its own, copied from a template that Vitest's globalSetup migrated once
 * (test/support/postgres-global-setup.ts). The same test file therefore runs on both databases
 * without knowing which one it got.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { Migrator } from "kysely/migration";
import { createDb, migrateToLatest, type Db } from "../../db/client.server";
import { migrationProvider } from "../../db/migrations/index";

export type TestDatabaseKind = "sqlite" | "postgres";

export interface TestDb {
  db: Db;
  /** Which database this is. */
  kind: TestDatabaseKind;
  /** What DATABASE_URL takes: the SQLite file's path, or the postgres:// URL of the test's database. */
  path: string;
  close: () => Promise<void>;
}

/** The database this test process runs on: PostgreSQL in the integration-postgres project, else SQLite. */
export function testDatabaseKind(): TestDatabaseKind {
  return process.env.PRONGSAI_TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
}

/**
 * With `upTo` (a migration's name, e.g. "0016_account_self_service"), the database is migrated up to and
 * including that one only: a test of a later migration fills it with the data that migration meets.
 */
export async function createTestDb(options: { upTo?: string } = {}): Promise<TestDb> {
  if (testDatabaseKind() === "postgres") {
    const database = await createTestPostgresDatabase({ migrated: options.upTo === undefined });
    if (!database) throw new Error("PRONGSAI_TEST_DATABASE=postgres, but no PostgreSQL cluster was provided (PRONGSAI_TEST_POSTGRES_URL)");
    const db = createDb(database.url);
    const close = async () => {
      await db.destroy();
      await database.drop();
    };
    if (options.upTo !== undefined) await migrateUpTo(db, options.upTo).catch(async (error: unknown) => {
      await close();
      throw error;
    });
    return { db, kind: "postgres", path: database.url, close };
  }
  const dir = mkdtempSync(join(tmpdir(), "prongsai-test-"));
  const path = join(dir, "test.db");
  const db = createDb(path);
  if (options.upTo === undefined) await migrateToLatest(db);
  else await migrateUpTo(db, options.upTo);
  return {
    db,
    kind: "sqlite",
    path,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the migrations up to and including `name`; throws with the failing one's error. */
export async function migrateUpTo(db: Db, name: string): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateTo(name);
  if (error) throw new Error(`migrating to ${name}: ${results?.find((r) => r.status === "Error")?.migrationName ?? "?"} failed`, { cause: error });
}

export interface TestPostgresDatabase {
  /** postgres://…/prongsai_test_…: an empty, migrated database of its own on the test cluster. */
  url: string;
  /** Drops the database (closing any connection still open to it). */
  drop: () => Promise<void>;
}

let admin: pg.Pool | undefined;
let created = 0;

/**
 * A fresh, migrated PostgreSQL database on the test run's cluster (PRONGSAI_TEST_POSTGRES_URL, set by
 * Vitest's globalSetup or by the caller), or null when no cluster is available here — a developer's
 * machine without Debian's `postgresql`. Under CI=true there is always one: no cluster is an error,
 * never a silent skip. With `migrated: false`, an empty database (no table at all).
 */
export async function createTestPostgresDatabase(options: { migrated?: boolean } = {}): Promise<TestPostgresDatabase | null> {
  const migrated = options.migrated ?? true;
  const clusterUrl = process.env.PRONGSAI_TEST_POSTGRES_URL;
  if (!clusterUrl) {
    if (process.env.CI === "true") throw new Error("CI=true but no PostgreSQL cluster for the tests (PRONGSAI_TEST_POSTGRES_URL is not set)");
    return null;
  }
  admin ??= new pg.Pool({ connectionString: clusterUrl, max: 2, idleTimeoutMillis: 1_000, allowExitOnIdle: true });
  const name = `prongsai_test_${process.pid}_${++created}_${randomBytes(4).toString("hex")}`;
  const template = migrated ? process.env.PRONGSAI_TEST_POSTGRES_TEMPLATE : undefined;
  // Copying the migrated template takes milliseconds; migrating from scratch only when there is none.
  await admin.query(`create database "${name}"${template ? ` template "${template}"` : ""}`);
  const url = databaseUrl(clusterUrl, name);
  if (migrated && !template) {
    const db = createDb(url);
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
  }
  const pool = admin;
  return { url, drop: () => dropDatabase(pool, name) };
}

/**
 * A pool's end() resolves before its connections have quite left the server, and DROP DATABASE waits
 * (up to 5 s) for them; only a connection that is still open after that — a test that forgot to close
 * one — is cut off.
 */
async function dropDatabase(pool: pg.Pool, name: string): Promise<void> {
  try {
    await pool.query(`drop database if exists "${name}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== "55006") throw error; // object_in_use
    await pool.query(`drop database if exists "${name}" with (force)`);
  }
}

/** The cluster URL with another database name. */
export function databaseUrl(clusterUrl: string, database: string): string {
  const url = new URL(clusterUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
