/**
 * E-mail notifications in Chromium on a phone, against the BUILT server with a real SMTP server on loopback
 * (issue 17): the admin turns alerts on for the agency, adds an address, the weekly digest and an alert on
 * the account page, sends a test e-mail (it arrives, decoded in Thai) and sees it listed as sent.
 * Screenshots of both pages on a phone are saved for a person to look at.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../support/accounts";
import { launchBrowser, openWatchedPage, PHONE } from "../support/browser";
import { signInThroughForm } from "../support/demo-suite";
import { createRoundFixture } from "../support/fixtures";
import { expectNoProblems } from "../support/page-problems";
import { saveElementScreenshot, saveScreenshot } from "../support/screenshots";
import { startServer, type RunningServer } from "../support/server";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let server: RunningServer;
let smtp: TestSmtpServer;
let browser: Browser;

beforeAll(async () => {
  t = await createTestDb();
  const round = await createRoundFixture(t.db);
  await createTestUser(t.db, round.organizationId, "admin1", "admin");
  smtp = await startSmtpServer();
  server = await startServer({
    databasePath: t.path,
    env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), SMTP_TLS: "none", SMTP_FROM: "Prongsai <noreply@example.go.th>" },
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
  await t?.close();
});

describe("e-mail notifications on a phone", () => {
  it("an admin turns alerts on, chooses e-mails on the account page and receives a test e-mail", async () => {
    const { context, page, problems } = await openWatchedPage(browser, server.url, PHONE);
    await page.goto(`${server.url}/admin/notifications`);
    await signInThroughForm(page, "admin1");
    await page.waitForURL((url) => url.pathname === "/admin/notifications");
    await expect.poll(() => page.getByTestId("email-state").innerText()).toContain("เปิดใช้การส่งอีเมลแล้ว ส่งจาก Prongsai <noreply@example.go.th>");
    await page.getByLabel(/มาตรการเลยกำหนดเสร็จ/).check();
    await page.getByLabel(/รอบการประเมินจะปิดภายใน 14 วัน/).check();
    await page.getByRole("button", { name: "บันทึกการแจ้งเตือน" }).click();
    await expect.poll(() => page.getByTestId("done").innerText()).toBe("บันทึกการแจ้งเตือนแล้ว");
    const setting = await t.db.selectFrom("notification_setting").select("alerts").executeTakeFirstOrThrow();
    expect(JSON.parse(setting.alerts)).toEqual(["measure.overdue", "round.closing-soon"]);

    await page.goto(`${server.url}/admin/account#email`);
    const section = page.locator("#email");
    await section.getByLabel("อีเมลของท่าน (ไม่บังคับ)").fill("somchai@example"); // the browser takes it; the server wants a domain with a dot
    await section.getByRole("button", { name: "บันทึกการตั้งค่าอีเมล" }).click();
    await expect.poll(() => section.locator(".field-error").innerText()).toContain("อีเมลไม่ถูกต้อง");
    // The refusal is a 400, which Chromium writes to the console: that one and nothing else.
    await expect.poll(() => problems.consoleErrors.length).toBe(1);
    expect(problems.consoleErrors[0]).toMatch(/status of 400 /);
    expect(problems.failedResponses).toEqual([expect.stringMatching(/^400 http:\/\/[^/]+\/admin\/account\.data$/)]);
    problems.consoleErrors.length = 0;
    problems.failedResponses.length = 0;
    await section.getByLabel("อีเมลของท่าน (ไม่บังคับ)").fill("somchai@example.go.th");
    await section.getByLabel(/รับสรุปประจำสัปดาห์/).check();
    await section.getByLabel(/รอบการประเมินจะปิดภายใน 14 วัน/).check();
    await section.getByRole("button", { name: "บันทึกการตั้งค่าอีเมล" }).click();
    await expect.poll(() => page.getByTestId("email-saved").innerText()).toBe("บันทึกการตั้งค่าอีเมลแล้ว");
    const user = await t.db.selectFrom("user").select(["email", "weekly_digest", "email_alerts", "email_lang"]).where("username", "=", "admin1").executeTakeFirstOrThrow();
    expect(user).toEqual({ email: "somchai@example.go.th", weekly_digest: 1, email_alerts: '["round.closing-soon"]', email_lang: "th" });
    // Only the alerts the agency turned on are offered.
    expect(await section.getByLabel(/ตัวชี้วัดต่ำกว่าเกณฑ์ผ่าน/).count()).toBe(0);
    await saveElementScreenshot(section, "account-email-phone.png");

    await page.goto(`${server.url}/admin/notifications`);
    await page.getByRole("button", { name: "ส่งอีเมลทดสอบ" }).click();
    await expect.poll(() => page.getByTestId("done").innerText()).toContain("เข้าคิวส่งอีเมลทดสอบแล้ว");
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe("อีเมลทดสอบจากระบบโปร่งใส");
    expect(mail!.text).toContain("ระบบโปร่งใสส่งอีเมลถึงท่านได้");
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId("recent-emails").locator("tbody tr").first().getAttribute("data-status");
      })
      .toBe("sent");
    const row = await page.getByTestId("recent-emails").locator("tbody tr").first().innerText();
    expect(row).toContain("admin1");
    expect(row).toContain("อีเมลทดสอบ");
    expect(row).not.toContain("somchai@example.go.th");
    await saveScreenshot(page, "notifications-phone.png");
    expectNoProblems(problems);
    await context.close();
  });
});
