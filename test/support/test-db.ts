/** A fresh, migrated SQLite database in a temporary folder, one per test or suite. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, migrateToLatest, type Db } from "../../db/client.server";

export interface TestDb {
  db: Db;
  path: string;
  close: () => Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), "prongsai-test-"));
  const path = join(dir, "test.db");
  const db = createDb(path);
  await migrateToLatest(db);
  return {
    db,
    path,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
