/** What the server under test stored, read from its database file with a short-lived handle. */
import { createDb, type Db } from "../../db/client.server";
import { listResponsesAfter } from "../../db/queries/responses";

/** Opens the database at `databasePath` for `use`, and closes it again. */
export async function withDatabase<T>(databasePath: string, use: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(databasePath);
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}

/** The id of the newest response (0 when there is none), so a test can ask what it added. */
export async function getLastResponseId(databasePath: string): Promise<number> {
  return withDatabase(databasePath, async (db) => {
    let last = 0;
    for (;;) {
      const rows = await listResponsesAfter(db, last, 1000);
      if (rows.length === 0) return last;
      last = rows[rows.length - 1]?.id ?? last;
    }
  });
}

/** The responses stored after the response `id` (at most 100). */
export async function listResponsesAfterId(databasePath: string, id: number) {
  return withDatabase(databasePath, (db) => listResponsesAfter(db, id, 100));
}
