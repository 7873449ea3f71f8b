/**
 * The IIT pool (issue 12) on a real database, SQLite or PostgreSQL: IIT answers count only in groups of
 * k = 5 (flagged ones do not make up a group), concurrent submissions never release a group smaller than
 * five, and an access code cannot be paired with the answers it unlocked:
 * - PostgreSQL: the review's join on the transaction id (`a.xmin = r.xmin`) pairs a released group with
 *   at most the one code spent in the releasing transaction, and with all five of its responses alike —
 *   no better than chance;
 * - SQLite: after a group's release the WAL is empty, so there are no commits to replay one by one, and
 *   the released rows have random ids, so the table's order says nothing either.
 */
import { statSync } from "node:fs";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSessionCookie, getSessionUser } from "../../app/auth/session.server";
import { formatCode, generateAccessCodes } from "../../app/services/access-codes.server";
import { recountTallies } from "../../app/services/recount.server";
import { submitResponse } from "../../app/services/submit-response.server";
import { createTestUser } from "../support/accounts";
import { countRows, createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { startStampFor, unhurried } from "../support/start-stamps";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-03-15T03:00:00Z");
const AT = { now: NOW, recentFromAddress: 1 };

let t: TestDb;
let round: RoundFixture;

beforeEach(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
});
afterEach(async () => {
  expect((await recountTallies(t.db, { repair: false })).differences).toEqual([]);
  await t.close();
});

/** A submission whose start stamp is from long ago (not too fast), unless `extra` says otherwise. */
function submission(answers: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ ...unhurried({ submissionId: newSubmissionId(), answers }), ...extra });
}

const poolSize = async () => (await t.db.selectFrom("answer_pool").select("id").execute()).length;

describe("the IIT pool", () => {
  it("counts a flagged answer set in no group: it waits, and leaves with the next full group, stored but not tallied", async () => {
    for (let n = 0; n < 4; n++) await submitResponse(t.db, round.iitToken, submission(makeAnswers("iit", (i, o) => (i + n) % o)), AT);
    // Too fast (started 3 s before, by its start stamp): flagged.
    const fastId = newSubmissionId();
    const fastBody = JSON.stringify({ submissionId: fastId, answers: makeAnswers("iit"), startStamp: startStampFor(fastId, new Date(NOW.getTime() - 3_000)) });
    const fast = await submitResponse(t.db, round.iitToken, fastBody, AT);
    expect(fast).toEqual({ stored: true, flag: "too-fast" });
    expect(await poolSize()).toBe(5);
    expect((await countRows(t.db)).responses).toBe(0);
    await submitResponse(t.db, round.iitToken, submission(makeAnswers("iit", (i, o) => (i + 9) % o)), AT);
    expect(await poolSize()).toBe(0);
    expect(await countRows(t.db)).toMatchObject({ responses: 6, tallySum: 5 * 51 });
    const flags = await t.db.selectFrom("response").select("flag").execute();
    expect(flags.filter((f) => f.flag !== null).map((f) => f.flag)).toEqual(["too-fast"]);
  });

  it("releases only whole groups when twelve staff submit at the same moment", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) => submitResponse(t.db, round.iitToken, submission(makeAnswers("iit", (i, o) => (i + n) % o)), AT)),
    );
    expect(results.every((r) => r.stored)).toBe(true);
    expect(await countRows(t.db)).toMatchObject({ responses: 10, tallySum: 10 * 51 });
    expect(await poolSize()).toBe(2);
  });
});

describe("an access code cannot be paired with its answers", () => {
  async function codeRound(count: number): Promise<string[]> {
    await t.db.updateTable("round").set({ access_mode: "codes" }).where("id", "=", round.roundId).execute();
    const userId = await createTestUser(t.db, round.organizationId, "codes-admin", "admin");
    const cookie = (await createSessionCookie(t.db, userId, new Date())).split(";")[0]!;
    const admin = (await getSessionUser(t.db, new Request("http://localhost/admin", { headers: { cookie } })))!;
    return generateAccessCodes(t.db, admin, round.roundId, count, NOW);
  }

  // One test, the attack that applies to the database it runs on (the file runs on both).
  it("PostgreSQL: the xmin join pairs a group with at most one code, alike for all its responses; SQLite: no WAL to replay after a release, random ids", async () => {
    if (t.kind === "sqlite") return sqliteLeavesNothingToReplay();
    const codes = await codeRound(10);
    const unlocked = new Map<string, string>(); // code hash → the answers it unlocked
    for (const [n, code] of codes.entries()) {
      const answers = makeAnswers("iit", (i, o) => (i + n) % o);
      const result = await submitResponse(t.db, round.iitToken, submission(answers, { accessCode: formatCode(code) }), AT);
      expect(result.stored).toBe(true);
      const hash = (await t.db.selectFrom("access_code").where("used_on", "is not", null).select("code_hash").execute()).map((r) => r.code_hash).find((h) => !unlocked.has(h))!;
      unlocked.set(hash, JSON.stringify(answers));
    }
    expect((await countRows(t.db)).responses).toBe(10);
    // The review's attack, verbatim.
    const pairs = await sql<{ id: number; code_hash: string; answers: string }>`
      select r.id, a.code_hash, r.answers from response r join access_code a on a.xmin = r.xmin where r.instrument = 'iit'`.execute(t.db);
    const byCode = new Map<string, string[]>();
    for (const pair of pairs.rows) byCode.set(pair.code_hash, [...(byCode.get(pair.code_hash) ?? []), pair.answers]);
    // Each code that joins at all is the one spent in a releasing transaction: it joins the whole group of
    // five, so the join says "one of these five", which the group size says anyway.
    for (const [, answers] of byCode) expect(answers).toHaveLength(5);
    expect(byCode.size).toBeLessThanOrEqual(2);
    // And no pool row is left to join with: they went with their group.
    expect(await poolSize()).toBe(0);
  });

  async function sqliteLeavesNothingToReplay() {
    const codes = await codeRound(7);
    for (const [n, code] of codes.entries()) {
      const result = await submitResponse(t.db, round.iitToken, submission(makeAnswers("iit"), { accessCode: formatCode(code) }), AT);
      expect(result.stored).toBe(true);
      // Within a second of the group's release, no commit is left in the WAL to replay: the checkpoint
      // copied it into the database and truncated it. (Before, it holds sealed pool rows, as the database does.)
      if (n === 4) await expect.poll(() => statSync(`${t.path}-wal`).size, { timeout: 5_000 }).toBe(0);
    }
    expect((await countRows(t.db)).responses).toBe(5);
    expect(await poolSize()).toBe(2);
    const ids = (await t.db.selectFrom("response").select("id").orderBy("id").execute()).map((r) => r.id);
    for (const id of ids) expect(id).toBeGreaterThanOrEqual(2 ** 30);
    // The codes keep the day they were used, nothing that orders them.
    const used = await t.db.selectFrom("access_code").where("used_on", "is not", null).select(["used_on"]).execute();
    expect(used).toHaveLength(7);
    expect(new Set(used.map((u) => u.used_on))).toEqual(new Set(["2026-03-15"]));
  }
});
