import { describe, expect, it } from "vitest";
import { computeRoundScores, findWeakAreas, scoreChecklist, type FieldScore, type IndicatorScore, type ItemScore, type Tally } from "../../app/scoring";
import type { InstrumentCode } from "../../app/scoring/framework";
import { allPassing, fixtureFramework as fw, loadSurveyFramework } from "../fixtures/framework-fixture";

function tally(instrument: InstrumentCode, field: string, counts: Record<number, number>): Tally[] {
  return Object.entries(counts).map(([value, count]) => ({ instrument, field, value: Number(value), count }));
}

const indicator = (code: string, score: number | null): IndicatorScore => ({
  code,
  instrument: "iit",
  score,
  answers: 1,
  level: null,
  pass: null,
  progress: null,
});
const item = (code: string, ind: string, score: number | null): ItemScore => ({ item: code, indicator: ind, instrument: "iit", score, answers: 1 });
const field = (name: string, it: string, ind: string, score: number | null): FieldScore => ({
  field: name,
  item: it,
  indicator: ind,
  instrument: "iit",
  score,
  answers: 1,
});

describe("findWeakAreas on a computed round", () => {
  const tallies = [
    ...tally("iit", "i1_1", { 4: 10 }),
    ...tally("iit", "i1_2", { 2: 10 }),
    ...tally("iit", "i2", { 4: 10 }),
    ...tally("iit", "i3_1", { 0: 10 }),
    ...tally("iit", "i3_2", { 0: 10 }),
    ...tally("iit", "i3_3", { 0: 10 }),
    ...tally("iit", "i4_1", { 4: 10 }),
    ...tally("iit", "i4_2", { 4: 10 }),
    ...tally("iit", "i5", { 2: 10 }),
    ...tally("iit", "i6_1", { 1: 10 }),
    ...tally("iit", "i6_2", { 1: 10 }),
  ];
  const checklist = { ...allPassing(), o1: "fail", o3: "unchecked", o15: "fail" } as const;
  const round = computeRoundScores(fw, tallies, checklist);
  const weak = findWeakAreas(fw, round);

  it("lists what is under the pass mark, weakest first, ties in indicator order", () => {
    expect(weak.map((w) => [w.kind, w.code, w.indicator, w.parent])).toEqual([
      ["field", "i4_2", "2", "i4"], // 0: L4− answered มากที่สุด
      ["checklist-item", "o1", "4", "4.1"], // 0
      ["checklist-item", "o15", "5", "5.1"], // 0
      ["field", "i1_2", "1", "i1"], // 33.33
      ["item", "i4", "2", null], // 50
      ["item", "i1", "1", null], // (100 + 33.33) / 2 = 66.665
      ["item", "i5", "2", null], // 66.67 (a question without sub-items is listed once, as an item)
      ["indicator", "2", "2", null], // (50 + 66.67 + 100) / 3
    ]);
    expect(weak.map((w) => w.score)).toEqual([...weak.map((w) => w.score)].sort((a, b) => a - b));
    expect(weak[7]?.score).toBeCloseTo((50 + 66.67 + 100) / 3, 12);
  });

  it("skips what is not measured: EIT without answers, the unchecked o3 and the unfinished indicator 4", () => {
    expect(round.indicators.find((i) => i.code === "3")?.score).toBeNull();
    expect(round.indicators.find((i) => i.code === "4")?.score).toBeNull();
    expect(weak.some((w) => w.indicator === "3" || w.code === "o3" || w.code === "4")).toBe(false);
  });

  it("carries the framework's titles and low-score texts", () => {
    const i4_2 = weak[0];
    expect(i4_2?.title).toEqual({ th: "เอื้อประโยชน์", en: "เอื้อประโยชน์" });
    expect(i4_2?.low).toEqual(fw.items.find((i) => i.code === "i4")?.low);
    const o1 = weak[1];
    expect(o1?.title).toEqual({ th: "ข้อมูล o1", en: "item o1" });
    expect(o1?.low.en).toBe("o1 not published");
    expect(weak[7]?.title).toEqual(fw.indicators[1]?.title);
    expect(weak[7]?.low).toEqual(fw.indicators[1]?.low);
  });
});

describe("findWeakAreas rules", () => {
  it.each([
    [84.99, true],
    [84.999999, true],
    [85, false],
    [100, false],
    [0, true],
  ])("an indicator at %s is weak: %s", (score, isWeak) => {
    expect(findWeakAreas(fw, { indicators: [indicator("1", score)] })).toHaveLength(isWeak ? 1 : 0);
  });

  it("null scores are not weak", () => {
    expect(findWeakAreas(fw, { indicators: [indicator("1", null)], items: [item("i1", "1", null)], fields: [field("i1_1", "i1", "1", null)] })).toEqual([]);
  });

  it("breaks ties by indicator order, then indicator → item → field → checklist item, then framework code order", () => {
    const weak = findWeakAreas(fw, {
      fields: [field("i4_1", "i4", "2", 80), field("i1_2", "i1", "1", 80), field("i1_1", "i1", "1", 80)],
      items: [item("i4", "2", 80), item("i3", "1", 80), item("i1", "1", 80)],
      indicators: [indicator("2", 80), indicator("1", 80)],
      checklist: scoreChecklist(fw, { o2: "fail", o1: "fail" }),
    });
    expect(weak.map((w) => w.code)).toEqual(["o1", "o2", "1", "i1", "i3", "i1_1", "i1_2", "2", "i4", "i4_1"]);
  });

  it("lists a sub-item only for questions with several sub-items", () => {
    const weak = findWeakAreas(fw, { fields: [field("i2", "i2", "1", 10), field("i1_1", "i1", "1", 10)] });
    expect(weak.map((w) => w.code)).toEqual(["i1_1"]);
  });

  it("throws on codes the framework does not have", () => {
    expect(() => findWeakAreas(fw, { items: [item("i99", "1", 10)] })).toThrow(/unknown item "i99"/);
    expect(() => findWeakAreas(fw, { indicators: [indicator("99", 10)] })).toThrow(/unknown indicator "99"/);
  });
});

// Loaded unconditionally: without surveys/ita-2565 this file fails instead of skipping its real figures.
const real = loadSurveyFramework("ita-2565");

describe("findWeakAreas with surveys/ita-2565", () => {
  it("finds the asset-borrowing question i20 and the mixed i11 sub-item like the reference document (§4)", () => {
    const r = computeRoundScores(real, [
      ...tally("iit", "i19", { 1: 10 }),
      ...tally("iit", "i20", { 2: 6, 3: 4 }),
      ...tally("iit", "i24", { 3: 10 }),
      ...tally("iit", "i7", { 4: 10 }),
      ...tally("iit", "i11_1", { 3: 10 }),
      ...tally("iit", "i11_2", { 3: 10 }),
    ]);
    const i11 = r.items.find((i) => i.item === "i11");
    expect(i11?.score).toBeCloseTo(50, 9); // (66.67 + 33.33) / 2: a mixed-scale item
    const weak = findWeakAreas(real, r);
    // i11_1 and i24 tie at 66.67: indicator 2 comes before indicator 4.
    expect(weak.map((w) => w.code)).toEqual(["i11_2", "i20", "i11", "i11_1", "i24", "4", "2"]);
    expect(weak.find((w) => w.code === "4")?.score).toBeCloseTo(((6 * 100) / 3 / 10 + (4 * 200) / 3 / 10 + 200 / 3 + 100) / 3, 9); // (i20 + i24 + i19) / 3
  });
});
