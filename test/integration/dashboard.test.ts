/**
 * The dashboard service on a real, migrated SQLite database (ARCHITECTURE.md §3.8): answers go in the
 * way a respondent's do (storeResponse: the response and its tallies in one transaction), and the
 * dashboard's round, per-counter and per-month figures must equal what the scoring engine gives for the
 * very answers submitted to each segment. Counters and months with fewer than k = 5 answers are hidden,
 * with their complementary cell, and their scores never leave the service. The dashboard reads tallies
 * only: tallies written without responses move it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertLink, listRoundLinks } from "../../db/queries/links";
import { insertCounter, insertUnit } from "../../db/queries/organizations";
import { incrementTallies } from "../../db/queries/tallies";
import { getFramework } from "../../app/lib/frameworks.server";
import type { SessionUser } from "../../app/auth/session.server";
import { computeRoundScores, type RoundScores, type Tally } from "../../app/scoring";
import { getRoundDashboard, type BreakdownRowView } from "../../app/services/dashboard.server";
import { requireRound } from "../../app/auth/round-access.server";
import { storeResponse } from "../../app/services/submit-response.server";
import { listInstrumentFields } from "../../app/services/validate-answers";
import iitSurvey from "../../surveys/ita-2565/iit.json";
import { createRoundFixture, newSubmissionId } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const framework = getFramework("ita-2565");
const CREATED = "2026-01-01T00:00:00.000Z";
const EIT_INDICATORS = ["6", "7", "8"];

type Answers = Record<string, number>;

/** Varied but deterministic EIT answers: respondent n gives option (n·7 + field·3) mod the scale's size. */
function eitAnswers(n: number): Answers {
  const answers: Answers = {};
  listInstrumentFields(framework, "eit").forEach((field, i) => {
    const options = framework.scales[field.scale]!.options;
    answers[field.name] = options[(n * 7 + i * 3) % options.length]!.value;
  });
  return answers;
}

/** IIT answers at the best option everywhere except the fields in `worst`, which get the worst one. */
function iitAnswers(worst: string[]): Answers {
  const answers: Answers = {};
  for (const field of listInstrumentFields(framework, "iit")) {
    const options = [...framework.scales[field.scale]!.options].sort((a, b) => a.score - b.score);
    answers[field.name] = (worst.includes(field.name) ? options[0] : options[options.length - 1])!.value;
  }
  return answers;
}

/** The title of a top-level element of the IIT form, read straight from the SurveyJS JSON. */
function surveyTitle(name: string): { default: string; en: string } {
  const pages = iitSurvey.pages as { elements: { name: string; title?: unknown }[] }[];
  const element = pages.flatMap((p) => p.elements).find((e) => e.name === name);
  if (!element) throw new Error(`no element ${name} in iit.json`);
  return element.title as { default: string; en: string };
}

/** What the scoring engine gives for a list of submitted answers: each answer is a tally of 1. */
function predict(instrument: "iit" | "eit", answerSets: Answers[]): RoundScores {
  const tallies: Tally[] = answerSets.flatMap((answers) => Object.entries(answers).map(([field, value]) => ({ instrument, field, value, count: 1 })));
  return computeRoundScores(framework, tallies);
}

function expectScoresMatch(row: BreakdownRowView, predicted: RoundScores) {
  const eit = predicted.instruments.find((i) => i.code === "eit")!;
  expect(row.status).toBe("shown");
  expect(row.answers).toBe(eit.answers);
  expect(row.eit?.score).toBeCloseTo(eit.score!, 9);
  expect(row.eit?.level?.code).toBe(eit.level?.code);
  for (const code of EIT_INDICATORS) {
    const indicator = predicted.indicators.find((i) => i.code === code)!;
    expect(row.indicators[code]?.score, `indicator ${code}`).toBeCloseTo(indicator.score!, 9);
  }
}

function expectHidden(row: BreakdownRowView | undefined, status: "small" | "complement") {
  expect(row?.status).toBe(status);
  expect(row?.eit).toBeNull();
  expect(row?.indicators).toEqual({});
}

describe("getRoundDashboard (SQLite)", () => {
  let t: TestDb;
  let roundId = 0;
  let organizationId = 0;
  /** counter name → its id and EIT link ids */
  const counters: Record<string, { counterId: number; linkIds: number[] }> = {};
  /** What was submitted, by counter and by month. */
  let byCounter: Record<string, Answers[]> = {};
  let byMonth: Record<string, Answers[]> = {};
  let allEit: Answers[] = [];
  let allIit: Answers[] = [];

  async function addCounter(name: string): Promise<void> {
    const unitId = await insertUnit(t.db, { organization_id: organizationId, name_th: `กอง ${name}`, name_en: `Unit ${name}`, created_at: CREATED });
    const counterId = await insertCounter(t.db, {
      organization_id: organizationId,
      unit_id: unitId,
      name_th: `จุด ${name}`,
      name_en: `Counter ${name}`,
      created_at: CREATED,
    });
    const linkId = await insertLink(t.db, { round_id: roundId, instrument: "eit", counter_id: counterId, token: `tok${name}${roundId}xxxxxxxx`, created_at: CREATED });
    counters[name] = { counterId, linkIds: [linkId] };
  }

  async function submit(instrument: "iit" | "eit", linkId: number, answeredOn: string, answers: Answers) {
    const stored = await storeResponse(t.db, {
      submissionId: newSubmissionId(),
      roundId,
      linkId,
      instrument,
      frameworkId: framework.id,
      answeredOn,
      answers,
    });
    expect(stored).toBe(true);
  }

  beforeEach(async () => {
    t = await createTestDb();
    const fixture = await createRoundFixture(t.db);
    roundId = fixture.roundId;
    organizationId = fixture.organizationId;
    byCounter = {};
    byMonth = {};
    allEit = [];
    allIit = [];

    // The fixture's counter has an active and a paused EIT link: both count for the counter.
    const fixtureLinks = await listRoundLinks(t.db, roundId);
    const fixtureEit = fixtureLinks.filter((l) => l.instrument === "eit");
    counters.A = { counterId: fixtureEit[0]!.counterId!, linkIds: fixtureEit.map((l) => l.linkId) };
    await addCounter("B");
    await addCounter("C");
    await addCounter("D"); // no answers at all
    const iitLink = fixtureLinks.find((l) => l.instrument === "iit")!;

    // 21 EIT answers: counters A 12, B 6, C 3, D 0; months Oct 7, Nov 5, Dec 7, Jan 2.
    const plan: [counter: string, day: string][] = [
      ...Array.from({ length: 12 }, (_, n): [string, string] => ["A", ["2025-10-03", "2025-12-15", "2025-11-20"][n % 3]!]),
      ...Array.from({ length: 6 }, (_, n): [string, string] => ["B", ["2025-10-10", "2025-12-01", "2026-01-05"][n % 3]!]),
      ["C", "2025-10-31"],
      ["C", "2025-11-02"],
      ["C", "2025-12-24"],
    ];
    let n = 0;
    for (const [counter, day] of plan) {
      const answers = eitAnswers(n);
      const links = counters[counter]!.linkIds;
      await submit("eit", links[n % links.length]!, day, answers);
      (byCounter[counter] ??= []).push(answers);
      (byMonth[day.slice(0, 7)] ??= []).push(answers);
      allEit.push(answers);
      n += 1;
    }
    // 4 IIT answers: asset borrowing (i20) at the worst option, and the second sub-item of i11.
    for (let i = 0; i < 4; i++) {
      const answers = iitAnswers(["i20", "i11_2"]);
      await submit("iit", iitLink.linkId, "2025-11-11", answers);
      allIit.push(answers);
    }
  });

  afterEach(async () => {
    await t.close();
  });

  it("gives the round's figures the scoring predicts from the submitted answers", async () => {
    const dashboard = (await getRoundDashboard(t.db, roundId))!;
    const eit = predict("eit", allEit);
    const iit = predict("iit", allIit);
    for (const code of ["1", "2", "3", "4", "5"]) {
      expect(dashboard.indicators.find((i) => i.code === code)?.score).toBeCloseTo(iit.indicators.find((i) => i.code === code)!.score!, 9);
    }
    for (const code of EIT_INDICATORS) {
      expect(dashboard.indicators.find((i) => i.code === code)?.score).toBeCloseTo(eit.indicators.find((i) => i.code === code)!.score!, 9);
    }
    // i19–i24 at 100 except i20 at 0: indicator 4 = 500 / 6.
    expect(dashboard.indicators.find((i) => i.code === "4")?.score).toBeCloseTo(500 / 6, 9);
    expect(dashboard.indicators.filter((i) => i.instrument === "oit").map((i) => i.score)).toEqual([null, null]);
    expect(dashboard.instruments.find((i) => i.code === "oit")?.score).toBeNull();
    expect(dashboard.total.full).toBe(false);
    expect(dashboard.total.instruments).toEqual(["iit", "eit"]);
    expect(dashboard.k).toBe(5);
  });

  it("gives per-counter EIT and indicators 6–8 as the scoring predicts; hides the counter under 5 and its complement", async () => {
    const dashboard = (await getRoundDashboard(t.db, roundId))!;
    const row = (name: string) => dashboard.counters.find((c) => c.counterId === counters[name]!.counterId);
    expect(dashboard.counters.map((c) => c.name.th)).toEqual(["จุดชำระภาษี", "จุด B", "จุด C", "จุด D"]);
    // A: 12 answers over its two links, shown.
    expectScoresMatch(row("A")!, predict("eit", byCounter.A!));
    expect(row("A")?.answers).toBe(12);
    // C: 3 answers, hidden, its count too.
    expectHidden(row("C"), "small");
    expect(row("C")?.answers).toBeNull();
    // B: 6 answers, the smallest shown cell: hidden, or C = total − A − B.
    expectHidden(row("B"), "complement");
    expect(row("B")?.answers).toBe(6);
    // D: nobody answered.
    expect(row("D")).toMatchObject({ status: "empty", answers: 0, eit: null });
  });

  it("gives per-month EIT as the scoring predicts over the fiscal year; hides the month under 5 and its complement", async () => {
    const dashboard = (await getRoundDashboard(t.db, roundId))!;
    // The fixture's period runs from FY 2569 to today's fiscal year (fixtureRoundEndsOn): FY 2569 first.
    expect(dashboard.months.map((m) => m.month).slice(0, 12)).toEqual([
      "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09",
    ]);
    expect(dashboard.months[0]?.label).toEqual({ th: "ต.ค. 68", en: "Oct 2025" });
    expect(dashboard.months[3]?.label).toEqual({ th: "ม.ค. 69", en: "Jan 2026" });
    const month = (m: string) => dashboard.months.find((row) => row.month === m);
    expect(byMonth["2025-10"]).toHaveLength(7);
    expect(byMonth["2025-12"]).toHaveLength(7);
    expectScoresMatch(month("2025-10")!, predict("eit", byMonth["2025-10"]!));
    expectScoresMatch(month("2025-12")!, predict("eit", byMonth["2025-12"]!));
    expect(byMonth["2026-01"]).toHaveLength(2);
    expectHidden(month("2026-01"), "small");
    expect(byMonth["2025-11"]).toHaveLength(5);
    expectHidden(month("2025-11"), "complement");
    for (const m of ["2026-02", "2026-09"]) expect(month(m)).toMatchObject({ status: "empty", answers: 0, eit: null });
  });

  it("lists the weak areas weakest first with the framework's wording and the question as the form asks it", async () => {
    const dashboard = (await getRoundDashboard(t.db, roundId))!;
    const i20 = dashboard.weakAreas.find((a) => a.kind === "item" && a.code === "i20");
    const i20Question = surveyTitle("i20");
    expect(i20).toMatchObject({
      score: 0,
      indicator: "4",
      title: framework.items.find((i) => i.code === "i20")!.title,
      low: framework.items.find((i) => i.code === "i20")!.low,
      question: { th: i20Question.default, en: i20Question.en },
    });
    expect(i20?.question?.th).toContain("ยืมทรัพย์สินของราชการ");
    // A sub-item is worded by its own title; its question is the panel's.
    const i11Panel = surveyTitle("panel_i11");
    const i11_2 = dashboard.weakAreas.find((a) => a.kind === "field" && a.code === "i11_2");
    expect(i11_2).toMatchObject({ parent: "i11", score: 0, question: { th: i11Panel.default } });
    expect(dashboard.weakAreas.find((a) => a.kind === "indicator" && a.code === "4")?.question).toBeNull();
    const scores = dashboard.weakAreas.map((a) => a.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    for (const area of dashboard.weakAreas) expect(area.score).toBeLessThan(framework.passMark);
  });

  it("counts the answers against the minimum sample and says how many more are needed", async () => {
    const dashboard = (await getRoundDashboard(t.db, roundId))!;
    // Head-count 50 < 10 % rule's floor: minimum 30. Size group M: EIT minimum 70.
    expect(dashboard.samples.iit).toEqual({ answers: 4, minimum: 30, remaining: 26 });
    expect(dashboard.samples.eit).toEqual({ answers: 21, minimum: 70, remaining: 49 });
    expect(dashboard.samples.eitGroup?.th).toBe("เทศบาลตำบล ขนาดกลาง (M)");
  });

  it("reads tallies, not responses: tallies written alone move the figures and lift the suppression", async () => {
    // 10 more answers for counter C in February, as tallies only (no response rows).
    const more = Array.from({ length: 10 }, (_, i) => eitAnswers(100 + i));
    await incrementTallies(
      t.db,
      more.flatMap((answers) =>
        Object.entries(answers).map(([field, value]) => ({
          round_id: roundId,
          link_id: counters.C!.linkIds[0]!,
          instrument: "eit" as const,
          month: "2026-02",
          field,
          value,
          count: 1,
        })),
      ),
    );
    const dashboard = (await getRoundDashboard(t.db, roundId))!;
    const row = (name: string) => dashboard.counters.find((c) => c.counterId === counters[name]!.counterId)!;
    expectScoresMatch(row("C"), predict("eit", [...byCounter.C!, ...more]));
    expectScoresMatch(row("B"), predict("eit", byCounter.B!));
    expectScoresMatch(dashboard.months.find((m) => m.month === "2026-02")!, predict("eit", more));
    expect(dashboard.samples.eit.answers).toBe(31);
  });

  it("is reached only through the user's own agency (404 otherwise)", async () => {
    const other = await createRoundFixture(t.db, "other-agency");
    const user = { organizationId: other.organizationId } as SessionUser;
    const rejected = await requireRound(t.db, user, String(roundId)).catch((e: unknown) => e);
    expect((rejected as { init?: { status?: number } }).init?.status ?? (rejected as Response).status).toBe(404);
    await expect(requireRound(t.db, user, String(other.roundId))).resolves.toMatchObject({ id: other.roundId });
    expect(await getRoundDashboard(t.db, 999_999)).toBeUndefined();
  });
});
