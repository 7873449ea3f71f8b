/**
 * The scale-out shape (docs/scale-out.md): two app processes of the built server on one
 * PostgreSQL database, as behind a load balancer. A few hundred submissions go to both at once, across
 * IIT and EIT links of two agencies, some of them sent to both processes with the same submission id
 * (a retry that the balancer routes elsewhere). Every acknowledged submission must be stored exactly
 * once, the tallies must equal what was sent and what a recount of the raw responses gives (also
 * through the operator's `recount --check`), and a session opened on one process must work on the other.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recountTallies } from "../../app/services/recount.server";
import { createDb, type Db } from "../../db/client.server";
import { sumRoundTallies } from "../../db/queries/tallies";
import { createTestUser, signInOverHttp } from "../support/accounts";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { unhurried } from "../support/start-stamps";
import { type RunningServer, runtimeArgs, startServer } from "../support/server";
import { createTestPostgresDatabase, type TestPostgresDatabase } from "../support/test-db";

const SUBMISSIONS = 320;
/** Every eighth submission is also sent to the other process at the same moment. */
const DUPLICATE_EVERY = 8;
const CONCURRENCY = 24;

const database = await createTestPostgresDatabase();
if (!database) console.log("PostgreSQL is not available here: the two-process test is skipped (CI never skips it)");

interface Submission {
  submissionId: string;
  token: string;
  roundId: number;
  instrument: "iit" | "eit";
  answers: Record<string, number>;
  /** A distinct client address per submission (X-Forwarded-For): no flood limit, no burst flag. */
  address: string;
  /** The processes it is sent to: one, or both at once. */
  targets: RunningServer[];
}

interface Outcome {
  submission: Submission;
  server: RunningServer;
  status: number;
  stored: boolean | undefined;
}

describe.skipIf(!database)("two app processes on one PostgreSQL database", () => {
  let pg: TestPostgresDatabase;
  let db: Db;
  let agencies: RoundFixture[];
  let a: RunningServer;
  let b: RunningServer;
  let submissions: Submission[];
  let outcomes: Outcome[];

  beforeAll(async () => {
    pg = database!;
    db = createDb(pg.url);
    agencies = [await createRoundFixture(db, "agency-one"), await createRoundFixture(db, "agency-two")];
    await createTestUser(db, agencies[0]!.organizationId, "manager1", "manager");
    // TRUST_PROXY=1: the test plays many client addresses through X-Forwarded-For, as a balancer sends them.
    [a, b] = await Promise.all([
      startServer({ databasePath: pg.url, env: { TRUST_PROXY: "1" } }),
      startServer({ databasePath: pg.url, env: { TRUST_PROXY: "1" } }),
    ]);

    submissions = Array.from({ length: SUBMISSIONS }, (_, n) => {
      const agency = agencies[n % 2]!;
      const instrument = n % 3 === 0 ? "iit" : "eit";
      return {
        submissionId: newSubmissionId(),
        token: instrument === "iit" ? agency.iitToken : agency.eitToken,
        roundId: agency.roundId,
        instrument,
        // Varied answers, as people give them (the same option everywhere is flagged as noise).
        answers: makeAnswers(instrument, (i, options) => (i * 3 + n) % options),
        address: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        targets: n % DUPLICATE_EVERY === 0 ? [a, b] : [n % 2 === 0 ? a : b],
      };
    });
    const sends = submissions.flatMap((submission) => submission.targets.map((server) => ({ submission, server })));
    outcomes = await runConcurrently(sends, CONCURRENCY, async ({ submission, server }) => {
      const response = await fetch(`${server.url}/s/${submission.token}/answers`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": submission.address },
        body: JSON.stringify(unhurried({ submissionId: submission.submissionId, answers: submission.answers })),
      });
      const body = (await response.json()) as { stored?: boolean };
      return { submission, server, status: response.status, stored: body.stored };
    });
  }, 300_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.destroy();
    await pg?.drop();
  });

  it("acknowledges every submission with 200, and both processes took their share", () => {
    const statuses = new Map<number, number>();
    for (const o of outcomes) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ 200: outcomes.length });
    const storedBy = (server: RunningServer) => outcomes.filter((o) => o.server === server && o.stored === true).length;
    expect(storedBy(a)).toBeGreaterThan(SUBMISSIONS / 4);
    expect(storedBy(b)).toBeGreaterThan(SUBMISSIONS / 4);
  });

  it("stores every acknowledged submission exactly once, even one sent to both processes at once", async () => {
    const rows = await db.selectFrom("response").select(["submission_id", "flag"]).execute();
    // Answers count in whole groups of five (issue 12): the rest of each round's IIT, and of each counter's
    // EIT, waits in the pool — never a full group.
    const pooled = await db.selectFrom("answer_pool").select(["submission_id", "round_id", "link_id", "instrument"]).execute();
    for (const agency of agencies) {
      for (const instrument of ["iit", "eit"]) expect(pooled.filter((p) => p.round_id === agency.roundId && p.instrument === instrument).length).toBeLessThan(5);
    }
    const stored = new Map<string, number>();
    for (const row of [...rows, ...pooled]) stored.set(row.submission_id, (stored.get(row.submission_id) ?? 0) + 1);
    expect(stored.size).toBe(SUBMISSIONS);
    expect(rows.length + pooled.length).toBe(SUBMISSIONS);
    for (const submission of submissions) expect(stored.get(submission.submissionId), submission.submissionId).toBe(1);
    // Of the two processes that got the same submission, exactly one stored it; the other thanked.
    for (const submission of submissions.filter((s) => s.targets.length === 2)) {
      const answers = outcomes.filter((o) => o.submission === submission).map((o) => o.stored);
      expect(answers.sort()).toEqual([false, true]);
    }
    expect(rows.filter((r) => r.flag !== null)).toEqual([]);
  });

  it("has tallies equal to the answers sent and counted, per round, field and value", async () => {
    // Counted: all but the answers still waiting in the pool for their group of five.
    const waiting = new Set((await db.selectFrom("answer_pool").select("submission_id").execute()).map((p) => p.submission_id));
    for (const agency of agencies) {
      const expected = new Map<string, number>();
      for (const submission of submissions.filter((s) => s.roundId === agency.roundId && !waiting.has(s.submissionId))) {
        for (const [field, value] of Object.entries(submission.answers)) {
          const key = `${submission.instrument}|${field}|${value}`;
          expected.set(key, (expected.get(key) ?? 0) + 1);
        }
      }
      const tallies = await sumRoundTallies(db, agency.roundId);
      expect(new Map(tallies.map((t) => [`${t.instrument}|${t.field}|${t.value}`, t.count]))).toEqual(expected);
    }
  });

  it("has tallies equal to a recount of the raw responses, in the service and through `recount --check`", async () => {
    const recount = await recountTallies(db, { repair: false });
    const waiting = (await db.selectFrom("answer_pool").select("id").execute()).length;
    expect(recount.responses).toBe(SUBMISSIONS - waiting);
    expect(recount.differences).toEqual([]);
    const cli = spawnSync(process.execPath, runtimeArgs("cli", "recount", "--check"), {
      env: { ...process.env, DATABASE_URL: pg.url },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(cli.status, `${cli.stdout}${cli.stderr}`).toBe(0);
  });

  it("keeps a session opened on one process working on the other (sessions live in the database)", async () => {
    const signedIn = await signInOverHttp(a.url, "manager1");
    const page = await fetch(`${b.url}/admin/rounds/${agencies[0]!.roundId}/results`, { headers: { cookie: signedIn.cookie }, redirect: "manual" });
    expect(page.status).toBe(200);
    // Signing out on B ends the session on A too.
    const signOut = await fetch(`${b.url}/sign-out`, {
      method: "POST",
      headers: { cookie: signedIn.cookie },
      body: new URLSearchParams({ csrf: signedIn.csrf }),
      redirect: "manual",
    });
    expect(signOut.status).toBe(302);
    const after = await fetch(`${a.url}/admin/rounds/${agencies[0]!.roundId}/results`, { headers: { cookie: signedIn.cookie }, redirect: "manual" });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/sign-in/);
  });
});

/** Runs `work` over `items` with at most `limit` at a time; results in the items' order. */
async function runConcurrently<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
