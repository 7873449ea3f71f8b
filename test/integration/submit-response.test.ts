import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getFramework } from "../../app/lib/frameworks.server";
import { HttpError } from "../../app/lib/http";
import { computeRoundScores } from "../../app/scoring";
import { getRoundResults } from "../../app/services/round-results.server";
import { recountTallies } from "../../app/services/recount.server";
import { submitResponse } from "../../app/services/submit-response.server";
import { restoreFlaggedResponses } from "../../app/services/flags.server";
import { sumRoundTallies } from "../../db/queries/tallies";
import { issueStartStamp } from "../../app/services/start-stamp.server";
import { countKept, countRows, createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { startStampFor } from "../support/start-stamps";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-03-15T03:00:00Z");
/** One submission from an address in the burst window: no noise signal. */
const AT = { now: NOW, recentFromAddress: 1 };

let t: TestDb;
let round: RoundFixture;

beforeEach(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
});

afterEach(async () => {
  // Every test that writes leaves tallies that a recount from raw responses agrees with.
  const recount = await recountTallies(t.db, { repair: false });
  expect(recount.differences).toEqual([]);
  await t.close();
});

/** A submission whose survey started long before (a start stamp from long ago: not too fast). */
function body(answers: Record<string, unknown>, submissionId = newSubmissionId(), extra: Record<string, unknown> = {}) {
  return JSON.stringify({ submissionId, answers, startStamp: startStampFor(submissionId), ...extra });
}

/** A submission whose start stamp says it began `seconds` before `now`, claiming whatever `extra` says. */
function startedBefore(answers: Record<string, unknown>, now: Date, seconds: number, extra: Record<string, unknown> = {}) {
  const submissionId = newSubmissionId();
  return JSON.stringify({ submissionId, answers, startStamp: issueStartStamp(submissionId, new Date(now.getTime() - seconds * 1000)), ...extra });
}

async function expectRejected(promise: Promise<unknown>, status: number): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  const http = error as HttpError;
  expect(http.status).toBe(status);
  expect(http.messageTh).toMatch(/[\u0E00-\u0E7F]/); // a Thai message a person can read
  return http;
}

describe("submitResponse", () => {
  it("keeps IIT answers sealed in the pool until a group of five, then stores the group with one tally per field, dated by day only", async () => {
    const sets = [0, 1, 2, 3, 4].map((n) => makeAnswers("iit", (i, options) => (i + n) % options));
    for (const answers of sets.slice(0, 4)) expect((await submitResponse(t.db, round.iitToken, body(answers), AT)).stored).toBe(true);
    // Four wait: nothing is counted, and what waits is sealed (no answer readable in the table).
    expect(await countRows(t.db)).toEqual({ responses: 0, tallyRows: 0, tallySum: 0 });
    const pool = await t.db.selectFrom("answer_pool").selectAll().execute();
    expect(pool).toHaveLength(4);
    for (const row of pool) {
      expect(row.sealed).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(row.sealed).not.toContain("i1_1");
    }
    const fifth = await submitResponse(t.db, round.iitToken, body(sets[4]!), { now: new Date("2026-03-17T03:00:00Z"), recentFromAddress: 1 });
    expect(fifth.stored).toBe(true);
    expect(await t.db.selectFrom("answer_pool").selectAll().execute()).toEqual([]);
    expect((await countRows(t.db)).responses).toBe(5);
    expect((await countRows(t.db)).tallySum).toBe(5 * 51);
    const stored = await t.db.selectFrom("response").selectAll().execute();
    // All five dated the day of the release, with random ids: neither day nor id tells who came first.
    expect(new Set(stored.map((r) => r.answered_on))).toEqual(new Set(["2026-03-17"]));
    expect(new Set(stored.map((r) => r.month))).toEqual(new Set(["2026-03"]));
    for (const r of stored) expect(r.id).toBeGreaterThanOrEqual(2 ** 30);
    expect(stored.map((r) => JSON.parse(r.answers)).map((a) => JSON.stringify(a)).sort()).toEqual(sets.map((a) => JSON.stringify(a)).sort());
    expect(Object.keys(stored[0]!).sort()).toEqual(
      ["answered_on", "answers", "flag", "framework_id", "id", "instrument", "link_id", "month", "round_id", "submission_id"].sort(),
    );
  });

  it("thanks a repeated IIT submission again and stores nothing, whether it waits in the pool or was released", async () => {
    const first = newSubmissionId();
    expect((await submitResponse(t.db, round.iitToken, body(makeAnswers("iit"), first), AT)).stored).toBe(true);
    expect((await submitResponse(t.db, round.iitToken, body(makeAnswers("iit"), first), AT)).stored).toBe(false);
    expect(await t.db.selectFrom("answer_pool").select("id").execute()).toHaveLength(1);
    for (let n = 0; n < 4; n++) await submitResponse(t.db, round.iitToken, body(makeAnswers("iit")), AT);
    expect((await countRows(t.db)).responses).toBe(5);
    expect((await submitResponse(t.db, round.iitToken, body(makeAnswers("iit"), first), AT)).stored).toBe(false);
    expect((await countRows(t.db)).responses).toBe(5);
    expect(await t.db.selectFrom("answer_pool").select("id").execute()).toEqual([]);
  });

  it("keeps EIT answers in their counter's pool until five, then stores them dated the day of the release: 23:30 UTC is already the next day in Thailand", async () => {
    const lateEvening = { now: new Date("2026-09-30T17:30:00Z"), recentFromAddress: 1 };
    for (let n = 0; n < 4; n++) await submitResponse(t.db, round.eitToken, body(makeAnswers("eit", (i) => (i + n) % 4)), lateEvening);
    expect(await countRows(t.db)).toEqual({ responses: 0, tallyRows: 0, tallySum: 0 });
    // A fifth at another link (the round's IIT, or another counter) releases nothing here: a group is one link.
    await submitResponse(t.db, round.iitToken, body(makeAnswers("iit")), lateEvening);
    expect((await countRows(t.db)).responses).toBe(0);
    await submitResponse(t.db, round.eitToken, body(makeAnswers("eit")), lateEvening);
    const stored = await t.db.selectFrom("response").where("instrument", "=", "eit").select(["id", "answered_on", "month"]).execute();
    expect(stored).toHaveLength(5);
    for (const r of stored) {
      expect({ answered_on: r.answered_on, month: r.month }).toEqual({ answered_on: "2026-10-01", month: "2026-10" });
      expect(r.id).toBeGreaterThanOrEqual(2 ** 30);
    }
    expect(await t.db.selectFrom("answer_pool").innerJoin("link", "link.id", "answer_pool.link_id").select("link.token").execute()).toEqual([{ token: round.iitToken }]);
  });

  it("stores the same submissionId once, also when posted ten times concurrently", async () => {
    const submissionId = newSubmissionId();
    const text = body(makeAnswers("eit"), submissionId);
    const results = await Promise.all(Array.from({ length: 10 }, () => submitResponse(t.db, round.eitToken, text, AT)));
    expect(results.filter((r) => r.stored)).toHaveLength(1);
    expect(await countKept(t.db)).toBe(1);
    for (let n = 0; n < 4; n++) await submitResponse(t.db, round.eitToken, body(makeAnswers("eit")), AT);
    const again = await submitResponse(t.db, round.eitToken, text, AT);
    expect(again.stored).toBe(false);
    expect(await countRows(t.db)).toEqual({ responses: 5, tallyRows: 19, tallySum: 5 * 19 });
    expect(await countKept(t.db)).toBe(5);
  });

  const complete = makeAnswers("eit");
  const { e1_1: _dropped, ...missingOne } = complete;
  const badBodies: [string, string][] = [
    ["an unknown field", body({ ...complete, e99: 1 })],
    ["an IIT field on an EIT link", body({ ...complete, i1_1: 4 })],
    ["a value out of range", body({ ...complete, e2: 5 })],
    ["a value of 0 on a 1–4 scale", body({ ...complete, e2: 0 })],
    ["a value as a string", body({ ...complete, e2: "4" })],
    ["a fractional value", body({ ...complete, e2: 3.5 })],
    ["a null value", body({ ...complete, e2: null })],
    ["a nested object", body({ ...complete, e2: { value: 4 } })],
    ["a missing required answer", body(missingOne)],
    ["no answers at all", body({})],
    ["malformed JSON", "{ this is not json"],
    ["a JSON array", "[1,2,3]"],
    ["a missing submissionId", JSON.stringify({ answers: complete })],
    ["a submissionId with injection characters", body(complete, "x'; drop table response; --aaaa")],
    ["an unexpected top-level key", body(complete, newSubmissionId(), { ip: "1.2.3.4" })],
    ["a prototype-pollution key", `{"submissionId":"${newSubmissionId()}","answers":{"__proto__":{"e1_1":4}}}`],
  ];

  it.each(badBodies)("rejects %s with 400 and writes nothing", async (_name, text) => {
    const before = await countRows(t.db);
    await expectRejected(submitResponse(t.db, round.eitToken, text, AT), 400);
    expect(await countRows(t.db)).toEqual(before);
  });

  it("names every problem field in Thai and English", async () => {
    const error = await expectRejected(submitResponse(t.db, round.eitToken, body({ ...missingOne, e2: 9, e77: 1 }), AT), 400);
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["e1_1", "e2", "e77"]);
    expect(error.fields?.e2?.th).toContain("e2");
    expect(error.fields?.e2?.en).toContain("allowed");
  });

  it("refuses an answer named __proto__ beside complete answers, keeping nothing", async () => {
    // Written as JSON text: an object literal's __proto__ would set the prototype, not send the key.
    const text = body(makeAnswers("eit")).replace('"answers":{', '"answers":{"__proto__":"x",');
    expect(text).toContain('"__proto__":"x"');
    const error = await expectRejected(submitResponse(t.db, round.eitToken, text, AT), 400);
    expect(Object.keys(error.fields ?? {})).toEqual(["__proto__"]);
    expect(await countKept(t.db)).toBe(0);
  });

  it.each([
    ["an unknown token", "doesNotExist1"],
    ["a token with hostile characters", "../../etc/passwd"],
    ["an empty token", ""],
  ])("answers 404 for %s", async (_name, token) => {
    await expectRejected(submitResponse(t.db, token, body(makeAnswers("eit")), AT), 404);
    expect((await countRows(t.db)).responses).toBe(0);
  });

  it("answers 404 for a paused link and 410 for a closed round", async () => {
    await expectRejected(submitResponse(t.db, round.pausedToken, body(makeAnswers("eit")), AT), 404);
    await t.db.updateTable("round").set({ status: "closed" }).where("id", "=", round.roundId).execute();
    await expectRejected(submitResponse(t.db, round.iitToken, body(makeAnswers("iit")), AT), 410);
    // A closed round trumps a paused link: the survey is over, not paused.
    await expectRejected(submitResponse(t.db, round.pausedToken, body(makeAnswers("eit")), AT), 410);
    expect(await countRows(t.db)).toEqual({ responses: 0, tallyRows: 0, tallySum: 0 });
  });

  it("changes the round's scores exactly as the scoring chain predicts, a group of five at a time", async () => {
    const framework = getFramework("ita-2565");
    const sets = [0, 1, 2, 3, 4].map((n) => makeAnswers("eit", (i) => (i * (n + 1) + n) % 4));
    for (const answers of sets) await submitResponse(t.db, round.eitToken, body(answers), AT);

    // The prediction, from the answers alone (not from the database).
    const tallies = sets.flatMap((answers) => Object.entries(answers).map(([field, value]) => ({ instrument: "eit" as const, field, value, count: 1 })));
    const predicted = computeRoundScores(framework, tallies);
    const results = await getRoundResults(t.db, round.roundId);
    for (const code of ["6", "7", "8"]) {
      const measured = results!.scores.indicators.find((i) => i.code === code)!;
      const expected = predicted.indicators.find((i) => i.code === code)!;
      expect(measured.score).toBeCloseTo(expected.score!, 10);
      expect(measured.answers).toBe(5);
    }
    expect(results!.scores.indicators.find((i) => i.code === "1")!.score).toBeNull();
    expect(await sumRoundTallies(t.db, round.roundId)).toHaveLength(new Set(tallies.map((x) => `${x.field}=${x.value}`)).size);
  });
});

describe("recountTallies", () => {
  it("finds a tampered tally, reports it, and rebuilds the tallies", async () => {
    // A group of five IIT answers (the pool releases them together), all alike but one.
    for (let n = 0; n < 4; n++) await submitResponse(t.db, round.iitToken, body(makeAnswers("iit")), AT);
    await submitResponse(t.db, round.iitToken, body(makeAnswers("iit", (i, options) => (i + 1) % options)), AT);
    const i20 = await t.db.selectFrom("tally").where("field", "=", "i20").select(["value", "count"]).orderBy("count").executeTakeFirstOrThrow();
    expect(i20.count).toBe(1);
    await t.db.updateTable("tally").set({ count: 7 }).where("field", "=", "i20").where("value", "=", i20.value).execute();
    const check = await recountTallies(t.db, { repair: false });
    expect(check.responses).toBe(5);
    expect(check.differences).toEqual([{ key: expect.stringContaining(`|i20|${i20.value}`), stored: 7, recounted: 1 }]);
    const repaired = await recountTallies(t.db, { repair: true });
    expect(repaired.differences).toHaveLength(1);
    expect((await recountTallies(t.db, { repair: false })).differences).toEqual([]);
  });
});

describe("noise flags", () => {
  const framework = getFramework("ita-2565");
  const eitFields = 19;

  it.each([
    ["the same option in every field", makeAnswers("eit", () => 0), { now: NOW, recentFromAddress: 1 }, 600, "identical"],
    // Started 5 s before it arrived, by the server's stamp: what the body claims it took does not matter.
    ["a survey done in a few seconds", makeAnswers("eit"), { now: NOW, recentFromAddress: 1 }, 5, "too-fast"],
    ["a burst from one address", makeAnswers("eit"), { now: NOW, recentFromAddress: framework.respondentQuality.burstMaximumPerAddress + 1 }, 600, "burst"],
  ] as const)("flags %s: stored with its group, not tallied, and put back on restore", async (_name, answers, context, seconds, flag) => {
    const send = () => submitResponse(t.db, round.eitToken, startedBefore(answers, context.now, seconds, { durationSeconds: 3600 }), context);
    /** Five ordinary visitors at the same counter: they make the group that the flagged ones wait for. */
    const group = async () => {
      for (let n = 0; n < 5; n++) await submitResponse(t.db, round.eitToken, body(makeAnswers("eit", (i) => (i + n) % 4)), AT);
    };
    const result = await send();
    expect(result).toEqual({ stored: true, flag });
    // A flagged answer set does not count towards the five: it waits.
    expect((await countRows(t.db)).responses).toBe(0);
    await group();
    const rows = await countRows(t.db);
    expect(rows.responses).toBe(6);
    expect(rows.tallySum).toBe(5 * eitFields);
    const scores = await getRoundResults(t.db, round.roundId);
    expect(scores!.scores.instruments.find((i) => i.code === "eit")!.answers).toBe(5);

    // One flagged answer set cannot be put back alone: the scores would move by one person (issue 12).
    const alone = await expectRejected(restoreFlaggedResponses(t.db, round.organizationId, { roundId: round.roundId, linkId: null, flag }, null, NOW), 400);
    expect(alone.messageTh).toContain("ตั้งแต่ 5 ชุด");
    expect((await countRows(t.db)).tallySum).toBe(5 * eitFields);
    // Five of them can.
    for (let n = 0; n < 4; n++) await send();
    await group();
    const restored = await restoreFlaggedResponses(t.db, round.organizationId, { roundId: round.roundId, linkId: null, flag }, null, NOW);
    expect(restored).toEqual({ restored: 5, leftFlagged: 0 });
    expect((await countRows(t.db)).tallySum).toBe(15 * eitFields);
  });

  it("puts flagged answers back a counter-and-month at a time, only where that cell has five or more", async () => {
    const march = { now: NOW, recentFromAddress: 1 };
    const april = { now: new Date("2026-04-10T03:00:00Z"), recentFromAddress: 1 };
    const send = async (context: typeof march, answers: Record<string, number>) => submitResponse(t.db, round.eitToken, body(answers), context);
    // March: five flagged (the same option everywhere) go with a group of five; April: two with another.
    for (const [context, flagged] of [
      [march, 5],
      [april, 2],
    ] as const) {
      for (let n = 0; n < flagged; n++) expect((await send(context, makeAnswers("eit", () => 0))).flag).toBe("identical");
      for (let n = 0; n < 5; n++) await send(context, makeAnswers("eit", (i) => (i + n) % 4));
    }
    expect((await countRows(t.db)).responses).toBe(17);
    const selection = { roundId: round.roundId, linkId: null, flag: "identical" as const };
    // April's two would move April's row of the dashboard by two people: they stay flagged.
    expect(await restoreFlaggedResponses(t.db, round.organizationId, selection, null, NOW)).toEqual({ restored: 5, leftFlagged: 2 });
    expect((await countRows(t.db)).tallySum).toBe(15 * eitFields);
    const again = await expectRejected(restoreFlaggedResponses(t.db, round.organizationId, selection, null, NOW), 400);
    expect(again.messageTh).toContain("ขณะนี้มากที่สุด 2 ชุด");
    const audit = await t.db.selectFrom("audit_log").where("action", "=", "responses.restore").select("detail").execute();
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([{ ...selection, count: 5, leftFlagged: 2 }]);
  });

  it("flags a burst whatever the body says it is (a kiosk is enrolled, not declared: test/integration/kiosk-devices.test.ts), never on the IIT (one office network, guarded by codes)", async () => {
    const burst = { now: NOW, recentFromAddress: framework.respondentQuality.burstMaximumPerAddress + 5 };
    const claimed = await submitResponse(t.db, round.eitToken, body(makeAnswers("eit"), newSubmissionId(), { channel: "kiosk" }), burst);
    expect(claimed.flag).toBe("burst");
    const staff = await submitResponse(t.db, round.iitToken, body(makeAnswers("iit")), burst);
    expect(staff.flag).toBeNull();
  });

  it("does not flag a person who takes their time and varies the answers: started 95 s before, by the server's stamp", async () => {
    const result = await submitResponse(t.db, round.eitToken, startedBefore(makeAnswers("eit"), NOW, 95), AT);
    expect(result.flag).toBeNull();
  });

  it("counts a survey as too fast when the server cannot tell when it started: no stamp, a forged one, or another submission's, whatever durationSeconds claims", async () => {
    const answers = makeAnswers("eit");
    const other = newSubmissionId();
    const bodies = [
      JSON.stringify({ submissionId: newSubmissionId(), answers, durationSeconds: 3600 }),
      JSON.stringify({ submissionId: newSubmissionId(), answers, durationSeconds: 3600, startStamp: "s1.1700000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }),
      JSON.stringify({ submissionId: newSubmissionId(), answers, durationSeconds: 3600, startStamp: startStampFor(other) }),
    ];
    for (const text of bodies) expect(await submitResponse(t.db, round.eitToken, text, AT)).toEqual({ stored: true, flag: "too-fast" });
    // The stamp is compared, never kept: nothing of it is in the pool's columns.
    for (const row of await t.db.selectFrom("answer_pool").selectAll().execute()) expect(JSON.stringify(row)).not.toContain("s1.");
  });
});
