/**
 * `npm run cli -- backup FILE`: a consistent copy of the SQLite database, taken while the server keeps
 * answering and storing submissions, checked before it is given its name. On PostgreSQL the tool is
 * PostgreSQL's own pg_dump, which this command says instead of doing something half as good.
 */
import { chmodSync, existsSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { createDb, isPostgresUrl } from "../../db/client.server";
import { checkIntegrity, vacuumInto } from "../../db/queries/backup";
import { countAllResponses } from "../../db/queries/responses";

export class BackupRefused extends Error {}

export interface BackupResult {
  path: string;
  bytes: number;
  responses: number;
  seconds: number;
}

/** What an operator of a PostgreSQL installation should run instead. */
export function pgDumpAdvice(): string {
  return (
    "The database is PostgreSQL: back it up with PostgreSQL's own pg_dump, for example\n" +
    '  pg_dump --format=custom --file=prongsai.dump "$DATABASE_URL"\n' +
    "(one consistent snapshot while the app keeps running; restore with pg_restore). " +
    "`npm run cli -- backup` copies SQLite files only."
  );
}

/**
 * Copies the database at `databaseUrl` to `targetPath`: into a temporary file beside the target first,
 * which must pass `PRAGMA integrity_check` and answer a count of its responses before it is renamed
 * to the target, so that a file under the target's name is always a whole, sound backup. Refuses to
 * overwrite an existing file.
 */
export async function backupSqlite(databaseUrl: string, targetPath: string, now: () => number = () => performance.now()): Promise<BackupResult> {
  if (isPostgresUrl(databaseUrl)) throw new BackupRefused(pgDumpAdvice());
  if (databaseUrl === ":memory:") throw new BackupRefused("an in-memory database has nothing to back up");
  if (!existsSync(databaseUrl)) throw new BackupRefused(`no database file at ${databaseUrl}`);
  if (existsSync(targetPath)) throw new BackupRefused(`${targetPath} exists already: choose a new file name (a backup never overwrites)`);
  if (!existsSync(dirname(targetPath))) throw new BackupRefused(`the folder ${dirname(targetPath)} does not exist`);

  const started = now();
  const temporary = join(dirname(targetPath), `.${basename(targetPath)}.${process.pid}.partial`);
  const source = createDb(databaseUrl);
  try {
    await vacuumInto(source, temporary);
    // It holds password and session hashes: readable by the operator's account only.
    chmodSync(temporary, 0o600);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    await source.destroy();
  }

  let responses: number;
  const copy = createDb(temporary);
  try {
    const integrity = await checkIntegrity(copy);
    if (integrity.length !== 1 || integrity[0] !== "ok") throw new Error(`the copy failed its integrity check: ${integrity.slice(0, 5).join("; ")}`);
    responses = await countAllResponses(copy);
  } catch (error) {
    await copy.destroy();
    rmSync(temporary, { force: true });
    throw error;
  }
  // Closing the last connection checkpoints and removes the copy's -wal file: one self-contained file.
  await copy.destroy();
  renameSync(temporary, targetPath);
  return { path: targetPath, bytes: statSync(targetPath).size, responses, seconds: (now() - started) / 1000 };
}
