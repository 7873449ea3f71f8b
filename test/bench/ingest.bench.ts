/**
 * Submissions per second through the built server — HTTP POST /s/:token/answers, the flood limit,
 * JSON and zod validation of every answer against the framework, the noise check, one transaction
 * with the response row and its 51 tally upserts (Express, React Router's action, Kysely) — against
 * the bare node:http server of bare-server.ts storing the same rows in one transaction through
 * better-sqlite3's prepared statements. Target (issue 18): at least 0.6 of the bare baseline, on both paths.
 *
 * Each server has its own fresh database with the same fixture; the submissions are IIT answers (51
 * fields; a staff survey has no burst flag), every one with a new submission id (test/bench/ingest-requests.ts).
 * Then the same answers as the respondent page's HTML form posts them (application/x-www-form-urlencoded,
 * answered by a 303 to the thanks page), against the bare server storing a form post, when the server's
 * page has such a form; otherwise that row says "not available" and why. The load comes from
 * one address, so the app runs with SUBMISSION_FLOOD_LIMIT raised (app/lib/env.server.ts). Afterwards
 * both databases must hold exactly the acknowledged submissions, and the app's tallies must equal a
 * recount of its responses.
 */
import { randomBytes } from "node:crypto";
import { getFramework } from "../../app/lib/frameworks.server";
import { recountTallies } from "../../app/services/recount.server";
import { listInstrumentFields } from "../../app/services/validate-answers";
import { getPublicLink } from "../../db/queries/links";
import { countRows, createRoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";
import { answerSets, FormPostNotAvailable, formPostRequest, jsonSubmission } from "./ingest-requests";
import { compareRates, printTable, startBareServer, startBuiltServer, type BenchServer, type LoadResult } from "./support";

/**
 * The pool key of this process and of the server it starts: the stamps signed here (startStampFor) must
 * verify there, as vitest.config.ts arranges for the tests. Set before anything reads the environment.
 */
process.env.ANSWER_POOL_KEY ||= randomBytes(32).toString("base64url");

const TARGET = 0.6;
const CONNECTIONS = 8;
const ROUNDS = 5;
const SECONDS = 4;

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

    const framework = getFramework("ita-2565");
    const sets = answerSets();
    const submission = (token: string, chunked = false) => jsonSubmission(token, sets, chunked);
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

    // The HTML form's post (issue 18), where the server's page has the form.
    let viaForm: Awaited<ReturnType<typeof compareRates>> | string;
    try {
      const appForm = await formPostRequest(app.url, appRound.iitToken, sets);
      const bareForm = await formPostRequest(app.url, appRound.iitToken, sets);
      viaForm = await compareRates({
        rounds: ROUNDS,
        seconds: SECONDS,
        connections: CONNECTIONS,
        // The bare server stores the same fields, under the bare round's link, at the same path shape.
        baseline: { url: bare.url, next: () => ({ ...bareForm(), path: `/s/${bareRound.iitToken}/answers` }) },
        subject: { url: app.url, next: appForm },
      });
    } catch (error) {
      if (!(error instanceof FormPostNotAvailable)) throw error;
      viaForm = `not available: ${error.message}`;
    }
    const formRuns = typeof viaForm === "string" ? { subject: [], baseline: [] } : { subject: viaForm.subjectRuns, baseline: viaForm.baselineRuns };

    const fields = listInstrumentFields(framework, "iit").length;
    // Every answer was a success (200, or a form post's 303; the warm-up's included), so each database holds all that was sent to it.
    const check = async (t: TestDb, runs: LoadResult[], success: string[]) => ({
      rows: await countRows(t.db),
      other: runs.reduce((n, r) => n + r.errors + Object.entries(r.statuses).filter(([s]) => !success.includes(s)).reduce((m, [, c]) => m + c, 0), 0),
    });
    const appCheck = await check(appDb, [...result.subjectRuns, ...viaRoute.baselineRuns, ...viaRoute.subjectRuns, ...formRuns.subject], ["200", "303"]);
    const bareCheck = await check(bareDb, [...result.baselineRuns, ...formRuns.baseline], ["200", "303"]);
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
        "non-200/303": bareCheck.other,
      },
      {
        server: "Prongsai, POST /s/:token/answers",
        "submissions/s (median)": result.subject.toFixed(0),
        runs: result.subjectRuns.map((r) => r.perSecond.toFixed(0)).join(" "),
        "responses stored": appCheck.rows.responses,
        "tally sum / fields": appCheck.rows.tallySum / fields,
        "non-200/303": appCheck.other,
      },
      {
        server: "Prongsai, same POST chunked: React Router's action, no fast path",
        "submissions/s (median)": viaRoute.subject.toFixed(0),
        runs: viaRoute.subjectRuns.map((r) => r.perSecond.toFixed(0)).join(" "),
        "responses stored": "(same database)",
        "tally sum / fields": "",
        "non-200/303": "",
      },
      typeof viaForm === "string"
        ? { server: "Prongsai, HTML form post (urlencoded, 303 to thanks)", "submissions/s (median)": viaForm, runs: "", "responses stored": "", "tally sum / fields": "", "non-200/303": "" }
        : {
            server: "Prongsai, HTML form post (urlencoded, 303 to thanks)",
            "submissions/s (median)": viaForm.subject.toFixed(0),
            runs: viaForm.subjectRuns.map((r) => r.perSecond.toFixed(0)).join(" "),
            "responses stored": "(same database)",
            "tally sum / fields": "",
            "non-200/303": "",
          },
      ...(typeof viaForm === "string"
        ? []
        : [{ server: "bare node:http, the same form post (baseline)", "submissions/s (median)": viaForm.baseline.toFixed(0), runs: viaForm.baselineRuns.map((r) => r.perSecond.toFixed(0)).join(" "), "responses stored": "(same database)", "tally sum / fields": "", "non-200/303": "" }]),
    ]);
    console.log(`ratio React Router's action / fast path: ${viaRoute.ratio.toFixed(3)} (median of ${ROUNDS} alternating rounds on the same server)`);
    console.log(`app tallies against a recount of its ${recount.responses} responses: ${recount.differences.length} differences`);
    if (typeof viaForm !== "string")
      console.log(
        `ratio app / bare, HTML form post: ${viaForm.ratio.toFixed(3)} (median of ${ROUNDS} alternating ${SECONDS}-second rounds; target ≥ ${TARGET}: ${viaForm.ratio >= TARGET ? "met" : "MISSED"})`,
      );
    else console.log(`HTML form post: ${viaForm}`);
    console.log(
      `ratio app / bare, JSON: ${result.ratio.toFixed(3)} (median of ${ROUNDS} alternating ${SECONDS}-second rounds, ${CONNECTIONS} connections; target ≥ ${TARGET}: ${result.ratio >= TARGET ? "met" : "MISSED"})`,
    );
  } finally {
    for (const server of servers) await server.stop();
    await appDb.close();
    await bareDb.close();
  }
}
