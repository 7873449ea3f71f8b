/**
 * Trends (issue 4, item 3) on a real SQLite database: two official years and rounds with answers give
 * the official and the measured series per fiscal year (measured = the scoring chain on each round's
 * tallies, a partial total while OIT is not assessed), and the current round against last year's
 * official result.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getFramework } from "../../app/lib/frameworks.server";
import { computeRoundScores, scoreFromIndicators } from "../../app/scoring";
import { storeResponse } from "../../app/services/submit-response.server";
import { getTrends } from "../../app/services/trends.server";
import type { Db } from "../../db/client.server";
import { getPublicLink, insertLink } from "../../db/queries/links";
import { upsertOfficialResult } from "../../db/queries/official-results";
import { insertRound } from "../../db/queries/rounds";
import { sumRoundTallies } from "../../db/queries/tallies";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const OFFICIAL: Record<number, Record<string, number>> = {
  2567: { "1": 89.45, "2": 86.12, "3": 87.3, "4": 74.86, "5": 82.4, "6": 80.15, "7": 82.64, "8": 70.25, "9": 75.5, "10": 68.75 },
  2568: { "1": 91.2, "2": 88.05, "3": 88.94, "4": 78.33, "5": 85.1, "6": 83.47, "7": 85.02, "8": 74.58, "9": 84.36, "10": 81.25 },
};

async function answer(db: Db, roundId: number, linkId: number, instrument: "iit" | "eit", pick: (i: number, n: number) => number, count: number) {
  await db.transaction().execute(async (trx) => {
    for (let n = 0; n < count; n++) {
      await storeResponse(trx, {
        submissionId: newSubmissionId(),
        roundId,
        linkId,
        instrument,
        frameworkId: "ita-2565",
        answeredOn: "2026-02-10",
        answers: makeAnswers(instrument, (i, options) => pick(i + n, options)),
      });
    }
  });
}

describe("trends across fiscal years", () => {
  let t: TestDb;
  let a: RoundFixture;
  let olderRoundId: number;

  beforeEach(async () => {
    t = await createTestDb();
    a = await createRoundFixture(t.db, "agency-a"); // open round, fiscal year 2569
    for (const [year, scores] of Object.entries(OFFICIAL)) {
      await upsertOfficialResult(t.db, {
        organizationId: a.organizationId,
        fiscalYear: Number(year),
        frameworkId: "ita-2565",
        indicatorScores: JSON.stringify(scores),
        now: "2026-01-01T00:00:00.000Z",
      });
    }
    const iit = (await getPublicLink(t.db, a.iitToken))!;
    const eit = (await getPublicLink(t.db, a.eitToken))!;
    await answer(t.db, a.roundId, iit.linkId, "iit", (i, n) => (i % 3 === 0 ? n - 2 : n - 1), 6);
    await answer(t.db, a.roundId, eit.linkId, "eit", (i, n) => (i % 2 === 0 ? n - 1 : 0), 4);

    // A closed round of fiscal year 2568, EIT answers only: the year that has both series.
    olderRoundId = await insertRound(t.db, {
      organization_id: a.organizationId,
      framework_id: "ita-2565",
      fiscal_year: 2568,
      title_th: "รอบปี 2568",
      title_en: "Round 2568",
      starts_on: "2024-10-01",
      ends_on: "2025-09-30",
      staff_head_count: 50,
      status: "closed",
      created_at: "2025-01-01T00:00:00.000Z",
    });
    const olderLink = await insertLink(t.db, { round_id: olderRoundId, instrument: "eit", counter_id: null, token: "older-eit-token-1", created_at: "2025-01-01T00:00:00.000Z" });
    await answer(t.db, olderRoundId, olderLink, "eit", (_i, n) => n - 1, 3);

    // Another agency's official result must never appear.
    const b = await createRoundFixture(t.db, "agency-b");
    await upsertOfficialResult(t.db, {
      organizationId: b.organizationId,
      fiscalYear: 2566,
      frameworkId: "ita-2565",
      indicatorScores: JSON.stringify(OFFICIAL[2567]),
      now: "2026-01-01T00:00:00.000Z",
    });
  });
  afterEach(async () => {
    await t.close();
  });

  it("returns the official and the measured series per fiscal year", async () => {
    const framework = getFramework("ita-2565");
    const trends = await getTrends(t.db, a.organizationId);
    expect(trends.years).toEqual([2567, 2568, 2569]);
    expect(trends.official.map((o) => o.fiscalYear)).toEqual([2567, 2568]);
    expect(trends.rounds.map((r) => r.id)).toEqual([olderRoundId, a.roundId]);
    expect(trends.series.map((s) => s.key)).toEqual(["total", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);

    const measuredNow = computeRoundScores(framework, await sumRoundTallies(t.db, a.roundId));
    const measuredOlder = computeRoundScores(framework, await sumRoundTallies(t.db, olderRoundId));
    const official = (year: number) => scoreFromIndicators(framework, OFFICIAL[year]!);

    const total = trends.series[0]!;
    expect(total.points.map((p) => p.fiscalYear)).toEqual([2567, 2568, 2569]);
    expect(total.points.map((p) => p.official)).toEqual([official(2567).total, official(2568).total, null]);
    expect(total.points.map((p) => p.officialLevel?.code ?? null)).toEqual([official(2567).level, official(2568).level, null]);
    // OIT is not assessed by the rounds: the measured totals are the partial scores, flagged.
    expect(measuredNow.total.total).toBeNull();
    expect(total.points.map((p) => p.measured)).toEqual([null, measuredOlder.total.partial.score, measuredNow.total.partial.score]);
    expect(total.points.map((p) => p.measuredPartial)).toEqual([false, true, true]);
    expect(total.points[2]!.roundId).toBe(a.roundId);

    for (const code of ["1", "4", "8", "9"]) {
      const series = trends.series.find((s) => s.key === code)!;
      expect(series.points.map((p) => p.official)).toEqual([OFFICIAL[2567]![code], OFFICIAL[2568]![code], null]);
      const now = measuredNow.indicators.find((i) => i.code === code)!.score;
      const older = measuredOlder.indicators.find((i) => i.code === code)!.score;
      expect(series.points.map((p) => p.measured)).toEqual([null, older, now]);
    }
    // The older round answered EIT only; the current one both; OIT nowhere.
    expect(trends.series.find((s) => s.key === "8")!.points[1]!.measured).not.toBeNull();
    expect(trends.series.find((s) => s.key === "1")!.points[1]!.measured).toBeNull();
    expect(trends.series.find((s) => s.key === "9")!.points[2]!.measured).toBeNull();
  });

  it("compares the open round with the latest official result before its year", async () => {
    const framework = getFramework("ita-2565");
    const { comparison } = await getTrends(t.db, a.organizationId);
    expect(comparison).not.toBeNull();
    expect(comparison!.round.id).toBe(a.roundId);
    expect(comparison!.officialYear).toBe(2568);
    const measured = computeRoundScores(framework, await sumRoundTallies(t.db, a.roundId));

    const row = (key: string) => comparison!.rows.find((r) => r.key === key)!;
    for (const code of ["1", "4", "6", "8"]) {
      const m = measured.indicators.find((i) => i.code === code)!.score!;
      expect(row(code)).toMatchObject({ kind: "indicator", official: OFFICIAL[2568]![code], measured: m });
      expect(row(code).difference).toBeCloseTo(m - OFFICIAL[2568]![code]!, 10);
    }
    expect(row("9")).toMatchObject({ official: 84.36, measured: null, difference: null });
    expect(row("oit")).toMatchObject({ kind: "instrument", measured: null });
    expect(row("iit").official).toBeCloseTo(scoreFromIndicators(framework, OFFICIAL[2568]!).instruments.iit!, 10);
    expect(row("total")).toMatchObject({ kind: "total", official: scoreFromIndicators(framework, OFFICIAL[2568]!).total, measured: measured.total.partial.score, measuredPartial: true });
  });

  it("shows nothing of another agency, and an empty page for an agency without data", async () => {
    const empty = await createRoundFixture(t.db, "agency-empty");
    const trends = await getTrends(t.db, empty.organizationId);
    expect(trends.official).toEqual([]);
    expect(trends.years).toEqual([2569]); // its own (empty) round
    expect(trends.series[0]!.points[0]).toMatchObject({ official: null, measured: null });
    expect(trends.comparison!.officialYear).toBeNull();
  });
});
