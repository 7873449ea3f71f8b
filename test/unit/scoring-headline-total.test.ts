import { describe, expect, it } from "vitest";
import {
  computeRoundScores,
  computeTotal,
  decideHeadlineTotal,
  scoreChecklist,
  scorePublishedIndicators,
  sumChecklistProgress,
  type InstrumentScore,
} from "../../app/scoring";
import type { InstrumentCode } from "../../app/scoring/framework";
import { allPassing, fixtureFramework as fw, tenIndicatorFramework } from "../fixtures/framework-fixture";

function instruments(scores: Partial<Record<InstrumentCode, number>>): InstrumentScore[] {
  return (Object.entries(scores) as [InstrumentCode, number][]).map(([code, score]) => ({ code, score, answers: 0, level: null, pass: null, progress: null }));
}

function headline(scores: Partial<Record<InstrumentCode, number>>) {
  return decideHeadlineTotal(fw, computeTotal(fw, instruments(scores)));
}

// The fixture has the 2565 weights (0.30 IIT, 0.30 EIT, 0.40 OIT), levels and pass mark 85 (ITA-METHOD §1).
describe("decideHeadlineTotal", () => {
  it.each([
    // every instrument assessed: the ITA total
    [{ iit: 90, eit: 80, oit: 70 }, true, false, 0.3 * 90 + 0.3 * 80 + 0.4 * 70, "B", false, ["iit", "eit", "oit"]],
    [{ iit: 100, eit: 100, oit: 100 }, true, false, 100, "AA", true, ["iit", "eit", "oit"]],
    [{ iit: 85.564, eit: 76.52, oit: 73.405 }, true, false, 77.9872, "B", false, ["iit", "eit", "oit"]],
    [{ iit: 85, eit: 85, oit: 85 }, true, false, 85, "A", true, ["iit", "eit", "oit"]],
    // OIT not yet assessed: IIT and EIT with their weights re-normalised, (0.3 × 90 + 0.3 × 80) / 0.6
    [{ iit: 90, eit: 80 }, false, true, 85, "A", true, ["iit", "eit"]],
    [{ iit: 84.99, eit: 85 }, false, true, 84.995, "B", false, ["iit", "eit"]],
    // one instrument alone
    [{ oit: 100 }, false, true, 100, "AA", true, ["oit"]],
    [{ eit: 50 }, false, true, 50, "E", false, ["eit"]],
  ] as const)("%j → full %s, partial %s, %s %s, pass %s, made of %j", (scores, full, partial, score, level, pass, made) => {
    const h = headline(scores);
    expect(h.full).toBe(full);
    expect(h.partial).toBe(partial);
    expect(h.score).toBeCloseTo(score, 9);
    expect(h.level?.code).toBe(level);
    expect(h.pass).toBe(pass);
    expect(h.instruments).toEqual(made);
  });

  it("nothing assessed: no score, no level, no pass, and not called partial", () => {
    expect(headline({})).toEqual({ full: false, partial: false, score: null, level: null, pass: null, instruments: [], rating: null });
  });

  it("is the TotalScore's own total or partial score, never a new figure", () => {
    const round = computeRoundScores(fw, [], allPassing());
    const h = decideHeadlineTotal(fw, round.total);
    expect(h.score).toBe(round.total.partial.score);
    expect(h.level).toBe(round.total.partial.level);
    expect(h.instruments).not.toBe(round.total.assessed); // a copy: a caller may keep it
  });
});

describe("scorePublishedIndicators", () => {
  it("gives the reference document's total 77.9872 → B, not passing, as a full headline (ITA-METHOD §1 worked example)", () => {
    const reference = { "1": 91.7, "2": 86.67, "3": 86.7, "4": 79.64, "5": 83.11, "6": 75.76, "7": 80.18, "8": 73.62, "9": 78.06, "10": 68.75 };
    const r = scorePublishedIndicators(tenIndicatorFramework, reference);
    expect(r.headline.full).toBe(true);
    expect(r.headline.score).toBeCloseTo(77.9872, 9);
    expect(r.headline.level.code).toBe("B");
    expect(r.headline.pass).toBe(false);
    expect(r.indicators.map((i) => [i.code, i.level.code, i.pass])).toEqual([
      ["1", "A", true], ["2", "A", true], ["3", "A", true], ["4", "B", false], ["5", "B", false],
      ["6", "B", false], ["7", "B", false], ["8", "C", false], ["9", "B", false], ["10", "C", false],
    ]);
    expect(r.instruments.map((i) => i.score)).toEqual([expect.closeTo(85.564, 9), expect.closeTo(76.52, 9), expect.closeTo(73.405, 9)]);
  });
});

describe("sumChecklistProgress", () => {
  it.each([
    [[], { checked: 0, passed: 0, total: 0 }],
    [[{ checked: 3, passed: 2, total: 9 }], { checked: 3, passed: 2, total: 9 }],
    [[{ checked: 3, passed: 2, total: 9 }, { checked: 0, passed: 0, total: 2 }, { checked: 1, passed: 1, total: 1 }], { checked: 4, passed: 3, total: 12 }],
  ])("%j → %j", (parts, expected) => {
    expect(sumChecklistProgress(parts)).toEqual(expected);
  });

  it("over a checklist's indicators counts its items: 24 in the fixture, 2 checked, 1 passed", () => {
    const s = scoreChecklist(fw, { o1: "pass", o15: "fail" });
    expect(sumChecklistProgress(s.indicators)).toEqual({ checked: 2, passed: 1, total: 24 });
    expect(sumChecklistProgress(s.indicators)).toEqual(sumChecklistProgress(s.subIndicators));
  });
});
