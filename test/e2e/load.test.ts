/**
 * Nothing lost under load (issue 6, reliability): 20,000 survey submissions at 64 concurrent
 * connections against the BUILT server, on SQLite and on PostgreSQL. Every acknowledged (2xx)
 * submission is in the database (compared by submission id), each exactly once, the tallies equal a
 * recount of the raw responses, and no answer is a 5xx. The rate is printed (the machine is shared:
 * it is a figure, not a pass mark; `npm run bench` measures speed).
 *
 * The server runs with SUBMISSION_FLOOD_LIMIT raised: all the load comes from one loopback address,
 * which the production limit (60 a minute) would rightly answer with 429s.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.server";
import { recountTallies } from "../../app/services/recount.server";
import { createRoundFixture } from "../support/fixtures";
import { enrolTestKiosk } from "../support/kiosk";
import { type RunningServer, startServer } from "../support/server";
import { countServerErrors, findMissingSubmissions, runSubmissionLoad } from "../support/submission-load";
import { createTestDb, createTestPostgresDatabase } from "../support/test-db";

const SUBMISSIONS = 20_000;
const CONNECTIONS = 64;
const LOAD_ENV = { SUBMISSION_FLOOD_LIMIT: "10000000" };

interface Database {
  url: string;
  db: Db;
  close: () => Promise<void>;
}

async function sqliteDatabase(): Promise<Database> {
  const t = await createTestDb();
  return { url: t.path, db: t.db, close: t.close };
}

/** A PostgreSQL database of its own on the test run's cluster, or null where there is none (never under CI). */
async function postgresDatabase(): Promise<Database | null> {
  const created = await createTestPostgresDatabase();
  if (!created) return null;
  const db = createDb(created.url);
  return {
    url: created.url,
    db,
    close: async () => {
      await db.destroy();
      await created.drop();
    },
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.each([
  ["SQLite", sqliteDatabase],
  ["PostgreSQL", postgresDatabase],
] as const)("%s: 20,000 submissions at 64 connections", (name, open) => {
  it("stores every acknowledged submission once, tallies equal a recount, no 5xx", { timeout: 300_000 }, async (context) => {
    const database = await open();
    if (!database) {
      context.skip(`${name}: no PostgreSQL cluster here (install Debian's postgresql; CI always has one)`);
      return;
    }
    cleanups.push(database.close);
    const round = await createRoundFixture(database.db);
    // The counter's answers come from its enrolled kiosk: one address, many visitors, no burst.
    const kiosk = await enrolTestKiosk(database.db, round.eitToken);
    const server: RunningServer = await startServer({ databasePath: database.url, env: LOAD_ENV });
    cleanups.push(server.stop);

    const outcome = await runSubmissionLoad({
      url: server.url,
      targets: [
        { token: round.eitToken, instrument: "eit", cookie: kiosk },
        { token: round.iitToken, instrument: "iit" },
      ],
      total: SUBMISSIONS,
      connections: CONNECTIONS,
      runId: `load-${name.toLowerCase()}-${Date.now().toString(36)}`,
    });
    console.log(
      `${name}: ${outcome.acknowledged.length} of ${outcome.sent.length} submissions acknowledged in ` +
        `${outcome.seconds.toFixed(1)} s at ${CONNECTIONS} connections: ${Math.round(outcome.perSecond)} per second; statuses ${JSON.stringify(outcome.statuses)}`,
    );

    expect(countServerErrors(outcome.statuses), "5xx answers").toBe(0);
    expect(outcome.statuses, "every submission answered 200").toEqual({ 200: SUBMISSIONS });
    expect(await findMissingSubmissions(database.db, outcome.acknowledged), "acknowledged but not stored").toEqual([]);
    const responses = await database.db.selectFrom("response").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(responses.n), "stored exactly once each").toBe(SUBMISSIONS);
    const recount = await recountTallies(database.db, { repair: false });
    expect(recount.responses).toBe(SUBMISSIONS);
    expect(recount.differences, "tallies against a recount").toEqual([]);
    const flagged = await database.db.selectFrom("response").where("flag", "is not", null).select("id").execute();
    expect(flagged, "no answer flagged as noise: all of them are in the tallies").toEqual([]);
  });
});
