/**
 * The published report (issue 5, part 3) on a real database: the reference document's ten indicator
 * scores, entered as the official result of the round's fiscal year, give 77.99 and B (๗๗.๙๙ in Thai
 * digits); the weak indicators are named, indicator 4's issue is written from its weak questions
 * measured this round (i20, i24) and indicator 8's falls back to the framework's description when the
 * round has no EIT answers; the failing OIT items are recommended with what they must show; and the
 * measures are listed with every field. The HTML is the page's own component rendered on the server.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ReportDocument } from "../../app/components/report-document";
import { type Digits, formatScore, withDigits } from "../../app/text/format";
import { getFramework } from "../../app/lib/frameworks.server";
import type { Lang } from "../../app/text/i18n";
import { createSessionCookie, getSessionUser, type SessionUser } from "../../app/auth/session.server";
import { applyMeasuresForm } from "../../app/services/measures/commands.server";
import { applyOfficialResultForm } from "../../app/services/official-results/commands.server";
import { applyOitChecklistForm } from "../../app/services/oit-checklist/commands.server";
import { getRoundReport, type RoundReport } from "../../app/services/report.server";
import { requireRound } from "../../app/auth/round-access.server";
import { storeResponse } from "../../app/services/submit-response.server";
import { listInstrumentFields } from "../../app/services/validate-answers";
import type { Db } from "../../db/client.server";
import { listRoundLinks } from "../../db/queries/links";
import { insertUnit } from "../../db/queries/organizations";
import { createTestUser } from "../support/accounts";
import { createRoundFixture, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { REFERENCE_SCORES_2565 as REFERENCE } from "../support/reference-scores";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-25T05:00:00Z");
const TODAY = "2026-11-25";
const framework = getFramework("ita-2565");

async function sessionUser(db: Db, userId: number): Promise<SessionUser> {
  const cookie = (await createSessionCookie(db, userId, NOW)).split(";")[0]!;
  const user = await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } }), NOW);
  if (!user) throw new Error("no session user");
  return user;
}

function render(report: RoundReport, lang: Lang, digits: Digits): string {
  return renderToStaticMarkup(createElement(ReportDocument, { report, lang, digits }));
}

/** The text of an element of the rendered HTML, found by an attribute, tags stripped. */
function textOf(html: string, attribute: string): string {
  const start = html.indexOf(attribute);
  if (start < 0) throw new Error(`no ${attribute} in the report`);
  const open = html.lastIndexOf("<", start);
  const tag = /^<(\w+)/.exec(html.slice(open))![1]!;
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, "g");
  re.lastIndex = open;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return decode(html.slice(open, m.index + m[0].length).replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();
  }
  throw new Error(`unclosed <${tag}>`);
}

function decode(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** IIT answers at the best option everywhere except `worst` fields, at the worst. */
function iitAnswers(worst: readonly string[]): Record<string, number> {
  const answers: Record<string, number> = {};
  for (const field of listInstrumentFields(framework, "iit")) {
    const options = [...framework.scales[field.scale]!.options].sort((a, b) => a.score - b.score);
    answers[field.name] = (worst.includes(field.name) ? options[0] : options[options.length - 1])!.value;
  }
  return answers;
}

describe("the published report", () => {
  let t: TestDb;
  let fixture: RoundFixture;
  let manager: SessionUser;
  let viewer: SessionUser;

  beforeEach(async () => {
    t = await createTestDb();
    fixture = await createRoundFixture(t.db, "report-agency");
    manager = await sessionUser(t.db, await createTestUser(t.db, fixture.organizationId, "report-manager", "manager"));
    viewer = await sessionUser(t.db, await createTestUser(t.db, fixture.organizationId, "report-viewer", "viewer"));
  });

  afterEach(async () => {
    await t.close();
  });

  async function enterReferenceAsOfficial() {
    const form = new FormData();
    form.set("intent", "save");
    form.set("frameworkId", "ita-2565");
    form.set("fiscalYear", "2569"); // the fixture round's fiscal year
    for (const [code, score] of Object.entries(REFERENCE)) form.set(`score_${code}`, score);
    const result = await applyOfficialResultForm(t.db, manager, form, NOW);
    expect(result.ok).toBe(true);
  }

  async function answerIit(count: number, worst: readonly string[]) {
    const link = (await listRoundLinks(t.db, fixture.roundId)).find((l) => l.instrument === "iit")!;
    for (let n = 0; n < count; n++) {
      const stored = await storeResponse(t.db, {
        submissionId: newSubmissionId(),
        roundId: fixture.roundId,
        linkId: link.linkId,
        instrument: "iit",
        frameworkId: framework.id,
        answeredOn: "2026-03-02",
        answers: iitAnswers(n % 2 === 0 ? worst : []),
      });
      expect(stored).toBe(true);
    }
  }

  async function markOit(code: string, status: "pass" | "fail") {
    const form = new FormData();
    form.set("intent", "save-item");
    form.set("itemCode", code);
    form.set("status", status);
    form.set("evidenceUrls", status === "pass" ? `https://example.go.th/oit/${code}` : "");
    form.set("note", "");
    const result = await applyOitChecklistForm(t.db, manager, fixture.roundId, form, NOW);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }

  it("shows the reference result, 77.99 and B in Thai digits, with the weak indicators and their issues", async () => {
    await enterReferenceAsOfficial();
    // This round's staff rate the asset-borrowing procedure (i20) and the oversight of assets (i24)
    // at the worst option half of the time: the issue of indicator 4 is written from those two.
    await answerIit(6, ["i20", "i24"]);
    await markOit("o23", "fail");
    await markOit("o36", "fail");
    await markOit("o1", "pass");

    const report = await getRoundReport(t.db, viewer, String(fixture.roundId), { source: "official", today: TODAY });
    expect(report.source.shown).toBe("official");
    expect(report.source.officialAvailable).toBe(true);
    expect(formatScore(report.total.score)).toBe("77.99");
    expect(report.total.level?.code).toBe("B");
    expect(report.total.partial).toBe(false);
    const oit = report.instruments.find((i) => i.code === "oit")!;
    expect(formatScore(oit.score)).toBe("73.41");

    const indicators = report.instruments.flatMap((i) => i.indicators);
    const weak = indicators.filter((i) => i.weak).map((i) => i.code);
    // Under the pass mark (85): 4 and 8 — the ones the reference writes its issues for — and the others under 85.
    expect(weak).toEqual(["4", "5", "6", "7", "8", "9", "10"]);
    const four = indicators.find((i) => i.code === "4")!;
    expect(four.weakItems.map((w) => w.code)).toEqual(["i20", "i24"]);
    expect(four.fallback).toBeNull();
    // No EIT answers in this round: indicator 8's issue is the framework's description of a low score.
    const eight = indicators.find((i) => i.code === "8")!;
    expect(eight.weakItems).toEqual([]);
    expect(eight.fallback).toEqual(framework.indicators.find((i) => i.code === "8")!.low);
    // Indicator 10's issue names the failing OIT item of its own indicator.
    expect(indicators.find((i) => i.code === "10")!.weakItems.map((w) => w.code)).toEqual(["o36"]);
    expect(report.recommendations.map((r) => r.code)).toEqual(["o23", "o36"]);

    const html = render(report, "th", "thai");
    expect(textOf(html, 'data-testid="report-result"')).toContain("มีผลคะแนน ๗๗.๙๙ อยู่ในระดับ B");
    expect(textOf(html, 'data-testid="report-advice"')).toContain("จำนวน ๗๗.๙๙ คะแนน จากคะแนนเต็ม ๑๐๐ คะแนน โดยมีผลการประเมินระดับ B หมายถึง");
    // What B means, from the framework (the reference's paragraph), with its numbers in Thai digits.
    expect(textOf(html, 'data-testid="report-advice"')).toContain("ประมาณการร้อยละ ๑๕-๒๕ ของตัวชี้วัด");
    expect(html).toContain("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๙");
    expect(html).toContain("เทศบาลตำบลทดสอบ อำเภอเมือง จังหวัดทดสอบ");
    expect(textOf(html, 'data-testid="report-source"')).toContain("ผลการประเมินอย่างเป็นทางการ");
    // The instruments by their official names (the NACC's): visitors are shown the EIT as a satisfaction
    // survey (issue 15), the report keeps the name the assessment uses.
    expect(html).toContain("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)");
    expect(html).toContain("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)");
    expect(html).not.toContain("แบบประเมินความพึงพอใจ");

    const row4 = textOf(html, 'data-indicator="4"');
    expect(html).toMatch(/data-indicator="4" data-weak="true"/);
    expect(html).toMatch(/data-indicator="8" data-weak="true"/);
    expect(html).toMatch(/data-indicator="1" data-weak="false"/);
    expect(row4).toContain("๗๙.๖๔");
    expect(row4).toContain("ผลคะแนน IIT มีประเด็นที่ต้องปรับปรุงในเรื่องการใช้ทรัพย์สินของราชการ");
    for (const code of ["i20", "i24"]) {
      const item = framework.items.find((i) => i.code === code)!;
      expect(row4).toContain(item.title.th);
      expect(row4).toContain(item.low.th);
    }
    expect(textOf(html, 'data-indicator="8"')).toContain(framework.indicators.find((i) => i.code === "8")!.low.th);
    expect(textOf(html, 'data-indicator="1"')).toContain("ควรรักษาระดับ");
    // Item codes stay codes in a Thai-digit document.
    expect(textOf(html, 'data-indicator="10"')).toContain("o36");

    const recommendations = textOf(html, 'data-testid="report-recommendations"');
    const o23 = framework.subIndicators.flatMap((s) => s.items).find((i) => i.code === "o23")!;
    expect(recommendations).toContain(withDigits(`แสดง${o23.requirement.th}`, "thai"));

    // The switch to Arabic digits, and the English version.
    const arabic = render(report, "th", "arabic");
    expect(textOf(arabic, 'data-testid="report-result"')).toContain("มีผลคะแนน 77.99 อยู่ในระดับ B");
    expect(arabic).not.toMatch(/[๐-๙]/);
    const english = render(report, "en", "arabic");
    expect(textOf(english, 'data-testid="report-result"')).toContain("scored 77.99, level B");
    expect(english).toContain("Use of government assets");
  });

  /** Creates a measure through the measures service, as the measures page posts it. */
  async function createMeasure(fields: { title: string; steps: string[]; units: number[]; period: string; dueOn: string; followUp: string; status: string; targets: string[] }) {
    const round = await requireRound(t.db, manager, String(fixture.roundId));
    const form = new FormData();
    form.set("intent", "create");
    form.set("title", fields.title);
    for (const step of fields.steps) form.append("step", step);
    for (const unit of fields.units) form.append("unit", String(unit));
    form.set("period", fields.period);
    form.set("dueOn", fields.dueOn);
    form.set("followUp", fields.followUp);
    form.set("status", fields.status);
    for (const target of fields.targets) form.append("target", target);
    const result = await applyMeasuresForm(t.db, manager, round, form, NOW);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }

  it("lists the measures in the plan's order with every column, numbered in Thai digits", async () => {
    await enterReferenceAsOfficial();
    const office = await insertUnit(t.db, { organization_id: fixture.organizationId, name_th: "สำนักปลัด", name_en: "Office of the Permanent Secretary", created_at: NOW.toISOString() });
    const finance = (await t.db.selectFrom("unit").where("organization_id", "=", fixture.organizationId).where("name_th", "=", "กองคลัง").select("id").executeTakeFirstOrThrow()).id;
    // The reference plan's first measure, a multi-line step, and a due date that has passed.
    await createMeasure({
      title: "การสร้างฐานความคิดการแยกแยะประโยชน์ส่วนตัวและประโยชน์ส่วนรวม",
      steps: [
        "เสริมสร้างฐานคิดแยกแยะประโยชน์ส่วนตัวและประโยชน์ส่วนรวมในรูปแบบของการจัดโครงการอบรมคุณธรรมจริยธรรม",
        "แจ้งให้พนักงานเทศบาลและพนักงานจ้างทุกท่านได้รับทราบ\nในการประชุมประจำเดือน",
      ],
      units: [office, finance],
      period: "ตลอดปี ๖๙",
      dueOn: "2026-09-30",
      followUp: "๑.จัดโครงการอบรมคุณธรรมจริยธรรม พร้อมรายงานผลการดำเนินงานให้คณะผู้บริหารรับทราบ\n๒.แจ้งในการประชุมเดือนกุมภาพันธ์ 2569",
      status: "in-progress",
      targets: ["4", "i20"],
    });
    await createMeasure({
      title: "การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ",
      steps: ["สรุปผลการจัดซื้อจัดจ้างของหน่วยงานรายเดือน"],
      units: [finance],
      period: "ม.ค.-มี.ค. 69",
      dueOn: "",
      followUp: "ดำเนินการเผยแพร่ผ่านเว็บไซต์หลักของเทศบาล",
      status: "planned",
      targets: ["o23"],
    });

    const report = await getRoundReport(t.db, viewer, String(fixture.roundId), { source: "official", today: TODAY });
    expect(report.measures.map((m) => m.title)).toEqual(["การสร้างฐานความคิดการแยกแยะประโยชน์ส่วนตัวและประโยชน์ส่วนรวม", "การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ"]);
    const [first, second] = report.measures;
    expect(first!.steps[1]).toBe("แจ้งให้พนักงานเทศบาลและพนักงานจ้างทุกท่านได้รับทราบ\nในการประชุมประจำเดือน");
    expect(first!.units.map((u) => u.th).sort()).toEqual(["กองคลัง", "สำนักปลัด"]);
    expect(first!.overdue).toBe(true);
    expect(first!.targets.map((x) => x.code)).toEqual(["4", "i20"]);
    expect(second!.dueOn).toBeNull();

    const html = render(report, "th", "thai");
    const table = textOf(html, 'data-testid="report-measures"');
    expect(table).toContain("๑. การสร้างฐานความคิดการแยกแยะประโยชน์ส่วนตัวและประโยชน์ส่วนรวม");
    expect(table).toContain("๒. การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ");
    expect(table).toContain("ตอบ: ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ; i20 ความสะดวกของขั้นตอนการขอยืมทรัพย์สินของราชการ");
    expect(table).toContain("๑. เสริมสร้างฐานคิด");
    expect(table).toContain("๒. แจ้งให้พนักงานเทศบาล");
    expect(table).toContain("ตลอดปี ๖๙");
    expect(table).toContain("ม.ค.-มี.ค. ๖๙"); // typed with Arabic digits, printed in Thai ones
    expect(table).toContain("กำหนดแล้วเสร็จ ๓๐ กันยายน ๒๕๖๙");
    expect(table).toContain("แจ้งในการประชุมเดือนกุมภาพันธ์ ๒๕๖๙");
    expect(table).toContain("สถานะ: กำลังดำเนินการ (เลยกำหนด)");
    expect(table).toContain("สถานะ: วางแผนแล้ว");
    // Line breaks typed in a step or a follow-up are kept for print (white-space: pre-line).
    expect(html).toContain("ทุกท่านได้รับทราบ\nในการประชุมประจำเดือน");
    expect(textOf(render(report, "en", "arabic"), 'data-testid="report-measures"')).toContain("Office of the Permanent Secretary");
  });

  it("shows the measured scores by default, and says so when the official result asked for is missing", async () => {
    await answerIit(4, ["i20"]);
    const measured = await getRoundReport(t.db, viewer, String(fixture.roundId), { source: "measured", today: TODAY });
    expect(measured.source).toMatchObject({ shown: "measured", officialAvailable: false, officialMissing: false });
    // IIT only: a partial score, clearly marked, made of the IIT alone.
    expect(measured.total.partial).toBe(true);
    expect(measured.total.instruments).toEqual(["iit"]);
    expect(measured.measured.iitAnswers).toBe(4);

    const asked = await getRoundReport(t.db, viewer, String(fixture.roundId), { source: "official", today: TODAY });
    expect(asked.source).toMatchObject({ shown: "measured", officialMissing: true });
    const html = render(asked, "th", "thai");
    expect(textOf(html, 'data-testid="report-source"')).toContain("ยังไม่ได้บันทึกผลการประเมินอย่างเป็นทางการของปีงบประมาณ พ.ศ. ๒๕๖๙");
    expect(textOf(html, 'data-testid="report-result"')).toContain("ผลคะแนนเบื้องต้น");
  });

  it("is the agency's own: another agency's round is a 404", async () => {
    const other = await createRoundFixture(t.db, "other-agency");
    const outsider = await sessionUser(t.db, await createTestUser(t.db, other.organizationId, "outsider", "admin"));
    await expect(getRoundReport(t.db, outsider, String(fixture.roundId), { source: "measured", today: TODAY })).rejects.toMatchObject({ init: { status: 404 } });
    for (const bad of ["0", "-1", "abc", "1e3", undefined]) {
      await expect(getRoundReport(t.db, viewer, bad, { source: "measured", today: TODAY })).rejects.toMatchObject({ init: { status: 404 } });
    }
  });
});
