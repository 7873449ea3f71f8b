/**
 * The database files are the server account's alone (issue 12, item 4): whoever else can log in to the
 * machine must not read the answers in the database, its WAL or its shared memory, nor in a backup.
 * Against the BUILT server (it sets the umask) and through createDb (it makes the file 0600 before SQLite
 * makes the WAL with the same mode): a new database in a new folder is 0700/0600, a database that an
 * older version left 0644 is made 0600, a backup is 0600, and so is the IIT pool's key file. The shell's umask here is the usual 022.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../../db/client.server";
import { runtimeArgs, startServer } from "../support/server";

const dir = mkdtempSync(join(tmpdir(), "prongsai-modes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe("file modes", () => {
  it("a new database in a new folder: folder 0700, database, WAL and shared memory 0600; a backup 0600", async () => {
    const databasePath = join(dir, "new-folder", "deeper", "prongsai.db");
    // The built command line makes the database (as `npm start` would before serving).
    const migrate = spawnSync(process.execPath, runtimeArgs("cli", "migrate"), { env: { ...process.env, DATABASE_URL: databasePath }, encoding: "utf8", timeout: 60_000 });
    expect(migrate.status, migrate.stderr).toBe(0);
    // Without ANSWER_POOL_KEY (vitest.config.ts gives the tests one): the server makes the key file.
    const server = await startServer({ databasePath, env: { ANSWER_POOL_KEY: "" } });
    try {
      // The WAL and shared memory exist while the server runs.
      expect(existsSync(`${databasePath}-wal`)).toBe(true);
      expect(mode(join(dir, "new-folder"))).toBe(0o700);
      expect(mode(join(dir, "new-folder", "deeper"))).toBe(0o700);
      const keyFile = join(dir, "new-folder", "deeper", "answer-pool.key");
      for (const file of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`, keyFile]) expect(mode(file), file).toBe(0o600);
      expect(readFileSync(keyFile, "utf8")).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
      const backupPath = join(dir, "backup.db");
      const backup = spawnSync(process.execPath, runtimeArgs("cli", "backup", backupPath), {
        env: { ...process.env, DATABASE_URL: databasePath },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(backup.status, backup.stderr).toBe(0);
      expect(mode(backupPath)).toBe(0o600);
    } finally {
      await server.stop();
    }
  });

  it("a database an older version left readable by all is made owner-only when opened, its WAL too", async () => {
    const path = join(dir, "old.db");
    const db = createDb(path);
    await migrateToLatest(db);
    await db.destroy();
    chmodSync(path, 0o644);
    const reopened = createDb(path);
    try {
      await migrateToLatest(reopened);
      expect(mode(path)).toBe(0o600);
      expect(mode(`${path}-wal`)).toBe(0o600);
    } finally {
      await reopened.destroy();
    }
  });
});
