import { sql } from "kysely";
import type { Db } from "../client.server";

/**
 * Writes a copy of the whole SQLite database to `targetPath` (which must not exist) with VACUUM INTO:
 * it reads inside one read transaction, so the copy is one consistent snapshot, while the server keeps
 * writing beside it (WAL: readers and the writer do not block each other). Unlike the page-by-page
 * backup API, it never restarts when the source changes during the copy. SQLite only.
 */
export async function vacuumInto(db: Db, targetPath: string): Promise<void> {
  await sql`vacuum into ${targetPath}`.execute(db);
}

/** SQLite's own check of a database file: ["ok"] when it is sound, else the problems it found. */
export async function checkIntegrity(db: Db): Promise<string[]> {
  const result = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  return result.rows.map((row) => row.integrity_check);
}
