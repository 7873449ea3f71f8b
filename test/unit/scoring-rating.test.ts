/**
 * The rating from data (issue 13, ITA-METHOD §6): the frameworks' own rating rules, read from their
 * folders, at every row boundary, with the per-instrument conditions and the reason the rating is not the
 * one above; AA–F for 2565 unchanged.
 */
import { describe, expect, it } from "vitest";
import { getFramework } from "../../app/lib/frameworks.server";
import { describeRating, findRatingGaps, listFrameworkProblems, rateScores, scoreFromIndicators } from "../../app/scoring";
import type { Framework } from "../../app/scoring/framework";
import { formatScore } from "../../app/text/format";

const ita2569 = getFramework("ita-2569");
const ita2565 = getFramework("ita-2565");

function rate(framework: Framework, total: number, instruments: { iit?: number | null; eit?: number | null; oit?: number | null } = {}) {
  const scores = { total, instruments: { iit: total, eit: total, oit: total, ...instruments } };
  const rating = rateScores(framework, scores)!;
  return { code: rating.row.code, th: describeRating(rating, "th", formatScore), en: describeRating(rating, "en", formatScore) };
}

describe("the 2569 rating rule (ผ่านดีเยี่ยม … ต้องปรับปรุงโดยด่วน)", () => {
  it.each([
    [100, "excellent"],
    [95, "excellent"],
    [94.99, "good"],
    [85, "good"],
    [84.99, "improve"],
    [70, "improve"],
    [69.99, "urgent"],
    [0, "urgent"],
  ])("a total of %s with every instrument at the same score is %s", (total, code) => {
    expect(rate(ita2569, total).code).toBe(code);
  });

  it("names the condition that kept a total from the row above", () => {
    expect(rate(ita2569, 94.99).th).toBe("ผ่านดี — ยังไม่ถึงผ่านดีเยี่ยม: คะแนนรวม 94.99 < 95, IIT 94.99 < 95, EIT 94.99 < 95, OIT 94.99 < 95");
    expect(rate(ita2569, 84.99).th).toBe("ต้องปรับปรุง — ยังไม่ถึงผ่าน: คะแนนรวม 84.99 < 85");
    expect(rate(ita2569, 69.99).en).toBe("Needs urgent improvement — not Needs improvement: total 69.99 < 70");
    expect(rate(ita2569, 100).th).toBe("ผ่านดีเยี่ยม");
  });

  it("looks at each instrument: a total of 96 with OIT at 94 is ผ่านดี, because of the OIT", () => {
    const rated = rate(ita2569, 96, { iit: 97, eit: 98, oit: 94 });
    expect(rated.code).toBe("good");
    expect(rated.th).toBe("ผ่านดี — ยังไม่ถึงผ่านดีเยี่ยม: OIT 94.00 < 95");
  });

  it("gives ผ่าน, not ผ่านดี, to a total of 90 with its EIT at 82, with the EIT as the reason", () => {
    const rated = rate(ita2569, 90, { iit: 95, eit: 82, oit: 92 });
    expect(rated.code).toBe("pass");
    expect(rated.th).toBe("ผ่าน — ยังไม่ถึงผ่านดี: EIT 82.00 < 85");
  });

  it("rates the State Audit Office's 2568 result as published: 94.64 with EIT 81.78 is ผ่าน", () => {
    expect(rate(ita2569, 94.64, { iit: 99.2, eit: 81.78, oit: 100 }).th).toBe("ผ่าน — ยังไม่ถึงผ่านดี: EIT 81.78 < 85");
  });

  it("rates a partial total without the OIT no higher than the rows that do not ask about the OIT, and says why", () => {
    const rated = rate(ita2569, 96, { iit: 96, eit: 96, oit: null });
    expect(rated.code).toBe("pass");
    expect(rated.th).toBe("ผ่าน — ยังไม่ถึงผ่านดี: OIT ยังไม่ได้ประเมิน");
    expect(rated.en).toBe("Pass — not Pass (good): OIT not assessed");
  });

  it("has no gap: every combination of scores gets a rating", () => {
    expect(findRatingGaps(ita2569)).toEqual([]);
  });
});

describe("the 2565 rating rule (AA–F on the total)", () => {
  it.each([
    [95, "AA"],
    [94.99, "A"],
    [85, "A"],
    [84.99, "B"],
    [75, "B"],
    [74.99, "C"],
    [65, "C"],
    [55, "D"],
    [50, "E"],
    [49.99, "F"],
  ])("a total of %s is %s, whatever the instruments", (total, code) => {
    expect(rate(ita2565, total, { iit: 10, eit: 100, oit: 0 }).code).toBe(code);
  });

  it("gives the reference document's 77.99 a B, below A by its total", () => {
    const published = { "1": 91.7, "2": 86.67, "3": 86.7, "4": 79.64, "5": 83.11, "6": 75.76, "7": 80.18, "8": 73.62, "9": 78.06, "10": 68.75 };
    const result = scoreFromIndicators(ita2565, published);
    expect(result.level).toBe("B");
    const rating = rateScores(ita2565, { total: result.total, instruments: result.instruments })!;
    expect(rating.row.code).toBe("B");
    expect(describeRating(rating, "th", formatScore)).toBe("B — ยังไม่ถึง A: คะแนนรวม 77.99 < 85");
  });
});

describe("the loader refuses a rating rule that leaves a score without a rating", () => {
  const withRows = (rows: Framework["rating"]["rows"]): Framework => ({ ...ita2569, rating: { rows } });

  it("names the gap when the catch-all row is missing", () => {
    const broken = withRows(ita2569.rating.rows.slice(0, -1));
    expect(findRatingGaps(broken)[0]).toEqual({ total: 0, iit: 0, eit: 0, oit: 0 });
    expect(listFrameworkProblems(broken).join("\n")).toMatch(/framework\.json › rating\.rows: a gap in the rating rule: total 0, iit 0, eit 0, oit 0 matches no row/);
  });

  it("finds a gap between rows (no row for totals from 70 to 85 with a weak instrument)", () => {
    const rows = ita2569.rating.rows;
    const broken = withRows([rows[0]!, rows[1]!, { ...rows[3]!, when: { total: { min: 70 }, eit: { min: 85 } } }, { ...rows[4]!, when: { total: { below: 70 } } }]);
    const gaps = findRatingGaps(broken);
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap.total).toBeGreaterThanOrEqual(70);
  });

  it.each([
    ["a condition on an unknown score", (rows: Framework["rating"]["rows"]) => [{ ...rows[0]!, when: { xit: { min: 95 } } }, ...rows.slice(1)], /rating\.rows\[0\] \(excellent\)\.when\.xit: a condition on xit/],
    ["a bound above 100", (rows: Framework["rating"]["rows"]) => [{ ...rows[0]!, when: { total: { min: 950 } } }, ...rows.slice(1)], /when\.total\.min: 950 is not in 0–100/],
    ["a colour that is not #rrggbb", (rows: Framework["rating"]["rows"]) => [{ ...rows[0]!, color: "green" }, ...rows.slice(1)], /rating\.rows\[0\] \(excellent\)\.color/],
    ["a row code used twice", (rows: Framework["rating"]["rows"]) => [...rows.slice(0, -1), { ...rows.at(-1)!, code: "pass" }], /rating pass is defined twice/],
    ["no rows", () => [], /no rating rule/],
  ] as const)("names %s with its field", (_case, change, message) => {
    expect(listFrameworkProblems(withRows(change(ita2569.rating.rows) as Framework["rating"]["rows"])).join("\n")).toMatch(message);
  });
});
