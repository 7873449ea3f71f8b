/**
 * Complaints (issue 16) on a real, freshly migrated database, SQLite or PostgreSQL (vitest.config.ts runs
 * this file on both), through the services the routes call, without mocks:
 *
 * - an anonymous complaint keeps a day, no time, no contact and its tracking code as a hash only; the code
 *   finds it on the status page whatever its spelling; a wrong, malformed or other agency's code gets one
 *   and the same answer;
 * - a complaint with contact details shows them to the handlers of its unit and to admins (each view
 *   audited), not to a viewer, a manager or a handler of another unit; they are erased when the case has
 *   been closed for the agency's retention, and the statistics keep counting the case;
 * - attachments that lie (an HTML file named .pdf, an SVG, a 6 MB file, a fourth file) are refused with a
 *   4xx and nothing is stored; another agency's case or attachment by id is a 404;
 * - the statistics of a year with cases and of one without, and their CSV, match the cases table;
 * - due dates from the agency's guideline, the overdue list, the changes of a case and their audit.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSessionCookie, getSessionUser, type SessionUser } from "../../app/auth/session.server";
import { HttpError } from "../../app/lib/http";
import { applyComplaintCaseForm, getComplaintAttachmentFile, getComplaintCasePage, getComplaintListPage, getOverdueComplaintsSummary } from "../../app/services/complaints/cases.server";
import { getComplaintGuideline, saveComplaintGuideline } from "../../app/services/complaints/guideline.server";
import { fileComplaint, requireComplaintAgency } from "../../app/services/complaints/intake.server";
import { parseComplaintForm } from "../../app/services/complaints/intake-form.server";
import { complaintStatisticsCsv, getComplaintStatistics } from "../../app/services/complaints/statistics.server";
import { lookupComplaintStatus } from "../../app/services/complaints/status.server";
import { generateTrackingCode } from "../../app/services/complaints/tracking-code.server";
import { purgeExpiredComplaintContacts } from "../../app/services/retention.server";
import { createUser } from "../../app/services/users.server";
import { insertUnit } from "../../db/queries/organizations";
import { deleteAgencyRows } from "../../db/queries/agencies";
import type { Db } from "../../db/client.server";
import { createTestUser } from "../support/accounts";
import { complaintForm, LYING_FILES, pdfFile, pngFile, type ComplaintFields } from "../support/complaints";
import { createRoundFixture } from "../support/fixtures";
import { countRowsOfEveryTable } from "../support/server-database";
import { createTestDb, testDatabaseKind, type TestDb } from "../support/test-db";

/** 10:00 in Bangkok on 15 March 2027 (fiscal year 2570). */
const NOW = new Date("2027-03-15T03:00:00.000Z");
const DAY = 86_400_000;

let t: TestDb;
let db: Db;
let town: number;
let other: number;
let finance: number;
let office: number;
let users: Record<"admin" | "financeHandler" | "officeHandler" | "viewer" | "manager" | "otherAdmin", SessionUser>;

async function sessionUser(organizationId: number, username: string, role: SessionUser["role"], unitId: number | null = null): Promise<SessionUser> {
  const id = await createTestUser(db, organizationId, username, role, unitId);
  const cookie = (await createSessionCookie(db, id, new Date())).split(";")[0]!;
  return (await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } })))!;
}

beforeEach(async () => {
  t = await createTestDb();
  db = t.db;
  town = (await createRoundFixture(db, "town")).organizationId;
  other = (await createRoundFixture(db, "other-town")).organizationId;
  finance = (await db.selectFrom("unit").where("organization_id", "=", town).select("id").executeTakeFirstOrThrow()).id;
  office = await insertUnit(db, { organization_id: town, name_th: "สำนักปลัด", name_en: "Clerk's office", created_at: NOW.toISOString() });
  users = {
    admin: await sessionUser(town, "town-admin", "admin"),
    financeHandler: await sessionUser(town, "finance-handler", "complaints", finance),
    officeHandler: await sessionUser(town, "office-handler", "complaints", office),
    viewer: await sessionUser(town, "town-viewer", "viewer"),
    manager: await sessionUser(town, "town-manager", "manager"),
    otherAdmin: await sessionUser(other, "other-admin", "admin"),
  };
});
afterEach(async () => {
  await t.close();
});

/** What the form's action does: check the form, then store it for the agency of `slug`. */
async function file(slug: string, fields: ComplaintFields = {}, files: File[] = [], now = NOW) {
  const agency = await requireComplaintAgency(db, slug, "th");
  const filed = await fileComplaint(db, agency, await parseComplaintForm(complaintForm(fields, files)), now);
  if (!filed.stored) throw new Error("not stored");
  return filed;
}

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected an HttpError").toBeInstanceOf(HttpError);
  return error as HttpError;
}

/** The status of a thrown Response (a 404 or 403 from a guard), or null when nothing was thrown. */
async function thrownStatus(promise: Promise<unknown>): Promise<number | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof Response) return error.status;
    if (error && typeof error === "object" && "init" in error) return (error as { init: { status: number } }).init.status;
    throw error;
  }
}

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
}

async function complaintRow(id: number) {
  return db.selectFrom("complaint").where("id", "=", id).selectAll().executeTakeFirstOrThrow();
}

describe(`complaints (${testDatabaseKind()})`, () => {
  it("keeps an anonymous complaint with a day, no time, no contact, and its tracking code as a hash only", async () => {
    const filed = await file("town", { identity: "anonymous", contactName: "ไม่ควรเก็บ", contactPhone: "0812345678" }, [pdfFile(), pngFile()]);
    expect(filed.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(filed.receivedOn).toBe("2027-03-15");
    const row = await complaintRow(filed.complaintId);
    // A day, never a time; no address or user agent column exists at all.
    expect(Object.keys(row).sort()).toEqual(
      [
        "acknowledge_due_on", "acknowledged_on", "anonymous", "closed_on", "contact_email", "contact_erased_on", "contact_name", "contact_phone", "decide_due_on",
        "form_key", "happened", "id", "kind", "organization_id", "outcome", "persons", "place", "received_on", "status", "tracking_hash", "tracking_lookup", "unit_id", "what",
      ].sort(),
    );
    expect(row.received_on).toBe("2027-03-15");
    expect(row.anonymous).toBe(1);
    // Contact fields sent with an anonymous choice are not kept.
    expect([row.contact_name, row.contact_phone, row.contact_email]).toEqual([null, null, null]);
    const code = filed.trackingCode.replace(/-/g, "");
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row.tracking_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tracking_lookup).toBe(row.tracking_hash.slice(0, 16));
    // The id is random (nine digits), not 1, 2, 3…
    expect(row.id).toBeGreaterThanOrEqual(100_000_000);
    const attachments = await db.selectFrom("complaint_attachment").where("complaint_id", "=", row.id).select(["media_type", "file_name", "size"]).orderBy("position").execute();
    expect(attachments.map((a) => [a.media_type, a.file_name])).toEqual([
      ["application/pdf", "receipt.pdf"],
      ["image/png", "photo.png"],
    ]);
    // No audit entry for the filing: its time would be the time of day of an anonymous complaint.
    expect(await db.selectFrom("audit_log").where("target", "=", `complaint:${row.id}`).select("id").execute()).toEqual([]);
  });

  it("makes tracking codes of 80 random bits: 16 characters of a 32-letter alphabet, none alike", () => {
    const codes = new Set(Array.from({ length: 2_000 }, () => generateTrackingCode()));
    expect(codes.size).toBe(2_000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    // Every character of the alphabet appears in every position over 2,000 codes (a 5-bit digit each).
    const positions = Array.from({ length: 16 }, (_, i) => new Set([...codes].map((c) => c[i])));
    expect(positions.every((p) => p.size === 32)).toBe(true);
  });

  it("finds the case on the status page by its code, however it is typed; any wrong code gets one answer", async () => {
    const filed = await file("town");
    const otherFiled = await file("other-town");
    const typed = filed.trackingCode.toLowerCase().replace(/-/g, " ").replace(/0/g, "o");
    const found = await lookupComplaintStatus(db, town, typed);
    expect(found).toEqual({ found: true, status: "received", outcome: null, replies: [] });
    const wrong = [
      filed.trackingCode.replace(/^./, (c) => (c === "A" ? "B" : "A")),
      "",
      "x".repeat(100),
      "' OR 1=1 --",
      "\u0000",
      otherFiled.trackingCode,
    ];
    for (const code of wrong) expect(await lookupComplaintStatus(db, town, code), code).toEqual({ found: false });
    // The other agency's own page finds it.
    expect((await lookupComplaintStatus(db, other, otherFiled.trackingCode)).found).toBe(true);
  });

  it("stores the same form sent twice once", async () => {
    const fields = { formKey: "the-same-form-page-key-123" };
    const agency = await requireComplaintAgency(db, "town", "th");
    const first = await fileComplaint(db, agency, await parseComplaintForm(complaintForm(fields)), NOW);
    const again = await fileComplaint(db, agency, await parseComplaintForm(complaintForm(fields)), NOW);
    expect(first.stored).toBe(true);
    expect(again).toEqual({ stored: false });
    expect(await db.selectFrom("complaint").select("id").execute()).toHaveLength(1);
  });

  it("shows contact details to the handlers of the case's unit and to admins, audited; not to a viewer, a manager or another unit's handler", async () => {
    const filed = await file("town", { identity: "named", contactName: "นางสมศรี ใจดี", contactPhone: "081-234-5678", contactEmail: "somsri@example.com" });
    const id = filed.complaintId;
    const viewsOf = async () => (await db.selectFrom("audit_log").where("target", "=", `complaint:${id}`).where("action", "=", "complaint.view-contact").select(["user_id"]).execute()).map((r) => r.user_id);

    // Not yet assigned: every handler sees the case (to take it up), none sees the contact details.
    const unassigned = await getComplaintCasePage(db, users.financeHandler, id, NOW);
    expect(unassigned.contact).toBeNull();
    expect(unassigned.contactState).toBe("hidden");
    expect(await viewsOf()).toEqual([]);

    // Assigned to finance: its handler sees them, and the view is in the audit log.
    expect(await applyComplaintCaseForm(db, users.financeHandler, id, form({ intent: "assign", unitId: String(finance) }), NOW)).toMatchObject({ ok: true, stillVisible: true });
    const page = await getComplaintCasePage(db, users.financeHandler, id, NOW);
    expect(page.contact).toEqual({ name: "นางสมศรี ใจดี", phone: "081-234-5678", email: "somsri@example.com" });
    expect(await viewsOf()).toEqual([users.financeHandler.userId]);

    // An admin sees them too (audited); the office's handler, a viewer and a manager do not see the case at all.
    expect((await getComplaintCasePage(db, users.admin, id, NOW)).contact?.name).toBe("นางสมศรี ใจดี");
    expect(await viewsOf()).toEqual([users.financeHandler.userId, users.admin.userId]);
    expect(await thrownStatus(getComplaintCasePage(db, users.officeHandler, id, NOW))).toBe(404);
    expect(await thrownStatus(getComplaintCasePage(db, users.viewer, id, NOW))).toBe(403);
    expect(await thrownStatus(getComplaintCasePage(db, users.manager, id, NOW))).toBe(403);
    expect(await thrownStatus(getComplaintListPage(db, users.viewer, NOW))).toBe(403);
    expect((await getComplaintListPage(db, users.officeHandler, NOW)).cases).toEqual([]);
    expect((await getComplaintListPage(db, users.financeHandler, NOW)).cases.map((c) => c.id)).toEqual([id]);
    expect(await viewsOf()).toEqual([users.financeHandler.userId, users.admin.userId]);
  });

  it("erases the contact details when the case has been closed for the agency's retention; the statistics keep counting it", async () => {
    await db.updateTable("organization").set({ retention_months: 6 }).where("id", "=", town).execute();
    const filed = await file("town", { identity: "named", contactName: "นายสมชาย", contactPhone: "0812345678" });
    const id = filed.complaintId;
    await applyComplaintCaseForm(db, users.admin, id, form({ intent: "status", status: "closed", outcome: "not-upheld" }), NOW);
    expect((await complaintRow(id)).closed_on).toBe("2027-03-15");

    // Kept through the last day of the retention (15 September 2027, Bangkok)…
    expect(await purgeExpiredComplaintContacts(db, new Date("2027-09-15T10:00:00Z"))).toEqual([]);
    expect((await complaintRow(id)).contact_name).toBe("นายสมชาย");
    // …deleted the day after, once, with an audit entry.
    const erased = await purgeExpiredComplaintContacts(db, new Date("2027-09-16T10:00:00Z"));
    expect(erased).toEqual([{ complaintId: id, organizationId: town, closedOn: "2027-03-15" }]);
    expect(await purgeExpiredComplaintContacts(db, new Date("2027-09-17T10:00:00Z"))).toEqual([]);
    const row = await complaintRow(id);
    expect([row.contact_name, row.contact_phone, row.contact_email, row.contact_erased_on]).toEqual([null, null, null, "2027-09-16"]);
    const audit = await db.selectFrom("audit_log").where("target", "=", `complaint:${id}`).where("action", "=", "complaint.erase-contact").select(["user_id", "detail"]).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain("นายสมชาย");
    const page = await getComplaintCasePage(db, users.admin, id, new Date("2027-09-17T10:00:00Z"));
    expect(page.contact).toBeNull();
    expect(page.contactState).toBe("erased");

    // The case is still counted: received 1, finished 1 in fiscal year 2570.
    const stats = await getComplaintStatistics(db, town, "2570", new Date("2027-09-17T10:00:00Z"));
    expect(stats.statistics).toMatchObject({ received: 1, finished: 1, inProgress: 0, none: false });
    expect(stats.statistics.byOutcome.find((o) => o.code === "not-upheld")!.count).toBe(1);
  });

  it("keeps an open case's contact details whatever its age", async () => {
    await db.updateTable("organization").set({ retention_months: 6 }).where("id", "=", town).execute();
    const filed = await file("town", { identity: "named", contactName: "นายสมชาย", contactEmail: "somchai@example.com" });
    expect(await purgeExpiredComplaintContacts(db, new Date(NOW.getTime() + 3 * 365 * DAY))).toEqual([]);
    expect((await complaintRow(filed.complaintId)).contact_email).toBe("somchai@example.com");
  });

  it("refuses attachments that lie about their type, a 6 MB file and a fourth file with a 4xx, and stores nothing", async () => {
    const before = await countRowsOfEveryTable(db);
    const cases: [string, File[], number][] = [
      ["an HTML file named .pdf", [LYING_FILES.htmlNamedPdf()], 415],
      ["an SVG named .png", [LYING_FILES.svg()], 415],
      ["a 6 MB file", [LYING_FILES.sixMegabytes()], 413],
      ["a fourth file", [pdfFile("1.pdf"), pdfFile("2.pdf"), pngFile("3.png"), pngFile("4.png")], 400],
      ["a good file beside a lying one", [pdfFile(), LYING_FILES.svg()], 415],
    ];
    for (const [what, files, status] of cases) {
      const error = await refusal(file("town", {}, files));
      expect(error.status, what).toBe(status);
      expect(error.fields?.attachment, what).toBeDefined();
    }
    expect(await countRowsOfEveryTable(db)).toEqual(before);
  });

  it("refuses text over 10,000 characters and a missing description; keeps script as the text it is", async () => {
    const long = await refusal(file("town", { what: "ก".repeat(10_001) }));
    expect(long.status).toBe(400);
    expect(long.fields?.what?.th).toContain("10,000");
    expect((await refusal(file("town", { what: "   " }))).fields?.what).toBeDefined();
    expect((await refusal(file("town", { kind: "<script>" }))).fields?.kind).toBeDefined();
    expect((await refusal(file("town", { identity: "named", contactName: "ก" }))).fields?.contactPhone).toBeDefined();
    expect((await refusal(file("town", { identity: "named", contactName: "ก", contactEmail: "not-an-address" }))).fields?.contactEmail).toBeDefined();
    // Exactly 10,000 Thai characters (30,000 bytes) are taken; a script is stored as text (React escapes it on every page).
    const filed = await file("town", { what: "ข".repeat(9_975) + "<script>alert(1)</script>" });
    expect((await complaintRow(filed.complaintId)).what).toMatch(/<script>alert\(1\)<\/script>$/);
  });

  it("answers 404 for another agency's case or attachment by id, and for an attachment of another case", async () => {
    const mine = await file("town", {}, [pdfFile()]);
    const theirs = await file("other-town", {}, [pngFile()]);
    const attachmentOf = async (complaintId: number) => (await db.selectFrom("complaint_attachment").where("complaint_id", "=", complaintId).select("id").executeTakeFirstOrThrow()).id;
    const myFile = await attachmentOf(mine.complaintId);
    const theirFile = await attachmentOf(theirs.complaintId);
    expect(await thrownStatus(getComplaintCasePage(db, users.admin, theirs.complaintId, NOW))).toBe(404);
    expect(await thrownStatus(getComplaintAttachmentFile(db, users.admin, theirs.complaintId, theirFile, NOW))).toBe(404);
    expect(await thrownStatus(getComplaintAttachmentFile(db, users.admin, mine.complaintId, theirFile, NOW))).toBe(404);
    expect(await thrownStatus(getComplaintAttachmentFile(db, users.otherAdmin, mine.complaintId, myFile, NOW))).toBe(404);
    for (const junk of ["", "0", "-1", "1e3", "abc", "99999999999999999999"]) {
      expect(await thrownStatus(getComplaintCasePage(db, users.admin, junk, NOW)), junk).toBe(404);
    }
    expect(await thrownStatus(applyComplaintCaseForm(db, users.admin, theirs.complaintId, form({ intent: "note", text: "x" }), NOW))).toBe(404);
    // The own file comes, with its bytes, and the download is audited.
    const own = await getComplaintAttachmentFile(db, users.admin, mine.complaintId, myFile, NOW);
    expect(new TextDecoder().decode(own.bytes.slice(0, 5))).toBe("%PDF-");
    expect(await db.selectFrom("audit_log").where("action", "=", "complaint.attachment-download").select("user_id").execute()).toEqual([{ user_id: users.admin.userId }]);
  });

  it("publishes the statistics of a year with cases and of one without, matching the cases table, as page data and CSV", async () => {
    // Fiscal year 2570 runs 1 Oct 2026 – 30 Sep 2027; 2569 before it. Days in Bangkok.
    const at = (day: string) => new Date(`${day}T09:00:00+07:00`);
    const plan: [string, string, "closed" | "in-progress" | "received", string | null][] = [
      ["2026-10-01", "bribery", "closed", "upheld"],
      ["2026-10-20", "procurement", "in-progress", null],
      ["2027-01-05", "bribery", "received", null],
      ["2027-03-15", "misconduct", "closed", "withdrawn"],
      ["2027-09-30", "other", "closed", "referred"],
      ["2026-09-30", "bribery", "closed", "upheld"], // FY 2569: not counted in 2570
    ];
    for (const [day, kind, status, outcome] of plan) {
      const filed = await file("town", { kind }, [], at(day));
      if (status === "in-progress") await applyComplaintCaseForm(db, users.admin, filed.complaintId, form({ intent: "status", status: "in-progress" }), at(day));
      if (status === "closed") await applyComplaintCaseForm(db, users.admin, filed.complaintId, form({ intent: "status", status: "closed", outcome: outcome! }), at(day));
    }
    await file("other-town", {}, [], at("2027-02-02")); // another agency's: never counted here

    const page = await getComplaintStatistics(db, town, "2570", NOW);
    const s = page.statistics;
    // The cases table, counted directly.
    const rows = await db.selectFrom("complaint").where("organization_id", "=", town).where("received_on", ">=", "2026-10-01").where("received_on", "<=", "2027-09-30").select(["kind", "status", "received_on"]).execute();
    expect(s.received).toBe(rows.length);
    expect(s.finished).toBe(rows.filter((r) => r.status === "closed").length);
    expect(s.inProgress).toBe(rows.filter((r) => r.status !== "closed").length);
    expect([s.received, s.finished, s.inProgress, s.none]).toEqual([5, 3, 2, false]);
    for (const kind of s.byKind) {
      const of = rows.filter((r) => r.kind === kind.code);
      expect([kind.received, kind.finished], kind.code).toEqual([of.length, of.filter((r) => r.status === "closed").length]);
    }
    expect(s.byMonth).toHaveLength(12);
    expect(s.byMonth[0]).toEqual({ month: "2026-10", received: 2, finished: 1, inProgress: 1 });
    expect(s.byMonth.find((m) => m.month === "2027-09")).toEqual({ month: "2027-09", received: 1, finished: 1, inProgress: 0 });
    expect(s.byMonth.reduce((sum, m) => sum + m.received, 0)).toBe(5);
    expect(Object.fromEntries(s.byOutcome.map((o) => [o.code, o.count]))).toEqual({ upheld: 1, "not-upheld": 0, referred: 1, withdrawn: 1 });
    expect(page.years).toEqual([2570, 2569]);

    const csv = complaintStatisticsCsv(page, "เทศบาลตำบลทดสอบ", "th");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("รวมทั้งปี,2570,5,3,2\r\n");
    expect(csv).toContain("ประเภท,เรียกรับเงิน ทรัพย์สิน หรือผลประโยชน์,2,1,1\r\n");
    expect(csv).toContain("เดือนที่ได้รับเรื่อง,ต.ค. 69,2,1,1\r\n");

    // Fiscal year 2568: no complaint, and said so.
    const none = await getComplaintStatistics(db, town, "2568", NOW);
    expect(none.statistics).toMatchObject({ fiscalYear: 2568, received: 0, finished: 0, inProgress: 0, none: true });
    const noneCsv = complaintStatisticsCsv(none, "เทศบาลตำบลทดสอบ", "th");
    expect(noneCsv).toContain("ไม่มีเรื่องร้องเรียนในปีงบประมาณนี้");
    expect(complaintStatisticsCsv(none, "Test Municipality", "en")).toContain("No complaints in this fiscal year");
    // A junk year is the current one, not an error.
    expect((await getComplaintStatistics(db, town, "20x0", NOW)).statistics.fiscalYear).toBe(2570);
  });

  it("takes due dates from the agency's guideline, lists overdue cases, and audits every change of a case", async () => {
    expect((await getComplaintGuideline(db, town)).custom).toBe(false);
    await saveComplaintGuideline(
      db,
      users.admin,
      (() => {
        const f = form({ steps: "1. รับเรื่อง\n๒) ตรวจสอบ\n\nแจ้งผล", acknowledgeDays: "5", decideDays: "20", channels: "โทร 0 5512 3456" });
        f.append("unit", String(office));
        return f;
      })(),
      NOW,
    );
    const guideline = await getComplaintGuideline(db, town);
    expect(guideline).toMatchObject({ custom: true, acknowledgeDays: 5, decideDays: 20, channels: "โทร 0 5512 3456" });
    expect(guideline.steps.map((s) => s.th)).toEqual(["รับเรื่อง", "ตรวจสอบ", "แจ้งผล"]);
    expect(guideline.units.map((u) => u.id)).toEqual([office]);
    const bad = await refusal(saveComplaintGuideline(db, users.admin, form({ steps: "", acknowledgeDays: "30", decideDays: "10" }), NOW));
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["decideDays", "steps"]);

    const filed = await file("town");
    const id = filed.complaintId;
    const row = await complaintRow(id);
    expect([row.acknowledge_due_on, row.decide_due_on]).toEqual(["2027-03-20", "2027-04-04"]);

    // Six days later it is past its acknowledgement: on the list, and on the dashboard's count.
    const later = new Date(NOW.getTime() + 6 * DAY);
    expect((await getComplaintListPage(db, users.admin, later)).overdue.map((c) => [c.id, c.overdue])).toEqual([[id, { acknowledge: true, decide: false, days: 1 }]]);
    expect(await getOverdueComplaintsSummary(db, users.viewer, later)).toEqual({ count: 1, cases: [] });
    expect((await getOverdueComplaintsSummary(db, users.financeHandler, later)).cases.map((c) => c.id)).toEqual([id]);

    const change = (values: Record<string, string>, user = users.financeHandler) => applyComplaintCaseForm(db, user, id, form(values), later);
    expect(await change({ intent: "status", status: "under-review" })).toMatchObject({ ok: true });
    expect((await getComplaintListPage(db, users.admin, later)).overdue).toEqual([]);
    expect((await complaintRow(id)).acknowledged_on).toBe("2027-03-21");
    expect(await change({ intent: "status", status: "received" })).toMatchObject({ ok: false, status: 400 });
    expect(await change({ intent: "status", status: "closed" })).toMatchObject({ ok: false, status: 400, field: "outcome" });
    expect(await change({ intent: "kind", kind: "procurement" })).toMatchObject({ ok: true });
    expect(await change({ intent: "reply", text: "หน่วยงานได้รับเรื่องและกำลังตรวจสอบ" })).toMatchObject({ ok: true });
    expect(await change({ intent: "note", text: "นัดสอบปากคำ" })).toMatchObject({ ok: true });
    expect(await change({ intent: "reply", text: "ข".repeat(10_001) })).toMatchObject({ ok: false, status: 400 });
    // Passed on to the office: the finance handler no longer sees it.
    expect(await change({ intent: "assign", unitId: String(office) })).toMatchObject({ ok: true, stillVisible: false });
    expect(await thrownStatus(getComplaintCasePage(db, users.financeHandler, id, later))).toBe(404);
    expect(await change({ intent: "status", status: "closed", outcome: "upheld" }, users.officeHandler)).toMatchObject({ ok: true });
    expect(await change({ intent: "status", status: "in-progress" }, users.officeHandler)).toMatchObject({ ok: false, status: 409 });

    const actions = (await db.selectFrom("audit_log").where("target", "=", `complaint:${id}`).select("action").orderBy("id").execute()).map((r) => r.action);
    expect(actions).toEqual(["complaint.status", "complaint.kind", "complaint.reply", "complaint.note", "complaint.assign", "complaint.status"]);
    // The complainant's page: the status and the public reply with its day; never the note.
    const status = await lookupComplaintStatus(db, town, filed.trackingCode);
    expect(status).toMatchObject({ found: true, status: "closed", outcome: "upheld" });
    expect(status.found && status.replies.map((r) => [r.text, r.createdOn])).toEqual([["หน่วยงานได้รับเรื่องและกำลังตรวจสอบ", "2027-03-21"]]);
  });

  it("makes a complaint handler only with a unit of the agency", async () => {
    const made = await createUser(db, users.admin, { username: "desk", displayName: "", role: "complaints", unitId: office }, NOW);
    expect(made.username).toBe("desk");
    expect((await db.selectFrom("user").where("username", "=", "desk").select("unit_id").executeTakeFirstOrThrow()).unit_id).toBe(office);
    expect((await refusal(createUser(db, users.admin, { username: "desk2", displayName: "", role: "complaints", unitId: null }, NOW))).status).toBe(400);
    const otherUnit = (await db.selectFrom("unit").where("organization_id", "=", other).select("id").executeTakeFirstOrThrow()).id;
    expect((await refusal(createUser(db, users.admin, { username: "desk3", displayName: "", role: "complaints", unitId: otherUnit }, NOW))).status).toBe(400);
    // Another role keeps no unit.
    await createUser(db, users.admin, { username: "plain", displayName: "", role: "viewer", unitId: office }, NOW);
    expect((await db.selectFrom("user").where("username", "=", "plain").select("unit_id").executeTakeFirstOrThrow()).unit_id).toBeNull();
  });

  it("deletes an agency's complaints, files, replies and guideline with the agency, and nobody else's", async () => {
    const mine = await file("town", {}, [pdfFile()]);
    const theirs = await file("other-town", { identity: "named", contactName: "ก ข", contactPhone: "0812345678" }, [pngFile()]);
    await applyComplaintCaseForm(db, users.otherAdmin, theirs.complaintId, form({ intent: "reply", text: "รับเรื่องแล้ว" }), NOW);
    await saveComplaintGuideline(db, users.otherAdmin, form({ steps: "รับเรื่อง", acknowledgeDays: "10", decideDays: "30" }), NOW);
    const deleted = await db.transaction().execute((trx) => deleteAgencyRows(trx, other));
    expect(deleted).toMatchObject({ complaint: 1, complaint_attachment: 1, complaint_entry: 1, complaint_guideline: 1, organization: 1 });
    expect(await db.selectFrom("complaint").select("id").execute()).toEqual([{ id: mine.complaintId }]);
    expect(await db.selectFrom("complaint_attachment").select("complaint_id").execute()).toEqual([{ complaint_id: mine.complaintId }]);
  });

  it("takes no complaint for an unknown or suspended agency", async () => {
    expect(await thrownStatus(requireComplaintAgency(db, "nowhere", "th"))).toBe(404);
    expect(await thrownStatus(requireComplaintAgency(db, "../etc", "th"))).toBe(404);
    await db.updateTable("organization").set({ status: "suspended" }).where("id", "=", other).execute();
    expect(await thrownStatus(requireComplaintAgency(db, "other-town", "th"))).toBe(403);
  });
});
