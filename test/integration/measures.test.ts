/**
 * The measures plan (issue 5, part 2) on a real SQLite database: measures created and edited with
 * several lines of Thai kept exactly; bad input refused field by field with Thai messages and nothing
 * written; another agency's measure is a 404; proposals come from the round's weak areas (low i20,
 * failing OIT items) with the framework's advice, and can be accepted, edited first, dismissed and
 * brought back; dated progress notes; overdue measures on the dashboard; a viewer changes nothing; and
 * a measure whose last part fails leaves no trace.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSessionCookie, getSessionUser, type SessionUser } from "../../app/auth/session.server";
import { getFramework } from "../../app/lib/frameworks.server";
import { getRoundDashboard } from "../../app/services/dashboard.server";
import { applyMeasuresForm, createMeasure, type MeasureActionResult } from "../../app/services/measures/commands.server";
import { getMeasureFormPage, getMeasuresPage, listRoundMeasures, listRoundProposals } from "../../app/services/measures/page.server";
import { storeResponse } from "../../app/services/submit-response.server";
import { listInstrumentFields } from "../../app/services/validate-answers";
import type { Db } from "../../db/client.server";
import { listAuditLog } from "../../db/queries/audit-log";
import { listRoundLinks } from "../../db/queries/links";
import { upsertRoundOitItem } from "../../db/queries/oit-checklist";
import { insertUnit } from "../../db/queries/organizations";
import { getRoundWithOrganization } from "../../db/queries/rounds";
import { createTestUser } from "../support/accounts";
import { createRoundFixture, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";
import { seedDemo } from "../../app/seed/demo-agency.server";

const NOW = new Date("2026-03-15T03:00:00Z"); // 15 March 2026 in Bangkok, fiscal year 2569
const framework = getFramework("ita-2565");

async function sessionUser(db: Db, userId: number): Promise<SessionUser> {
  const cookie = (await createSessionCookie(db, userId, new Date())).split(";")[0]!;
  const user = await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } }));
  if (!user) throw new Error("no session user");
  return user;
}

/** Answers every field with its best option, except the fields of `weakItems` with the worst. */
function answersWithWeak(instrument: "iit" | "eit", weakItems: readonly string[]): Record<string, number> {
  const itemOf = new Map(framework.items.flatMap((item) => item.fields.map((f) => [f.name, item.code] as const)));
  const answers: Record<string, number> = {};
  for (const field of listInstrumentFields(framework, instrument)) {
    const options = [...framework.scales[field.scale]!.options].sort((a, b) => a.score - b.score);
    answers[field.name] = (weakItems.includes(itemOf.get(field.name)!) ? options[0]! : options.at(-1)!).value;
  }
  return answers;
}

async function answerRound(db: Db, fixture: RoundFixture, weakItems: readonly string[]): Promise<void> {
  const links = await listRoundLinks(db, fixture.roundId);
  for (const instrument of ["iit", "eit"] as const) {
    const link = links.find((l) => l.instrument === instrument && l.status === "active")!;
    for (let n = 0; n < 6; n++) {
      await storeResponse(db, {
        submissionId: newSubmissionId(),
        roundId: fixture.roundId,
        linkId: link.linkId,
        instrument,
        frameworkId: framework.id,
        answeredOn: "2026-01-10",
        answers: answersWithWeak(instrument, weakItems),
      });
    }
  }
}

async function roundOf(db: Db, roundId: number) {
  const round = await getRoundWithOrganization(db, roundId);
  if (!round) throw new Error("no round");
  return round;
}

function measureForm(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  return form;
}

const MULTILINE_TITLE = "การปรับปรุงระบบการทำงาน\nและการให้บริการประชาชน";
const MULTILINE_STEP = "ปรับปรุงข้อมูลการติดต่อกับเทศบาล\n- เบอร์โทรศัพท์\n- ไลน์ทางการ (@khlongphikrai)";

async function countRows(db: Db) {
  const count = async (table: "measure" | "measure_step" | "measure_unit" | "measure_target" | "measure_note" | "dismissed_proposal" | "audit_log") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return {
    measures: await count("measure"),
    steps: await count("measure_step"),
    units: await count("measure_unit"),
    targets: await count("measure_target"),
    notes: await count("measure_note"),
    dismissed: await count("dismissed_proposal"),
    audit: await count("audit_log"),
  };
}

function expectOk(result: MeasureActionResult): string {
  if (!result.ok) throw new Error(`expected success, got ${result.status}: ${result.message.en} ${JSON.stringify(result.errors ?? result.noteErrors ?? {})}`);
  return result.redirectTo;
}

function idFrom(redirectTo: string): number {
  return Number(/#measure-(\d+)/.exec(redirectTo)?.[1]);
}

describe("measures plan (services, real database)", () => {
  let t: TestDb;
  let a: RoundFixture;
  let b: RoundFixture;
  let manager: SessionUser;
  let viewer: SessionUser;
  let managerB: SessionUser;
  let financeUnit: number;
  let officeUnit: number;
  let unitB: number;

  beforeEach(async () => {
    t = await createTestDb();
    a = await createRoundFixture(t.db, "agency-a");
    b = await createRoundFixture(t.db, "agency-b");
    const units = await t.db.selectFrom("unit").select(["id", "organization_id"]).orderBy("id").execute();
    financeUnit = units.find((u) => u.organization_id === a.organizationId)!.id;
    unitB = units.find((u) => u.organization_id === b.organizationId)!.id;
    officeUnit = await insertUnit(t.db, { organization_id: a.organizationId, name_th: "สำนักปลัดเทศบาล", name_en: "Office of the Permanent Secretary", created_at: NOW.toISOString() });
    manager = await sessionUser(t.db, await createTestUser(t.db, a.organizationId, "manager-a", "manager"));
    viewer = await sessionUser(t.db, await createTestUser(t.db, a.organizationId, "viewer-a", "viewer"));
    managerB = await sessionUser(t.db, await createTestUser(t.db, b.organizationId, "manager-b", "manager"));
  });

  afterEach(async () => {
    await t.close();
  });

  function createForm(overrides: Record<string, string | string[]> = {}) {
    return measureForm({
      intent: "create",
      title: MULTILINE_TITLE,
      step: [MULTILINE_STEP, "", "เพิ่มช่องทางการให้บริการประชาชน ผ่าน e-service"],
      unit: [String(officeUnit), String(financeUnit)],
      period: "ตลอดปี ๖๙",
      dueOn: "2026-09-30",
      followUp: "๑.รายงานผลการดำเนินงานให้ผู้บริหารได้รับทราบ\n๒.เผยแพร่บนเว็บไซต์หลัก",
      status: "planned",
      target: ["8", "e15", "o43"],
      ...overrides,
    });
  }

  it("creates a measure and keeps every field, multi-line Thai included, in the agency's order", async () => {
    const round = await roundOf(t.db, a.roundId);
    const first = idFrom(expectOk(await applyMeasuresForm(t.db, manager, round, createForm(), NOW)));
    const second = idFrom(expectOk(await applyMeasuresForm(t.db, manager, round, createForm({ title: "แผนป้องกันการทุจริต", target: [] }), NOW)));
    const measures = await listRoundMeasures(t.db, a.organizationId, a.roundId, "2026-03-15");
    expect(measures.map((m) => m.id)).toEqual([first, second]);
    expect(measures[0]).toEqual({
      id: first,
      title: MULTILINE_TITLE,
      // The blank step box is left out; the order is kept.
      steps: [MULTILINE_STEP, "เพิ่มช่องทางการให้บริการประชาชน ผ่าน e-service"],
      units: [
        { id: financeUnit, nameTh: "กองคลัง", nameEn: "Finance" },
        { id: officeUnit, nameTh: "สำนักปลัดเทศบาล", nameEn: "Office of the Permanent Secretary" },
      ],
      period: "ตลอดปี ๖๙",
      dueOn: "2026-09-30",
      followUp: "๑.รายงานผลการดำเนินงานให้ผู้บริหารได้รับทราบ\n๒.เผยแพร่บนเว็บไซต์หลัก",
      status: "planned",
      targets: ["8", "e15", "o43"],
      overdue: false,
      notes: [],
    });
    const audit = await listAuditLog(t.db, a.organizationId, 10);
    expect(audit.filter((e) => e.action === "measure.create").map((e) => e.target)).toEqual([`measure:${second}`, `measure:${first}`]);
    expect(JSON.parse(audit.at(-1)!.detail)).toMatchObject({ title: MULTILINE_TITLE, targets: ["8", "e15", "o43"] });
  });

  it("edits a measure: browser line ends become \\n, steps change order, units and targets are replaced, audited", async () => {
    const round = await roundOf(t.db, a.roundId);
    const id = idFrom(expectOk(await applyMeasuresForm(t.db, manager, round, createForm(), NOW)));
    const form = measureForm({
      intent: "update",
      measureId: String(id),
      title: "การปรับปรุงระบบการทำงาน\r\nฉบับแก้ไข",
      step: ["ขั้นที่สองเดิม", "ขั้นแรก\r\nบรรทัดที่สอง"],
      unit: [String(financeUnit)],
      period: "ม.ค.-มี.ค.๖๙",
      dueOn: "",
      followUp: "รายงานผู้บริหาร",
      status: "in-progress",
      target: ["i20"],
    });
    expectOk(await applyMeasuresForm(t.db, manager, round, form, NOW));
    const [measure] = await listRoundMeasures(t.db, a.organizationId, a.roundId, "2026-03-15");
    expect(measure).toMatchObject({
      title: "การปรับปรุงระบบการทำงาน\nฉบับแก้ไข",
      steps: ["ขั้นที่สองเดิม", "ขั้นแรก\nบรรทัดที่สอง"],
      units: [{ id: financeUnit }],
      period: "ม.ค.-มี.ค.๖๙",
      dueOn: null,
      followUp: "รายงานผู้บริหาร",
      status: "in-progress",
      targets: ["i20"],
    });
    const audit = await listAuditLog(t.db, a.organizationId, 1);
    expect(audit[0]).toMatchObject({ action: "measure.update", target: `measure:${id}`, username: "manager-a" });
  });

  it("refuses bad input field by field with Thai messages and writes nothing", async () => {
    const round = await roundOf(t.db, a.roundId);
    const before = await countRows(t.db);
    const result = await applyMeasuresForm(
      t.db,
      manager,
      round,
      createForm({
        title: "   ",
        step: ["", "  "],
        unit: [String(unitB)], // another agency's unit
        period: "",
        dueOn: "2026-02-30",
        followUp: "x".repeat(1001),
        status: "finished",
        target: ["4", "i99"],
      }),
      NOW,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.message.th).toBe("ข้อมูลมาตรการไม่ถูกต้อง กรุณาแก้ไขตามที่แจ้ง");
    expect(Object.fromEntries(Object.entries(result.errors!).map(([k, v]) => [k, v.th]))).toEqual({
      title: "กรุณากรอกมาตรการ/แนวทาง",
      steps: "กรุณากรอกวิธีการดำเนินการอย่างน้อย 1 ขั้นตอน",
      units: "ส่วนราชการที่เลือกไม่ใช่ของหน่วยงานนี้หรือเลิกใช้แล้ว",
      period: "กรุณากรอกระยะเวลาดำเนินการ เช่น ตลอดปี ๖๕",
      dueOn: "วันครบกำหนดไม่ถูกต้อง (ปี ค.ศ.-เดือน-วัน จากช่องเลือกวันที่)",
      followUp: "การติดตามผลยาวได้ไม่เกิน 1000 ตัวอักษร",
      status: "สถานะต้องเป็น วางแผน กำลังดำเนินการ หรือ เสร็จแล้ว",
      targets: "ตัวชี้วัดหรือข้อที่เลือกไม่มีในกรอบการประเมินของรอบนี้",
    });
    // The form comes back as sent, so nothing typed is lost.
    expect(result.values).toMatchObject({ dueOn: "2026-02-30", status: "finished", targets: ["4", "i99"] });
    const noUnit = await applyMeasuresForm(t.db, manager, round, createForm({ unit: [] }), NOW);
    expect(!noUnit.ok && noUnit.errors?.units?.th).toBe("กรุณาเลือกผู้รับผิดชอบอย่างน้อย 1 ส่วนราชการ");
    const control = await applyMeasuresForm(t.db, manager, round, createForm({ title: "ชื่อ\u0007มาตรการ" }), NOW);
    expect(!control.ok && control.errors?.title?.th).toBe("ข้อความมีอักขระควบคุมที่ไม่อนุญาต");
    const unknown = await applyMeasuresForm(t.db, manager, round, measureForm({ intent: "drop-table" }), NOW);
    expect(unknown).toMatchObject({ ok: false, status: 400 });
    expect(await countRows(t.db)).toEqual(before);
  });

  it("keeps agencies apart: another agency's measure is a 404 and is never changed", async () => {
    const roundA = await roundOf(t.db, a.roundId);
    const roundB = await roundOf(t.db, b.roundId);
    const id = idFrom(expectOk(await applyMeasuresForm(t.db, manager, roundA, createForm(), NOW)));
    const before = await countRows(t.db);
    for (const intent of ["update", "delete", "move", "add-note"]) {
      const form = createForm({ intent, measureId: String(id), direction: "up", notedOn: "2026-03-01", text: "แทรก", unit: [String(unitB)] });
      await expect(applyMeasuresForm(t.db, managerB, roundB, form, NOW)).rejects.toMatchObject({ init: { status: 404 } });
      // B's manager naming A's round directly is refused too.
      await expect(applyMeasuresForm(t.db, managerB, roundA, form, NOW)).rejects.toMatchObject({ init: { status: 404 } });
    }
    expect(await countRows(t.db)).toEqual(before);
    expect(await listRoundMeasures(t.db, b.organizationId, a.roundId, "2026-03-15")).toEqual([]);
    await expect(getMeasureFormPage(t.db, managerB, roundB, { measure: String(id), from: null }, "2026-03-15")).rejects.toMatchObject({ init: { status: 404 } });
    await expect(getMeasureFormPage(t.db, manager, roundA, { measure: "1e3", from: null }, "2026-03-15")).rejects.toMatchObject({ init: { status: 404 } });
  });

  it("proposes a measure from the advice for every weak area without one: low i20, failing OIT items", async () => {
    await answerRound(t.db, a, ["i20", "e15"]);
    const round = await roundOf(t.db, a.roundId);
    await upsertRoundOitItem(t.db, { roundId: a.roundId, itemCode: "o1", status: "fail", evidenceUrls: "[]", note: "", updatedBy: null, updatedAt: NOW.toISOString() });
    await upsertRoundOitItem(t.db, { roundId: a.roundId, itemCode: "o2", status: "pass", evidenceUrls: "[]", note: "", updatedBy: null, updatedAt: NOW.toISOString() });
    const { proposals } = await listRoundProposals(t.db, round);
    const codes = proposals.map((p) => p.code);
    expect(codes).toContain("i20");
    expect(codes).toContain("e15");
    expect(codes).toContain("o1");
    expect(codes).not.toContain("o2"); // passing
    expect(codes).not.toContain("i1"); // scored 100
    expect(codes).not.toContain("i20_1"); // sub-items are answered through their question

    const i20 = proposals.find((p) => p.code === "i20")!;
    expect(i20.draft.title).toBe("การจัดทำและเผยแพร่ขั้นตอนการขอยืมทรัพย์สินของทางราชการ");
    expect(i20.draft.steps[0]).toContain("คู่มือหรือแนวปฏิบัติการขออนุญาตยืมทรัพย์สินของทางราชการ");
    expect(i20.draft.unitIds).toEqual([financeUnit]); // the advice's hint "กองคลัง"
    expect(i20.draft.period).toBe("ต.ค. ๖๘ - มี.ค. ๖๙"); // fiscal year 2569, Thai digits
    // Indicator 4 is weak too (i20 pulls it down), so the measure answers it as well.
    const indicator4 = proposals.find((p) => p.code === "4");
    expect(indicator4).toBeDefined();
    expect(i20.draft.targets).toEqual(["i20", "4"]);

    const o1 = proposals.find((p) => p.code === "o1")!;
    expect(o1.draft.title).toBe("เผยแพร่โครงสร้างบนเว็บไซต์หลักของหน่วยงาน");
    expect(o1.draft.steps[0]).toContain("แผนผังโครงสร้างการแบ่งส่วนราชการของหน่วยงานที่เป็นปัจจุบัน");
    expect(o1.draft.unitIds).toEqual([officeUnit]); // "สำนักปลัด" matches "สำนักปลัดเทศบาล"
    expect(o1.adviceTitle.en).toBe("Publish “Organisation structure” on the agency's main website");

    // A measure that targets a weak area takes its proposal away.
    expectOk(await applyMeasuresForm(t.db, manager, round, createForm({ target: ["e15"] }), NOW));
    expect((await listRoundProposals(t.db, round)).proposals.map((p) => p.code)).not.toContain("e15");
  });

  it("accepts a proposal as a prefilled measure in one step; a second accept is a 409", async () => {
    await answerRound(t.db, a, ["i20"]);
    const round = await roundOf(t.db, a.roundId);
    const accept = measureForm({ intent: "accept", code: "i20" });
    const id = idFrom(expectOk(await applyMeasuresForm(t.db, manager, round, accept, NOW)));
    const [measure] = await listRoundMeasures(t.db, a.organizationId, a.roundId, "2026-03-15");
    expect(measure).toMatchObject({
      id,
      title: "การจัดทำและเผยแพร่ขั้นตอนการขอยืมทรัพย์สินของทางราชการ",
      units: [{ id: financeUnit }],
      period: "ต.ค. ๖๘ - มี.ค. ๖๙",
      status: "planned",
      dueOn: null,
      targets: ["4", "i20"],
    });
    expect(measure!.steps).toHaveLength(2);
    const codes = (await listRoundProposals(t.db, round)).proposals.map((p) => p.code);
    expect(codes).not.toContain("i20");
    expect(codes).not.toContain("4");
    const before = await countRows(t.db);
    expect(await applyMeasuresForm(t.db, manager, round, accept, NOW)).toMatchObject({ ok: false, status: 409 });
    expect(await applyMeasuresForm(t.db, manager, round, measureForm({ intent: "accept", code: "i1" }), NOW)).toMatchObject({ ok: false, status: 409 });
    expect(await countRows(t.db)).toEqual(before);
    expect((await listAuditLog(t.db, a.organizationId, 1))[0]).toMatchObject({ action: "measure.accept-proposal", target: `measure:${id}` });
  });

  it("makes one measure when the same proposal is accepted twice at once", async () => {
    await answerRound(t.db, a, ["e15"]);
    const round = await roundOf(t.db, a.roundId);
    const accept = () => applyMeasuresForm(t.db, manager, round, measureForm({ intent: "accept", code: "e15" }), NOW);
    const results = await Promise.all([accept(), accept()]);
    expect(results.map((r) => (r.ok ? 200 : r.status)).sort()).toEqual([200, 409]);
    expect((await countRows(t.db)).measures).toBe(1);
  });

  it("edits a proposal before accepting: the form starts from the advice, saving takes the proposal away", async () => {
    await answerRound(t.db, a, ["i20"]);
    const round = await roundOf(t.db, a.roundId);
    const page = await getMeasureFormPage(t.db, manager, round, { measure: null, from: "i20" }, "2026-03-15");
    expect(page.mode).toBe("new");
    expect(page.values.title).toBe("การจัดทำและเผยแพร่ขั้นตอนการขอยืมทรัพย์สินของทางราชการ");
    expect(page.values.unitIds).toEqual([String(financeUnit)]);
    expect(page.values.targets).toEqual(["i20", "4"]);
    await expect(getMeasureFormPage(t.db, manager, round, { measure: null, from: "i1" }, "2026-03-15")).rejects.toMatchObject({ init: { status: 404 } });
    const form = measureForm({
      intent: "create",
      from: "i20",
      title: page.values.title,
      step: [...page.values.steps, "ติดประกาศขั้นตอนที่ห้องพัสดุ"],
      unit: [String(financeUnit), String(officeUnit)],
      period: page.values.period,
      dueOn: "2026-03-31",
      followUp: page.values.followUp,
      status: "in-progress",
      target: page.values.targets,
    });
    const id = idFrom(expectOk(await applyMeasuresForm(t.db, manager, round, form, NOW)));
    const [measure] = await listRoundMeasures(t.db, a.organizationId, a.roundId, "2026-03-15");
    expect(measure).toMatchObject({ id, status: "in-progress", dueOn: "2026-03-31" });
    expect(measure!.steps.at(-1)).toBe("ติดประกาศขั้นตอนที่ห้องพัสดุ");
    expect((await listRoundProposals(t.db, round)).proposals.map((p) => p.code)).not.toContain("i20");
    expect(JSON.parse((await listAuditLog(t.db, a.organizationId, 1))[0]!.detail)).toMatchObject({ fromProposal: "i20" });
  });

  it("dismisses a proposal (recorded, audited) and brings it back; repeats are refused", async () => {
    await answerRound(t.db, a, ["e15"]);
    const round = await roundOf(t.db, a.roundId);
    expectOk(await applyMeasuresForm(t.db, manager, round, measureForm({ intent: "dismiss", code: "e15" }), NOW));
    let listed = await listRoundProposals(t.db, round);
    expect(listed.proposals.map((p) => p.code)).not.toContain("e15");
    expect(listed.dismissed).toEqual([{ code: "e15", label: expect.objectContaining({ th: expect.stringContaining("ข้อ e15") }), stillWeak: true }]);
    expect(await applyMeasuresForm(t.db, manager, round, measureForm({ intent: "dismiss", code: "e15" }), NOW)).toMatchObject({ ok: false, status: 409 });
    expect(await applyMeasuresForm(t.db, manager, round, measureForm({ intent: "dismiss", code: "<script>" }), NOW)).toMatchObject({ ok: false, status: 409 });
    expectOk(await applyMeasuresForm(t.db, manager, round, measureForm({ intent: "restore", code: "e15" }), NOW));
    listed = await listRoundProposals(t.db, round);
    expect(listed.proposals.map((p) => p.code)).toContain("e15");
    expect(listed.dismissed).toEqual([]);
    expect(await applyMeasuresForm(t.db, manager, round, measureForm({ intent: "restore", code: "e15" }), NOW)).toMatchObject({ ok: false, status: 409 });
    const actions = (await listAuditLog(t.db, a.organizationId, 5)).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(["measure-proposal.restore", "measure-proposal.dismiss"]);
  });

  it("adds dated progress notes (multi-line), refuses a future or missing date, deletes a note", async () => {
    const round = await roundOf(t.db, a.roundId);
    const id = idFrom(expectOk(await applyMeasuresForm(t.db, manager, round, createForm(), NOW)));
    const note = (notedOn: string, text: string) => measureForm({ intent: "add-note", measureId: String(id), notedOn, text });
    expectOk(await applyMeasuresForm(t.db, manager, round, note("2026-03-01", "จัดประชุมคณะทำงานแล้ว\r\nมีผู้เข้าร่วม ๒๕ คน"), NOW));
    expectOk(await applyMeasuresForm(t.db, manager, round, note("2026-02-01", "แจ้งในการประชุมประจำเดือนกุมภาพันธ์"), NOW));
    const before = await countRows(t.db);
    const future = await applyMeasuresForm(t.db, manager, round, note("2026-03-16", "ล่วงหน้า"), NOW);
    expect(!future.ok && future.noteErrors?.notedOn?.th).toBe("วันที่ของความคืบหน้าต้องไม่เป็นวันในอนาคต");
    const empty = await applyMeasuresForm(t.db, manager, round, note("", " "), NOW);
    expect(!empty.ok && [empty.status, empty.noteErrors?.notedOn?.th, empty.noteErrors?.text?.th]).toEqual([400, "วันที่ของความคืบหน้าไม่ถูกต้อง", "กรุณากรอกความคืบหน้า"]);
    expect(await countRows(t.db)).toEqual(before);

    const [measure] = await listRoundMeasures(t.db, a.organizationId, a.roundId, "2026-03-15");
    expect(measure!.notes).toEqual([
      { notedOn: "2026-02-01", text: "แจ้งในการประชุมประจำเดือนกุมภาพันธ์" },
      { notedOn: "2026-03-01", text: "จัดประชุมคณะทำงานแล้ว\nมีผู้เข้าร่วม ๒๕ คน" },
    ]);
    const page = await getMeasureFormPage(t.db, viewer, round, { measure: String(id), from: null }, "2026-03-15");
    expect(page.canEdit).toBe(false);
    expect(page.measure!.notes.map((n) => n.authorName)).toEqual(["manager-a", "manager-a"]);
    const noteId = page.measure!.notes[0]!.id;
    expectOk(await applyMeasuresForm(t.db, manager, round, measureForm({ intent: "delete-note", measureId: String(id), noteId: String(noteId) }), NOW));
    expect(await applyMeasuresForm(t.db, manager, round, measureForm({ intent: "delete-note", measureId: String(id), noteId: String(noteId) }), NOW)).toMatchObject({ ok: false, status: 404 });
    expect((await listRoundMeasures(t.db, a.organizationId, a.roundId, "2026-03-15"))[0]!.notes).toHaveLength(1);
  });

  it("marks a measure overdue past its due date unless done, and shows it on the dashboard", async () => {
    const round = await roundOf(t.db, a.roundId);
    const late = idFrom(expectOk(await applyMeasuresForm(t.db, manager, round, createForm({ title: "ล่าช้า", dueOn: "2026-03-14", status: "in-progress" }), NOW)));
    idFrom(expectOk(await applyMeasuresForm(t.db, manager, round, createForm({ title: "เสร็จแล้ว", dueOn: "2026-01-31", status: "done" }), NOW)));
    idFrom(expectOk(await applyMeasuresForm(t.db, manager, round, createForm({ title: "ครบกำหนดวันนี้", dueOn: "2026-03-15" }), NOW)));
    const measures = await listRoundMeasures(t.db, a.organizationId, a.roundId, "2026-03-15");
    expect(measures.map((m) => [m.title, m.overdue])).toEqual([
      ["ล่าช้า", true],
      ["เสร็จแล้ว", false],
      ["ครบกำหนดวันนี้", false],
    ]);
    const dashboard = await getRoundDashboard(t.db, a.roundId, "2026-03-15");
    expect(dashboard!.overdueMeasures).toEqual([{ id: late, position: 1, title: "ล่าช้า", dueOn: "2026-03-14", status: "in-progress" }]);
    const page = await getMeasuresPage(t.db, viewer, round, "2026-03-15");
    expect(page.counts).toEqual({ planned: 1, inProgress: 1, done: 1, overdue: 1 });
  });

  it("reorders and deletes measures, keeping the numbering 1…n", async () => {
    const round = await roundOf(t.db, a.roundId);
    const ids: number[] = [];
    for (const title of ["หนึ่ง", "สอง", "สาม"]) ids.push(idFrom(expectOk(await applyMeasuresForm(t.db, manager, round, createForm({ title }), NOW))));
    expectOk(await applyMeasuresForm(t.db, manager, round, measureForm({ intent: "move", measureId: String(ids[2]), direction: "up" }), NOW));
    expect((await listRoundMeasures(t.db, a.organizationId, a.roundId, "2026-03-15")).map((m) => m.title)).toEqual(["หนึ่ง", "สาม", "สอง"]);
    expect(await applyMeasuresForm(t.db, manager, round, measureForm({ intent: "move", measureId: String(ids[0]), direction: "sideways" }), NOW)).toMatchObject({ ok: false, status: 400 });
    expectOk(await applyMeasuresForm(t.db, manager, round, measureForm({ intent: "delete", measureId: String(ids[0]) }), NOW));
    const page = await getMeasuresPage(t.db, manager, round, "2026-03-15");
    expect(page.measures.map((m) => [m.position, m.title])).toEqual([
      [1, "สาม"],
      [2, "สอง"],
    ]);
    await expect(applyMeasuresForm(t.db, manager, round, measureForm({ intent: "delete", measureId: String(ids[0]) }), NOW)).rejects.toMatchObject({ init: { status: 404 } });
  });

  it("numbers measures created at the same time one after the other", async () => {
    const round = await roundOf(t.db, a.roundId);
    await Promise.all(["ก", "ข", "ค", "ง"].map((title) => applyMeasuresForm(t.db, manager, round, createForm({ title }), NOW)));
    const page = await getMeasuresPage(t.db, manager, round, "2026-03-15");
    expect(page.measures.map((m) => m.position)).toEqual([1, 2, 3, 4]);
  });

  it("refuses every change from a viewer", async () => {
    await answerRound(t.db, a, ["i20"]);
    const round = await roundOf(t.db, a.roundId);
    const before = await countRows(t.db);
    for (const form of [createForm(), measureForm({ intent: "accept", code: "i20" }), measureForm({ intent: "dismiss", code: "i20" })]) {
      expect(await applyMeasuresForm(t.db, viewer, round, form, NOW)).toMatchObject({ ok: false, status: 403 });
    }
    expect(await countRows(t.db)).toEqual(before);
    expect((await getMeasuresPage(t.db, viewer, round, "2026-03-15")).canEdit).toBe(false);
  });

  it("writes nothing when a part of a measure fails (one transaction)", async () => {
    const round = await roundOf(t.db, a.roundId);
    const before = await countRows(t.db);
    const input = {
      title: "มาตรการที่บันทึกไม่สำเร็จ",
      steps: ["ขั้นตอนแรก", "ขั้นตอนที่สอง"],
      // A unit that no longer exists (deleted between the form check and the write): the foreign key fails.
      unitIds: [financeUnit, 999_999],
      period: "ตลอดปี ๖๙",
      dueOn: null,
      followUp: "รายงานผู้บริหาร",
      status: "planned" as const,
      targets: ["4"],
    };
    await expect(createMeasure(t.db, manager, round, input, NOW)).rejects.toThrow(/foreign key/i);
    expect(await countRows(t.db)).toEqual(before);
  });
});

describe("the demo agency's measures plan", () => {
  it("has a measure done, one in progress with notes, and one overdue, answering the demo's weak spots", async () => {
    const t = await createTestDb();
    try {
      const seeded = await seedDemo(t.db, { now: NOW });
      const round = await roundOf(t.db, seeded.roundId!);
      const measures = await listRoundMeasures(t.db, round.organizationId, round.id, "2026-03-15");
      expect(measures.map((m) => m.status)).toEqual(["done", "in-progress", "planned", "planned"]);
      expect(measures[1]!.notes.length).toBeGreaterThanOrEqual(2);
      expect(measures.filter((m) => m.overdue).map((m) => m.title)).toEqual(["การจัดทำและเผยแพร่ขั้นตอนการขอยืมทรัพย์สินของทางราชการ"]);
      expect(measures[0]!.period).toBe("ตลอดปี ๖๘"); // the demo round is the last complete fiscal year, 2568
      expect(measures[2]!.targets).toEqual(["4", "i20", "i24"]);
      // The weak spots the plan answers are no longer proposed; the others still are.
      const { proposals } = await listRoundProposals(t.db, round);
      const codes = proposals.map((p) => p.code);
      expect(codes).not.toContain("i20");
      expect(codes).not.toContain("e15");
      expect(codes.length).toBeGreaterThan(0);
      const dashboard = await getRoundDashboard(t.db, round.id, "2026-03-15");
      expect(dashboard!.overdueMeasures.map((m) => m.position)).toEqual([3]);
    } finally {
      await t.close();
    }
  });
});
