import { describe, expect, it } from "vitest";
import { minimumSample } from "../../app/scoring";
import { fixtureFramework as fw, loadSurveyFramework } from "../fixtures/framework-fixture";

// ITA-METHOD §5: IIT 10 % of eligible staff, at least 30, everyone when fewer than 30.
const iit = [
  [0, 0],
  [1, 1],
  [25, 25],
  [29, 29],
  [30, 30],
  [120, 30],
  [300, 30],
  [301, 31],
  [400, 40],
  [1234, 124],
] as const;

describe("minimumSample", () => {
  it.each(iit)("IIT head-count %s → %s", (headCount, expected) => {
    expect(minimumSample(fw, { instrument: "iit", headCount })).toBe(expected);
  });

  it.each([
    ["tambon-m", 70],
    ["tambon-s", 60],
    ["sao-l", 50],
    ["sao-m", 40],
    ["sao-s", 30],
  ])("EIT group %s → %s", (group, expected) => {
    expect(minimumSample(fw, { instrument: "eit", group })).toBe(expected);
  });

  it("EIT without a group uses the framework's default group", () => {
    expect(minimumSample(fw, { instrument: "eit" })).toBe(40);
  });

  it("reads the percentage and minimum from the framework", () => {
    const other = { ...fw, sampleSize: { ...fw.sampleSize, iit: { percent: 12.5, minimum: 20 } } };
    expect(minimumSample(other, { instrument: "iit", headCount: 19 })).toBe(19);
    expect(minimumSample(other, { instrument: "iit", headCount: 100 })).toBe(20);
    expect(minimumSample(other, { instrument: "iit", headCount: 200 })).toBe(25);
    expect(minimumSample(other, { instrument: "iit", headCount: 201 })).toBe(26);
  });

  it("is not pushed up by floating-point noise (2.2 % of 1500 is 33, though 2.2 × 1500 / 100 = 33.00000000000001)", () => {
    expect((2.2 * 1500) / 100).toBeGreaterThan(33);
    const other = { ...fw, sampleSize: { ...fw.sampleSize, iit: { percent: 2.2, minimum: 0 } } };
    expect(minimumSample(other, { instrument: "iit", headCount: 1500 })).toBe(33);
  });

  it.each([
    [{ instrument: "eit", group: "pao-xl" } as const, /Unknown EIT sample group "pao-xl".*known: tambon-m/],
    [{ instrument: "iit", headCount: -1 } as const, /whole number/],
    [{ instrument: "iit", headCount: 2.5 } as const, /whole number/],
    [{ instrument: "iit", headCount: Number.NaN } as const, /whole number/],
  ])("throws for %j", (query, message) => {
    expect(() => minimumSample(fw, query)).toThrow(message);
  });
});

// Loaded unconditionally: without surveys/ita-2565 this file fails instead of skipping its real figures.
const real = loadSurveyFramework("ita-2565");

describe("minimumSample with surveys/ita-2565", () => {
  it.each([
    [25, 25],
    [120, 30],
    [400, 40],
  ])("IIT head-count %s → %s", (headCount, expected) => {
    expect(minimumSample(real, { instrument: "iit", headCount })).toBe(expected);
  });

  // ITA-METHOD §5: เทศบาลตำบล size M 70, size S 60; อบต. size L 50, M 40, S 30 (local governments, about 2568).
  it.each([
    ["tambon-municipality-m", 70],
    ["tambon-municipality-s", 60],
    ["sao-l", 50],
    ["sao-m", 40],
    ["sao-s", 30],
  ])("EIT group %s → %s", (group, expected) => {
    expect(minimumSample(real, { instrument: "eit", group })).toBe(expected);
  });

  it("EIT without a group takes the default group, เทศบาลตำบล size M (70)", () => {
    expect(minimumSample(real, { instrument: "eit" })).toBe(70);
  });
});
