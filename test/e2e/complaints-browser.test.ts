/**
 * Complaints (issue 16) in Chromium on a phone, against the BUILT server, on the demo agency: a visitor
 * who has just answered a survey follows the thank-you page's link to the complaint form, files an
 * anonymous complaint with a PDF and a photo (both made in the test: a PDF with its cross-reference table,
 * a JPEG that Chromium itself encodes), gets the tracking code once, and the code leads to the status page.
 * A complaint handler of the agency (role "complaints", the finance division) signs in on a phone, sees
 * the new case, downloads the PDF (a download, byte for byte), assigns the case to their unit, replies
 * publicly, and closes it; the complainant's status page then shows the outcome and the dated reply. No
 * field's script runs anywhere (a dialog would fail the test), axe-core finds nothing on the form, and no
 * page scrolls sideways. The statistics and the guideline pages, and the form in English, are shown too.
 * On a laptop, an admin finds an older complaint (with contact details, passed to another unit, past its
 * acknowledgement) on the round dashboard, opens it — its contact details shown, the view in its history —
 * and writes the agency's guideline, which the public page then shows and prints.
 * Screenshots: test-results/screenshots/complaint-*.png.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRoundLinkDetails } from "../../db/queries/links";
import { applyComplaintCaseForm } from "../../app/services/complaints/cases.server";
import { fileComplaint, requireComplaintAgency } from "../../app/services/complaints/intake.server";
import { parseComplaintForm } from "../../app/services/complaints/intake-form.server";
import { getSessionUser, createSessionCookie } from "../../app/auth/session.server";
import { complaintForm } from "../support/complaints";
import { bangkokDate, fiscalYearOf } from "../../app/text/dates";
import { createTestUser } from "../support/accounts";
import { expectAccessible } from "../support/axe";
import { LAPTOP, openWatchedPage, PHONE, stopBrowserSuite } from "../support/browser";
import { makePdf } from "../support/complaints";
import { signInThroughForm, startDemoBrowserSuite } from "../support/demo-suite";
import { expectNoHorizontalOverflow } from "../support/layout";
import { expectNoPageErrors, expectNoProblems } from "../support/page-problems";
import { saveScreenshot } from "../support/screenshots";
import type { RunningServer } from "../support/server";

const HANDLER = "finance-complaints";
const ADMIN = "complaints-admin";
/** A complaint with contact details, received 20 days ago and passed to the clerk's office: overdue. */
const OLD = "ถนนหมู่ 3 ที่เพิ่งสร้างเสร็จแตกร้าวทั้งเส้น สงสัยว่าผู้รับจ้างใช้วัสดุไม่ตรงตามสัญญา";
const WHAT = "เจ้าหน้าที่ที่ห้องการเงินขอเงิน 500 บาท เพื่อให้ออกใบเสร็จภาษีโรงเรือนเร็วขึ้น <script>alert('what')</script>";
const PERSONS = `ชายสวมเสื้อสีฟ้า <img src=x onerror="alert('persons')">`;
const REPLY = "หน่วยงานได้ตรวจสอบแล้ว พบว่ามีมูล และได้ดำเนินการทางวินัยตามระเบียบแล้ว ขอบคุณที่แจ้งเรื่อง";

describe("complaints on a phone (Chromium, built server)", { timeout: 240_000 }, () => {
  let databasePath = "";
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let eitToken = "";
  let openRound = 0;
  let trackingCode = "";
  const pdf = Buffer.from(makePdf("Receipt 500 THB, no official stamp"));
  let photo: Buffer = Buffer.alloc(0);

  beforeAll(async () => {
    ({ databasePath, server, browser } = await startDemoBrowserSuite({
      prepare: async ({ db, openRoundId, organization }) => {
        const finance = await db.selectFrom("unit").where("organization_id", "=", organization.id).where("name_th", "=", "กองคลัง").select("id").executeTakeFirstOrThrow();
        await createTestUser(db, organization.id, HANDLER, "complaints", finance.id);
        const adminId = await createTestUser(db, organization.id, ADMIN, "admin");
        eitToken = (await listRoundLinkDetails(db, openRoundId)).find((l) => l.instrument === "eit")!.token;
        openRound = openRoundId;
        // An older complaint, with contact details, already passed to the clerk's office (not the finance
        // handler's) and past its acknowledgement: the dashboard names it.
        const agency = await requireComplaintAgency(db, "demo", "th");
        const past = new Date(Date.now() - 20 * 86_400_000);
        const fields = { kind: "procurement", what: OLD, identity: "named" as const, contactName: "นางสาวมาลี ศรีสุข", contactPhone: "089 123 4567" };
        const filed = await fileComplaint(db, agency, await parseComplaintForm(complaintForm(fields)), past);
        if (!filed.stored) throw new Error("not stored");
        const office = await db.selectFrom("unit").where("organization_id", "=", organization.id).where("name_th", "=", "สำนักปลัด").select("id").executeTakeFirstOrThrow();
        const cookie = (await createSessionCookie(db, adminId, new Date())).split(";")[0]!;
        const admin = (await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } })))!;
        const assign = new FormData();
        assign.set("intent", "assign");
        assign.set("unitId", String(office.id));
        await applyComplaintCaseForm(db, admin, filed.complaintId, assign, past);
        await db.deleteFrom("session").where("user_id", "=", adminId).execute();
      },
    }));
  });

  afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

  /** A page on a phone on which any dialog (an alert from a script in a field) fails the test. */
  async function phonePage() {
    const opened = await openWatchedPage(browser!, server!.url, PHONE);
    const dialogs: string[] = [];
    opened.page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return { ...opened, dialogs };
  }

  /** The photo with an EXIF segment (APP1) put in after its start marker, as a phone's camera writes one. */
  function withExif(jpeg: Buffer): Buffer {
    const body = Buffer.from("Exif\u0000\u0000GPSLatitude 17.4138 GPSLongitude 102.7870 Make Samsung", "latin1");
    const header = Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]);
    return Buffer.concat([jpeg.subarray(0, 2), header, body, jpeg.subarray(2)]);
  }

  /** "A photo": a JPEG that Chromium encodes from a page it draws. */
  async function takePhoto(page: Page): Promise<Buffer> {
    await page.setContent(`<body style="margin:0;background:linear-gradient(135deg,#2a6,#fc3 60%,#a33)"><p style="font:40px sans-serif;color:#fff;padding:40px">ใบเสร็จ 500 บาท</p></body>`);
    return page.screenshot({ type: "jpeg", quality: 80 });
  }

  it("a visitor files an anonymous complaint with a PDF and a photo from the thank-you page, and gets a tracking code that leads to the status page", async () => {
    const { context, page, problems, dialogs } = await phonePage();
    try {
      photo = await takePhoto(page);
      expect([...photo.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

      await page.goto(`${server!.url}/s/${eitToken}/thanks`);
      await page.getByTestId("complaint-link").getByRole("link").click();
      await page.waitForURL((url) => url.pathname === "/complaints/demo");
      await page.getByRole("heading", { level: 1, name: "แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" }).waitFor();
      await expectAccessible(page, "the complaint form on a phone");
      await expectNoHorizontalOverflow(page, "the complaint form on a phone");
      await saveScreenshot(page, "complaint-form-phone.png");

      await page.getByLabel("เรียกรับเงิน ทรัพย์สิน หรือผลประโยชน์").check();
      await page.getByLabel("เกิดอะไรขึ้น *").fill(WHAT);
      await page.getByLabel("เกิดขึ้นเมื่อใด *").fill("ต้นเดือนนี้ ช่วงบ่าย");
      await page.getByLabel("เกิดขึ้นที่ใด *").fill("ห้องการเงิน ชั้น 1 สำนักงานเทศบาล");
      await page.getByLabel("ผู้ที่เกี่ยวข้อง (ไม่บังคับ)").fill(PERSONS);
      const files = page.locator('input[type="file"][name="attachment"]');
      await files.nth(0).setInputFiles({ name: "ใบเสร็จ.pdf", mimeType: "application/pdf", buffer: pdf });
      // The phone's photo as a phone sends it: with an EXIF block saying where it was taken and by which phone.
      await files.nth(1).setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: withExif(photo) });
      // Anonymous is the choice already made; the contact fields stay folded.
      expect(await page.getByLabel("ไม่ระบุตัวตน (ติดตามผลด้วยรหัสติดตามเรื่อง)").isChecked()).toBe(true);
      expect(await page.getByTestId("contact-fields").isHidden()).toBe(true);
      // Every choice is a large target (48 px or more) for a thumb.
      const heights = await page.locator(".complaint-choice > label").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
      expect(Math.min(...heights)).toBeGreaterThanOrEqual(48);
      await saveScreenshot(page, "complaint-form-filled-phone.png");

      await page.getByRole("button", { name: "ส่งเรื่องร้องเรียน" }).click();
      const code = page.getByTestId("tracking-code");
      await code.waitFor();
      trackingCode = await code.innerText();
      expect(trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      expect(await page.locator(".tracking-slip").innerText()).toContain("แสดงเพียงครั้งเดียว");
      await page.getByRole("button", { name: "พิมพ์หน้านี้" }).waitFor();
      await expectNoHorizontalOverflow(page, "the receipt on a phone");
      await saveScreenshot(page, "complaint-received-phone.png");
      // On paper: the code and where to follow it, without the menus and buttons.
      await page.emulateMedia({ media: "print" });
      expect(await page.getByRole("button", { name: "พิมพ์หน้านี้" }).isHidden()).toBe(true);
      expect(await code.isVisible()).toBe(true);
      await saveScreenshot(page, "complaint-received-print.png");
      await page.emulateMedia({ media: "screen" });

      await page.getByRole("link", { name: "เปิดหน้าติดตามเรื่อง" }).click();
      await page.waitForURL((url) => url.pathname === "/complaints/demo/status");
      // Typed as a person copies it from paper: lower case, spaces for dashes.
      await page.getByLabel("รหัสติดตามเรื่อง").fill(trackingCode.toLowerCase().replace(/-/g, " "));
      await page.getByRole("button", { name: "ดูสถานะ" }).click();
      await page.getByTestId("complaint-status").waitFor();
      expect(await page.getByTestId("status-now").innerText()).toBe("ได้รับเรื่องแล้ว");
      expect(await page.getByTestId("complaint-status").innerText()).toContain("หน่วยงานยังไม่ได้ตอบ");
      await saveScreenshot(page, "complaint-status-received-phone.png");
      expect(dialogs).toEqual([]);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("a complaint handler of the agency sees it, downloads the PDF, assigns it, replies publicly and closes it; no script of the complainant's runs", async () => {
    expect(trackingCode, "the first test filed a complaint").not.toBe("");
    const { context, page, problems, dialogs } = await phonePage();
    try {
      await page.goto(`${server!.url}/admin/complaints`);
      await signInThroughForm(page, HANDLER);
      await page.waitForURL((url) => url.pathname === "/admin/complaints");
      const table = page.getByTestId("complaint-table");
      await table.waitFor();
      // The new complaint only: the older one is the clerk's office's.
      expect(await table.locator("li.case-card").count()).toBe(1);
      expect(await page.locator("main").innerText()).not.toContain("ถนนหมู่ 3");
      expect(await table.innerText()).toContain("ยังไม่มอบหมาย");
      await saveScreenshot(page, "complaint-list-phone.png");
      await table.getByRole("link").first().click();
      await page.waitForURL((url) => /^\/admin\/complaints\/\d{9}$/.test(url.pathname));
      await page.getByTestId("case-what").waitFor();
      // The complainant's words as text, script and all, never run.
      expect(await page.getByTestId("case-what").innerText()).toBe(WHAT);
      expect(await page.locator(".complaint-case").innerText()).toContain(PERSONS);
      expect(await page.getByTestId("case-contact").getAttribute("data-state")).toBe("anonymous");
      const fileLinks = page.getByTestId("case-files").getByRole("link");
      expect(await fileLinks.allInnerTexts()).toEqual(["ใบเสร็จ.pdf", "photo.jpg"]);
      await expectNoHorizontalOverflow(page, "the case page on a phone");
      await saveScreenshot(page, "complaint-case-phone.png");

      const [download] = await Promise.all([page.waitForEvent("download"), fileLinks.first().click()]);
      expect(download.suggestedFilename()).toBe("ใบเสร็จ.pdf");
      const downloaded = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of downloaded) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(pdf)).toBe(true);
      // The photo comes back as the camera drew it, without the EXIF block it was sent with.
      const [photoDownload] = await Promise.all([page.waitForEvent("download"), fileLinks.nth(1).click()]);
      const photoChunks: Buffer[] = [];
      for await (const chunk of await photoDownload.createReadStream()) photoChunks.push(chunk as Buffer);
      const kept = Buffer.concat(photoChunks);
      expect(kept.equals(photo)).toBe(true);
      expect(kept.toString("latin1")).not.toContain("GPSLatitude");

      await page.getByTestId("form-assign").getByRole("combobox").selectOption({ label: "กองคลัง" });
      await page.getByTestId("form-assign").getByRole("button").click();
      await page.getByTestId("case-done").filter({ hasText: "มอบหมายส่วนราชการแล้ว" }).waitFor();
      expect(await page.getByTestId("case-unit").innerText()).toBe("กองคลัง");

      await page.getByTestId("form-status").getByLabel("เปลี่ยนสถานะ").selectOption({ label: "กำลังพิจารณาเรื่อง" });
      await page.getByTestId("form-status").getByRole("button").click();
      await page.getByTestId("case-done").filter({ hasText: "บันทึกสถานะแล้ว" }).waitFor();
      expect(await page.getByTestId("case-status").innerText()).toContain("กำลังพิจารณาเรื่อง");

      await page.getByTestId("form-reply").getByRole("textbox").fill(REPLY);
      await page.getByTestId("form-reply").getByRole("button").click();
      await page.getByTestId("case-done").filter({ hasText: "ส่งคำตอบแล้ว" }).waitFor();
      expect(await page.getByTestId("entry-reply").innerText()).toContain(REPLY);

      await page.getByTestId("form-status").getByLabel("เปลี่ยนสถานะ").selectOption({ label: "ดำเนินการแล้วเสร็จ" });
      await page.getByTestId("form-status").getByLabel("ผลการพิจารณา (เมื่อดำเนินการแล้วเสร็จ)").selectOption({ label: "มีมูล ดำเนินการตามระเบียบแล้ว" });
      await page.getByTestId("form-status").getByRole("button").click();
      await page.getByTestId("case-done").filter({ hasText: "บันทึกสถานะแล้ว" }).waitFor();
      expect(await page.getByTestId("case-status").innerText()).toContain("ดำเนินการแล้วเสร็จ · มีมูล ดำเนินการตามระเบียบแล้ว");
      const history = await page.getByTestId("case-history").locator("li").evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
      expect(history).toEqual(["complaint.attachment-download", "complaint.attachment-download", "complaint.assign", "complaint.status", "complaint.reply", "complaint.status"]);
      await saveScreenshot(page, "complaint-case-closed-phone.png");
      expect(dialogs).toEqual([]);
      expectNoPageErrors(problems);
    } finally {
      await context.close();
    }
  });

  it("the complainant's status page shows the outcome and the dated reply; the statistics and the guideline are public", async () => {
    const { context, page, problems, dialogs } = await phonePage();
    try {
      await page.goto(`${server!.url}/complaints/demo/status`);
      await page.getByLabel("รหัสติดตามเรื่อง").fill(trackingCode);
      await page.getByRole("button", { name: "ดูสถานะ" }).click();
      await page.getByTestId("complaint-status").waitFor();
      expect(await page.getByTestId("status-now").innerText()).toBe("ดำเนินการแล้วเสร็จ · ผลการพิจารณา: มีมูล ดำเนินการตามระเบียบแล้ว");
      const reply = page.getByTestId("status-reply");
      expect(await reply.count()).toBe(1);
      expect(await reply.innerText()).toContain(REPLY);
      expect(await reply.locator(".muted").innerText()).toMatch(/^\d{1,2} [ก-๙.]+ 25\d\d$/);
      // Nothing else of the case: not the complainant's words, not the unit.
      const text = await page.locator("main").innerText();
      expect(text).not.toContain("ห้องการเงิน ชั้น 1");
      expect(text).not.toContain("กองคลัง");
      await saveScreenshot(page, "complaint-status-closed-phone.png");

      // A wrong code: one plain answer.
      await page.getByRole("link", { name: "ดูเรื่องอื่น" }).click();
      await page.getByLabel("รหัสติดตามเรื่อง").fill("ABCD-EFGH-JKMN-PQRS");
      await page.getByRole("button", { name: "ดูสถานะ" }).click();
      expect(await page.getByTestId("status-error").innerText()).toContain("ไม่พบเรื่องที่ตรงกับรหัสนี้");
      // Answered 404 (an unknown code, as an unknown token is), which Chromium notes in the console: that one only.
      await expect.poll(() => problems.consoleErrors.length).toBe(1);
      expect(problems.consoleErrors[0]).toMatch(/status of 404 .*\/complaints\/demo\/status\.data/);
      problems.consoleErrors.length = 0;

      await page.goto(`${server!.url}/complaints/demo/statistics`);
      await page.getByTestId("stat-totals").waitFor();
      // This visitor's, closed; and the older one (filed 20 days ago, maybe in the previous fiscal year).
      const sameYear = fiscalYearOf(bangkokDate(new Date(Date.now() - 20 * 86_400_000))) === fiscalYearOf(bangkokDate(new Date()));
      expect(await page.getByTestId("stat-received").innerText()).toBe(sameYear ? "2" : "1");
      expect(await page.getByTestId("stat-finished").innerText()).toBe("1");
      expect(await page.getByTestId("stat-in-progress").innerText()).toBe(sameYear ? "1" : "0");
      await expectNoHorizontalOverflow(page, "the statistics on a phone");
      await saveScreenshot(page, "complaint-statistics-phone.png");
      await page.goto(`${server!.url}/complaints/demo/statistics?year=2560`);
      expect(await page.getByTestId("stat-none").innerText()).toBe("ในปีงบประมาณ พ.ศ. 2560 ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ");
      await saveScreenshot(page, "complaint-statistics-none-phone.png", { fullPage: false });

      await page.goto(`${server!.url}/complaints/demo/guideline`);
      expect(await page.getByTestId("guideline-limits").innerText()).toContain("15 วัน");
      await expectNoHorizontalOverflow(page, "the guideline on a phone");
      await saveScreenshot(page, "complaint-guideline-phone.png");

      await page.goto(`${server!.url}/complaints/demo?lang=en`);
      await page.getByRole("heading", { level: 1, name: "Report corruption or misconduct" }).waitFor();
      await page.getByLabel("Give contact details (used for this complaint only)").check();
      expect(await page.getByTestId("contact-fields").isVisible()).toBe(true);
      await saveScreenshot(page, "complaint-form-en-phone.png", { fullPage: false });
      expect(dialogs).toEqual([]);
      expectNoPageErrors(problems);
    } finally {
      await context.close();
    }
  });

  it("on a laptop, an admin sees the overdue complaint on the dashboard, opens it with its contact details (audited), and edits the guideline the public page shows", async () => {
    const { context, page, problems, dialogs } = await (async () => {
      const opened = await openWatchedPage(browser!, server!.url, LAPTOP);
      const dialogs: string[] = [];
      opened.page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      return { ...opened, dialogs };
    })();
    try {
      await page.goto(`${server!.url}/admin/rounds/${openRound}`);
      await signInThroughForm(page, ADMIN);
      await page.waitForURL((url) => url.pathname === `/admin/rounds/${openRound}`);
      const overdue = page.getByTestId("overdue-complaints");
      await overdue.waitFor();
      expect(await overdue.innerText()).toContain("เรื่องร้องเรียนที่เลยกำหนด 1 เรื่อง");
      expect(await overdue.innerText()).toContain("สำนักปลัด");
      await overdue.screenshot({ path: `${process.cwd()}/test-results/screenshots/complaint-dashboard-overdue-laptop.png` });
      await overdue.getByRole("link").first().click();
      await page.getByTestId("case-what").waitFor();
      expect(await page.getByTestId("case-what").innerText()).toBe(OLD);
      expect(await page.getByTestId("contact-name").innerText()).toBe("นางสาวมาลี ศรีสุข");
      expect(await page.getByTestId("contact-phone").innerText()).toBe("089 123 4567");
      expect(await page.getByTestId("overdue-flag").first().innerText()).toMatch(/^เลยกำหนดรับเรื่อง \d+ วัน$/);
      const history = await page.getByTestId("case-history").locator("li").evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
      expect(history).toEqual(["complaint.assign", "complaint.view-contact"]);
      await expectNoHorizontalOverflow(page, "the case page on a laptop");
      await saveScreenshot(page, "complaint-case-contact-laptop.png");

      await page.goto(`${server!.url}/admin/complaints/guideline`);
      await page.getByLabel("รับเรื่องไว้พิจารณาภายใน (วัน)").fill("7");
      await page.getByLabel("พิจารณาและแจ้งผลภายใน (วัน)").fill("30");
      await page.getByLabel("สำนักปลัด").check();
      await page.getByLabel("ช่องทางอื่น (ไม่บังคับ)").fill("โทร 0 5500 0000 ต่อ 109 หรือศูนย์ดำรงธรรม โทร 1567");
      await page.getByRole("button", { name: "บันทึกแนวปฏิบัติ" }).click();
      await page.getByTestId("guideline-saved").waitFor();
      await saveScreenshot(page, "complaint-guideline-edit-laptop.png");
      await page.goto(`${server!.url}/complaints/demo/guideline`);
      expect(await page.getByTestId("guideline-units").innerText()).toBe("สำนักปลัด");
      expect(await page.getByTestId("guideline-limits").innerText()).toContain("ภายใน 7 วัน");
      expect(await page.getByTestId("guideline-limits").innerText()).toContain("ภายใน 30 วัน");
      await saveScreenshot(page, "complaint-guideline-laptop.png");
      // On paper: a document, without the site's menus.
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".complaint-nav").isHidden()).toBe(true);
      await saveScreenshot(page, "complaint-guideline-print.png");
      expect(dialogs).toEqual([]);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });
});
