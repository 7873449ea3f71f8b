/**
 * Past official results (issue 4, item 3) on a real SQLite database: the reference document's ten
 * scores for B.E. 2565 give 77.99 → B on the page's data; bad input is refused with Thai messages and
 * writes nothing; a re-entered year is updated; an agency sees only its own results. Then over HTTP
 * against the built server: a viewer cannot change anything, a form without the anti-forgery token is
 * refused, and a manager's save redirects.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formatScore } from "../../app/text/format";
import { createSessionCookie, getSessionUser, type SessionUser } from "../../app/auth/session.server";
import { applyOfficialResultForm } from "../../app/services/official-results/commands.server";
import { getOfficialResultsPage, listOrganizationOfficialResults } from "../../app/services/official-results/page.server";
import { listAuditLog } from "../../db/queries/audit-log";
import { listOfficialResults } from "../../db/queries/official-results";
import { confirmFramework } from "../../db/queries/framework-confirmation";
import type { Db } from "../../db/client.server";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { createRoundFixture } from "../support/fixtures";
import { REFERENCE_SCORES_2565 as REFERENCE_2565 } from "../support/reference-scores";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-25T05:00:00Z"); // fiscal year 2570

function form(fields: Record<string, string>, scores: Record<string, string> = REFERENCE_2565): FormData {
  const data = new FormData();
  data.set("intent", "save");
  data.set("frameworkId", "ita-2565");
  for (const [code, score] of Object.entries(scores)) data.set(`score_${code}`, score);
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

async function sessionUser(db: Db, userId: number): Promise<SessionUser> {
  const cookie = (await createSessionCookie(db, userId, new Date())).split(";")[0]!;
  const user = await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } }));
  if (!user) throw new Error("no session user");
  return user;
}

describe("official results (services, real SQLite)", () => {
  let t: TestDb;
  let managerA: SessionUser;
  let managerB: SessionUser;
  let viewerA: SessionUser;

  beforeEach(async () => {
    t = await createTestDb();
    const a = await createRoundFixture(t.db, "agency-a");
    const b = await createRoundFixture(t.db, "agency-b");
    managerA = await sessionUser(t.db, await createTestUser(t.db, a.organizationId, "manager-a", "manager"));
    viewerA = await sessionUser(t.db, await createTestUser(t.db, a.organizationId, "viewer-a", "viewer"));
    managerB = await sessionUser(t.db, await createTestUser(t.db, b.organizationId, "manager-b", "manager"));
  });
  afterEach(async () => {
    await t.close();
  });

  it("computes 77.99 and level B from the reference document's ten scores for 2565", async () => {
    const result = await applyOfficialResultForm(t.db, managerA, form({ fiscalYear: "2565" }), NOW);
    expect(result).toMatchObject({ ok: true, intent: "save", fiscalYear: 2565, created: true });

    const page = await getOfficialResultsPage(t.db, managerA, null, NOW);
    expect(page.canEdit).toBe(true);
    expect(page.results).toHaveLength(1);
    const year = page.results[0]!;
    expect(year.fiscalYear).toBe(2565);
    expect(formatScore(year.total)).toBe("77.99");
    expect(year.level.code).toBe("B");
    expect(year.pass).toBe(false);
    const instruments = Object.fromEntries(year.instruments.map((i) => [i.code, formatScore(i.score)]));
    expect(instruments).toEqual({ iit: "85.56", eit: "76.52", oit: "73.41" });
    expect(year.indicators.map((i) => formatScore(i.score))).toEqual(Object.values(REFERENCE_2565));
    expect(year.indicators.find((i) => i.code === "4")!.level.code).toBe("B");

    const audit = await listAuditLog(t.db, managerA.organizationId, 10);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "official-result.save", target: "official-result:2565", username: "manager-a" });
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ fiscalYear: 2565, created: true, indicatorScores: { "1": 91.7, "10": 68.75 } });
  });

  it("keeps the rating as published in the rating era, shows the rule's when it differs, and says the framework is provisional until confirmed", async () => {
    // The reference scores under ita-2569: total 77.99 → ต้องปรับปรุง by the rule; entered as published ผ่าน.
    const published = form({ fiscalYear: "2566", frameworkId: "ita-2569", publishedRating: "ita-2569:pass" });
    expect(await applyOfficialResultForm(t.db, managerA, published, NOW)).toMatchObject({ ok: true, fiscalYear: 2566 });
    let page = await getOfficialResultsPage(t.db, managerA, "2566", NOW);
    const year = page.results[0]!;
    expect(year.rating).toMatchObject({ code: "pass", label: { th: "ผ่าน", en: "Pass" } });
    expect(year.ruleRating).toMatchObject({ code: "improve", reason: { th: "ยังไม่ถึงผ่าน: คะแนนรวม 77.99 < 85" } });
    expect(page.form.publishedRating).toBe("ita-2569:pass");
    expect(page.provisionalFrameworks).toEqual(["ita-2569"]);
    expect(JSON.parse((await listAuditLog(t.db, managerA.organizationId, 1))[0]!.detail)).toMatchObject({ publishedRating: "pass" });

    // A rating of another framework than the one chosen is refused in Thai, and nothing changes.
    const mixed = await applyOfficialResultForm(t.db, managerA, form({ fiscalYear: "2566", frameworkId: "ita-2569", publishedRating: "ita-2565:A" }), NOW);
    expect(mixed).toMatchObject({ ok: false, status: 400 });
    expect((mixed as { errors: Record<string, { th: string }> }).errors.publishedRating!.th).toContain("ไม่ใช่ของกรอบการประเมินนี้");
    expect((await getOfficialResultsPage(t.db, managerA, null, NOW)).results[0]!.rating.code).toBe("pass");

    // Once the operator confirms the framework, the page stops calling it provisional.
    await confirmFramework(t.db, "ita-2569", "2026-11-25", "checked against the 2569 manual");
    page = await getOfficialResultsPage(t.db, managerA, null, NOW);
    expect(page.provisionalFrameworks).toEqual([]);
  });

  it("accepts Thai digits as people type them", async () => {
    const thai = Object.fromEntries(Object.entries(REFERENCE_2565).map(([k, v]) => [k, v.replace(/[0-9]/g, (d) => "๐๑๒๓๔๕๖๗๘๙"[Number(d)]!)]));
    const result = await applyOfficialResultForm(t.db, managerA, form({ fiscalYear: "๒๕๖๕" }, thai), NOW);
    expect(result.ok).toBe(true);
    const [year] = await listOrganizationOfficialResults(t.db, managerA.organizationId);
    expect(formatScore(year!.total)).toBe("77.99");
  });

  it("updates a year that is entered again, and audits the change with the previous scores", async () => {
    await applyOfficialResultForm(t.db, managerA, form({ fiscalYear: "2565" }), NOW);
    const better = { ...REFERENCE_2565, "4": "90.00", "8": "88.50" };
    const result = await applyOfficialResultForm(t.db, managerA, form({ fiscalYear: "2565" }, better), NOW);
    expect(result).toMatchObject({ ok: true, created: false });

    const rows = await listOfficialResults(t.db, managerA.organizationId);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.indicatorScores)).toMatchObject({ "4": 90, "8": 88.5 });
    const audit = await listAuditLog(t.db, managerA.organizationId, 10);
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ created: false, previous: { indicatorScores: { "4": 79.64, "8": 73.62 } } });
  });

  it("deletes a year, audited, and answers 404 for a year that has no result", async () => {
    await applyOfficialResultForm(t.db, managerA, form({ fiscalYear: "2565" }), NOW);
    const remove = new FormData();
    remove.set("intent", "delete");
    remove.set("fiscalYear", "2565");
    expect(await applyOfficialResultForm(t.db, managerA, remove, NOW)).toMatchObject({ ok: true, intent: "delete", fiscalYear: 2565 });
    expect(await listOfficialResults(t.db, managerA.organizationId)).toHaveLength(0);
    expect((await listAuditLog(t.db, managerA.organizationId, 10))[0]).toMatchObject({ action: "official-result.delete" });
    expect(await applyOfficialResultForm(t.db, managerA, remove, NOW)).toMatchObject({ ok: false, status: 404 });
  });

  const invalid: [string, Record<string, string>, Record<string, string>, string, RegExp][] = [
    ["a score of 101", { fiscalYear: "2565" }, { ...REFERENCE_2565, "3": "101" }, "score_3", /ระหว่าง 0 ถึง 100/],
    ["a negative score", { fiscalYear: "2565" }, { ...REFERENCE_2565, "3": "-1" }, "score_3", /ระหว่าง 0 ถึง 100/],
    ["a missing indicator", { fiscalYear: "2565" }, Object.fromEntries(Object.entries(REFERENCE_2565).filter(([k]) => k !== "7")), "score_7", /กรุณากรอกคะแนน/],
    ["an empty indicator", { fiscalYear: "2565" }, { ...REFERENCE_2565, "9": "  " }, "score_9", /กรุณากรอกคะแนน/],
    ["text instead of a score", { fiscalYear: "2565" }, { ...REFERENCE_2565, "1": "ดีมาก" }, "score_1", /ต้องเป็นตัวเลข/],
    ["three decimals", { fiscalYear: "2565" }, { ...REFERENCE_2565, "2": "86.675" }, "score_2", /ทศนิยมได้ไม่เกิน 2 ตำแหน่ง/],
    ["the year 1999", { fiscalYear: "1999" }, REFERENCE_2565, "fiscalYear", /ปีพุทธศักราช.*ค\.ศ\. 1999 คือ พ\.ศ\. 2542/],
    ["a Christian Era year 2022", { fiscalYear: "2022" }, REFERENCE_2565, "fiscalYear", /พ\.ศ\. 2565/],
    ["a year in the future", { fiscalYear: "2599" }, REFERENCE_2565, "fiscalYear", /ระหว่าง 2550 ถึง 2570/],
    ["a year that is not a number", { fiscalYear: "สองห้าหกห้า" }, REFERENCE_2565, "fiscalYear", /ตัวเลข 4 หลัก/],
    ["no year", { fiscalYear: "" }, REFERENCE_2565, "fiscalYear", /กรุณากรอกปีงบประมาณ/],
    ["an unknown framework", { fiscalYear: "2565", frameworkId: "ita-1999" }, REFERENCE_2565, "frameworkId", /ไม่รู้จักกรอบการประเมิน/],
  ];

  it.each(invalid)("refuses %s with a Thai message and writes nothing", async (_name, fields, scores, field, messageTh) => {
    const result = await applyOfficialResultForm(t.db, managerA, form(fields, scores), NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.message.th).toContain("ยังไม่ได้บันทึก");
    expect(result.errors[field]?.th).toMatch(messageTh);
    expect(result.values).not.toBeNull(); // the form shows what was typed
    expect(await listOfficialResults(t.db, managerA.organizationId)).toHaveLength(0);
    expect(await listAuditLog(t.db, managerA.organizationId, 10)).toHaveLength(0);
  });

  it("reports every bad field at once", async () => {
    const result = await applyOfficialResultForm(t.db, managerA, form({ fiscalYear: "1999" }, { ...REFERENCE_2565, "1": "101", "5": "x", "10": "" }), NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(["fiscalYear", "score_1", "score_10", "score_5"]);
  });

  it("keeps agencies apart: A never sees B's results, and B's changes never touch A's", async () => {
    await applyOfficialResultForm(t.db, managerA, form({ fiscalYear: "2565" }), NOW);
    await applyOfficialResultForm(t.db, managerB, form({ fiscalYear: "2566" }, { ...REFERENCE_2565, "1": "50.00" }), NOW);
    await applyOfficialResultForm(t.db, managerB, form({ fiscalYear: "2565" }, { ...REFERENCE_2565, "1": "10.00" }), NOW);

    const pageA = await getOfficialResultsPage(t.db, viewerA, "2566", NOW);
    expect(pageA.results.map((r) => r.fiscalYear)).toEqual([2565]);
    expect(formatScore(pageA.results[0]!.total)).toBe("77.99");
    expect(pageA.editing).toBeNull(); // 2566 is B's: nothing to edit for A
    expect(pageA.canEdit).toBe(false);

    const remove = new FormData();
    remove.set("intent", "delete");
    remove.set("fiscalYear", "2565");
    await applyOfficialResultForm(t.db, managerB, remove, NOW);
    expect((await listOfficialResults(t.db, managerA.organizationId)).map((r) => r.fiscalYear)).toEqual([2565]);
    expect((await listOfficialResults(t.db, managerB.organizationId)).map((r) => r.fiscalYear)).toEqual([2566]);
    expect(await listAuditLog(t.db, managerA.organizationId, 10)).toHaveLength(1);
  });
});

describe("official results over HTTP (built server)", () => {
  let t: TestDb;
  let server: RunningServer;
  let organizationId: number;
  let manager: SignedIn;
  let viewer: SignedIn;
  let otherAdmin: SignedIn;

  beforeAll(async () => {
    t = await createTestDb();
    organizationId = (await createRoundFixture(t.db, "agency-http")).organizationId;
    const other = await createRoundFixture(t.db, "agency-other");
    await createTestUser(t.db, organizationId, "manager-h", "manager");
    await createTestUser(t.db, organizationId, "viewer-h", "viewer");
    await createTestUser(t.db, other.organizationId, "admin-o", "admin");
    server = await startServer({ databasePath: t.path });
    manager = await signInOverHttp(server.url, "manager-h");
    viewer = await signInOverHttp(server.url, "viewer-h");
    otherAdmin = await signInOverHttp(server.url, "admin-o");
  });
  afterAll(async () => {
    await server?.stop();
    await t?.close();
  });

  function post(who: SignedIn | null, fields: Record<string, string>) {
    return fetch(`${server.url}/admin/official-results`, {
      method: "POST",
      headers: who ? { cookie: who.cookie } : {},
      body: new URLSearchParams(fields),
      redirect: "manual",
    });
  }
  const saveFields = (who: SignedIn, year: string, extra: Record<string, string> = {}) => ({
    intent: "save",
    csrf: who.csrf,
    fiscalYear: year,
    frameworkId: "ita-2565",
    ...Object.fromEntries(Object.entries(REFERENCE_2565).map(([k, v]) => [`score_${k}`, v])),
    ...extra,
  });

  it("refuses a viewer with 403 and writes nothing", async () => {
    const response = await post(viewer, saveFields(viewer, "2565"));
    expect(response.status).toBe(403);
    expect(await listOfficialResults(t.db, organizationId)).toHaveLength(0);
    const remove = await post(viewer, { intent: "delete", csrf: viewer.csrf, fiscalYear: "2565" });
    expect(remove.status).toBe(403);
  });

  it("refuses a form without the anti-forgery token (403), or with another session's", async () => {
    const { csrf: _omitted, ...noToken } = saveFields(manager, "2565");
    expect((await post(manager, noToken)).status).toBe(403);
    expect((await post(manager, saveFields(otherAdmin, "2565"))).status).toBe(403);
    expect(await listOfficialResults(t.db, organizationId)).toHaveLength(0);
  });

  it("sends a signed-out visitor to sign-in", async () => {
    const response = await post(null, saveFields(manager, "2565"));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/sign-in/);
  });

  it("answers invalid input with 400 and the Thai messages on the page", async () => {
    const response = await post(manager, saveFields(manager, "1999", { score_3: "101" }));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("ปีงบประมาณต้องเป็นปีพุทธศักราช");
    expect(html).toContain("คะแนนต้องอยู่ระหว่าง 0 ถึง 100");
    expect(await listOfficialResults(t.db, organizationId)).toHaveLength(0);
  });

  it("saves a manager's result, redirects, and shows 77.99 B to every role of the agency only", async () => {
    const response = await post(manager, saveFields(manager, "2565"));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin/official-results?saved=2565");

    const html = await (await fetch(`${server.url}/admin/official-results`, { headers: { cookie: viewer.cookie } })).text();
    expect(html).toMatch(/data-testid="official-total-2565">77\.99</);
    expect(html).toMatch(/data-testid="official-level-2565"><span class="rating" data-testid="rating"><span class="level-badge rating-badge"[^>]*>B</);
    expect(html).not.toContain('name="score_1"'); // a viewer gets no form

    const other = await (await fetch(`${server.url}/admin/official-results`, { headers: { cookie: otherAdmin.cookie } })).text();
    expect(other).not.toContain("official-total-2565");
  });
});
