/**
 * The k-rule for breakdowns and complementary suppression (ARCHITECTURE.md §4), on small tables:
 * a cell under k answers is hidden, and when the total is shown, enough other cells are hidden too that
 * the hidden ones cannot be worked out by subtraction.
 */
import { describe, expect, it } from "vitest";
import { getFramework } from "../../app/lib/frameworks.server";
import {
  computeBreakdown,
  computeRoundScores,
  DEFAULT_MINIMUM_GROUP_SIZE,
  minimumGroupSize,
  suppressSmallCells,
  type Tally,
} from "../../app/scoring";
import { listInstrumentFields } from "../../app/services/validate-answers";

const k = 5;

/** The statuses of a table given as counts, keyed by letter. */
function statuses(counts: number[], totalShown = true) {
  const cells = counts.map((count, n) => ({ key: String.fromCharCode(65 + n), count }));
  return suppressSmallCells(cells, { k, totalShown }).map((c) => c.status);
}

describe("suppressSmallCells", () => {
  it("hides nothing when every cell has at least k answers (0 hidden)", () => {
    expect(statuses([12, 7, 30])).toEqual(["shown", "shown", "shown"]);
  });

  it("shows cells of exactly k answers", () => {
    expect(statuses([5, 5, 5])).toEqual(["shown", "shown", "shown"]);
    expect(statuses([5, 4, 9])).toEqual(["complement", "small", "shown"]);
  });

  it("hides a cell under k and then the next-smallest cell, so the total cannot reveal it (1 hidden → 2 hidden)", () => {
    expect(statuses([20, 3, 8, 11])).toEqual(["shown", "small", "complement", "shown"]);
  });

  it("hides one complement only: the earlier cell on a tie", () => {
    expect(statuses([9, 2, 9])).toEqual(["complement", "small", "shown"]);
  });

  it("hides no complement when two cells are already hidden and together hold k or more answers", () => {
    expect(statuses([3, 4, 20, 6])).toEqual(["small", "small", "shown", "shown"]);
  });

  it("hides a third cell when the two hidden ones together still hold fewer than k answers", () => {
    // 1 + 2 = 3 people: the total minus the shown cells would give the answers of those 3 together.
    expect(statuses([1, 2, 20, 6])).toEqual(["small", "small", "shown", "complement"]);
  });

  it("hides every cell when every cell is under k", () => {
    expect(statuses([1, 4, 2])).toEqual(["small", "small", "small"]);
  });

  it("hides everything when the total itself is under k", () => {
    expect(statuses([2, 1, 0])).toEqual(["small", "small", "empty"]);
    expect(statuses([3])).toEqual(["small"]);
  });

  it("treats cells with no answers as empty: never hidden, never used as the complement", () => {
    expect(statuses([0, 3, 0, 7])).toEqual(["empty", "small", "empty", "complement"]);
    expect(statuses([0, 0])).toEqual(["empty", "empty"]);
    expect(statuses([])).toEqual([]);
  });

  it("keeps a small cell hidden, with nothing more to hide, when it is the only non-empty cell", () => {
    expect(statuses([0, 4, 0])).toEqual(["empty", "small", "empty"]);
  });

  it("needs no complement when the total is not published", () => {
    expect(statuses([20, 3, 8], false)).toEqual(["shown", "small", "shown"]);
  });

  it("keeps the keys, counts and order of the input", () => {
    const out = suppressSmallCells(
      [
        { key: "2025-10", count: 7 },
        { key: "2025-11", count: 1 },
      ],
      { k },
    );
    expect(out).toEqual([
      { key: "2025-10", count: 7, status: "complement" },
      { key: "2025-11", count: 1, status: "small" },
    ]);
  });

  it("follows k: with k = 10 a cell of 7 is small", () => {
    expect(suppressSmallCells([{ key: 1, count: 7 }, { key: 2, count: 30 }, { key: 3, count: 12 }], { k: 10 }).map((c) => c.status)).toEqual([
      "small",
      "shown",
      "complement",
    ]);
  });

  it("rejects an invalid k or count", () => {
    expect(() => suppressSmallCells([{ key: 1, count: 3 }], { k: 0 })).toThrow(/minimum group size/);
    expect(() => suppressSmallCells([{ key: 1, count: -1 }], { k })).toThrow(/invalid count/);
    expect(() => suppressSmallCells([{ key: 1, count: 1.5 }], { k })).toThrow(/invalid count/);
  });
});

describe("minimumGroupSize", () => {
  it("is 5 by default and follows the framework's minimumGroupSize when set", () => {
    expect(DEFAULT_MINIMUM_GROUP_SIZE).toBe(5);
    expect(minimumGroupSize({ id: "x" })).toBe(5);
    expect(minimumGroupSize({ id: "x", minimumGroupSize: 10 })).toBe(10);
    expect(() => minimumGroupSize({ id: "x", minimumGroupSize: 0 })).toThrow(/minimumGroupSize/);
    expect(() => minimumGroupSize({ id: "x", minimumGroupSize: "5" })).toThrow(/minimumGroupSize/);
    expect(minimumGroupSize(getFramework("ita-2565"))).toBe(5);
  });
});

describe("computeBreakdown", () => {
  const framework = getFramework("ita-2565");
  const fields = listInstrumentFields(framework, "eit");

  /** EIT tallies of `people` respondents who all gave the option at `option` (or the scale's last) of every field. */
  function tallies(people: number, option: number): Tally[] {
    if (people === 0) return [];
    return fields.map((f) => {
      const options = framework.scales[f.scale]!.options;
      return { instrument: "eit", field: f.name, value: options[Math.min(option, options.length - 1)]!.value, count: people };
    });
  }

  it("scores the shown segments exactly as the whole chain does, and sends no scores for hidden ones", () => {
    const segments = [
      { key: "a", tallies: tallies(6, 3) },
      { key: "b", tallies: tallies(3, 0) },
      { key: "c", tallies: tallies(8, 2) },
      { key: "d", tallies: tallies(0, 0) },
    ];
    const cells = computeBreakdown(framework, "eit", segments, { k });
    expect(cells.map((c) => [c.key, c.count, c.status])).toEqual([
      ["a", 6, "complement"],
      ["b", 3, "small"],
      ["c", 8, "shown"],
      ["d", 0, "empty"],
    ]);
    expect(cells.map((c) => c.scores === null)).toEqual([true, true, false, true]);
    const c = cells[2]!.scores!;
    expect(c).toEqual(computeRoundScores(framework, segments[2]!.tallies));
    expect(c.instruments.find((i) => i.code === "eit")?.answers).toBe(8);
  });
});
