/**
 * E-mail through the outbox (issue 17) on a real database (SQLite or PostgreSQL) and a real SMTP server on
 * loopback (smtp-server), each message parsed by mailparser as a mail client reads it: the weekly digest's
 * Thai subject and body (and English for a user who chose English), queued once per user per week; an
 * alert sent once per event however often it is detected; a new complaint's alert queued with the
 * complaint and saying nothing of its content; a recipient refused for good is given up; a user disabled
 * after queueing gets nothing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerEmailChannel } from "../../app/services/email/channel.server";
import { digestWeekDue, queueWeeklyDigests } from "../../app/services/email/digest.server";
import { deliverDueMessages } from "../../app/services/outbox/outbox.server";
import { detectAgencyEvents, detectEvents } from "../../app/services/notify/detect.server";
import { insertMeasure } from "../../db/queries/measures";
import { fileComplaint, requireComplaintAgency } from "../../app/services/complaints/intake.server";
import { parseComplaintForm } from "../../app/services/complaints/intake-form.server";
import { submitResponse } from "../../app/services/submit-response.server";
import { saveNotificationSetting, updateEmailSettings } from "../../db/queries/notifications";
import { createTestUser } from "../support/accounts";
import { complaintForm } from "../support/complaints";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { unhurried } from "../support/start-stamps";
import { createTestDb, type TestDb } from "../support/test-db";

const PUBLIC_URL = "https://survey.example.go.th";
/** Monday 30 November 2026, 08:30 in Bangkok. */
const MONDAY_MORNING = new Date("2026-11-30T01:30:00Z");
const ANSWERED = new Date("2026-11-15T03:00:00Z");

let smtp: TestSmtpServer;
let t: TestDb;
let round: RoundFixture;

beforeAll(async () => {
  smtp = await startSmtpServer({ refuse: ["gone@example.go.th"] });
  registerEmailChannel({ host: "127.0.0.1", port: smtp.port, tls: "none", from: "Prongsai <noreply@example.go.th>" }, PUBLIC_URL);
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  t = await createTestDb();
  round = await createRoundFixture(t.db, "mail-town");
});
afterEach(async () => {
  await t.close();
});

async function user(username: string, role: "admin" | "manager" | "viewer", settings: { email: string | null; lang?: "th" | "en"; digest?: boolean; alerts?: string[] }) {
  const id = await createTestUser(t.db, round.organizationId, username, role);
  await updateEmailSettings(t.db, id, { email: settings.email, email_lang: settings.lang ?? "th", weekly_digest: settings.digest ? 1 : 0, email_alerts: JSON.stringify(settings.alerts ?? []) });
  return id;
}

async function deliver(now: Date) {
  return deliverDueMessages(t.db, { now, processId: "test" });
}

async function statuses() {
  return t.db.selectFrom("outbox_message").select(["recipient", "event_type", "status", "last_error"]).orderBy("recipient").orderBy("event_type").execute();
}

describe("the weekly digest", () => {
  it("is due on Monday from 08:00 Bangkok time, and not before or on another day", () => {
    expect(digestWeekDue(new Date("2026-11-30T00:59:59Z"))).toBeNull(); // 07:59:59 in Bangkok
    expect(digestWeekDue(new Date("2026-11-30T01:00:00Z"))).toBe("2026-11-30");
    expect(digestWeekDue(new Date("2026-11-30T16:59:59Z"))).toBe("2026-11-30"); // 23:59:59
    expect(digestWeekDue(new Date("2026-11-30T17:00:00Z"))).toBeNull(); // Tuesday
    expect(digestWeekDue(new Date("2026-11-29T03:00:00Z"))).toBeNull(); // Sunday
  });

  it("reaches each user who asked for it once a week, in Thai (English if chosen), as HTML and text", async () => {
    // Six visitors answer at the counter, three of them with a suggestion: five make a group and count.
    for (let n = 0; n < 6; n++) {
      const answers = { ...makeAnswers("eit", (i, o) => (i + n) % o), ...(n < 3 ? { eit_suggestion: `ขอที่จอดรถเพิ่มอีก ${n + 1} คัน` } : {}) };
      await submitResponse(t.db, round.eitToken, JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers })), { now: ANSWERED, recentFromAddress: 1 });
    }
    await user("somchai", "viewer", { email: "somchai@example.go.th", digest: true });
    await user("jane", "manager", { email: "jane@example.go.th", lang: "en", digest: true });
    await user("nodigest", "admin", { email: "nodigest@example.go.th" });
    await user("noaddress", "admin", { email: null });

    expect(await queueWeeklyDigests(t.db, new Date("2026-11-30T00:30:00Z"), PUBLIC_URL)).toBe(0);
    expect(await queueWeeklyDigests(t.db, MONDAY_MORNING, PUBLIC_URL)).toBe(2);
    // Later passes that Monday, in this process or another, queue nothing more.
    expect(await queueWeeklyDigests(t.db, new Date("2026-11-30T09:00:00Z"), PUBLIC_URL)).toBe(0);
    expect(await deliver(MONDAY_MORNING)).toEqual({ sent: 2, retried: 0, failed: 0 });
    const mails = await smtp.waitFor(2);
    expect(mails).toHaveLength(2);

    const thai = mails.find((m) => m.to && JSON.stringify(m.to).includes("somchai@example.go.th"))!;
    expect(thai.subject).toBe("สรุปประจำสัปดาห์ เทศบาลตำบลทดสอบ สัปดาห์ที่เริ่ม 30 พ.ย. 2569");
    expect(thai.from?.text).toBe('"Prongsai" <noreply@example.go.th>');
    expect(thai.text).toContain("รอบการประเมิน: รอบทดสอบ");
    expect(thai.text).toContain("EIT: 5 จากขั้นต่ำ");
    expect(thai.text).toContain("ข้อเสนอแนะที่ยังไม่ได้อ่าน: 3 เรื่อง");
    expect(thai.text).toContain("ขอที่จอดรถเพิ่มอีก");
    expect(thai.text).toContain("มาตรการที่เลยกำหนด: 0 มาตรการ");
    expect(thai.text).toContain(`${PUBLIC_URL}/admin/rounds/${round.roundId}`);
    expect(thai.html).toContain("<h1");
    expect(thai.html).toContain("สรุปประจำสัปดาห์ เทศบาลตำบลทดสอบ");
    expect(thai.html).toContain(`href="${PUBLIC_URL}/admin/rounds/${round.roundId}"`);

    const english = mails.find((m) => JSON.stringify(m.to).includes("jane@example.go.th"))!;
    expect(english.subject).toBe("Weekly digest, Test Municipality, week of 30 Nov 2026");
    expect(english.text).toContain("Unread suggestions: 3");

    // No personal data in what the outbox keeps: the payload has no address, and the message names the user by id.
    const rows = await t.db.selectFrom("outbox_message").select(["recipient", "payload"]).execute();
    for (const row of rows) {
      expect(row.payload).not.toContain("@");
      expect(row.payload).not.toContain("ขอที่จอดรถ");
      expect(row.recipient).toMatch(/^\d+$/);
    }
  });
});

describe("alerts", () => {
  it("sends an alert once per event however often it is detected, only to users who chose it at an agency that turned it on", async () => {
    const admin = await user("admin", "admin", { email: "admin@example.go.th", alerts: ["round.closing-soon"] });
    await user("other", "viewer", { email: "other@example.go.th", alerts: ["measure.overdue"] });
    // Ten days before the fixture round's last day (30 September 2570).
    const now = new Date("2027-09-20T03:00:00Z");
    // The agency has not turned the alert on: nothing.
    expect(await detectEvents(t.db, now, PUBLIC_URL)).toBe(0);
    await saveNotificationSetting(t.db, { organization_id: round.organizationId, alerts: JSON.stringify(["round.closing-soon", "measure.overdue"]), updated_by: admin, updated_at: now.toISOString() });
    expect(await detectEvents(t.db, now, PUBLIC_URL)).toBe(1);
    expect(await detectEvents(t.db, now, PUBLIC_URL)).toBe(0);
    expect(await deliver(now)).toEqual({ sent: 1, retried: 0, failed: 0 });
    // The next day the round still closes soon: the same happening, no second alert.
    const nextDay = new Date("2027-09-21T03:00:00Z");
    expect(await detectEvents(t.db, nextDay, PUBLIC_URL)).toBe(0);
    expect(await deliver(nextDay)).toEqual({ sent: 0, retried: 0, failed: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(smtp.received).toHaveLength(1);
    expect(JSON.stringify(mail!.to)).toContain("admin@example.go.th");
    expect(mail!.subject).toBe("รอบทดสอบ จะปิดรับคำตอบในอีก 10 วัน");
    expect(mail!.text).toContain("รอบทดสอบ ปิดรับคำตอบวันที่ 30 ก.ย. 2570 (อีก 10 วัน)");
  });

  it("queues a new complaint's alert with the complaint, for the admins who chose it, with nothing of its content", async () => {
    const admin = await user("admin", "admin", { email: "admin@example.go.th", alerts: ["complaint.received"] });
    await user("viewer", "viewer", { email: "viewer@example.go.th", alerts: ["complaint.received"] });
    await saveNotificationSetting(t.db, { organization_id: round.organizationId, alerts: JSON.stringify(["complaint.received"]), updated_by: admin, updated_at: new Date().toISOString() });
    const now = new Date("2026-11-16T03:00:00Z");
    const agency = await requireComplaintAgency(t.db, "mail-town", "th");
    const filed = await fileComplaint(t.db, agency, await parseComplaintForm(complaintForm({ what: "เจ้าหน้าที่เรียกรับเงินใต้โต๊ะ 5,000 บาท" })), now);
    expect(filed.stored).toBe(true);
    expect(await statuses()).toEqual([{ recipient: String(admin), event_type: "complaint.received", status: "pending", last_error: null }]);
    expect(await deliver(now)).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe("มีเรื่องร้องเรียนใหม่");
    expect(mail!.text).toContain("16 พ.ย. 2569");
    // The link is the installation's PUBLIC_URL (the default here: this test sets none).
    expect(mail!.text).toMatch(/: http\S+\/admin\/complaints\n/);
    expect(mail!.text).not.toContain("เรียกรับเงิน");
    expect(mail!.html).not.toContain("เรียกรับเงิน");
  });
});

describe("detection", () => {
  it("finds an overdue measure and a reached minimum sample, with stable keys and no personal data", async () => {
    const now = new Date("2026-11-20T03:00:00Z");
    const measureId = await insertMeasure(t.db, {
      organization_id: round.organizationId,
      round_id: round.roundId,
      position: 1,
      title: "ติดป้ายขั้นตอนการให้บริการ",
      period: "ตลอดปี",
      due_on: "2026-11-01",
      follow_up: "",
      created_by: null,
      created_at: now.toISOString(),
      updated_by: null,
      updated_at: now.toISOString(),
    });
    const before = await detectAgencyEvents(t.db, round.organizationId, now, PUBLIC_URL);
    expect(before.map((e) => e.dedupeKey)).toEqual([`measure.overdue:${measureId}:2026-11-01`]);
    expect(before[0]!.data).toMatchObject({ measureTitle: "ติดป้ายขั้นตอนการให้บริการ", dueOn: "2026-11-01", link: `${PUBLIC_URL}/admin/rounds/${round.roundId}/measures` });

    // Enough EIT answers at the counter to reach the framework's minimum for the fixture's agency size.
    const dashboardMinimum = async () => (await detectAgencyEvents(t.db, round.organizationId, now, PUBLIC_URL)).find((e) => e.type === "round.minimum-sample-reached");
    const minimum = await t.db.selectFrom("organization").select("size_group").where("id", "=", round.organizationId).executeTakeFirstOrThrow();
    expect(minimum.size_group).toBe("tambon-municipality-m");
    let answered = 0;
    while (!(await dashboardMinimum()) && answered < 400) {
      for (let n = 0; n < 10; n++, answered++) {
        await submitResponse(t.db, round.eitToken, JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers: makeAnswers("eit", (i, o) => (i + answered) % o) })), { now: ANSWERED, recentFromAddress: 1 });
      }
    }
    const reached = (await dashboardMinimum())!;
    expect(reached.dedupeKey).toBe(`round.minimum-sample-reached:${round.roundId}:eit`);
    expect(reached.data).toMatchObject({ instrument: "eit" });
    expect(reached.data.answers as number).toBeGreaterThanOrEqual(reached.data.minimum as number);
    // The same happenings, detected again later, carry the same keys.
    const again = await detectAgencyEvents(t.db, round.organizationId, new Date("2026-11-21T03:00:00Z"), PUBLIC_URL);
    expect(again.map((e) => e.dedupeKey)).toEqual(expect.arrayContaining([`measure.overdue:${measureId}:2026-11-01`, reached.dedupeKey]));
    for (const event of again) expect(JSON.stringify(event.data)).not.toContain("@");
  });
});

describe("what cannot be sent", () => {
  it("gives up a recipient the mail server refuses for good, and a user disabled after queueing", async () => {
    const gone = await user("gone", "viewer", { email: "gone@example.go.th", digest: true });
    const leaving = await user("leaving", "viewer", { email: "leaving@example.go.th", digest: true });
    expect(await queueWeeklyDigests(t.db, MONDAY_MORNING, PUBLIC_URL)).toBe(2);
    await t.db.updateTable("user").set({ status: "disabled" }).where("id", "=", leaving).execute();
    expect(await deliver(MONDAY_MORNING)).toEqual({ sent: 0, retried: 0, failed: 2 });
    const rows = await statuses();
    expect(rows.map((r) => [r.recipient, r.status])).toEqual([
      [String(gone), "failed"],
      [String(leaving), "failed"],
    ]);
    expect(rows[0]!.last_error).toContain("550");
    expect(smtp.received).toHaveLength(0);
  });

  it("tries again later when the mail server cannot be reached", async () => {
    const closed = await startSmtpServer();
    const port = closed.port;
    await closed.close();
    registerEmailChannel({ host: "127.0.0.1", port, tls: "none", from: "noreply@example.go.th" }, PUBLIC_URL);
    try {
      await user("somchai", "viewer", { email: "somchai@example.go.th", digest: true });
      expect(await queueWeeklyDigests(t.db, MONDAY_MORNING, PUBLIC_URL)).toBe(1);
      expect(await deliver(MONDAY_MORNING)).toEqual({ sent: 0, retried: 1, failed: 0 });
      const [row] = await statuses();
      expect(row!.status).toBe("pending");
      expect(row!.last_error).toMatch(/ECONNREFUSED/);
    } finally {
      registerEmailChannel({ host: "127.0.0.1", port: smtp.port, tls: "none", from: "Prongsai <noreply@example.go.th>" }, PUBLIC_URL);
    }
  });
});
