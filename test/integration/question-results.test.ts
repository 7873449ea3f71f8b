/**
 * Results by question (issue 15, item 5) on a real migrated database — SQLite, and PostgreSQL in the
 * integration-postgres project — for both frameworks. Answers go in through the respondent's path
 * (submitResponse: the sealed pool, released in groups of five per link), random from a seeded generator.
 * The page's figures must agree with a recount from the raw responses that were released and counted:
 * every question's answers per option, summing to the question's answer count; every month range; the
 * counter × question table; the change against the month before and against the previous round. Answers
 * still waiting in the pool count nowhere. And a round whose months do not come in whole groups (answers
 * stored around the pool) shows parts of itself only where no month of 1 … 4 could be subtracted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRoundLinks } from "../../db/queries/links";
import type { Db } from "../../db/client.server";
import { getRoundWithOrganization } from "../../db/queries/rounds";
import { getFramework } from "../../app/lib/frameworks.server";
import { computeRoundScores, type Tally } from "../../app/scoring";
import { getQuestionResults, type QuestionResultsView } from "../../app/services/question-results.server";
import { getRoundResults } from "../../app/services/round-results.server";
import { storeResponse } from "../../app/services/submit-response.server";
import { listMonths } from "../../app/text/months";
import { createRoundFixture, makeAnswers, newSubmissionId } from "../support/fixtures";
import { createQuestionAgency, CURRENT_PLAN, type QuestionAgency } from "../support/question-data";
import { createTestDb, type TestDb } from "../support/test-db";

interface RawResponse {
  instrument: "iit" | "eit";
  month: string;
  counterId: number | null;
  answers: Record<string, number>;
}

/** The round's released, counted responses, read straight from the response table. */
async function readCounted(db: Db, roundId: number): Promise<RawResponse[]> {
  const links = new Map((await listRoundLinks(db, roundId)).map((l) => [l.linkId, l.counterId]));
  const rows = await db
    .selectFrom("response")
    .where("round_id", "=", roundId)
    .where("flag", "is", null)
    .select(["instrument", "month", "link_id", "answers"])
    .execute();
  return rows.map((r) => ({ instrument: r.instrument, month: r.month, counterId: links.get(r.link_id) ?? null, answers: JSON.parse(r.answers) as Record<string, number> }));
}

/** Answers per field and value of some responses. */
function recount(responses: RawResponse[]): Map<string, Map<number, number>> {
  const counts = new Map<string, Map<number, number>>();
  for (const r of responses) {
    for (const [field, value] of Object.entries(r.answers)) {
      const byValue = counts.get(field) ?? new Map<number, number>();
      byValue.set(value, (byValue.get(value) ?? 0) + 1);
      counts.set(field, byValue);
    }
  }
  return counts;
}

function talliesOf(responses: RawResponse[]): Tally[] {
  return responses.flatMap((r) => Object.entries(r.answers).map(([field, value]) => ({ instrument: r.instrument, field, value, count: 1 })));
}

const round2 = (x: number) => Math.round(x * 1e9) / 1e9;

/** Checks every shown question of `view` against the raw responses of its range, and returns how many were checked. */
function expectAgreesWithRecount(view: QuestionResultsView, raw: RawResponse[], frameworkId: string): number {
  const framework = getFramework(frameworkId);
  const inRange = raw.filter((r) => r.month >= view.range.from && r.month <= view.range.to);
  let checked = 0;
  for (const instrument of view.instruments) {
    const own = inRange.filter((r) => r.instrument === instrument.code);
    if (instrument.figures.status !== "shown") continue;
    expect(instrument.figures.answers, `${instrument.code} answer sets in ${view.range.label}`).toBe(own.length);
    const counts = recount(own);
    const chain = computeRoundScores(framework, talliesOf(own));
    for (const question of instrument.indicators.flatMap((i) => i.questions)) {
      expect(question.answers, question.item).toBe(own.length);
      for (const field of question.fields) {
        const options = view.scales[field.scale]!;
        // The distribution sums to the question's answer count…
        expect(field.counts.reduce((a, b) => a + b, 0), field.field).toBe(question.answers);
        expect(field.answers).toBe(question.answers);
        // …and agrees option by option with the recount.
        options.forEach((option, n) => expect(field.counts[n], `${field.field} = ${option.value}`).toBe(counts.get(field.field)?.get(option.value) ?? 0));
        checked += 1;
      }
      expect(question.score, question.item).toBeCloseTo(chain.items.find((i) => i.item === question.item)!.score!, 2);
    }
    expect(instrument.figures.score).toBeCloseTo(chain.instruments.find((i) => i.code === instrument.code)!.score!, 2);
  }
  return checked;
}

const FRAMEWORKS = ["ita-2565", "ita-2569"] as const;

describe.each(FRAMEWORKS)("results by question (%s)", (frameworkId) => {
  let t: TestDb;
  let agency: QuestionAgency;
  let raw: RawResponse[];
  let previousRaw: RawResponse[];
  let months: string[];

  const view = async (search: Record<string, string> = {}, lang: "th" | "en" = "th") => {
    const round = (await getRoundWithOrganization(t.db, agency.current.roundId))!;
    // The route sends the view at the two decimals it shows; the figures here are the service's own.
    return getQuestionResults(t.db, round, new URLSearchParams(search), lang);
  };

  beforeAll(async () => {
    t = await createTestDb();
    agency = await createQuestionAgency(t.db, { slug: `q-${frameworkId}`, frameworkId, seed: frameworkId === "ita-2565" ? 2565 : 2569 });
    raw = await readCounted(t.db, agency.current.roundId);
    previousRaw = await readCounted(t.db, agency.previous.roundId);
    months = listMonths(agency.current.startsOn, agency.current.endsOn);
  });

  afterAll(async () => {
    await t?.close();
  });

  it("counts only released answers: whole groups of five per link and month, the rest waiting in the pool", async () => {
    const sent = CURRENT_PLAN.reduce((sum, [, iit, eit]) => sum + iit + eit.reduce((a, b) => a + b, 0), 0);
    const waiting = await t.db.selectFrom("answer_pool").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(raw.length + Number(waiting.n)).toBe(sent);
    expect(Number(waiting.n)).toBeGreaterThan(0);
    const cells = new Map<string, number>();
    for (const r of raw) cells.set(`${r.instrument}|${String(r.counterId)}|${r.month}`, (cells.get(`${r.instrument}|${String(r.counterId)}|${r.month}`) ?? 0) + 1);
    for (const [cell, n] of cells) expect(n % 5, cell).toBe(0);
  });

  it("whole round: every question's answers per option sum to its answer count and agree with a recount of the raw answers", async () => {
    const whole = await view();
    expect(whole.range).toMatchObject({ from: months[0], to: months[months.length - 1], whole: true });
    expect(whole.instruments.map((i) => i.figures.status)).toEqual(["shown", "shown"]);
    const checked = expectAgreesWithRecount(whole, raw, frameworkId);
    expect(checked).toBe(getFramework(frameworkId).items.reduce((n, item) => n + item.fields.length, 0));
    // The same instrument scores as the round's results (the tables above on the page).
    const results = (await getRoundResults(t.db, agency.current.roundId))!;
    for (const instrument of whole.instruments) {
      expect(instrument.figures.score).toBeCloseTo(results.scores.instruments.find((i) => i.code === instrument.code)!.score!, 9);
      expect(instrument.figures.answers).toBe(results.samples[instrument.code].answers);
    }
  });

  it("a range of months changes every view consistently: distributions, scores, the counter table and the comparison", async () => {
    const answered = [...new Set(raw.map((r) => r.month))].sort();
    for (const month of answered) {
      const one = await view({ from: month, to: month });
      expect(one.range).toMatchObject({ from: month, to: month, whole: false });
      expectAgreesWithRecount(one, raw, frameworkId);
      // Month view: compared with the month before.
      expect(one.comparison.kind).toBe(month === months[0] ? "none" : "previous-month");
    }
    for (const range of [
      { from: "2025-11", to: "2026-01" },
      { from: "2026-01", to: "2026-03" },
    ]) {
      const part = await view(range);
      expect(part.instruments.every((i) => i.figures.status === "shown" || i.figures.status === "empty"), JSON.stringify(range)).toBe(true);
      expectAgreesWithRecount(part, raw, frameworkId);
      // The counter × question table of the same range: each shown cell is the chain's score of that counter's answers in the range.
      expect(part.counters.status).toBe("shown");
      const framework = getFramework(frameworkId);
      for (const [n, column] of part.counters.columns.entries()) {
        const own = raw.filter((r) => r.instrument === "eit" && r.counterId === column.counterId && r.month >= range.from && r.month <= range.to);
        expect(column.answers, column.name).toBe(own.length);
        const chain = computeRoundScores(framework, talliesOf(own));
        for (const row of part.counters.rows) {
          const cell = row.cells[n]!;
          if (own.length === 0) {
            expect(cell.status).toBe("empty");
            continue;
          }
          expect(cell.status, `${column.name} ${row.item}`).toBe("shown");
          const expected = chain.items.find((i) => i.item === row.item)!.score!;
          expect(round2(cell.score!)).toBeCloseTo(expected, 9);
          expect(cell.pass).toBe(expected >= framework.passMark);
        }
      }
      // Several months: compared with the same months of the previous round of the framework.
      expect(part.comparison.kind).toBe("previous-round");
    }
  });

  it("gives each question's change against the month before and against the previous round's same months", async () => {
    const framework = getFramework(frameworkId);
    const scoreOf = (responses: RawResponse[], item: string) => computeRoundScores(framework, talliesOf(responses)).items.find((i) => i.item === item)!.score;
    const january = await view({ from: "2026-01", to: "2026-01" });
    const eit = january.instruments.find((i) => i.code === "eit")!;
    const inJanuary = raw.filter((r) => r.instrument === "eit" && r.month === "2026-01");
    const inDecember = raw.filter((r) => r.instrument === "eit" && r.month === "2025-12");
    expect(inDecember.length).toBeGreaterThanOrEqual(5);
    for (const question of eit.indicators.flatMap((i) => i.questions)) {
      expect(question.previousScore, question.item).toBeCloseTo(scoreOf(inDecember, question.item)!, 9);
      expect(question.change, question.item).toBeCloseTo(scoreOf(inJanuary, question.item)! - scoreOf(inDecember, question.item)!, 9);
    }
    // October to January against October to January a year earlier, in the previous round.
    const part = await view({ from: "2025-10", to: "2026-01" });
    expect(part.comparison.kind).toBe("previous-round");
    const now = raw.filter((r) => r.instrument === "eit" && r.month <= "2026-01");
    const before = previousRaw.filter((r) => r.instrument === "eit" && r.month >= "2024-10" && r.month <= "2025-01");
    expect(before.length).toBeGreaterThanOrEqual(5);
    for (const question of part.instruments.find((i) => i.code === "eit")!.indicators.flatMap((i) => i.questions)) {
      expect(question.change, question.item).toBeCloseTo(scoreOf(now, question.item)! - scoreOf(before, question.item)!, 9);
    }
    // The round's first month has nothing before it in the round.
    const october = await view({ from: "2025-10", to: "2025-10" });
    expect(october.comparison).toMatchObject({ kind: "none", reason: "first-month" });
    expect(october.instruments.flatMap((i) => i.indicators.flatMap((g) => g.questions)).every((q) => q.change === null)).toBe(true);
  });

  it("reads the range from the request: either end may be left out, a reversed one is put right, another round's month is a 400", async () => {
    expect((await view({ from: "2026-02" })).range).toMatchObject({ from: "2026-02", to: months[months.length - 1] });
    expect((await view({ to: "2025-11" })).range).toMatchObject({ from: months[0], to: "2025-11" });
    expect((await view({ from: "2026-03", to: "2025-12" })).range).toMatchObject({ from: "2025-12", to: "2026-03" });
    for (const bad of ["2024-10", "2026-13", "x", "2025-10-01"]) {
      await expect(view({ from: bad }), bad).rejects.toMatchObject({ status: 400 });
    }
  });

  it("words the view in the language asked for", async () => {
    const th = await view({}, "th");
    const en = await view({}, "en");
    expect(th.months[0]!.label).toBe("ตุลาคม 2568");
    expect(en.months[0]!.label).toBe("October 2025");
    const thE1 = th.instruments[1]!.indicators[0]!.questions[0]!;
    const enE1 = en.instruments[1]!.indicators[0]!.questions[0]!;
    expect(thE1.item).toBe("e1");
    expect(thE1.wording).toMatch(/[\u0E00-\u0E7F]/);
    expect(enE1.wording).not.toMatch(/[\u0E00-\u0E7F]/);
    expect(th.scales["L4+"]!.map((o) => o.label)).toEqual(["น้อยที่สุดหรือไม่มีเลย", "น้อย", "มาก", "มากที่สุด"]);
    // A reversed scale reads from its worst answer too: "มากที่สุด" of a bad thing first.
    expect(th.scales["L4-"]!.map((o) => o.label)).toEqual(["มากที่สุด", "มาก", "น้อย", "น้อยที่สุดหรือไม่มีเลย"]);
    expect(en.scales["YN-"]!.map((o) => o.label)).toEqual(["Yes", "No"]);
  });
});

describe("results by question on answers that did not come in whole groups", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("shows the whole round, and hides every part of it that could be subtracted down to a month of 1 … 4", async () => {
    const fixture = await createRoundFixture(t.db, "uneven-agency");
    const links = await listRoundLinks(t.db, fixture.roundId);
    const eit = links.find((l) => l.token === fixture.eitToken)!;
    // Stored around the pool (as the demo seed and data from before the pool are): October 8, November 3.
    const plan: [string, number][] = [
      ["2025-10-15", 8],
      ["2025-11-15", 3],
    ];
    for (const [day, count] of plan) {
      for (let n = 0; n < count; n++) {
        await storeResponse(t.db, { submissionId: newSubmissionId(), roundId: fixture.roundId, linkId: eit.linkId, instrument: "eit", frameworkId: "ita-2565", answeredOn: day, answers: makeAnswers("eit", (i) => i + n) });
      }
    }
    const round = (await getRoundWithOrganization(t.db, fixture.roundId))!;
    const get = (search: Record<string, string>) => getQuestionResults(t.db, round, new URLSearchParams(search), "th");
    const whole = await get({});
    expect(whole.instruments.find((i) => i.code === "eit")!.figures).toMatchObject({ status: "shown", answers: 11 });
    expect(whole.counters.status).toBe("shown");
    const ranges: Record<string, string>[] = [{ from: "2025-10", to: "2025-10" }, { from: "2025-11", to: "2025-11" }, { from: "2025-11" }];
    for (const range of ranges) {
      const part = await get(range);
      const figures = part.instruments.find((i) => i.code === "eit")!;
      expect(figures.figures, JSON.stringify(range)).toMatchObject({ status: "uneven-months", answers: null, score: null });
      expect(figures.indicators.flatMap((i) => i.questions)).toEqual([]);
      expect(part.counters).toMatchObject({ status: "uneven-months", rows: [] });
    }
  });
});
