import { describe, expect, it } from "vitest";
import { computeRoundScores, listFrameworkProblems, scoreFromIndicators, type Tally } from "../../app/scoring";
import type { Framework } from "../../app/scoring/framework";
import { allPassing, loadSurveyFramework, tenIndicatorFramework } from "../fixtures/framework-fixture";

/**
 * The reference document (ITA 2565, เทศบาลตำบลคลองพิไกร), ITA-METHOD §1 "Worked example":
 * IIT = 427.82 / 5 = 85.564, EIT = 229.56 / 3 = 76.52, OIT = 146.81 / 2 = 73.405,
 * total = 0.3 × 85.564 + 0.3 × 76.52 + 0.4 × 73.405 = 25.6692 + 22.956 + 29.362 = 77.9872 → 77.99, B.
 */
const reference = { "1": 91.7, "2": 86.67, "3": 86.7, "4": 79.64, "5": 83.11, "6": 75.76, "7": 80.18, "8": 73.62, "9": 78.06, "10": 68.75 };

function referenceExample(framework: Framework) {
  it("gives IIT 85.564, EIT 76.52, OIT 73.405, total 77.9872 (77.99 shown), level B, not passing", () => {
    const r = scoreFromIndicators(framework, reference);
    expect(r.framework).toBe(framework.id);
    expect(r.indicators).toEqual(reference);
    expect(Object.keys(r.indicators)).toEqual(framework.indicators.map((i) => i.code));
    expect(r.instruments.iit).toBeCloseTo(85.564, 9);
    expect(r.instruments.eit).toBeCloseTo(76.52, 9);
    expect(r.instruments.oit).toBeCloseTo(73.405, 9);
    expect(r.total).toBeCloseTo(77.9872, 9);
    expect(Math.round(r.total * 100) / 100).toBe(77.99);
    expect(r.level).toBe("B");
    expect(r.pass).toBe(false);
  });
}

describe("scoreFromIndicators: the reference document on a ten-indicator fixture", () => {
  referenceExample(tenIndicatorFramework);

  it("the result is plain JSON for the CLI", () => {
    const r = scoreFromIndicators(tenIndicatorFramework, reference);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(Object.keys(r)).toEqual(["framework", "indicators", "instruments", "total", "level", "pass"]);
  });

  it("all 100 gives 100, AA, pass; all 0 gives 0, F", () => {
    const all = (v: number) => Object.fromEntries(Object.keys(reference).map((k) => [k, v]));
    expect(scoreFromIndicators(tenIndicatorFramework, all(100))).toMatchObject({ total: 100, level: "AA", pass: true });
    expect(scoreFromIndicators(tenIndicatorFramework, all(0))).toMatchObject({ total: 0, level: "F", pass: false });
  });

  it.each([
    ["a missing indicator", { ...reference, "10": undefined }, ["missing indicator(s) 10"]],
    ["two missing indicators", (() => { const { "3": _3, "7": _7, ...rest } = reference; return rest; })(), ["missing indicator(s) 3, 7"]],
    ["an unknown indicator", { ...reference, "11": 50 }, ["unknown indicator(s) 11"]],
    ["a string", { ...reference, "4": "79.64" }, ['indicator 4: "79.64" is not a number']],
    ["above 100", { ...reference, "1": 100.01 }, ["indicator 1: 100.01 is outside 0–100"]],
    ["below 0", { ...reference, "9": -1 }, ["indicator 9: -1 is outside 0–100"]],
    ["NaN", { ...reference, "2": Number.NaN }, ["indicator 2: null is not a number"]],
    ["null", { ...reference, "2": null }, ["indicator 2: null is not a number"]],
    [
      "several problems at once",
      { ...reference, "1": 101, "5": "x", "12": 1, "6": undefined },
      ["missing indicator(s) 6", "unknown indicator(s) 12", "indicator 1: 101 is outside 0–100", 'indicator 5: "x" is not a number'],
    ],
  ])("rejects %s with a message naming it", (_case, scores, messages) => {
    const input = Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== undefined));
    let error: unknown;
    try {
      scoreFromIndicators(tenIndicatorFramework, input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    for (const m of messages) expect((error as Error).message).toContain(m);
  });

  it.each([
    ["an array", [91.7]],
    ["null", null],
    ["a number", 77.99],
  ])("rejects %s instead of an object", (_case, input) => {
    expect(() => scoreFromIndicators(tenIndicatorFramework, input as unknown as Record<string, number>)).toThrow(/must be an object/);
  });
});

// Loaded unconditionally: without surveys/ita-2565 this file fails instead of skipping its real figures.
const real = loadSurveyFramework("ita-2565");

describe("surveys/ita-2565", () => {
  referenceExample(real);

  it("is consistent (listFrameworkProblems finds nothing)", () => {
    expect(listFrameworkProblems(real)).toEqual([]);
  });

  it("has the shape of ITA-METHOD §1/§3: ten indicators, 30 IIT and 15 EIT items, 51 IIT fields", () => {
    expect(real.indicators.map((i) => [i.code, i.instrument])).toEqual([
      ["1", "iit"], ["2", "iit"], ["3", "iit"], ["4", "iit"], ["5", "iit"],
      ["6", "eit"], ["7", "eit"], ["8", "eit"], ["9", "oit"], ["10", "oit"],
    ]);
    const iitItems = real.items.filter((i) => i.code.startsWith("i"));
    expect(iitItems).toHaveLength(30);
    expect(real.items.filter((i) => i.code.startsWith("e"))).toHaveLength(15);
    expect(iitItems.flatMap((i) => i.fields)).toHaveLength(51);
  });

  it("the best answer to every question and a fully published OIT give 100 and AA", () => {
    const tallies: Tally[] = real.items.flatMap((item) => {
      const instrument = real.indicators.find((i) => i.code === item.indicator)?.instrument;
      if (!instrument) throw new Error(`item ${item.code}: no instrument`);
      return item.fields.map((f) => {
        const options = real.scales[f.scale]?.options ?? [];
        const best = options.reduce((a, b) => (b.score > a.score ? b : a));
        return { instrument, field: f.name, value: best.value, count: 3 };
      });
    });
    const r = computeRoundScores(real, tallies, allPassing(real));
    expect(r.items.every((i) => i.score === 100)).toBe(true);
    expect(r.instruments.map((i) => i.score)).toEqual([100, 100, 100]);
    expect(r.total.total).toBeCloseTo(100, 12);
    expect(r.total.level?.code).toBe("AA");
  });
});
