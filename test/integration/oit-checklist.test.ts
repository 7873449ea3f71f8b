/**
 * The OIT checklist (issue 5, part 1) on a real database: saving one item keeps the others and is
 * audited; bad input is refused with Thai messages and writes nothing; another agency's round is a 404;
 * a viewer cannot change anything; indicators 9 and 10 and the OIT follow ITA-METHOD §1 and, with every
 * item checked, the round's total becomes the full ITA score; a round starts from the previous round's
 * checklist only while its own is empty.
 */
import { RouterContextProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { requireSignedInUser, signedInUserContext } from "../../app/auth/admin-context.server";
import { formatScore } from "../../app/text/format";
import { createSessionCookie, getSessionUser, requireUser, type SessionUser } from "../../app/auth/session.server";
import { getRoundDashboard } from "../../app/services/dashboard.server";
import { applyOitChecklistForm } from "../../app/services/oit-checklist/commands.server";
import { EVIDENCE_LIMITS } from "../../app/services/oit-checklist/form";
import { getOitChecklistPage, getRoundChecklist } from "../../app/services/oit-checklist/page.server";
import { getRoundResults } from "../../app/services/round-results.server";
import type { Db } from "../../db/client.server";
import { listAuditLog } from "../../db/queries/audit-log";
import { listRoundLinks } from "../../db/queries/links";
import { insertRound } from "../../db/queries/rounds";
import { storeResponse } from "../../app/services/submit-response.server";
import { createTestUser } from "../support/accounts";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-03-05T07:30:00Z");
const SITE = "https://www.example-tambon.go.th";
/** The reference document's failing items: indicator 9 = 78.06, 10 = 68.75, OIT 73.41. */
const REFERENCE_FAILS = ["o2", "o15", "o17", "o23", "o24", "o27", "o29", "o34", "o36", "o37", "o38", "o41"];
const ALL_CODES = Array.from({ length: 43 }, (_, i) => `o${i + 1}`);

async function sessionUser(db: Db, userId: number): Promise<SessionUser> {
  const cookie = (await createSessionCookie(db, userId, new Date())).split(";")[0]!;
  const user = await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } }));
  if (!user) throw new Error("no session user");
  return user;
}

function itemForm(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  form.set("intent", "save-item");
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  return form;
}

function save(db: Db, user: SessionUser, roundId: number, fields: Record<string, string | string[]>, now = NOW) {
  return applyOitChecklistForm(db, user, roundId, itemForm(fields), now);
}

async function checkAll(db: Db, user: SessionUser, roundId: number, fails: string[], now = NOW) {
  for (const code of ALL_CODES) {
    const fail = fails.includes(code);
    const result = await save(db, user, roundId, { itemCode: code, status: fail ? "fail" : "pass", evidenceUrls: fail ? "" : `${SITE}/${code}`, note: fail ? `ยังไม่เผยแพร่ ${code}` : "" }, now);
    expect(result.ok, `${code}: ${JSON.stringify(result)}`).toBe(true);
  }
}

async function rowCount(db: Db): Promise<number> {
  const row = await db.selectFrom("oit_item").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("OIT checklist (services, real database)", () => {
  let t: TestDb;
  let a: RoundFixture;
  let b: RoundFixture;
  let managerA: SessionUser;
  let viewerA: SessionUser;
  let managerB: SessionUser;

  beforeEach(async () => {
    t = await createTestDb();
    a = await createRoundFixture(t.db, "agency-a");
    b = await createRoundFixture(t.db, "agency-b");
    managerA = await sessionUser(t.db, await createTestUser(t.db, a.organizationId, "manager-a", "manager"));
    viewerA = await sessionUser(t.db, await createTestUser(t.db, a.organizationId, "viewer-a", "viewer"));
    managerB = await sessionUser(t.db, await createTestUser(t.db, b.organizationId, "manager-b", "manager"));
  });
  afterEach(async () => {
    await t.close();
  });

  it("starts with the 43 items of oit.json in their sub-indicators, all unchecked, nothing scored", async () => {
    const { items, scores } = await getRoundChecklist(t.db, a.organizationId, a.roundId);
    expect(items.map((i) => i.code)).toEqual(ALL_CODES);
    expect(items[0]).toMatchObject({ code: "o1", subIndicator: "9.1", indicator: "9", titleTh: "โครงสร้าง", status: "unchecked", evidenceUrls: [], note: "", updatedBy: null, updatedAt: null });
    expect(items[0]!.requirementTh).toContain("แผนผังโครงสร้าง");
    expect(items[42]).toMatchObject({ code: "o43", subIndicator: "10.2", indicator: "10" });
    expect(scores.indicators).toEqual([
      { code: "9", score: null, checked: 0, passed: 0, total: 33 },
      { code: "10", score: null, checked: 0, passed: 0, total: 10 },
    ]);
    const page = await getOitChecklistPage(t.db, managerA, a.roundId);
    expect(page.subIndicators.map((s) => [s.code, s.items.length])).toEqual([
      ["9.1", 9], ["9.2", 8], ["9.3", 7], ["9.4", 4], ["9.5", 5], ["10.1", 8], ["10.2", 2],
    ]);
    expect(page.oit).toMatchObject({ score: null, checked: 0, total: 43 });
    expect(page.canEdit).toBe(true);
  });

  it("saves one item (multi-line Thai note kept exactly, several links), audited, without touching the others", async () => {
    const note = "หน้าโครงสร้างเป็นปัจจุบันแล้ว\nตรวจเมื่อ ๕ มี.ค. — มีทุกกอง  \n\n  ย่อหน้าที่สองมีวรรณยุกต์ ก่ ก้ ก๊ ก๋";
    const first = await save(t.db, managerA, a.roundId, {
      itemCode: "o1",
      status: "pass",
      evidenceUrls: `  ${SITE}/about/structure \r\n\r\n${SITE}/about/structure.pdf\r\n`,
      note: note.replace(/\n/g, "\r\n"), // as a browser posts a textarea
    });
    expect(first).toEqual({ ok: true, intent: "save-item", itemCode: "o1" });
    await save(t.db, managerA, a.roundId, { itemCode: "o2", status: "fail", evidenceUrls: "", note: "ขาดรูปถ่ายฝ่ายประจำ" }, new Date("2026-03-06T01:00:00Z"));

    const { items, scores } = await getRoundChecklist(t.db, a.organizationId, a.roundId);
    const o1 = items.find((i) => i.code === "o1")!;
    expect(o1).toMatchObject({ status: "pass", evidenceUrls: [`${SITE}/about/structure`, `${SITE}/about/structure.pdf`], note, updatedBy: "manager-a", updatedAt: NOW.toISOString() });
    expect(items.find((i) => i.code === "o2")).toMatchObject({ status: "fail", note: "ขาดรูปถ่ายฝ่ายประจำ", updatedAt: "2026-03-06T01:00:00.000Z" });
    expect(items.filter((i) => i.status !== "unchecked")).toHaveLength(2);
    expect(scores.subIndicators.find((s) => s.code === "9.1")).toEqual({ code: "9.1", indicator: "9", score: null, checked: 2, passed: 1, total: 9 });

    // Changing o1 again replaces its state only; back to unchecked keeps the evidence and note given.
    await save(t.db, managerA, a.roundId, { itemCode: "o1", status: "unchecked", evidenceUrls: `${SITE}/about/structure`, note: "" });
    const again = await getRoundChecklist(t.db, a.organizationId, a.roundId);
    expect(again.items.find((i) => i.code === "o1")).toMatchObject({ status: "unchecked", evidenceUrls: [`${SITE}/about/structure`], note: "" });
    expect(again.items.find((i) => i.code === "o2")).toMatchObject({ status: "fail", note: "ขาดรูปถ่ายฝ่ายประจำ" });
    expect(await rowCount(t.db)).toBe(2);

    const audit = await listAuditLog(t.db, a.organizationId, 10);
    expect(audit.map((e) => [e.action, e.target, e.username])).toEqual([
      ["oit-item.save", `round:${a.roundId}/oit:o1`, "manager-a"],
      ["oit-item.save", `round:${a.roundId}/oit:o2`, "manager-a"],
      ["oit-item.save", `round:${a.roundId}/oit:o1`, "manager-a"],
    ]);
    expect(JSON.parse(audit[0]!.detail)).toEqual({
      roundId: a.roundId,
      item: "o1",
      status: "unchecked",
      evidenceUrls: [`${SITE}/about/structure`],
      note: "",
      previous: { status: "pass", evidenceUrls: [`${SITE}/about/structure`, `${SITE}/about/structure.pdf`], note },
    });
    expect(JSON.parse(audit[2]!.detail)).toMatchObject({ previous: null, note });
  });

  const tooMany = Array.from({ length: EVIDENCE_LIMITS.maxUrls + 1 }, (_, i) => `${SITE}/page-${i}`).join("\n");
  const invalid: [string, Record<string, string | string[]>, string, RegExp][] = [
    ["an unknown item", { itemCode: "o44", status: "fail" }, "itemCode", /ไม่พบข้อรายการ OIT/],
    ["an item code of another shape", { itemCode: "i20", status: "fail" }, "itemCode", /ไม่พบข้อรายการ OIT/],
    ["no status", { itemCode: "o1", evidenceUrls: `${SITE}/a` }, "status", /กรุณาเลือกผลการตรวจ/],
    ["a status that does not exist", { itemCode: "o1", status: "maybe" }, "status", /กรุณาเลือกผลการตรวจ/],
    ["a javascript: link", { itemCode: "o1", status: "pass", evidenceUrls: "javascript:alert(1)" }, "evidenceUrls", /http:\/\/ หรือ https:\/\//],
    ["an ftp link", { itemCode: "o1", status: "pass", evidenceUrls: "ftp://example-tambon.go.th/a" }, "evidenceUrls", /http:\/\/ หรือ https:\/\//],
    ["a link without a scheme", { itemCode: "o1", status: "pass", evidenceUrls: "www.example-tambon.go.th/about" }, "evidenceUrls", /http:\/\/ หรือ https:\/\//],
    ["two links on one line", { itemCode: "o1", status: "pass", evidenceUrls: `${SITE}/a ${SITE}/b` }, "evidenceUrls", /บรรทัดละ 1 ลิงก์/],
    ["a link with a password", { itemCode: "o1", status: "pass", evidenceUrls: "https://user:secret@example-tambon.go.th/" }, "evidenceUrls", /ชื่อผู้ใช้หรือรหัสผ่าน/],
    ["too many links", { itemCode: "o1", status: "pass", evidenceUrls: tooMany }, "evidenceUrls", /ไม่เกิน 10 ลิงก์/],
    ["a link that is too long", { itemCode: "o1", status: "pass", evidenceUrls: `${SITE}/${"a".repeat(EVIDENCE_LIMITS.maxUrlLength)}` }, "evidenceUrls", /ยาวเกิน 2000 ตัวอักษร/],
    ["the same link twice", { itemCode: "o1", status: "pass", evidenceUrls: `${SITE}/a\n${SITE}/a` }, "evidenceUrls", /ซ้ำกัน/],
    ["a pass without evidence", { itemCode: "o1", status: "pass", evidenceUrls: " \n " }, "evidenceUrls", /อย่างน้อย 1 ลิงก์/],
    ["a note that is too long", { itemCode: "o1", status: "fail", note: "ก".repeat(EVIDENCE_LIMITS.maxNoteLength + 1) }, "note", /หมายเหตุยาวเกิน/],
    ["a note with a NUL", { itemCode: "o1", status: "fail", note: "ok\u0000" }, "note", /อักขระควบคุม/],
    ["a status sent twice", { itemCode: "o1", status: ["pass", "fail"], evidenceUrls: `${SITE}/a` }, "status", /ซ้ำหลายครั้ง/],
    ["an item code sent twice", { itemCode: ["o1", "o2"], status: "fail" }, "itemCode", /ซ้ำหลายครั้ง/],
  ];

  it.each(invalid)("refuses %s with 400 and a Thai message, writing nothing", async (_case, fields, field, message) => {
    const result = await save(t.db, managerA, a.roundId, fields);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.message.th).toContain("ยังไม่ได้บันทึกข้อมูล");
    expect(result.errors[field]?.th).toMatch(message);
    expect(result.values).not.toBeNull();
    expect(await rowCount(t.db)).toBe(0);
    expect(await listAuditLog(t.db, a.organizationId, 10)).toHaveLength(0);
  });

  it("refuses an unknown intent with 400 and writes nothing", async () => {
    const form = new FormData();
    form.set("intent", "drop-everything");
    expect(await applyOitChecklistForm(t.db, managerA, a.roundId, form, NOW)).toMatchObject({ ok: false, status: 400, message: { th: "ไม่รู้จักคำสั่งของแบบฟอร์มนี้" } });
    form.append("intent", "save-item");
    expect(await applyOitChecklistForm(t.db, managerA, a.roundId, form, NOW)).toMatchObject({ ok: false, status: 400 });
    expect(await rowCount(t.db)).toBe(0);
  });

  it("keeps agencies apart: another agency's round is a 404 to read, save or copy into", async () => {
    await save(t.db, managerA, a.roundId, { itemCode: "o5", status: "pass", evidenceUrls: `${SITE}/contact` });
    await expect(getRoundChecklist(t.db, b.organizationId, a.roundId)).rejects.toMatchObject({ init: { status: 404 } });
    await expect(getOitChecklistPage(t.db, managerB, a.roundId)).rejects.toMatchObject({ init: { status: 404 } });
    await expect(save(t.db, managerB, a.roundId, { itemCode: "o5", status: "fail" })).rejects.toMatchObject({ init: { status: 404 } });
    const copy = new FormData();
    copy.set("intent", "copy-previous");
    await expect(applyOitChecklistForm(t.db, managerB, a.roundId, copy, NOW)).rejects.toMatchObject({ init: { status: 404 } });
    for (const bad of [0, -1, Number.NaN, 999_999]) {
      await expect(getRoundChecklist(t.db, a.organizationId, bad)).rejects.toMatchObject({ init: { status: 404 } });
    }
    expect((await getRoundChecklist(t.db, a.organizationId, a.roundId)).items.find((i) => i.code === "o5")?.status).toBe("pass");
    // B's own round is untouched by A's checks.
    expect((await getRoundChecklist(t.db, b.organizationId, b.roundId)).scores.indicators.map((i) => i.checked)).toEqual([0, 0]);
    expect(await listAuditLog(t.db, b.organizationId, 10)).toHaveLength(0);
  });

  it("lets a viewer read but not change: the page says so and the action's role check refuses with 403", async () => {
    const page = await getOitChecklistPage(t.db, viewerA, a.roundId);
    expect(page.canEdit).toBe(false);
    const cookie = (await createSessionCookie(t.db, viewerA.userId, new Date())).split(";")[0]!;
    const request = new Request(`http://localhost/admin/rounds/${a.roundId}/oit`, { method: "POST", headers: { cookie } });
    // As a request does: the admin middleware resolves the user, the action asks for a manager.
    const context = new RouterContextProvider();
    context.set(signedInUserContext, await requireUser(t.db, request));
    let refused: unknown = null;
    try {
      requireSignedInUser(context, "manager");
    } catch (thrown) {
      refused = thrown;
    }
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
    expect(await (refused as Response).text()).toContain("ไม่มีสิทธิ์");
    expect(await rowCount(t.db)).toBe(0);
  });

  it("scores as ITA-METHOD §1: 7 of 8 in 10.1 → 87.5, indicator 10 = 93.75; then the total is the full ITA score", async () => {
    // One IIT and one EIT answer, stored the way a respondent's are.
    for (const link of (await listRoundLinks(t.db, a.roundId)).filter((l) => l.token !== a.pausedToken)) {
      const instrument = link.instrument as "iit" | "eit";
      const answers = makeAnswers(instrument);
      expect(await storeResponse(t.db, { submissionId: newSubmissionId(), roundId: a.roundId, linkId: link.linkId, instrument, frameworkId: "ita-2565", answeredOn: "2026-02-01", answers })).toBe(true);
    }
    const partly = (await getRoundDashboard(t.db, a.roundId))!;
    expect(partly.total.full).toBe(false);
    expect(partly.total.instruments).toEqual(["iit", "eit"]);
    // Checking all but one item: still not the full score, and the progress says how far it is.
    await checkAll(t.db, managerA, a.roundId, ["o34"]);
    await save(t.db, managerA, a.roundId, { itemCode: "o43", status: "unchecked" });
    const almost = (await getRoundDashboard(t.db, a.roundId))!;
    expect(almost.total.full).toBe(false);
    expect(almost.oitProgress).toEqual({ checked: 42, passed: 41, total: 43 });
    expect(almost.instruments.find((i) => i.code === "oit")?.score).toBeNull();
    // The results page heads with the same partial score as the dashboard, not an "ITA total".
    const almostResults = (await getRoundResults(t.db, a.roundId))!;
    expect(almostResults.headline).toMatchObject({ full: false, score: almost.total.score, instruments: ["iit", "eit"] });
    await save(t.db, managerA, a.roundId, { itemCode: "o43", status: "pass", evidenceUrls: `${SITE}/o43` });

    const { scores } = await getRoundChecklist(t.db, a.organizationId, a.roundId);
    expect(scores.subIndicators.find((s) => s.code === "10.1")?.score).toBe(87.5);
    expect(scores.indicators).toEqual([
      { code: "9", score: 100, checked: 33, passed: 33, total: 33 },
      { code: "10", score: 93.75, checked: 10, passed: 9, total: 10 },
    ]);
    const dashboard = (await getRoundDashboard(t.db, a.roundId))!;
    expect(dashboard.oitProgress).toEqual({ checked: 43, passed: 42, total: 43 });
    const oit = dashboard.instruments.find((i) => i.code === "oit")!;
    expect(oit.score).toBeCloseTo((100 + 93.75) / 2, 12);
    expect(dashboard.indicators.find((i) => i.code === "10")?.score).toBe(93.75);
    // The full ITA total: Σ weight × instrument with the weights of framework.json.
    expect(dashboard.total.full).toBe(true);
    expect(dashboard.total.instruments).toEqual(["iit", "eit", "oit"]);
    const weighted = dashboard.instruments.reduce((sum, i) => sum + i.weight * i.score!, 0);
    expect(dashboard.total.score).toBeCloseTo(weighted, 9);
    const results = (await getRoundResults(t.db, a.roundId))!;
    expect(results.scores.total.total).toBeCloseTo(weighted, 9);
    expect(results.headline).toMatchObject({ full: true, score: dashboard.total.score, level: dashboard.total.level });
  });

  it("gives the reference document's 78.06, 68.75 and OIT 73.41 for its failing items", async () => {
    await checkAll(t.db, managerA, a.roundId, REFERENCE_FAILS);
    const page = await getOitChecklistPage(t.db, viewerA, a.roundId);
    expect(page.indicators.map((i) => [i.code, formatScore(i.score)])).toEqual([
      ["9", "78.06"],
      ["10", "68.75"],
    ]);
    expect(formatScore(page.oit.score)).toBe("73.41");
    expect(page.oit).toMatchObject({ checked: 43, passed: 31, total: 43, pass: false });
    expect(page.oit.level?.code).toBe("C");
    // The failing items are the round's weak areas, with what each must show.
    const weak = (await getRoundResults(t.db, a.roundId))!.weakAreas.filter((w) => w.kind === "checklist-item").map((w) => w.code);
    expect(weak.sort()).toEqual([...REFERENCE_FAILS].sort());
  });

  describe("starting from the previous round", () => {
    async function addRound(organizationId: number, fiscalYear: number, startsOn: string) {
      return insertRound(t.db, {
        organization_id: organizationId,
        framework_id: "ita-2565",
        fiscal_year: fiscalYear,
        title_th: `รอบ ${fiscalYear}`,
        title_en: `Round ${fiscalYear}`,
        starts_on: startsOn,
        ends_on: `${Number(startsOn.slice(0, 4)) + 1}-09-30`,
        staff_head_count: 50,
        // The fixture's round is the agency's open one (one open round per agency, issue 11).
        status: "closed",
        created_at: "2026-01-01T00:00:00.000Z",
      });
    }
    const copyForm = () => {
      const form = new FormData();
      form.set("intent", "copy-previous");
      return form;
    };

    it("copies statuses, evidence and notes from the latest earlier round of the agency, audited", async () => {
      const older = await addRound(a.organizationId, 2567, "2023-10-01");
      const previous = await addRound(a.organizationId, 2568, "2024-10-01");
      await addRound(b.organizationId, 2568, "2025-01-01"); // another agency's: never a source
      await save(t.db, managerA, older, { itemCode: "o9", status: "pass", evidenceUrls: `${SITE}/old-social` });
      await checkAll(t.db, managerA, previous, REFERENCE_FAILS, new Date("2025-08-01T00:00:00Z"));
      await save(t.db, managerA, previous, { itemCode: "o2", status: "fail", evidenceUrls: `${SITE}/about/executives`, note: "ขาดรูปถ่าย\nฝ่ายประจำ" }, new Date("2025-08-02T00:00:00Z"));

      const before = await getOitChecklistPage(t.db, managerA, a.roundId);
      expect(before.copy).toEqual({ previous: { id: previous, fiscalYear: 2568, titleTh: "รอบ 2568", titleEn: "Round 2568" }, previousItems: 43, empty: true });

      const result = await applyOitChecklistForm(t.db, managerA, a.roundId, copyForm(), NOW);
      expect(result).toEqual({ ok: true, intent: "copy-previous", copied: 43, fromRoundId: previous });

      const copied = await getRoundChecklist(t.db, a.organizationId, a.roundId);
      const source = await getRoundChecklist(t.db, a.organizationId, previous);
      expect(copied.items.map(({ updatedAt: _u, ...rest }) => rest)).toEqual(source.items.map(({ updatedAt: _u, ...rest }) => rest));
      expect(copied.items.find((i) => i.code === "o2")).toMatchObject({ evidenceUrls: [`${SITE}/about/executives`], note: "ขาดรูปถ่าย\nฝ่ายประจำ", updatedBy: "manager-a", updatedAt: NOW.toISOString() });
      expect(copied.items.find((i) => i.code === "o9")?.evidenceUrls).toEqual([`${SITE}/o9`]); // from 2568, not 2567
      expect(formatScore((await getOitChecklistPage(t.db, managerA, a.roundId)).oit.score)).toBe("73.41");

      const audit = (await listAuditLog(t.db, a.organizationId, 100)).filter((e) => e.action === "oit-checklist.copy");
      expect(audit).toHaveLength(1);
      expect(audit[0]!.target).toBe(`round:${a.roundId}/oit`);
      expect(JSON.parse(audit[0]!.detail)).toMatchObject({ roundId: a.roundId, fromRoundId: previous, fromFiscalYear: 2568, copied: 43, statuses: { o2: "fail", o1: "pass" } });

      // The source round is unchanged.
      expect((await getRoundChecklist(t.db, a.organizationId, previous)).items).toEqual(source.items);
    });

    it("refuses (409, nothing written) once this round has any item, and says why", async () => {
      const previous = await addRound(a.organizationId, 2568, "2024-10-01");
      await checkAll(t.db, managerA, previous, []);
      await save(t.db, managerA, a.roundId, { itemCode: "o7", status: "fail", note: "ข่าวไม่เป็นปัจจุบัน" });
      const auditBefore = (await listAuditLog(t.db, a.organizationId, 100)).length;

      const result = await applyOitChecklistForm(t.db, managerA, a.roundId, copyForm(), NOW);
      expect(result).toMatchObject({ ok: false, status: 409 });
      if (!result.ok) expect(result.message.th).toMatch(/มีผลการตรวจ OIT แล้ว 1 ข้อ จึงไม่คัดลอกทับ/);
      const { items } = await getRoundChecklist(t.db, a.organizationId, a.roundId);
      expect(items.filter((i) => i.status !== "unchecked").map((i) => [i.code, i.status, i.note])).toEqual([["o7", "fail", "ข่าวไม่เป็นปัจจุบัน"]]);
      expect((await listAuditLog(t.db, a.organizationId, 100)).length).toBe(auditBefore);
      expect((await getOitChecklistPage(t.db, managerA, a.roundId)).copy.empty).toBe(false);
    });

    it("refuses (409) without an earlier round, or when the earlier round has no checklist", async () => {
      const none = await applyOitChecklistForm(t.db, managerA, a.roundId, copyForm(), NOW);
      expect(none).toMatchObject({ ok: false, status: 409, message: { th: "ไม่มีรอบการประเมินก่อนหน้าของหน่วยงานให้คัดลอก" } });
      // A later round is not "previous".
      const later = await addRound(a.organizationId, 2570, "2026-10-01");
      await checkAll(t.db, managerA, later, []);
      expect(await applyOitChecklistForm(t.db, managerA, a.roundId, copyForm(), NOW)).toMatchObject({ ok: false, status: 409 });
      await addRound(a.organizationId, 2568, "2024-10-01");
      const empty = await applyOitChecklistForm(t.db, managerA, a.roundId, copyForm(), NOW);
      expect(empty).toMatchObject({ ok: false, status: 409 });
      if (!empty.ok) expect(empty.message.th).toContain("ปีงบประมาณ พ.ศ. 2568) ยังไม่มีผลการตรวจ OIT");
      expect((await getRoundChecklist(t.db, a.organizationId, a.roundId)).scores.indicators.map((i) => i.checked)).toEqual([0, 0]);
    });

    it("within the same fiscal year, takes the round that started latest before this one", async () => {
      const sameYearEarlier = await addRound(a.organizationId, 2569, "2025-09-01"); // fixture round starts 2025-10-01
      await save(t.db, managerA, sameYearEarlier, { itemCode: "o3", status: "pass", evidenceUrls: `${SITE}/duties` });
      const result = await applyOitChecklistForm(t.db, managerA, a.roundId, copyForm(), NOW);
      expect(result).toEqual({ ok: true, intent: "copy-previous", copied: 1, fromRoundId: sameYearEarlier });
    });
  });
});
