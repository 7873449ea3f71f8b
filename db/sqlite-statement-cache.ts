/**
 * A bounded cache of better-sqlite3 prepared statements, keyed by SQL text, for Kysely's SqliteDialect.
 *
 * Why: Kysely keeps no statement cache, so every query asked better-sqlite3 to prepare (parse and plan)
 * its SQL anew; a submission's 51-row tally upsert and response insert were prepared on every request,
 * about a third of the server's time under load (docs/performance.md). The SQL text of a given query
 * shape is the same every time (values are bound parameters), so a prepared statement can be reused.
 *
 * Safe to reuse because: better-sqlite3 is synchronous and Kysely's SQLite driver runs one query at a
 * time on its single connection; a statement still being iterated (a streamed query) reports `busy`,
 * and then a fresh, uncached statement is prepared instead. SQLite re-prepares a cached statement by
 * itself when a migration changed the schema. The least recently used statement is dropped past the bound.
 */
import type SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** Query shapes of the whole app are a few hundred at most; IN-lists of varying length add some more. */
export const STATEMENT_CACHE_SIZE = 500;

export function withStatementCache(database: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Move to the most recently used end of the Map's insertion order.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached as unknown as SqliteStatement;
      }
      const statement = database.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}
