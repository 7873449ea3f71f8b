/**
 * `npm run cli -- backup FILE` while submissions keep arriving (issue 6, reliability): the BUILT server
 * takes a load of submissions at 16 connections, and in the middle of it the CLI writes a backup. The
 * file opens, passes `PRAGMA integrity_check`, and holds a consistent set: `recount --check` with
 * DATABASE_URL pointing at the copy finds the tallies equal to a recount; every submission acknowledged
 * before the backup began is in it, and none that was never sent. The command refuses to overwrite a
 * file, and on PostgreSQL says that pg_dump is the tool. SQLite only: the backup copies a SQLite file.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoundFixture, type RoundFixture } from "../support/fixtures";
import { type RunningServer, runtimeArgs, startServer } from "../support/server";
import { countServerErrors, runSubmissionLoad } from "../support/submission-load";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let round: RoundFixture;
let server: RunningServer | undefined;

/** The CLI as an operator runs it (`npm run cli`: the compiled CLI in its own process), with DATABASE_URL set. */
function cli(databaseUrl: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, runtimeArgs("cli", ...args), {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  server = await startServer({ databasePath: t.path, env: { SUBMISSION_FLOOD_LIMIT: "10000000" } });
});

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

describe("backup while submissions arrive", () => {
  it("writes a file that opens, passes integrity_check and holds a consistent set", { timeout: 180_000 }, async () => {
    if (!server) throw new Error("not started");
    const target = join(t.path, "..", "backup.db");
    let stop = false;
    let acknowledgedAtStart = -1;
    const load = runSubmissionLoad({
      url: server.url,
      targets: [
        { token: round.eitToken, instrument: "eit" },
        { token: round.iitToken, instrument: "iit" },
      ],
      total: 1_000_000,
      connections: 16,
      runId: `backup-${Date.now().toString(36)}`,
      stop: () => stop,
    });
    // Let submissions flow first, then back up while they keep flowing.
    // Stored responses, read from the live database (the server logs no line per answer: issue 12).
    const progress = async () => Number((await t.db.selectFrom("response").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    while ((await progress()) < 1_500) await new Promise((r) => setTimeout(r, 50));
    const storedBefore = (await t.db.selectFrom("response").select("submission_id").execute()).map((r) => r.submission_id);
    acknowledgedAtStart = storedBefore.length;
    const backup = await cli(t.path, "backup", target);
    const storedAfterBackup = await progress();
    // Keep the load on a moment longer: the backup must not have disturbed the server.
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    const outcome = await load;
    console.log(
      `backup: ${backup.stdout.trim()}; ${acknowledgedAtStart} stored when it began, ${storedAfterBackup} stored when it ended, ` +
        `${outcome.acknowledged.length} in all at ${Math.round(outcome.perSecond)} per second; statuses ${JSON.stringify(outcome.statuses)}`,
    );
    expect(backup.status, backup.stderr).toBe(0);
    expect(countServerErrors(outcome.statuses)).toBe(0);
    expect(outcome.statuses[200]).toBe(outcome.sent.length);
    expect(storedAfterBackup, "submissions were stored while the backup ran").toBeGreaterThan(acknowledgedAtStart);

    // The file: one self-contained SQLite database, readable by its owner only, sound.
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readFileSync(target).subarray(0, 16).toString("latin1")).toBe("SQLite format 3\0");
    const copy = new SQLite(target, { readonly: true, fileMustExist: true });
    let inCopy: string[];
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      inCopy = (copy.prepare("select submission_id from response").all() as { submission_id: string }[]).map((r) => r.submission_id);
    } finally {
      copy.close();
    }
    const sent = new Set(outcome.sent);
    expect(inCopy.filter((id) => !sent.has(id)), "rows in the copy that were never sent").toEqual([]);
    const copied = new Set(inCopy);
    expect(storedBefore.filter((id) => !copied.has(id)), "stored before the backup began, missing from it").toEqual([]);
    expect(inCopy.length).toBeLessThanOrEqual(outcome.acknowledged.length);

    // Consistent: the tallies inside the copy equal a recount of the responses inside it.
    const recount = await cli(target, "recount", "--check");
    expect(recount.status, `${recount.stdout}${recount.stderr}`).toBe(0);
    expect(recount.stdout).toContain(`${inCopy.length} responses`);
    expect(recount.stdout).toContain(" 0 differences");
  });

  it("refuses to overwrite a file, and on PostgreSQL names pg_dump", async () => {
    const existing = join(t.path, "..", "backup.db");
    const before = statSync(existing).mtimeMs;
    const again = await cli(t.path, "backup", existing);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("exists already");
    expect(statSync(existing).mtimeMs).toBe(before);
    const postgres = await cli("postgres://prongsai@127.0.0.1:1/prongsai", "backup", join(t.path, "..", "pg.db"));
    expect(postgres.status).toBe(2);
    expect(postgres.stderr).toContain("pg_dump");
    expect(existsSync(join(t.path, "..", "pg.db"))).toBe(false);
  });
});
