/**
 * Graceful shutdown (app/server/http-server.server.ts), on SQLite and on PostgreSQL: SIGTERM in the middle of a burst of
 * submissions at 32 connections. The server stops accepting, finishes the submissions in flight, closes
 * the database (the SQLite handle; PostgreSQL's pool, which waits for every connection to be given
 * back) and exits 0; every submission it acknowledged is stored, nothing else is, no answer is a 5xx,
 * and the tallies equal a recount. On PostgreSQL no session of the server is left on the database.
 */
import { afterAll, describe, expect, it } from "vitest";
import { recountTallies } from "../../app/services/recount.server";
import { countKept, createRoundFixture } from "../support/fixtures";
import { canCreateServerDatabase, countOtherPostgresSessions, createServerDatabase, SERVER_DATABASES } from "../support/server-database";
import { startServer } from "../support/server";
import { withDatabase } from "../support/stored-responses";
import { countServerErrors, findMissingSubmissions, runSubmissionLoad } from "../support/submission-load";

const BURST = 4_000;
const SIGTERM_AFTER_ACKNOWLEDGED = 500;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.each(SERVER_DATABASES)("%s: SIGTERM during a burst of submissions", (name, kind) => {
  it.skipIf(!canCreateServerDatabase(kind))(
    "finishes the submissions in flight, stores every acknowledged one, closes the database and exits 0",
    { timeout: 120_000 },
    async () => {
      const database = await createServerDatabase(kind);
      cleanups.push(database.remove);
      const round = await withDatabase(database.url, (db) => createRoundFixture(db));
      const running = await startServer({ databasePath: database.url, env: { SUBMISSION_FLOOD_LIMIT: "10000000" } });
      cleanups.push(running.stop);
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        running.process.once("exit", (code, signal) => resolve({ code, signal })),
      );
      let signalledAt = -1;
      const outcome = await runSubmissionLoad({
        url: running.url,
        targets: [
          { token: round.eitToken, instrument: "eit" },
          { token: round.iitToken, instrument: "iit" },
        ],
        total: BURST,
        connections: 32,
        runId: `sigterm-${kind}-${Date.now().toString(36)}`,
        onAnswer: (_status, soFar) => {
          if (signalledAt < 0 && soFar.acknowledged.length >= SIGTERM_AFTER_ACKNOWLEDGED) {
            signalledAt = soFar.acknowledged.length;
            running.process.kill("SIGTERM");
          }
        },
      });
      const exit = await exited;
      console.log(
        `SIGTERM on ${name} after ${signalledAt} acknowledgements: ${outcome.acknowledged.length} acknowledged in all, statuses ${JSON.stringify(outcome.statuses)}; exit ${JSON.stringify(exit)}`,
      );
      expect(exit).toEqual({ code: 0, signal: null });
      expect(running.output()).toContain('"event":"shutdown: database closed"');
      expect(countServerErrors(outcome.statuses), "5xx answers").toBe(0);
      expect(outcome.acknowledged.length).toBeGreaterThan(signalledAt);
      expect(outcome.acknowledged.length, "the server stopped before the burst ended").toBeLessThan(BURST);

      await withDatabase(database.url, async (db) => {
        if (kind === "postgres") expect(await countOtherPostgresSessions(db), "sessions of the server left on the database").toBe(0);
        expect(await findMissingSubmissions(db, outcome.acknowledged), "acknowledged but not stored").toEqual([]);
        const recount = await recountTallies(db, { repair: false });
        // Kept: responses, and IIT answers waiting in the pool for their group of five (issue 12).
        expect(await countKept(db), "nothing stored that was not acknowledged").toBe(outcome.acknowledged.length);
        expect(recount.differences).toEqual([]);
      });
    },
  );
});
