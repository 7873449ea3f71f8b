import { describe, expect, it } from "vitest";
import { computeFieldScores, computeItemScores, type Tally } from "../../app/scoring";
import type { InstrumentCode } from "../../app/scoring/framework";
import { fixtureFramework as fw } from "../fixtures/framework-fixture";

/** Tallies of one field: {value: count}. */
function tally(instrument: InstrumentCode, field: string, counts: Record<number, number>): Tally[] {
  return Object.entries(counts).map(([value, count]) => ({ instrument, field, value: Number(value), count }));
}

function fieldScore(tallies: Tally[], field: string) {
  const found = computeFieldScores(fw, tallies).find((f) => f.field === field);
  if (!found) throw new Error(`no field ${field}`);
  return found;
}

describe("computeFieldScores", () => {
  it.each([
    // [case, field, scale, counts by value, expected score, answers]
    ["L4+ over all four answers", "i2", "L4+", { 1: 1, 2: 2, 3: 3, 4: 4 }, (1 * 0 + 2 * 33.33 + 3 * 66.67 + 4 * 100) / 10, 10],
    ["L4+ all มากที่สุด", "i2", "L4+", { 4: 7 }, 100, 7],
    ["L4+ all น้อยที่สุด", "i2", "L4+", { 1: 3 }, 0, 3],
    ["L4− (reversed) over all four answers", "i5", "L4-", { 1: 1, 2: 2, 3: 3, 4: 4 }, (1 * 100 + 2 * 66.67 + 3 * 33.33 + 4 * 0) / 10, 10],
    ["L4− all น้อยที่สุด is the best", "i5", "L4-", { 1: 5 }, 100, 5],
    ["YN+ มี 3, ไม่มี 1", "i6_1", "YN+", { 1: 3, 0: 1 }, 75, 4],
    ["YN− มี 1, ไม่มี 3 (a bribe asked once)", "i3_1", "YN-", { 1: 1, 0: 3 }, 75, 4],
    ["YN− nobody asked", "i3_2", "YN-", { 0: 12 }, 100, 12],
    ["EIT field", "e1", "L4+", { 3: 1, 4: 1 }, (66.67 + 100) / 2, 2],
  ] as const)("%s", (_case, field, _scale, counts, expected, answers) => {
    const instrument = field.startsWith("e") ? "eit" : "iit";
    const s = fieldScore(tally(instrument, field, counts), field);
    expect(s.score).toBeCloseTo(expected, 12);
    expect(s.answers).toBe(answers);
  });

  it("adds up tallies of the same field and value from several segments (counters, months)", () => {
    const tallies: Tally[] = [
      { instrument: "eit", field: "e1", value: 4, count: 2 },
      { instrument: "eit", field: "e1", value: 4, count: 3 },
      { instrument: "eit", field: "e1", value: 1, count: 5 },
    ];
    expect(fieldScore(tallies, "e1")).toMatchObject({ score: 50, answers: 10 });
  });

  it("returns every field in framework order, null and 0 answers where nobody answered", () => {
    const scores = computeFieldScores(fw, tally("iit", "i2", { 4: 1 }));
    expect(scores.map((s) => s.field)).toEqual(fw.items.flatMap((i) => i.fields.map((f) => f.name)));
    expect(scores.find((s) => s.field === "i1_1")).toEqual({ field: "i1_1", item: "i1", indicator: "1", instrument: "iit", score: null, answers: 0 });
    expect(scores.find((s) => s.field === "i2")).toEqual({ field: "i2", item: "i2", indicator: "1", instrument: "iit", score: 100, answers: 1 });
  });

  it("treats a tally with count 0 as no answer", () => {
    expect(fieldScore(tally("iit", "i2", { 4: 0 }), "i2")).toMatchObject({ score: null, answers: 0 });
  });

  it.each([
    ["an unknown field", { instrument: "iit", field: "i99", value: 1, count: 1 }, /unknown field "i99"/],
    ["a field of another instrument", { instrument: "eit", field: "i2", value: 1, count: 1 }, /i2 belongs to eit.*puts it in iit/],
    ["a value outside the scale", { instrument: "iit", field: "i2", value: 5, count: 1 }, /value 5, not in scale L4\+ \(1, 2, 3, 4\)/],
    ["a YN value on a YN field that is not 0/1", { instrument: "iit", field: "i6_1", value: 2, count: 1 }, /value 2/],
    ["a negative count", { instrument: "iit", field: "i2", value: 1, count: -1 }, /invalid count -1/],
    ["a fractional count", { instrument: "iit", field: "i2", value: 1, count: 0.5 }, /invalid count 0.5/],
  ] as const)("throws on %s (data corruption)", (_case, bad, message) => {
    expect(() => computeFieldScores(fw, [bad])).toThrow(message);
  });
});

describe("computeItemScores", () => {
  const items = (tallies: Tally[]) => computeItemScores(fw, computeFieldScores(fw, tallies));
  const item = (tallies: Tally[], code: string) => {
    const found = items(tallies).find((i) => i.item === code);
    if (!found) throw new Error(`no item ${code}`);
    return found;
  };

  it.each([
    ["a question without sub-items is its field", [...tally("iit", "i2", { 3: 4 })], "i2", 66.67, 4],
    [
      "an item with two L4+ sub-items is their mean",
      [...tally("iit", "i1_1", { 4: 8, 3: 2 }), ...tally("iit", "i1_2", { 4: 10 })],
      "i1",
      ((8 * 100 + 2 * 66.67) / 10 + 100) / 2,
      10,
    ],
    [
      "an item with three YN− sub-items is their mean",
      [...tally("iit", "i3_1", { 0: 9, 1: 1 }), ...tally("iit", "i3_2", { 0: 10 }), ...tally("iit", "i3_3", { 0: 10 })],
      "i3",
      (90 + 100 + 100) / 3,
      10,
    ],
    [
      "a mixed item (like i11): best answers on both sub-items give 100",
      [...tally("iit", "i4_1", { 4: 6 }), ...tally("iit", "i4_2", { 1: 6 })],
      "i4",
      100,
      6,
    ],
    [
      "a mixed item: มาก on both the good (L4+) and the bad (L4−) sub-item",
      [...tally("iit", "i4_1", { 3: 6 }), ...tally("iit", "i4_2", { 3: 6 })],
      "i4",
      (66.67 + 33.33) / 2,
      6,
    ],
    [
      "a mixed item: worst answers on both give 0",
      [...tally("iit", "i4_1", { 1: 2 }), ...tally("iit", "i4_2", { 4: 2 })],
      "i4",
      0,
      2,
    ],
    [
      "answers is the largest count among the sub-items",
      [...tally("iit", "i6_1", { 1: 5 }), ...tally("iit", "i6_2", { 1: 3, 0: 4 })],
      "i6",
      (100 + 300 / 7) / 2,
      7,
    ],
    ["only the answered sub-items count", [...tally("iit", "i1_1", { 1: 3 })], "i1", 0, 3],
  ] as const)("%s", (_case, tallies, code, expected, answers) => {
    const s = item([...tallies], code);
    expect(s.score).toBeCloseTo(expected, 12);
    expect(s.answers).toBe(answers);
  });

  it("gives null and 0 answers to an item nobody answered", () => {
    expect(item([], "i1")).toEqual({ item: "i1", indicator: "1", instrument: "iit", score: null, answers: 0 });
  });

  it("lists every item in framework order", () => {
    expect(items([]).map((i) => i.item)).toEqual(fw.items.map((i) => i.code));
  });

  it("throws on a field score for a field the framework does not have", () => {
    expect(() =>
      computeItemScores(fw, [{ field: "x9", item: "x", indicator: "1", instrument: "iit", score: 1, answers: 1 }]),
    ).toThrow(/unknown field "x9"/);
  });
});
