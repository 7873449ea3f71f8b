/**
 * Graceful shutdown (app/serve.ts): SIGTERM in the middle of a burst of submissions at 32 connections.
 * The server stops accepting, finishes the submissions in flight, closes the database and exits 0; every
 * submission it acknowledged is stored, no answer is a 5xx, and the tallies equal a recount.
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recountTallies } from "../../app/services/recount.server";
import { createDb } from "../../db/client.server";
import { createRoundFixture, type RoundFixture } from "../support/fixtures";
import { type RunningServer, startServer } from "../support/server";
import { countServerErrors, findMissingSubmissions, runSubmissionLoad } from "../support/submission-load";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let round: RoundFixture;
let server: RunningServer | undefined;

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  await t.db.destroy();
});

afterAll(async () => {
  await server?.stop();
  rmSync(dirname(t.path), { recursive: true, force: true });
});

describe("SIGTERM during a burst of submissions", () => {
  it("finishes the submissions in flight, stores every acknowledged one, closes the database and exits 0", { timeout: 120_000 }, async () => {
    server = await startServer({ databasePath: t.path, env: { SUBMISSION_FLOOD_LIMIT: "10000000" } });
    const running = server;
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
      total: 4_000,
      connections: 32,
      runId: `sigterm-${Date.now().toString(36)}`,
      onAnswer: (_status, soFar) => {
        if (signalledAt < 0 && soFar.acknowledged.length >= 500) {
          signalledAt = soFar.acknowledged.length;
          running.process.kill("SIGTERM");
        }
      },
    });
    const exit = await exited;
    console.log(
      `SIGTERM after ${signalledAt} acknowledgements: ${outcome.acknowledged.length} acknowledged in all, statuses ${JSON.stringify(outcome.statuses)}; exit ${JSON.stringify(exit)}`,
    );
    expect(exit).toEqual({ code: 0, signal: null });
    expect(running.output()).toContain('"event":"shutdown: database closed"');
    expect(countServerErrors(outcome.statuses), "5xx answers").toBe(0);
    expect(outcome.acknowledged.length).toBeGreaterThan(signalledAt);
    expect(outcome.acknowledged.length, "the server stopped before the burst ended").toBeLessThan(4_000);

    const db = createDb(t.path);
    try {
      expect(await findMissingSubmissions(db, outcome.acknowledged), "acknowledged but not stored").toEqual([]);
      const recount = await recountTallies(db, { repair: false });
      expect(recount.responses, "nothing stored that was not acknowledged").toBe(outcome.acknowledged.length);
      expect(recount.differences).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
