/**
 * Nothing lost in a crash (issue 6, reliability): the BUILT server is killed with SIGKILL in the middle
 * of a load of submissions at 64 connections, started again on the same SQLite file, and every
 * submission it acknowledged before the kill is there; the tallies equal a recount. Then every
 * submission of the run is sent again (a phone retries what got no answer): the acknowledged ones are
 * not stored twice, the others are stored now, and the tallies still equal a recount.
 *
 * SQLite only: the kill tests that a commit acknowledged by our process survives that process's death
 * (WAL, one transaction per submission). PostgreSQL's durability is PostgreSQL's own; its load test is
 * in load.test.ts.
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recountTallies } from "../../app/services/recount.server";
import { createDb } from "../../db/client.server";
import { createRoundFixture, type RoundFixture } from "../support/fixtures";
import { type RunningServer, startServer } from "../support/server";
import { countServerErrors, findMissingSubmissions, loadSubmissionId, runSubmissionLoad } from "../support/submission-load";
import { createTestDb, type TestDb } from "../support/test-db";

const SUBMISSIONS = 8_000;
const KILL_AFTER_ACKNOWLEDGED = 2_500;
const CONNECTIONS = 64;
const LOAD_ENV = { SUBMISSION_FLOOD_LIMIT: "10000000" };

let t: TestDb;
let round: RoundFixture;
const servers: RunningServer[] = [];

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  // Only the test's handle is closed while the server writes: the file stays.
  await t.db.destroy();
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  rmSync(dirname(t.path), { recursive: true, force: true });
});

describe("SIGKILL in the middle of a load", () => {
  it("loses no acknowledged submission, and the tallies equal a recount after the restart", { timeout: 180_000 }, async () => {
    const runId = `crash-${Date.now().toString(36)}`;
    const targets = [
      { token: round.eitToken, instrument: "eit" as const },
      { token: round.iitToken, instrument: "iit" as const },
    ];
    const first = await startServer({ databasePath: t.path, env: LOAD_ENV });
    servers.push(first);
    let killedAt = -1;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => first.process.once("exit", (_code, signal) => resolve(signal)));
    const outcome = await runSubmissionLoad({
      url: first.url,
      targets,
      total: SUBMISSIONS,
      connections: CONNECTIONS,
      runId,
      onAnswer: (_status, so_far) => {
        if (killedAt < 0 && so_far.acknowledged.length >= KILL_AFTER_ACKNOWLEDGED) {
          killedAt = so_far.acknowledged.length;
          first.process.kill("SIGKILL");
        }
      },
    });
    expect(await exited).toBe("SIGKILL");
    const unanswered = outcome.statuses[0] ?? 0;
    console.log(
      `crash: killed after ${killedAt} acknowledgements; ${outcome.acknowledged.length} acknowledged in all (answers already on their way), ` +
        `${unanswered} without an answer; statuses ${JSON.stringify(outcome.statuses)}`,
    );
    expect(countServerErrors(outcome.statuses), "5xx answers").toBe(0);
    expect(unanswered, "the kill cut requests off").toBeGreaterThan(0);

    const second = await startServer({ databasePath: t.path, env: LOAD_ENV });
    servers.push(second);
    const db = createDb(t.path);
    try {
      expect(await findMissingSubmissions(db, outcome.acknowledged), "acknowledged before the kill but not stored").toEqual([]);
      const afterCrash = await recountTallies(db, { repair: false });
      expect(afterCrash.differences, "tallies against a recount after the crash").toEqual([]);
      expect(afterCrash.responses).toBeGreaterThanOrEqual(outcome.acknowledged.length);
      console.log(`crash: ${afterCrash.responses} responses stored after the restart (${afterCrash.responses - outcome.acknowledged.length} committed whose answer was lost)`);

      // Every phone retries: all SUBMISSIONS ids again, from the start.
      const ids = Array.from({ length: SUBMISSIONS }, (_, n) => loadSubmissionId(runId, n));
      const retry = await runSubmissionLoad({ url: second.url, targets, total: SUBMISSIONS, connections: CONNECTIONS, runId, ids });
      expect(retry.statuses).toEqual({ 200: SUBMISSIONS });
      const final = await recountTallies(db, { repair: false });
      expect(final.responses, "each submission stored exactly once").toBe(SUBMISSIONS);
      expect(final.differences, "tallies against a recount after the retries").toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
