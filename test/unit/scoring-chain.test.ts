import { describe, expect, it } from "vitest";
import {
  computeFieldScores,
  computeIndicatorScores,
  computeInstrumentScores,
  computeItemScores,
  computeRoundScores,
  computeTotal,
  type IndicatorScore,
  type InstrumentScore,
  type Tally,
} from "../../app/scoring";
import type { InstrumentCode } from "../../app/scoring/framework";
import { allPassing, fixtureFramework as fw } from "../fixtures/framework-fixture";

function tally(instrument: InstrumentCode, field: string, counts: Record<number, number>): Tally[] {
  return Object.entries(counts).map(([value, count]) => ({ instrument, field, value: Number(value), count }));
}

// A round of the fixture framework, with the expected score of every step written out by hand.
const iitTallies: Tally[] = [
  ...tally("iit", "i1_1", { 4: 8, 3: 2 }),
  ...tally("iit", "i1_2", { 4: 10 }),
  ...tally("iit", "i2", { 4: 5, 3: 5 }),
  ...tally("iit", "i3_1", { 0: 9, 1: 1 }),
  ...tally("iit", "i3_2", { 0: 10 }),
  ...tally("iit", "i3_3", { 0: 10 }),
  ...tally("iit", "i4_1", { 4: 10 }),
  ...tally("iit", "i4_2", { 1: 10 }),
  ...tally("iit", "i5", { 1: 5, 2: 5 }),
  ...tally("iit", "i6_1", { 1: 10 }),
  ...tally("iit", "i6_2", { 1: 8, 0: 2 }),
];
const eitTallies: Tally[] = [...tally("eit", "e1", { 4: 6, 3: 4 }), ...tally("eit", "e2", { 1: 9, 0: 1 })];
const checklist = { ...allPassing(), o15: "fail" } as const;

const mean = (...xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const expected = (() => {
  const i1 = mean((8 * 100 + 2 * 66.67) / 10, 100);
  const i2 = (5 * 100 + 5 * 66.67) / 10;
  const i3 = mean(90, 100, 100);
  const i4 = mean(100, 100);
  const i5 = (5 * 100 + 5 * 66.67) / 10;
  const i6 = mean(100, 80);
  const e1 = (6 * 100 + 4 * 66.67) / 10;
  const e2 = 90;
  const ind1 = mean(i1, i2, i3);
  const ind2 = mean(i4, i5, i6);
  const ind3 = mean(e1, e2);
  const ind4 = 100;
  const ind5 = mean(700 / 8, 100); // 5.1: 7 of 8 pass; 5.2: all pass
  const iit = mean(ind1, ind2);
  const eit = ind3;
  const oit = mean(ind4, ind5);
  return { i1, i2, i3, i4, i5, i6, e1, e2, ind1, ind2, ind3, ind4, ind5, iit, eit, oit, total: 0.3 * iit + 0.3 * eit + 0.4 * oit };
})();

function byCode<T extends { code: string }>(list: readonly T[], code: string): T {
  const found = list.find((x) => x.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
}

describe("the whole chain on a complete round (computeRoundScores)", () => {
  const r = computeRoundScores(fw, [...iitTallies, ...eitTallies], checklist);

  it.each([
    ["i1", expected.i1],
    ["i2", expected.i2],
    ["i3", expected.i3],
    ["i4", expected.i4],
    ["i5", expected.i5],
    ["i6", expected.i6],
    ["e1", expected.e1],
    ["e2", expected.e2],
  ])("item %s", (code, score) => {
    expect(r.items.find((i) => i.item === code)?.score).toBeCloseTo(score, 10);
  });

  it.each([
    ["1", expected.ind1, "A", true, 10],
    ["2", expected.ind2, "A", true, 10],
    ["3", expected.ind3, "A", true, 10],
    ["4", expected.ind4, "AA", true, 14],
    ["5", expected.ind5, "A", true, 10],
  ] as const)("indicator %s = %s (mean of its items or sub-indicators)", (code, score, level, pass, answers) => {
    const s = byCode(r.indicators, code);
    expect(s.score).toBeCloseTo(score, 10);
    expect(s.level?.code).toBe(level);
    expect(s.pass).toBe(pass);
    expect(s.answers).toBe(answers);
  });

  it.each([
    ["iit", expected.iit],
    ["eit", expected.eit],
    ["oit", expected.oit],
  ] as const)("instrument %s is the mean of its indicators", (code, score) => {
    expect(r.instruments.find((i) => i.code === code)?.score).toBeCloseTo(score, 10);
  });

  it("total = 0.3 × IIT + 0.3 × EIT + 0.4 × OIT, and partial equals it", () => {
    expect(r.total.total).toBeCloseTo(expected.total, 10);
    expect(r.total.assessed).toEqual(["iit", "eit", "oit"]);
    expect(r.total.partial.score).toBe(r.total.total);
    expect(r.total.partial.instruments).toEqual(["iit", "eit", "oit"]);
    expect(expected.total).toBeCloseTo(92.75, 2);
    expect(r.total.level?.code).toBe("A");
    expect(r.total.pass).toBe(true);
  });

  it("reports the OIT checking progress", () => {
    expect(byCode(r.indicators, "5").progress).toEqual({ checked: 10, passed: 9, total: 10 });
    expect(byCode(r.indicators, "1").progress).toBeNull();
    expect(r.instruments.find((i) => i.code === "oit")?.progress).toEqual({ checked: 24, passed: 23, total: 24 });
    expect(r.instruments.find((i) => i.code === "iit")?.progress).toBeNull();
  });

  it("gives the same result step by step", () => {
    const fields = computeFieldScores(fw, [...iitTallies, ...eitTallies]);
    const items = computeItemScores(fw, fields);
    const indicators = computeIndicatorScores(fw, items, checklist);
    const instruments = computeInstrumentScores(fw, indicators);
    expect({ fields, items, indicators, instruments, total: computeTotal(fw, instruments) }).toEqual({
      fields: r.fields,
      items: r.items,
      indicators: r.indicators,
      instruments: r.instruments,
      total: r.total,
    });
  });
});

describe("instruments that are not (fully) assessed", () => {
  it("an instrument with no responses is null all the way up; the total is null and partial uses the others", () => {
    const r = computeRoundScores(fw, iitTallies, checklist);
    expect(r.fields.filter((f) => f.instrument === "eit").every((f) => f.score === null && f.answers === 0)).toBe(true);
    expect(r.items.filter((i) => i.instrument === "eit").map((i) => i.score)).toEqual([null, null]);
    expect(byCode(r.indicators, "3")).toMatchObject({ score: null, answers: 0, level: null, pass: null });
    expect(r.instruments.find((i) => i.code === "eit")).toMatchObject({ score: null, level: null, pass: null });
    expect(r.total).toMatchObject({ total: null, level: null, pass: null, assessed: ["iit", "oit"] });
    const partial = (0.3 * expected.iit + 0.4 * expected.oit) / 0.7;
    expect(r.total.partial.score).toBeCloseTo(partial, 10);
    expect(r.total.partial.instruments).toEqual(["iit", "oit"]);
    expect(r.total.partial.level?.code).toBe("A");
  });

  it("an instrument with one indicator unmeasured is not assessed (no mean of what happens to have data)", () => {
    const onlyIndicator1 = iitTallies.filter((t) => ["i1", "i2", "i3"].some((p) => t.field.startsWith(p)));
    const r = computeRoundScores(fw, [...onlyIndicator1, ...eitTallies], checklist);
    expect(byCode(r.indicators, "1").score).toBeCloseTo(expected.ind1, 10);
    expect(byCode(r.indicators, "2").score).toBeNull();
    expect(r.instruments.find((i) => i.code === "iit")?.score).toBeNull();
    expect(r.total.total).toBeNull();
    expect(r.total.assessed).toEqual(["eit", "oit"]);
  });

  it("without a checklist OIT is not assessed; partial is the IIT/EIT weighted mean", () => {
    const r = computeRoundScores(fw, [...iitTallies, ...eitTallies]);
    expect(byCode(r.indicators, "4")).toMatchObject({ score: null, answers: 0, progress: { checked: 0, passed: 0, total: 14 } });
    expect(r.instruments.find((i) => i.code === "oit")?.score).toBeNull();
    expect(r.total.total).toBeNull();
    expect(r.total.partial.score).toBeCloseTo((0.3 * expected.iit + 0.3 * expected.eit) / 0.6, 10);
  });

  it("with nothing at all every score is null and partial is empty", () => {
    const r = computeRoundScores(fw, []);
    expect(r.fields.every((f) => f.score === null)).toBe(true);
    expect(r.items.every((i) => i.score === null)).toBe(true);
    expect(r.indicators.every((i) => i.score === null && i.level === null && i.pass === null)).toBe(true);
    expect(r.instruments.every((i) => i.score === null)).toBe(true);
    expect(r.total).toEqual({ total: null, level: null, pass: null, assessed: [], instrumentScores: {}, partial: { score: null, level: null, instruments: [] } });
  });

  it("an indicator is the mean of the items that were answered", () => {
    const r = computeRoundScores(fw, tally("iit", "i2", { 4: 1 }));
    expect(byCode(r.indicators, "1")).toMatchObject({ score: 100, answers: 1 });
  });
});

describe("the step functions on hand-made inputs", () => {
  const indicator = (code: string, instrument: InstrumentCode, score: number | null): IndicatorScore => ({
    code,
    instrument,
    score,
    answers: 0,
    level: null,
    pass: null,
    progress: null,
  });
  const instrument = (code: InstrumentCode, score: number | null): InstrumentScore => ({
    code,
    score,
    answers: 0,
    level: null,
    pass: null,
    progress: null,
  });

  it("computeInstrumentScores: mean of the indicators; a missing indicator means not assessed", () => {
    const all = [indicator("1", "iit", 80), indicator("2", "iit", 90), indicator("3", "eit", 70), indicator("4", "oit", 100), indicator("5", "oit", 50)];
    const s = computeInstrumentScores(fw, all);
    expect(s.map((i) => [i.code, i.score, i.level?.code, i.pass])).toEqual([
      ["iit", 85, "A", true],
      ["eit", 70, "C", false],
      ["oit", 75, "B", false],
    ]);
    expect(computeInstrumentScores(fw, all.slice(1)).find((i) => i.code === "iit")?.score).toBeNull();
  });

  it.each([
    ["all three", [instrument("iit", 80), instrument("eit", 90), instrument("oit", 70)], 0.3 * 80 + 0.3 * 90 + 0.4 * 70, (0.3 * 80 + 0.3 * 90 + 0.4 * 70) / 1],
    ["OIT missing from the list", [instrument("iit", 80), instrument("eit", 90)], null, (0.3 * 80 + 0.3 * 90) / 0.6],
    ["only OIT", [instrument("iit", null), instrument("eit", null), instrument("oit", 70)], null, 70],
    ["none", [], null, null],
  ] as const)("computeTotal with %s", (_case, scores, total, partial) => {
    const t = computeTotal(fw, [...scores]);
    if (total === null) expect(t.total).toBeNull();
    else expect(t.total).toBeCloseTo(total, 12);
    if (partial === null) expect(t.partial.score).toBeNull();
    else expect(t.partial.score).toBeCloseTo(partial, 12);
  });

  it.each([
    ["computeIndicatorScores, an unknown item", () => computeIndicatorScores(fw, [{ item: "i99", indicator: "1", instrument: "iit", score: 1, answers: 1 }]), /unknown item "i99"/],
    ["computeInstrumentScores, an unknown indicator", () => computeInstrumentScores(fw, [indicator("42", "iit", 1)]), /unknown indicator "42"/],
    ["computeTotal, an unknown instrument", () => computeTotal(fw, [instrument("xit" as InstrumentCode, 1)]), /unknown instrument "xit"/],
  ] as const)("%s throws", (_case, run, message) => {
    expect(run).toThrow(message);
  });
});
