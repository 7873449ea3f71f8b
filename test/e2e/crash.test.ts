/**
 * Nothing lost in a crash (issue 6, reliability), on SQLite and on PostgreSQL: the BUILT server is
 * killed with SIGKILL in the middle of a load of submissions at 64 connections, started again on the
 * same database, and every submission it acknowledged before the kill is there; the tallies equal a
 * recount. Then every submission of the run is sent again (a phone retries what got no answer): the
 * acknowledged ones are not stored twice, the others are stored now, and the tallies still equal a
 * recount.
 *
 * The kill tests our side of durability, which is the same question on both databases: the server
 * answers 2xx only after the submission's one transaction has committed (SQLite: in the WAL file;
 * PostgreSQL: on the database server, which outlives our process), nothing acknowledged waits in our
 * process's memory, and a transaction cut off by the kill leaves neither a half-written response nor
 * tallies that disagree with the responses. (That a committed transaction survives a crash of the
 * database server itself is the database's own promise, not tested here.)
 *
 * The PostgreSQL run is shorter: it stores submissions at about 60 % of SQLite's rate on the shared CI
 * machine, and the suite has a time budget. Its kill still cuts off the requests of 64 connections.
 */
import { afterAll, describe, expect, it } from "vitest";
import { recountTallies } from "../../app/services/recount.server";
import { createDb } from "../../db/client.server";
import { countKept, createRoundFixture } from "../support/fixtures";
import { canCreateServerDatabase, createServerDatabase, SERVER_DATABASES } from "../support/server-database";
import { startServer } from "../support/server";
import { withDatabase } from "../support/stored-responses";
import { countServerErrors, findMissingSubmissions, loadSubmissionId, runSubmissionLoad } from "../support/submission-load";
import type { TestDatabaseKind } from "../support/test-db";

/** Submissions sent, and after how many acknowledgements the server is killed. */
const PLANS: Record<TestDatabaseKind, { submissions: number; killAfterAcknowledged: number }> = {
  sqlite: { submissions: 8_000, killAfterAcknowledged: 2_500 },
  postgres: { submissions: 4_000, killAfterAcknowledged: 1_250 },
};
const CONNECTIONS = 64;
const LOAD_ENV = { SUBMISSION_FLOOD_LIMIT: "10000000" };

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.each(SERVER_DATABASES)("%s: SIGKILL in the middle of a load", (name, kind) => {
  const { submissions, killAfterAcknowledged } = PLANS[kind];

  it.skipIf(!canCreateServerDatabase(kind))(
    `loses no acknowledged submission of ${submissions}, and the tallies equal a recount after the restart and after the retries`,
    { timeout: 180_000 },
    async () => {
      const database = await createServerDatabase(kind);
      cleanups.push(database.remove);
      const round = await withDatabase(database.url, (db) => createRoundFixture(db));
      const runId = `crash-${kind}-${Date.now().toString(36)}`;
      const targets = [
        { token: round.eitToken, instrument: "eit" as const },
        { token: round.iitToken, instrument: "iit" as const },
      ];
      const first = await startServer({ databasePath: database.url, env: LOAD_ENV });
      cleanups.push(first.stop);
      let killedAt = -1;
      const exited = new Promise<NodeJS.Signals | null>((resolve) => first.process.once("exit", (_code, signal) => resolve(signal)));
      const outcome = await runSubmissionLoad({
        url: first.url,
        targets,
        total: submissions,
        connections: CONNECTIONS,
        runId,
        onAnswer: (_status, soFar) => {
          if (killedAt < 0 && soFar.acknowledged.length >= killAfterAcknowledged) {
            killedAt = soFar.acknowledged.length;
            first.process.kill("SIGKILL");
          }
        },
      });
      expect(await exited).toBe("SIGKILL");
      const unanswered = outcome.statuses[0] ?? 0;
      console.log(
        `crash on ${name}: killed after ${killedAt} acknowledgements; ${outcome.acknowledged.length} acknowledged in all (answers already on their way), ` +
          `${unanswered} without an answer in ${outcome.seconds.toFixed(1)} s; statuses ${JSON.stringify(outcome.statuses)}`,
      );
      expect(countServerErrors(outcome.statuses), "5xx answers").toBe(0);
      expect(unanswered, "the kill cut requests off").toBeGreaterThan(0);

      const second = await startServer({ databasePath: database.url, env: LOAD_ENV });
      cleanups.push(second.stop);
      const db = createDb(database.url);
      try {
        expect(await findMissingSubmissions(db, outcome.acknowledged), "acknowledged before the kill but not stored").toEqual([]);
        const afterCrash = await recountTallies(db, { repair: false });
        expect(afterCrash.differences, "tallies against a recount after the crash").toEqual([]);
        // Kept: responses, and IIT answers waiting in the pool for their group of five (issue 12).
        const keptAfterCrash = await countKept(db);
        expect(keptAfterCrash).toBeGreaterThanOrEqual(outcome.acknowledged.length);
        console.log(
          `crash on ${name}: ${keptAfterCrash} answer sets kept after the restart (${keptAfterCrash - outcome.acknowledged.length} committed whose answer was lost)`,
        );

        // Every phone retries: all the run's ids again, from the start.
        const ids = Array.from({ length: submissions }, (_, n) => loadSubmissionId(runId, n));
        const retry = await runSubmissionLoad({ url: second.url, targets, total: submissions, connections: CONNECTIONS, runId, ids });
        expect(retry.statuses).toEqual({ 200: submissions });
        const final = await recountTallies(db, { repair: false });
        const keptFinally = await countKept(db);
        console.log(`crash on ${name}: ${submissions} retried in ${retry.seconds.toFixed(1)} s; ${keptFinally} kept, ${final.differences.length} tally differences`);
        expect(keptFinally, "each submission kept exactly once").toBe(submissions);
        expect(final.differences, "tallies against a recount after the retries").toEqual([]);
      } finally {
        await db.destroy();
      }
    },
  );
});
