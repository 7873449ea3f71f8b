import { describe, expect, it } from "vitest";
import { computeIndicatorScores, scoreChecklist, type Checklist, type ChecklistStatus } from "../../app/scoring";
import type { Framework } from "../../app/scoring/framework";
import { allPassing, fixtureFramework as fw, loadSurveyFramework } from "../fixtures/framework-fixture";

function itemsOf(framework: Framework, subIndicator: string): string[] {
  const sub = framework.subIndicators.find((s) => s.code === subIndicator);
  if (!sub) throw new Error(`no sub-indicator ${subIndicator}`);
  return sub.items.map((i) => i.code);
}

function withStatus(base: Record<string, ChecklistStatus>, codes: string[], status: ChecklistStatus): Record<string, ChecklistStatus> {
  return { ...base, ...Object.fromEntries(codes.map((c) => [c, status])) };
}

function score<T extends { code: string; score: number | null }>(list: T[], code: string): number | null {
  const found = list.find((x) => x.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found.score;
}

/**
 * The OIT arithmetic of ITA-METHOD §1, on any framework shaped like ITA 2565 (`big` is indicator 9 with
 * five sub-indicators, the first of nine items; `small` is indicator 10 with two, the first of eight).
 */
function oitArithmetic(framework: Framework, big: { indicator: string; first: string }, small: { indicator: string; first: string; second: string }) {
  it(`7 of 8 items passing in ${small.first} → 87.5; indicator ${small.indicator} = mean(87.5, 100) = 93.75`, () => {
    const firstItems = itemsOf(framework, small.first);
    expect(firstItems).toHaveLength(8);
    const s = scoreChecklist(framework, withStatus(allPassing(framework), firstItems.slice(0, 1), "fail"));
    expect(score(s.subIndicators, small.first)).toBe(87.5);
    expect(score(s.subIndicators, small.second)).toBe(100);
    expect(score(s.indicators, small.indicator)).toBe(93.75);
  });

  it(`8 of 9 in ${big.first}, the other four sub-indicators all passing → indicator ${big.indicator} = (88.89 + 400) / 5 = 97.78`, () => {
    const firstItems = itemsOf(framework, big.first);
    expect(firstItems).toHaveLength(9);
    const s = scoreChecklist(framework, withStatus(allPassing(framework), firstItems.slice(-1), "fail"));
    expect(score(s.subIndicators, big.first)).toBeCloseTo(800 / 9, 12);
    expect(s.subIndicators.filter((x) => x.indicator === big.indicator)).toHaveLength(5);
    const indicator = score(s.indicators, big.indicator);
    expect(indicator).toBeCloseTo((800 / 9 + 400) / 5, 12);
    expect(Math.round((indicator ?? 0) * 100) / 100).toBe(97.78);
    // The mean of the sub-indicators, not of the items.
    const items = s.items.filter((i) => i.indicator === big.indicator);
    expect(indicator).not.toBeCloseTo(((items.length - 1) / items.length) * 100, 2);
  });
}

describe("scoreChecklist: OIT arithmetic on the fixture", () => {
  oitArithmetic(fw, { indicator: "4", first: "4.1" }, { indicator: "5", first: "5.1", second: "5.2" });
});

// Loaded unconditionally: without surveys/ita-2565 this file fails instead of skipping its real figures.
const real = loadSurveyFramework("ita-2565");

describe("scoreChecklist: OIT arithmetic on surveys/ita-2565", () => {
  oitArithmetic(real, { indicator: "9", first: "9.1" }, { indicator: "10", first: "10.1", second: "10.2" });

  it("has the 43 OIT items of 2565 in sub-indicators 9.1–9.5 and 10.1–10.2", () => {
    expect(real.subIndicators.map((s) => s.code)).toEqual(["9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"]);
    expect(real.subIndicators.flatMap((s) => s.items)).toHaveLength(43);
  });
});

describe("scoreChecklist: states and progress", () => {
  it("everything passing gives 100 everywhere", () => {
    const s = scoreChecklist(fw, allPassing());
    expect(s.subIndicators.every((x) => x.score === 100)).toBe(true);
    expect(s.indicators.map((x) => [x.code, x.score])).toEqual([
      ["4", 100],
      ["5", 100],
    ]);
  });

  it("everything failing gives 0, not null", () => {
    const all = withStatus({}, Object.keys(allPassing()), "fail");
    expect(scoreChecklist(fw, all).indicators.map((x) => x.score)).toEqual([0, 0]);
  });

  it.each([
    ["an absent item", (c: Record<string, ChecklistStatus>) => { delete c.o3; return c; }],
    ["an item marked unchecked", (c: Record<string, ChecklistStatus>) => ({ ...c, o3: "unchecked" as const })],
  ])("%s keeps its sub-indicator and indicator null (not yet assessed) and shows progress", (_case, change) => {
    const s = scoreChecklist(fw, change({ ...allPassing(), o1: "fail" }));
    expect(s.subIndicators.find((x) => x.code === "4.1")).toEqual({ code: "4.1", indicator: "4", score: null, checked: 8, passed: 7, total: 9 });
    expect(s.subIndicators.find((x) => x.code === "4.2")?.score).toBe(100);
    expect(s.indicators.find((x) => x.code === "4")).toEqual({ code: "4", score: null, checked: 13, passed: 12, total: 14 });
    expect(s.indicators.find((x) => x.code === "5")?.score).toBe(100);
    expect(s.items.find((i) => i.code === "o3")).toEqual({ code: "o3", subIndicator: "4.1", indicator: "4", status: "unchecked", score: null });
  });

  it("an empty checklist: nothing checked, every score null", () => {
    const s = scoreChecklist(fw, {});
    expect(s.indicators).toEqual([
      { code: "4", score: null, checked: 0, passed: 0, total: 14 },
      { code: "5", score: null, checked: 0, passed: 0, total: 10 },
    ]);
  });

  it.each([
    ["an unknown item", { o99: "pass" }, /unknown checklist item "o99"/],
    ["an invalid status", { o1: "yes" }, /item o1 has an invalid status "yes"/],
  ])("throws on %s", (_case, checklist, message) => {
    expect(() => scoreChecklist(fw, checklist as unknown as Checklist)).toThrow(message);
  });

  it("computeIndicatorScores takes the checklist and gives OIT indicators their level, pass and progress", () => {
    const s = computeIndicatorScores(fw, [], { ...allPassing(), o15: "fail" });
    expect(s.find((i) => i.code === "5")).toMatchObject({
      instrument: "oit",
      score: 93.75,
      answers: 10,
      level: { code: "A" },
      pass: true,
      progress: { checked: 10, passed: 9, total: 10 },
    });
  });
});
