/**
 * What differs between SQLite and PostgreSQL and must not show (runs on both: vitest.config.ts): two
 * handles on one database — two app processes — writing at once lose no tally and store a repeated
 * submission once; counts come back as numbers; an upsert of the same tally key twice in one batch
 * adds both; a recount while answers arrive sees one consistent snapshot; two processes seeding one
 * empty database make one demo agency.
 *
 * On PostgreSQL the second handle has its own pool of connections, as another process would. On
 * SQLite, the one-process default, both are the same handle: better-sqlite3 is synchronous, so two
 * handles in one thread would wait on each other's locks with the thread itself blocked.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recountTallies } from "../../app/services/recount.server";
import { submitResponse } from "../../app/services/submit-response.server";
import { createDb, type Db } from "../../db/client.server";
import { countAccessCodes, insertAccessCodes } from "../../db/queries/access-codes";
import { countRoundLinkAnswers } from "../../db/queries/links";
import { countAllResponses, countResponses } from "../../db/queries/responses";
import { countOrganizations } from "../../db/queries/organizations";
import { incrementTallies, listAllTallies, sumRoundTallies } from "../../db/queries/tallies";
import { seedDemo } from "../../app/seed/demo-agency.server";
import { countRows, createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { unhurried } from "../support/start-stamps";
import { createTestDb, testDatabaseKind, type TestDb } from "../support/test-db";

const NOW = new Date("2026-03-15T03:00:00Z");

let t: TestDb;
/** A second handle on the same database, with its own connections: another app process. */
let other: Db;
let round: RoundFixture;

beforeEach(async () => {
  t = await createTestDb();
  other = t.kind === "postgres" ? createDb(t.path) : t.db;
  round = await createRoundFixture(t.db);
});

afterEach(async () => {
  if (other !== t.db) await other.destroy();
  await t.close();
});

function submit(db: Db, token: string, answers: Record<string, number>, submissionId = newSubmissionId()) {
  return submitResponse(db, token, JSON.stringify(unhurried({ submissionId, answers })), { now: NOW, recentFromAddress: 1 });
}

describe(`database portability (${testDatabaseKind()})`, () => {
  it("loses no tally when two processes submit at the same time, and stores a repeat once", async () => {
    const sent: { instrument: "iit" | "eit"; answers: Record<string, number> }[] = [];
    const work: Promise<unknown>[] = [];
    for (let n = 0; n < 60; n++) {
      const instrument = n % 2 === 0 ? "eit" : "iit";
      const answers = makeAnswers(instrument, (i, options) => (i + n) % options);
      sent.push({ instrument, answers });
      const token = instrument === "eit" ? round.eitToken : round.iitToken;
      const submissionId = newSubmissionId();
      work.push(submit(n % 3 === 0 ? other : t.db, token, answers, submissionId));
      // Every fifth one is also sent through the other process at the same moment.
      if (n % 5 === 0) work.push(submit(n % 3 === 0 ? t.db : other, token, answers, submissionId));
    }
    const results = (await Promise.all(work)) as { stored: boolean }[];
    expect(results.filter((r) => r.stored)).toHaveLength(60);

    const expected = new Map<string, number>();
    for (const { instrument, answers } of sent) {
      for (const [field, value] of Object.entries(answers)) expected.set(`${instrument}|${field}|${value}`, (expected.get(`${instrument}|${field}|${value}`) ?? 0) + 1);
    }
    const tallies = await sumRoundTallies(t.db, round.roundId);
    expect(new Map(tallies.map((r) => [`${r.instrument}|${r.field}|${r.value}`, r.count]))).toEqual(expected);
    expect(await countAllResponses(t.db)).toBe(60);
    expect((await recountTallies(t.db, { repair: false })).differences).toEqual([]);
  });

  it("returns counts and sums as numbers, not strings or bigints", async () => {
    // Five: a counter's answers enter the responses a group of five at a time (the answer pool).
    for (let n = 0; n < 5; n++) await submit(t.db, round.eitToken, makeAnswers("eit", (i, options) => (i + n) % options));
    await insertAccessCodes(t.db, [{ round_id: round.roundId, code_hash: "a".repeat(64), created_on: "2026-03-15" }]);
    const values = [
      await countResponses(t.db, round.roundId),
      await countResponses(t.db, round.roundId, "eit"),
      await countAllResponses(t.db),
      await countOrganizations(t.db),
      ...Object.values(await countAccessCodes(t.db, round.roundId)),
      ...(await sumRoundTallies(t.db, round.roundId)).map((r) => r.count),
      ...(await countRoundLinkAnswers(t.db, round.roundId)).flatMap((r) => [r.linkId, r.answers]),
      ...(await listAllTallies(t.db)).flatMap((r) => [r.count, r.value, r.link_id, r.round_id]),
    ];
    for (const value of values) expect(typeof value).toBe("number");
    expect(await countRoundLinkAnswers(t.db, round.roundId)).toEqual([{ linkId: expect.any(Number), answers: 5 }]);
  });

  it("adds both counts when one batch holds the same tally key twice", async () => {
    const row = { round_id: round.roundId, link_id: 1, instrument: "eit" as const, month: "2026-03", field: "e1_1", value: 4, count: 1 };
    const links = await t.db.selectFrom("link").select("id").where("token", "=", round.eitToken).executeTakeFirstOrThrow();
    await incrementTallies(t.db, [{ ...row, link_id: links.id }, { ...row, link_id: links.id, count: 2 }]);
    await incrementTallies(t.db, [{ ...row, link_id: links.id }]);
    expect(await listAllTallies(t.db)).toEqual([{ ...row, link_id: links.id, count: 4 }]);
  });

  it("recounts one consistent snapshot while answers keep arriving through another process", async () => {
    for (let n = 0; n < 20; n++) await submit(t.db, round.eitToken, makeAnswers("eit", (i, options) => (i + n) % options));
    let arriving = true;
    let n = 0;
    const stream = async () => {
      while (arriving) await submit(other, round.eitToken, makeAnswers("eit", (i, options) => (i * 2 + n++) % options));
    };
    const arrivals = Promise.all([stream(), stream(), stream()]);
    const recounts = [];
    for (let i = 0; i < 20; i++) recounts.push(await recountTallies(t.db, { repair: false }));
    arriving = false;
    await arrivals;
    expect(n).toBeGreaterThan(0);
    for (const recount of recounts) expect(recount.differences).toEqual([]);
    expect((await recountTallies(t.db, { repair: false })).differences).toEqual([]);
  });

  it("makes one demo agency when two processes seed one empty database at once", async () => {
    const empty = await createTestDb();
    const second = empty.kind === "postgres" ? createDb(empty.path) : empty.db;
    try {
      const results = await Promise.all([seedDemo(empty.db, { now: NOW }), seedDemo(second, { now: NOW })]);
      expect(results.map((r) => r.created).sort()).toEqual([false, true]);
      expect(await countOrganizations(empty.db)).toBe(1);
      expect((await recountTallies(empty.db, { repair: false })).differences).toEqual([]);
      const rows = await countRows(empty.db);
      expect(rows.responses).toBeGreaterThan(0);
    } finally {
      if (second !== empty.db) await second.destroy();
      await empty.close();
    }
  });
});
