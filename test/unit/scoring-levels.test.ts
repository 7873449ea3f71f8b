import { describe, expect, it } from "vitest";
import { levelFor, passes } from "../../app/scoring";
import { fixtureFramework as fw, loadSurveyFramework } from "../fixtures/framework-fixture";

// ITA-METHOD §1, levels of 2565: AA 95–100, A 85–94.99, B 75–84.99, C 65–74.99, D 55–64.99, E 50–54.99, F 0–49.99.
const bounds = [
  [100, "AA", true],
  [95, "AA", true],
  [94.99, "A", true],
  [94.999999, "A", true],
  [85, "A", true],
  [84.999999, "B", false],
  [84.999, "B", false],
  [75, "B", false],
  [74.99, "C", false],
  [65, "C", false],
  [64.99, "D", false],
  [55, "D", false],
  [54.99, "E", false],
  [50, "E", false],
  [49.99, "F", false],
  [0, "F", false],
] as const;

describe("levelFor and passes (fixture with the 2565 levels)", () => {
  it.each(bounds)("%s → level %s, pass %s", (score, level, pass) => {
    expect(levelFor(fw, score).code).toBe(level);
    expect(passes(fw, score)).toBe(pass);
  });

  it("does not depend on the order of the levels in the data", () => {
    const shuffled = { ...fw, levels: [...fw.levels].reverse() };
    for (const [score, level] of bounds) expect(levelFor(shuffled, score).code).toBe(level);
  });

  it("reads the bounds and the pass mark from the framework", () => {
    const stricter = { ...fw, passMark: 90, levels: fw.levels.map((l) => (l.code === "A" ? { ...l, min: 90 } : l)) };
    expect(levelFor(stricter, 89).code).toBe("B");
    expect(passes(stricter, 89)).toBe(false);
    expect(passes(stricter, 90)).toBe(true);
  });

  it.each([
    [Number.NaN, /Cannot give a level/],
    [Number.POSITIVE_INFINITY, /Cannot give a level/],
    [-0.01, /below the lowest level bound/],
  ])("throws for %s", (score, message) => {
    expect(() => levelFor(fw, score)).toThrow(message);
  });
});

// Loaded unconditionally: without surveys/ita-2565 this file fails instead of skipping its real figures.
const real = loadSurveyFramework("ita-2565");

describe("levelFor and passes with surveys/ita-2565", () => {
  it.each(bounds)("%s → level %s, pass %s", (score, level, pass) => {
    expect(levelFor(real, score).code).toBe(level);
    expect(passes(real, score)).toBe(pass);
  });
});
