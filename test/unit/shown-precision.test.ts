import { describe, expect, it } from "vitest";
import { toShownPrecision } from "../../app/lib/shown-precision";
import { formatScore } from "../../app/text/format";

describe("toShownPrecision", () => {
  it("rounds every number that is not whole to two decimals, half up, as the page shows it, at any depth", () => {
    const data = { total: { score: 73.40499999999999, answers: 42 }, indicators: [{ code: "6", score: 81.7777777 }, { code: "7", score: null }], weight: 0.3, year: 2570 };
    expect(toShownPrecision(data)).toEqual({ total: { score: 73.41, answers: 42 }, indicators: [{ code: "6", score: 81.78 }, { code: "7", score: null }], weight: 0.3, year: 2570 });
  });

  it("never changes the figure a page prints", () => {
    for (const score of [0, 0.005, 12.344999, 49.995, 66.666666, 84.994999, 84.995, 99.999, 100]) {
      expect(formatScore(toShownPrecision({ score }).score)).toBe(formatScore(score));
    }
  });

  it("leaves strings, booleans, nulls, whole numbers and the input itself alone", () => {
    const input = { label: "3.14159", pass: true, none: null, count: 7, nested: [1, 2.5, "x"] };
    const copy = structuredClone(input);
    expect(toShownPrecision(input)).toEqual({ label: "3.14159", pass: true, none: null, count: 7, nested: [1, 2.5, "x"] });
    expect(input).toEqual(copy);
  });
});
