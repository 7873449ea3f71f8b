/**
 * createDb(url): the embedded SQLite file (the default) or PostgreSQL when the URL starts with
 * postgres:// or postgresql://. Everything else in the project talks to Kysely<Database> and does not
 * know which one it got.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { migrationProvider } from "./migrations/index";
import type { Database } from "./schema";
import { withStatementCache } from "./sqlite-statement-cache";

export type Db = Kysely<Database>;

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function createDb(url: string): Db {
  if (isPostgresUrl(url)) {
    // PostgreSQL returns bigint (count(*)) as a string; parse int8 to number, since counts here
    // stay far below 2^53.
    pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection that the server ends (a restart, a failover, an administrator) makes the pool
    // emit "error"; unheard, that would crash the process. The pool has already dropped the connection
    // and opens a new one for the next query, so saying so is all there is to do.
    pool.on("error", (error) => console.error(`PostgreSQL closed an idle connection: ${error.message}`));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (url !== ":memory:") prepareOwnerOnlyFile(url);
  const sqlite = new SQLite(url);
  sqlite.pragma("journal_mode = WAL");
  if (url !== ":memory:") for (const file of [`${url}-wal`, `${url}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  // Deleted rows are overwritten with zeros, not left in free pages (the IIT pool's rows: issue 12).
  sqlite.pragma("secure_delete = ON");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * The database file, its WAL and shared memory hold every answer: readable by the server's account only
 * (issue 12). SQLite gives the -wal and -shm files the mode of the database file, so the file is made
 * (or made again) 0600 before SQLite opens it; a folder made here is 0700. A folder that exists already
 * is left as it is (it may be one the operator shares for other things, such as /var/lib).
 */
function prepareOwnerOnlyFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (existsSync(path)) chmodSync(path, 0o600);
  else closeSync(openSync(path, "a", 0o600));
}

/** Runs every pending migration; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? "");
    throw new Error(`migration ${failed?.migrationName ?? "?"} failed: ${cause}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
