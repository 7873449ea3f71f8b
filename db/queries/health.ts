import { sql } from "kysely";
import type { Db } from "../client.server";

/**
 * Throws when the database cannot answer a query that reads it: a row of Kysely's migration table,
 * so that on SQLite the file itself is read (a bare `select 1` never touches it).
 */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1 from kysely_migration limit 1`.execute(db);
}
