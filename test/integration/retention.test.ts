/**
 * Retention of raw answers (issue 12, item 5) on a real database, SQLite or PostgreSQL: a closed round past
 * its agency's retention loses its raw answers — responses and answers that never made a group — in one
 * audited step, while its scores, report and trends stay exactly as they were; a recount then says there is
 * nothing to recount for it (and a repair leaves its tallies alone); a round still within its retention,
 * or still open, keeps everything.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSessionCookie, getSessionUser, type SessionUser } from "../../app/auth/session.server";
import { getRoundReport } from "../../app/services/report.server";
import { recountTallies } from "../../app/services/recount.server";
import { addMonths, purgeExpiredAnswers } from "../../app/services/retention.server";
import { getRoundResults } from "../../app/services/round-results.server";
import { submitResponse } from "../../app/services/submit-response.server";
import { getTrends } from "../../app/services/trends.server";
import { createTestUser } from "../support/accounts";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { unhurried } from "../support/start-stamps";
import { createTestDb, type TestDb } from "../support/test-db";

const ANSWERED = new Date("2026-03-15T03:00:00Z");
/** Long after: the expired round ended 31 March 2026 and keeps its answers 6 months, to 30 September 2026. */
const LATER = new Date("2026-12-03T03:00:00Z");

let t: TestDb;
let expired: RoundFixture;
let kept: RoundFixture;
let admin: SessionUser;

async function answer(round: RoundFixture, iit: number, eit: number) {
  for (let n = 0; n < iit; n++) {
    await submitResponse(t.db, round.iitToken, JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers: makeAnswers("iit", (i, o) => (i + n) % o) })), { now: ANSWERED, recentFromAddress: 1 });
  }
  for (let n = 0; n < eit; n++) {
    // The first three visitors leave a suggestion (issue 15): raw answers too, deleted with their responses.
    const answers = { ...makeAnswers("eit", (i, o) => (i + n) % o), ...(n < 3 ? { eit_suggestion: `ข้อเสนอแนะที่ ${n + 1}` } : {}) };
    await submitResponse(t.db, round.eitToken, JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers })), { now: ANSWERED, recentFromAddress: 1 });
  }
}

beforeEach(async () => {
  t = await createTestDb();
  expired = await createRoundFixture(t.db, "expired-agency");
  kept = await createRoundFixture(t.db, "kept-agency");
  // In each round, seven IIT answers (a group of five counted, two waiting) and six EIT answers at its
  // counter (five counted, one waiting).
  await answer(expired, 7, 6);
  await answer(kept, 7, 6);
  await t.db.updateTable("round").set({ status: "closed", ends_on: "2026-03-31" }).where("id", "=", expired.roundId).execute();
  await t.db.updateTable("organization").set({ retention_months: 6 }).where("id", "=", expired.organizationId).execute();
  // The other agency's round closed too, but keeps its answers 24 months (the default).
  await t.db.updateTable("round").set({ status: "closed", ends_on: "2026-03-31" }).where("id", "=", kept.roundId).execute();
  const userId = await createTestUser(t.db, expired.organizationId, "expired-admin", "admin");
  const cookie = (await createSessionCookie(t.db, userId, new Date())).split(";")[0]!;
  admin = (await getSessionUser(t.db, new Request("http://localhost/admin", { headers: { cookie } })))!;
});
afterEach(async () => {
  await t.close();
});

const rawRows = async (roundId: number) => ({
  responses: (await t.db.selectFrom("response").where("round_id", "=", roundId).select("id").execute()).length,
  waiting: (await t.db.selectFrom("answer_pool").where("round_id", "=", roundId).select("id").execute()).length,
  suggestions: (await t.db.selectFrom("suggestion").where("round_id", "=", roundId).select("id").execute()).length,
});

describe("retention", () => {
  it("deletes a closed round's raw answers after its retention, audited, and keeps its scores, report and trends", async () => {
    expect(await rawRows(expired.roundId)).toEqual({ responses: 10, waiting: 3, suggestions: 3 });
    const resultsBefore = await getRoundResults(t.db, expired.roundId);
    const reportBefore = await getRoundReport(t.db, admin, String(expired.roundId), { source: "measured", today: "2026-12-03" });
    const trendsBefore = await getTrends(t.db, expired.organizationId);
    const keptBefore = await rawRows(kept.roundId);

    // On the last day of the retention nothing goes; the day after, it does.
    expect(await purgeExpiredAnswers(t.db, new Date("2026-09-30T03:00:00Z"))).toEqual([]);
    const purged = await purgeExpiredAnswers(t.db, LATER);
    expect(purged).toEqual([{ roundId: expired.roundId, organizationId: expired.organizationId, responses: 10, waiting: 3, suggestions: 3 }]);

    expect(await rawRows(expired.roundId)).toEqual({ responses: 0, waiting: 0, suggestions: 0 });
    expect((await t.db.selectFrom("round").where("id", "=", expired.roundId).select("raw_purged_on").executeTakeFirstOrThrow()).raw_purged_on).toBe("2026-12-03");
    expect(await rawRows(kept.roundId)).toEqual(keptBefore);

    // Scores, report and trends come from the tallies: unchanged.
    expect(await getRoundResults(t.db, expired.roundId)).toEqual(resultsBefore);
    expect(await getRoundReport(t.db, admin, String(expired.roundId), { source: "measured", today: "2026-12-03" })).toEqual(reportBefore);
    expect(await getTrends(t.db, expired.organizationId)).toEqual(trendsBefore);

    // Audited in the agency's log, by no user (the server did it).
    const audit = await t.db.selectFrom("audit_log").where("action", "=", "round.purge-answers").selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organization_id: expired.organizationId, user_id: null, target: `round:${expired.roundId}` });
    expect(JSON.parse(audit[0]!.detail)).toEqual({ responses: 10, waiting: 3, suggestions: 3, retentionMonths: 6, endsOn: "2026-03-31" });

    // Once is enough: nothing more to delete.
    expect(await purgeExpiredAnswers(t.db, LATER)).toEqual([]);
  });

  it("leaves a recount nothing to recount for the purged round: no differences, and a repair keeps its tallies", async () => {
    await purgeExpiredAnswers(t.db, LATER);
    const tallies = await t.db.selectFrom("tally").where("round_id", "=", expired.roundId).selectAll().execute();
    expect(tallies.length).toBeGreaterThan(0);
    const check = await recountTallies(t.db, { repair: false });
    expect(check.differences).toEqual([]);
    expect(check.purgedRounds).toBe(1);
    // A repair (forced by a tampered tally of the other round) rebuilds that one and keeps the purged round's.
    await t.db.updateTable("tally").set({ count: 99 }).where("round_id", "=", kept.roundId).where("field", "=", "e1_1").execute();
    const repaired = await recountTallies(t.db, { repair: true });
    expect(repaired.differences.length).toBeGreaterThan(0);
    expect(await t.db.selectFrom("tally").where("round_id", "=", expired.roundId).selectAll().execute()).toEqual(tallies);
    expect((await recountTallies(t.db, { repair: false })).differences).toEqual([]);
  });

  it("keeps an open round's answers whatever its retention", async () => {
    await t.db.updateTable("round").set({ status: "open", ends_on: "2027-09-30" }).where("id", "=", expired.roundId).execute();
    expect(await purgeExpiredAnswers(t.db, LATER)).toEqual([]);
    expect(await rawRows(expired.roundId)).toEqual({ responses: 10, waiting: 3, suggestions: 3 });
  });
});

describe("addMonths", () => {
  it("adds whole months, clamped to the month's last day", () => {
    expect(addMonths("2026-03-31", 6)).toBe("2026-09-30");
    expect(addMonths("2026-09-30", 24)).toBe("2028-09-30");
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
  });
});
