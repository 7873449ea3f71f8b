/**
 * Submissions per second through the built server — HTTP POST /s/:token/answers, the flood limit,
 * JSON and zod validation of every answer against the framework, the noise check, one transaction
 * with the response row and its 51 tally upserts (Express, React Router's action, Kysely) — against
 * the bare node:http server of bare-server.ts storing the same rows in one transaction through
 * better-sqlite3's prepared statements. Target: at least 0.5 of the bare baseline.
 *
 * Each server has its own fresh database with the same fixture; the submissions are IIT answers (51
 * fields; a staff survey has no burst flag), every one with a new submission id. The load comes from
 * one address, so the app runs with SUBMISSION_FLOOD_LIMIT raised (app/lib/env.server.ts). Afterwards
 * both databases must hold exactly the acknowledged submissions, and the app's tallies must equal a
 * recount of its responses.
 */
import { randomBytes } from "node:crypto";
import { getFramework } from "../../app/lib/frameworks.server";
import { recountTallies } from "../../app/services/recount.server";
import { detectNoise } from "../../app/services/response-quality";
import { listInstrumentFields } from "../../app/services/validate-answers";
import { getPublicLink } from "../../db/queries/links";
import { countRows, createRoundFixture, makeAnswers } from "../support/fixtures";
import { startStampFor } from "../support/start-stamps";
import { createTestDb, type TestDb } from "../support/test-db";
import { compareRates, printTable, startBareServer, startBuiltServer, type BenchServer, type LoadRequest, type LoadResult } from "./support";

/**
 * The pool key of this process and of the server it starts: the stamps signed here (startStampFor) must
 * verify there, as vitest.config.ts arranges for the tests. Set before anything reads the environment.
 */
process.env.ANSWER_POOL_KEY ||= randomBytes(32).toString("base64url");

const TARGET = 0.5;
const CONNECTIONS = 8;
const ROUNDS = 5;
const SECONDS = 4;
const ANSWER_SETS = 500;

export async function run(): Promise<void> {
  const appDb = await createTestDb();
  const bareDb = await createTestDb();
  const servers: BenchServer[] = [];
  try {
    const appRound = await createRoundFixture(appDb.db, "bench-ingest");
    const bareRound = await createRoundFixture(bareDb.db, "bench-ingest");
    const bareLink = (await getPublicLink(bareDb.db, bareRound.iitToken))!;

    const app = await startBuiltServer({ databasePath: appDb.path, env: { SUBMISSION_FLOOD_LIMIT: "10000000", ANSWER_POOL_KEY: process.env.ANSWER_POOL_KEY! } });
    servers.push(app);
    const bare = await startBareServer(["ingest", bareDb.path, String(bareLink.roundId), String(bareLink.linkId), "iit"]);
    servers.push(bare);

    // Varied answers, as people give them: none that the noise check would flag (and leave out of the tallies).
    const framework = getFramework("ita-2565");
    const sets = Array.from({ length: ANSWER_SETS }, (_, s) => makeAnswers("iit", (i, count) => (i * (1 + (s % 3)) + s) % count)).filter(
      (answers) => detectNoise(framework, "iit", answers, { durationSeconds: 600, recentFromAddress: 1, channel: "phone" }) === null,
    );
    let sent = 0;
    const submission = (token: string, chunked = false) => (): LoadRequest => {
      const n = sent++;
      const submissionId = `bench-ingest-${String(n).padStart(10, "0")}`;
      return {
        method: "POST",
        path: `/s/${token}/answers`,
        headers: { "content-type": "application/json" },
        // With a start stamp from long ago, as a person's page sends one (else the answers are too fast, not tallied).
        body: JSON.stringify({ submissionId, answers: sets[n % sets.length], startStamp: startStampFor(submissionId) }),
        chunked,
      };
    };
    const result = await compareRates({
      rounds: ROUNDS,
      seconds: SECONDS,
      connections: CONNECTIONS,
      baseline: { url: bare.url, next: submission(bareRound.iitToken) },
      subject: { url: app.url, next: submission(appRound.iitToken) },
    });

    // What the fast path buys (docs/decisions/answers-fast-path.md): the same submissions through React
    // Router's action, which answers every body the fast path leaves alone (a chunked one), against the
    // fast path, in alternation on the same server.
    const viaRoute = await compareRates({
      rounds: ROUNDS,
      seconds: SECONDS,
      connections: CONNECTIONS,
      baseline: { url: app.url, next: submission(appRound.iitToken) },
      subject: { url: app.url, next: submission(appRound.iitToken, true) },
    });

    const fields = listInstrumentFields(framework, "iit").length;
    // Every answer was a 200 (the warm-up's included), so each database holds all that was sent to it.
    const check = async (t: TestDb, runs: LoadResult[]) => ({
      rows: await countRows(t.db),
      other: runs.reduce((n, r) => n + r.errors + Object.entries(r.statuses).filter(([s]) => s !== "200").reduce((m, [, c]) => m + c, 0), 0),
    });
    const appCheck = await check(appDb, [...result.subjectRuns, ...viaRoute.baselineRuns, ...viaRoute.subjectRuns]);
    const bareCheck = await check(bareDb, result.baselineRuns);
    const recount = await recountTallies(appDb.db, { repair: false });
    // Every answer sent was a person's unhurried one: a flagged answer (a stamp the server could not verify,
    // a burst) would wait in the pool untallied and the figures would measure something else.
    const flagged =
      (await appDb.db.selectFrom("response").where("flag", "is not", null).select("id").execute()).length +
      (await appDb.db.selectFrom("answer_pool").where("flagged", "=", 1).select("id").execute()).length;
    if (flagged > 0) throw new Error(`${flagged} of the app's answers were flagged as noise: the bench measured the wrong path`);

    printTable([
      {
        server: "bare node:http + better-sqlite3 (baseline)",
        "submissions/s (median)": result.baseline.toFixed(0),
        runs: result.baselineRuns.map((r) => r.perSecond.toFixed(0)).join(" "),
        "responses stored": bareCheck.rows.responses,
        "tally sum / fields": bareCheck.rows.tallySum / fields,
        "non-200": bareCheck.other,
      },
      {
        server: "Prongsai, POST /s/:token/answers",
        "submissions/s (median)": result.subject.toFixed(0),
        runs: result.subjectRuns.map((r) => r.perSecond.toFixed(0)).join(" "),
        "responses stored": appCheck.rows.responses,
        "tally sum / fields": appCheck.rows.tallySum / fields,
        "non-200": appCheck.other,
      },
      {
        server: "Prongsai, same POST chunked: React Router's action, no fast path",
        "submissions/s (median)": viaRoute.subject.toFixed(0),
        runs: viaRoute.subjectRuns.map((r) => r.perSecond.toFixed(0)).join(" "),
        "responses stored": "(same database)",
        "tally sum / fields": "",
        "non-200": "",
      },
    ]);
    console.log(`ratio React Router's action / fast path: ${viaRoute.ratio.toFixed(3)} (median of ${ROUNDS} alternating rounds on the same server)`);
    console.log(`app tallies against a recount of its ${recount.responses} responses: ${recount.differences.length} differences`);
    console.log(
      `ratio app / bare: ${result.ratio.toFixed(3)} (median of ${ROUNDS} alternating ${SECONDS}-second rounds, ${CONNECTIONS} connections; target ≥ ${TARGET}: ${result.ratio >= TARGET ? "met" : "MISSED"})`,
    );
  } finally {
    for (const server of servers) await server.stop();
    await appDb.close();
    await bareDb.close();
  }
}
