/**
 * The framework of the current rating era (surveys/ita-2569/, ITA-METHOD §6): it loads without problems,
 * its OIT is the 26-item list O1–O26 with the unconfirmed titles marked, O25/O26 are answered by
 * Prongsai's report and measures plan, its rating rule is ผ่านดีเยี่ยม … ต้องปรับปรุงโดยด่วน, and its IIT/EIT
 * answer fields are ita-2565's (so tallies line up across years).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtInFrameworksDir, type FrameworkBundle, readFrameworkFolder } from "../../app/lib/framework-files.server";
import { rateScores } from "../../app/scoring/rating";

function load(id: string): FrameworkBundle {
  const { bundle, problems } = readFrameworkFolder(join(builtInFrameworksDir(), id));
  expect(problems).toEqual([]);
  if (!bundle) throw new Error(`${id} did not load`);
  return bundle;
}

/** The OIT items whose 2569 title was not found (ITA-METHOD §6: O2 and O4–O9 are [U]). */
const UNCONFIRMED = ["O2", "O4", "O5", "O6", "O7", "O8", "O9"];

/** The SurveyJS question names of a survey definition, in order (every element with a name that is not html). */
function questionNames(survey: unknown): string[] {
  const names: string[] = [];
  const walk = (elements: unknown): void => {
    if (!Array.isArray(elements)) return;
    for (const e of elements as { type?: string; name?: string; elements?: unknown; templateElements?: unknown }[]) {
      if (e.type !== "html" && e.type !== "panel" && typeof e.name === "string") names.push(e.name);
      walk(e.elements);
      walk(e.templateElements);
    }
  };
  for (const page of (survey as { pages?: { elements?: unknown }[] }).pages ?? []) walk(page.elements);
  return names;
}

describe("framework ita-2569", () => {
  const current = load("ita-2569");
  const framework = current.framework;
  const items = framework.subIndicators.flatMap((sub) => sub.items.map((item) => ({ ...item, sub: sub.code })));

  it("loads from its folder without problems, as a provisional framework of fiscal year 2569", () => {
    expect(readFrameworkFolder(join(builtInFrameworksDir(), "ita-2569")).problems).toEqual([]);
    expect(framework.id).toBe("ita-2569");
    expect(framework.fiscalYear).toBe(2569);
    expect(framework.provisional).toBe(true);
    expect(current.advice.framework).toBe("ita-2569");
  });

  it("has the 26 OIT items O1–O26, each in exactly one sub-indicator of indicator 9 or 10", () => {
    expect(items.map((i) => i.code)).toEqual(Array.from({ length: 26 }, (_, n) => `O${n + 1}`));
    for (let n = 1; n <= 26; n++) {
      expect(framework.subIndicators.filter((sub) => sub.items.some((i) => i.code === `O${n}`))).toHaveLength(1);
    }
    expect(framework.subIndicators.map((sub) => sub.code)).toEqual(["9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"]);
    for (const sub of framework.subIndicators) expect(sub.indicator).toBe(sub.code.split(".")[0]);
  });

  it("marks exactly the items whose 2569 title is not confirmed", () => {
    expect(items.filter((i) => i.confirmed === false).map((i) => i.code)).toEqual(UNCONFIRMED);
    for (const item of items.filter((i) => !UNCONFIRMED.includes(i.code))) expect(item.confirmed ?? true).toBe(true);
  });

  it("offers Prongsai's report for O25, its measures plan for O26, its complaint pages for O16–O18 (issue 16), and nothing else as evidence", () => {
    const evidence = Object.fromEntries(items.filter((i) => i.evidence !== undefined).map((i) => [i.code, i.evidence]));
    expect(evidence).toEqual({ O16: "complaint-guideline", O17: "complaint-channel", O18: "complaint-statistics", O25: "report", O26: "measures" });
    expect(items.find((i) => i.code === "O25")?.sub).toBe("10.2");
    expect(items.find((i) => i.code === "O26")?.sub).toBe("10.2");
  });

  it("has its own advice for O25 and O26, besides the template for every other OIT item", () => {
    expect(Object.keys(current.advice.checklistItems ?? {}).sort()).toEqual(["O25", "O26"]);
    expect(current.advice.checklistItem.steps.length).toBeGreaterThan(0);
  });

  it("rates with the rule of ITA-METHOD §6, first matching row wins", () => {
    expect(framework.rating.rows.map((r) => r.code)).toEqual(["excellent", "good", "pass", "improve", "urgent"]);
    expect(framework.rating.rows.map((r) => r.label.th)).toEqual(["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"]);
    expect(framework.rating.rows.map((r) => r.pass)).toEqual([true, true, true, false, false]);
    const [excellent, good, pass, improve, urgent] = framework.rating.rows;
    expect(excellent!.when).toEqual({ total: { min: 95 }, iit: { min: 95 }, eit: { min: 95 }, oit: { min: 95 } });
    expect(good!.when).toEqual({ total: { min: 85 }, iit: { min: 85 }, eit: { min: 85 }, oit: { min: 85 } });
    expect(pass!.when).toEqual({ total: { min: 85 } });
    expect(improve!.when).toEqual({ total: { min: 70 } });
    expect(urgent!.when).toEqual({});
    expect(framework.levels.map((l) => [l.code, l.min])).toEqual([["95+", 95], ["85+", 85], ["70+", 70], ["<70", 0]]);
  });

  it("rates the published kind of case: 94.64 overall with an EIT under 85 is ผ่าน, not ผ่านดี, because of the EIT", () => {
    const rate = (total: number, iit: number, eit: number, oit: number) => rateScores(framework, { total, instruments: { iit, eit, oit } });
    const audit = rate(94.64, 98, 84.5, 99.5);
    expect(audit?.row.code).toBe("pass");
    expect(audit?.above?.code).toBe("good");
    expect(audit?.reasons.map((r) => r.subject)).toEqual(["eit"]);
    expect(rate(96, 96, 95, 97)?.row.code).toBe("excellent");
    expect(rate(96, 96, 94.99, 97)?.row.code).toBe("good");
    expect(rate(84.99, 90, 90, 78)?.row.code).toBe("improve");
    expect(rate(69.99, 80, 70, 62)?.row.code).toBe("urgent");
  });

  it("keeps ita-2565's instruments, weights, indicators, items and IIT/EIT answer fields", () => {
    const previous = load("ita-2565");
    expect(framework.instruments).toEqual(previous.framework.instruments);
    expect(framework.indicators).toEqual(previous.framework.indicators);
    expect(framework.items).toEqual(previous.framework.items);
    expect(framework.scales).toEqual(previous.framework.scales);
    const fields = (f: typeof framework, instrument: "iit" | "eit") =>
      f.items.filter((item) => f.indicators.find((i) => i.code === item.indicator)?.instrument === instrument).flatMap((item) => item.fields.map((field) => field.name));
    for (const instrument of ["iit", "eit"] as const) {
      expect(fields(framework, instrument)).toEqual(fields(previous.framework, instrument));
      expect(fields(framework, instrument).length).toBeGreaterThan(0);
      expect(questionNames(current.surveys[instrument])).toEqual(questionNames(previous.surveys[instrument]));
      expect(questionNames(current.surveys[instrument])).toEqual(expect.arrayContaining(fields(framework, instrument)));
    }
  });
});
