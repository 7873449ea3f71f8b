/**
 * Results by question (app/scoring/question-results.ts) on the small fixture framework: answers per
 * option in the scale's order, summing to the question's answers; the question score as the chain of
 * ITA-METHOD §1 gives it; the range of months; the comparison (the month before, or the previous round's
 * same months) and the change; the anonymity rules — a range under k hidden, a part of the round hidden
 * while some month holds 1 … k−1, counters × questions through the k-rule with complementary cells.
 */
import { describe, expect, it } from "vitest";
import { chooseComparison, computeQuestionResults, computeRoundScores, type SegmentTally } from "../../app/scoring";
import { fixtureFramework as framework } from "../fixtures/framework-fixture";

const k = 5;
const MONTHS = ["2025-10", "2025-11", "2025-12", "2026-01"];

type Answers = Record<string, number>;

/** Tallies of `n` identical answer sets at a counter in a month. */
function tallies(counterId: number | null, month: string, instrument: "iit" | "eit", answers: Answers, n = 1): SegmentTally[] {
  return Object.entries(answers).map(([field, value]) => ({ counterId, month, instrument, field, value, count: n }));
}

const EIT_GOOD: Answers = { e1: 4, e2: 1 };
const EIT_BAD: Answers = { e1: 1, e2: 0 };
const EIT_MID: Answers = { e1: 3, e2: 1 };
const IIT: Answers = { i1_1: 4, i1_2: 3, i2: 2, i3_1: 0, i3_2: 0, i3_3: 1, i4_1: 3, i4_2: 2, i5: 1, i6_1: 1, i6_2: 0 };

const whole = { from: MONTHS[0]!, to: MONTHS[MONTHS.length - 1]! };

function eitOf(results: ReturnType<typeof computeQuestionResults>) {
  return results.instruments.find((i) => i.instrument === "eit")!;
}

describe("chooseComparison", () => {
  it("compares one month with the month before it, and the round's first month with nothing", () => {
    expect(chooseComparison(MONTHS, { from: "2025-12", to: "2025-12" })).toEqual({ kind: "previous-month", range: { from: "2025-11", to: "2025-11" } });
    expect(chooseComparison(MONTHS, { from: "2025-10", to: "2025-10" }, MONTHS)).toEqual({ kind: "none", reason: "first-month" });
  });

  it("compares several months with the same months of the previous round, the whole round with the whole previous round", () => {
    const previous = ["2024-10", "2024-11", "2024-12", "2025-01"];
    expect(chooseComparison(MONTHS, { from: "2025-11", to: "2025-12" }, previous)).toEqual({ kind: "previous-round", range: { from: "2024-11", to: "2024-12" } });
    expect(chooseComparison(MONTHS, whole, previous)).toEqual({ kind: "previous-round", range: { from: "2024-10", to: "2025-01" } });
    // A previous round of other months: the whole of it for the whole round, nothing for months it lacks.
    expect(chooseComparison(MONTHS, whole, ["2023-04", "2023-05"])).toEqual({ kind: "previous-round", range: { from: "2023-04", to: "2023-05" } });
    expect(chooseComparison(MONTHS, { from: "2025-10", to: "2025-11" }, ["2023-04", "2023-05"])).toEqual({ kind: "none", reason: "no-same-months" });
    expect(chooseComparison(MONTHS, { from: "2025-10", to: "2025-11" })).toEqual({ kind: "none", reason: "no-previous-round" });
  });
});

describe("computeQuestionResults: answers per option and scores", () => {
  const data = [
    ...tallies(1, "2025-10", "eit", EIT_GOOD, 6),
    ...tallies(1, "2025-11", "eit", EIT_BAD, 5),
    ...tallies(2, "2025-11", "eit", EIT_MID, 7),
    ...tallies(null, "2025-10", "iit", IIT, 5),
  ];

  it("counts every option of the scale, in its order, summing to the question's answers, and scores as the chain does", () => {
    const results = computeQuestionResults(framework, { tallies: data, range: whole, counterIds: [1, 2], k });
    const eit = eitOf(results);
    expect(eit.figures).toMatchObject({ status: "shown", answers: 18 });
    const e1 = eit.questions.find((q) => q.item === "e1")!;
    expect(e1.fields).toHaveLength(1);
    expect(e1.fields[0]!.options).toEqual([
      { value: 1, count: 5 },
      { value: 2, count: 0 },
      { value: 3, count: 7 },
      { value: 4, count: 6 },
    ]);
    expect(e1.answers).toBe(18);
    expect(e1.fields[0]!.options.reduce((s, o) => s + o.count, 0)).toBe(e1.answers);
    const chain = computeRoundScores(framework, data);
    expect(e1.score).toBeCloseTo(chain.items.find((i) => i.item === "e1")!.score!, 12);
    expect(eit.figures.score).toBeCloseTo(chain.instruments.find((i) => i.code === "eit")!.score!, 12);
    // Questions with sub-items: one distribution per sub-item, each summing to the question's answers.
    const iit = results.instruments.find((i) => i.instrument === "iit")!;
    const i3 = iit.questions.find((q) => q.item === "i3")!;
    expect(i3.fields.map((f) => f.field)).toEqual(["i3_1", "i3_2", "i3_3"]);
    for (const f of i3.fields) expect(f.options.reduce((s, o) => s + o.count, 0)).toBe(5);
    // Weak questions: under the pass mark.
    expect(iit.questions.find((q) => q.item === "i2")!.pass).toBe(false);
    expect(results.instruments.map((i) => i.instrument)).toEqual(["iit", "eit"]);
  });

  it("counts only the months of the range", () => {
    const results = computeQuestionResults(framework, { tallies: data, range: { from: "2025-11", to: "2025-11" }, counterIds: [1, 2], k });
    const e1 = eitOf(results).questions.find((q) => q.item === "e1")!;
    expect(e1.answers).toBe(12);
    expect(e1.fields[0]!.options.map((o) => o.count)).toEqual([5, 0, 7, 0]);
    // The IIT has no answers in November.
    expect(results.instruments.find((i) => i.instrument === "iit")!.figures).toMatchObject({ status: "empty", answers: 0 });
  });

  it("gives the change against the month before", () => {
    const range = { from: "2025-11", to: "2025-11" };
    const basis = chooseComparison(MONTHS, range);
    const results = computeQuestionResults(framework, { tallies: data, range, counterIds: [1, 2], k, comparison: { basis, tallies: data } });
    const eit = eitOf(results);
    expect(eit.previous).toMatchObject({ status: "shown", answers: 6 });
    const e1 = eit.questions.find((q) => q.item === "e1")!;
    expect(e1.previousScore).toBe(100);
    expect(e1.change).toBeCloseTo(e1.score! - 100, 12);
  });

  it("gives the change against the previous round, and none where the comparison is hidden", () => {
    const previous = [...tallies(7, "2024-11", "eit", EIT_BAD, 5), ...tallies(7, "2024-12", "eit", EIT_GOOD, 5)];
    const range = { from: "2025-10", to: "2025-11" };
    const basis = chooseComparison(MONTHS, range, ["2024-10", "2024-11", "2024-12", "2025-01"]);
    const results = computeQuestionResults(framework, { tallies: data, range, counterIds: [1, 2], k, comparison: { basis, tallies: previous } });
    // The same months a year earlier: October (nothing) and November (5 bad answers), so e1 was 0.
    expect(basis).toEqual({ kind: "previous-round", range: { from: "2024-10", to: "2024-11" } });
    const e1 = eitOf(results).questions.find((q) => q.item === "e1")!;
    expect(e1.previousScore).toBe(0);
    expect(e1.change).toBeCloseTo(e1.score!, 12);
    // A previous round of 3 answers in those months: hidden, so no change.
    const few = tallies(7, "2024-11", "eit", EIT_BAD, 3);
    const hidden = computeQuestionResults(framework, { tallies: data, range, counterIds: [1, 2], k, comparison: { basis, tallies: few } });
    expect(eitOf(hidden).previous).toMatchObject({ status: "small", answers: null });
    expect(eitOf(hidden).questions.every((q) => q.change === null && q.previousScore === null)).toBe(true);
  });
});

describe("computeQuestionResults: anonymity", () => {
  it("hides a range of fewer than k answer sets, its count too", () => {
    const results = computeQuestionResults(framework, { tallies: tallies(1, "2025-10", "eit", EIT_GOOD, 4), range: whole, counterIds: [1], k });
    expect(eitOf(results)).toMatchObject({ figures: { status: "small", answers: null, score: null }, questions: [] });
    expect(results.counters).toEqual({ status: "small", rows: [] });
  });

  it("shows a part of the round only while every month holds 0 or at least k answer sets", () => {
    // October 8, November 3: the whole round (11) is shown; October alone would be the whole minus November's 3.
    const uneven = [...tallies(1, "2025-10", "eit", EIT_GOOD, 8), ...tallies(1, "2025-11", "eit", EIT_BAD, 3)];
    expect(eitOf(computeQuestionResults(framework, { tallies: uneven, range: whole, counterIds: [1], k })).figures).toMatchObject({ status: "shown", answers: 11 });
    for (const range of [
      { from: "2025-10", to: "2025-10" },
      { from: "2025-11", to: "2026-01" },
    ]) {
      const results = computeQuestionResults(framework, { tallies: uneven, range, counterIds: [1], k });
      expect(eitOf(results).figures, JSON.stringify(range)).toMatchObject({ status: "uneven-months", answers: null, score: null });
      expect(eitOf(results).questions).toEqual([]);
      expect(results.counters.status).toBe("uneven-months");
    }
    // A range holding every answer of the round shows what the whole round shows.
    const inside = computeQuestionResults(framework, { tallies: uneven, range: { from: "2025-10", to: "2025-11" }, counterIds: [1], k });
    expect(eitOf(inside).figures).toMatchObject({ status: "shown", answers: 11 });
  });

  it("hides the counter table of a part of the round while a counter's month holds 1 … k−1, though the months' totals are whole", () => {
    const data = [...tallies(1, "2025-10", "eit", EIT_GOOD, 8), ...tallies(2, "2025-10", "eit", EIT_BAD, 2), ...tallies(1, "2025-11", "eit", EIT_MID, 6)];
    const october = computeQuestionResults(framework, { tallies: data, range: { from: "2025-10", to: "2025-10" }, counterIds: [1, 2], k });
    expect(eitOf(october).figures).toMatchObject({ status: "shown", answers: 10 });
    expect(october.counters).toEqual({ status: "uneven-months", rows: [] });
    // The whole round: counter 2's 2 answers hidden, with the smallest other counter as its complement.
    const all = computeQuestionResults(framework, { tallies: [...data, ...tallies(3, "2025-12", "eit", EIT_MID, 5)], range: whole, counterIds: [1, 2, 3], k });
    expect(all.counters.status).toBe("shown");
    expect(all.counters.rows.map((r) => [r.counterId, r.status, r.answers])).toEqual([
      [1, "shown", 14],
      [2, "small", null],
      // Its count hidden too: the total minus 14 and 5 would give the small counter's 2.
      [3, "complement", null],
    ]);
    expect(all.counters.rows[0]!.cells.e1).toMatchObject({ status: "shown" });
    expect(all.counters.rows[1]!.cells.e1).toEqual({ status: "small", score: null, level: null, pass: null });
    expect(all.counters.rows[2]!.cells.e2).toEqual({ status: "complement", score: null, level: null, pass: null });
  });

  it("marks the weak cells of the counter table and lists counters without answers as empty", () => {
    const data = [...tallies(1, "2025-10", "eit", EIT_GOOD, 5), ...tallies(2, "2025-10", "eit", EIT_BAD, 5)];
    const results = computeQuestionResults(framework, { tallies: data, range: whole, counterIds: [1, 2, 3], k });
    const [good, bad, none] = results.counters.rows;
    expect(good!.cells.e1).toMatchObject({ status: "shown", score: 100, pass: true });
    expect(bad!.cells.e1).toMatchObject({ status: "shown", score: 0, pass: false });
    expect(bad!.cells.e2).toMatchObject({ status: "shown", score: 0, pass: false });
    expect(none).toMatchObject({ counterId: 3, status: "empty", answers: 0 });
    expect(none!.cells.e1!.status).toBe("empty");
  });

  it("refuses a range that ends before it starts", () => {
    expect(() => computeQuestionResults(framework, { tallies: [], range: { from: "2025-11", to: "2025-10" }, counterIds: [], k })).toThrow(/must not end before/);
  });
});
