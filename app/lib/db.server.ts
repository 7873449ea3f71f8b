/** The process-wide database handle of the web server, opened on first use. */
import { createDb, type Db } from "../../db/client.server";
import { getEnv } from "./env.server";

let db: Db | undefined;

export function getDb(): Db {
  db ??= createDb(getEnv().DATABASE_URL);
  return db;
}

/**
 * Closes the handle, if one was opened (graceful shutdown, app/server/http-server.server.ts): SQLite checkpoints its WAL,
 * PostgreSQL's pool ends its connections.
 */
export async function closeDb(): Promise<void> {
  const open = db;
  db = undefined;
  await open?.destroy();
}
