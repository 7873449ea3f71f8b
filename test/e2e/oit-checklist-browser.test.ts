/**
 * The OIT checklist page in Chromium against the BUILT server, on the demo agency (app/seed/demo-agency.server.ts: every item
 * checked, the reference document's items failing). A manager signs in through the form, sees the 43
 * items in their 7 sub-indicators with the reference's scores (9 = 78.06, 10 = 68.75, OIT 73.41), turns
 * o23 to pass with a link, and sees the scores move; what was typed into another item and not saved is
 * still there; a bad link is refused in Thai next to the item. On a laptop and on a phone: no sideways
 * scrolling, large controls, no accessibility violation, no console error. Screenshots go to
 * test-results/screenshots/oit-checklist-*.png for a person to look at.
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible } from "../support/axe";
import { LAPTOP, openWatchedPage, PHONE, stopBrowserSuite } from "../support/browser";
import { signInThroughForm, startDemoBrowserSuite } from "../support/demo-suite";
import { expectNoHorizontalOverflow } from "../support/layout";
import { expectNoPageErrors, expectNoProblems } from "../support/page-problems";
import { saveScreenshot } from "../support/screenshots";
import type { RunningServer } from "../support/server";

const USERNAME = "palad";

describe("the OIT checklist page (Chromium, built server)", { timeout: 120_000 }, () => {
  let databasePath = "";
  let roundId = 0;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ({ databasePath, roundId, server, browser } = await startDemoBrowserSuite({ users: { [USERNAME]: "manager" } }));
  });

  afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

  /** Opens the checklist signed out, signs in on the form it is sent to, and comes back. */
  async function signInAndOpen(options: BrowserContextOptions) {
    if (!browser || !server) throw new Error("not started");
    const { context, page, problems } = await openWatchedPage(browser, server.url, options);
    const path = `/admin/rounds/${roundId}/oit`;
    await page.goto(`${server.url}${path}`);
    await signInThroughForm(page, USERNAME);
    await page.waitForURL((url) => url.pathname === path);
    await page.getByRole("heading", { level: 1, name: /รายการตรวจ OIT/ }).waitFor({ state: "visible" });
    return { context, page, problems };
  }

  const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

  it("on a laptop: 43 items in 7 sub-indicators, the reference's scores, saving one item moves them and keeps the others", async () => {
    const { context, page, problems } = await signInAndOpen(LAPTOP);
    try {
      expect(await page.locator("form.oit-item").count()).toBe(43);
      expect(await page.locator("section.oit-sub").count()).toBe(7);
      expect(await text(page, "indicator-score-9")).toBe("78.06");
      expect(await text(page, "indicator-score-10")).toBe("68.75");
      expect(await text(page, "oit-score")).toBe("73.41");
      expect(await text(page, "oit-progress")).toBe("ตรวจแล้ว 43 จาก 43 ข้อ · ผ่าน 31 ข้อ");
      const o23 = page.locator("#item-o23");
      expect(await o23.innerText()).toContain("สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน");
      expect(await text(page, "status-o23")).toBe("ไม่ผ่าน");
      // The demo's note is multi-line and shown as typed.
      expect(await page.locator("#o23-note").inputValue()).toBe("สรุปผลการจัดซื้อจัดจ้างรายเดือนมีถึงเดือนมีนาคมเท่านั้น\nขาดเดือนเมษายน – กันยายน");
      expect(await text(page, "changed-o23")).toMatch(/^แก้ไขล่าสุดโดย admin เมื่อ \d{1,2} \S+ 25\d\d \d\d:\d\d น\.$/);
      await saveScreenshot(page, "oit-checklist-laptop-top.png", { fullPage: false });

      // Something typed into o24 and not saved yet…
      const draft = "ร่างหมายเหตุที่ยังไม่บันทึก\nบรรทัดที่สอง";
      await page.locator("#o24-note").fill(draft);
      // …then o23 turned to pass with the monthly summaries' page, and saved.
      await o23.locator("label.oit-choice-pass").click();
      await page.locator("#o23-evidenceUrls").fill("https://www.example-tambon.go.th/procurement/monthly-summary\nhttps://www.example-tambon.go.th/procurement/monthly-summary/2569");
      await page.locator("#o23-note").fill("ครบ 12 เดือนแล้ว\nตรวจโดยกองคลัง");
      await o23.getByRole("button", { name: "บันทึกข้อ o23" }).click();
      await page.getByText("บันทึกข้อ o23 แล้ว").waitFor({ state: "visible" });
      // 9.3 = 6/7 → indicator 9 = (800/9 + 75 + 600/7 + 75 + 80) / 5 = 80.92; OIT = (80.92… + 68.75) / 2 = 74.84.
      await expect.poll(() => text(page, "indicator-score-9")).toBe("80.92");
      expect(await text(page, "oit-score")).toBe("74.84");
      expect(await text(page, "status-o23")).toBe("ผ่าน");
      expect(await text(page, "sub-score-9.3")).toBe("85.71");
      expect(await text(page, "changed-o23")).toMatch(/^แก้ไขล่าสุดโดย palad เมื่อ /);
      expect(await page.locator("#o23-note").inputValue()).toBe("ครบ 12 เดือนแล้ว\nตรวจโดยกองคลัง");
      expect(await o23.locator(".oit-links a").count()).toBe(2);
      // The unsaved draft in o24 is still there.
      expect(await page.locator("#o24-note").inputValue()).toBe(draft);
      await o23.evaluate((element) => element.scrollIntoView({ block: "start" }));
      await saveScreenshot(page, "oit-checklist-laptop-item.png", { fullPage: false });

      // After a reload everything saved is still there, the draft is not (it was never sent).
      await page.reload();
      expect(await page.locator("#o23-note").inputValue()).toBe("ครบ 12 เดือนแล้ว\nตรวจโดยกองคลัง");
      expect(await page.locator("#o24-note").inputValue()).not.toBe(draft);
      expect(await text(page, "oit-score")).toBe("74.84");

      await expectNoHorizontalOverflow(page, "the laptop");
      await expectAccessible(page, "the laptop");
      await saveScreenshot(page, "oit-checklist-laptop.png");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("on a phone: one column, large controls, a bad link refused in Thai beside the item", async () => {
    const { context, page, problems } = await signInAndOpen(PHONE);
    try {
      await expectNoHorizontalOverflow(page, "the phone");
      await saveScreenshot(page, "oit-checklist-phone-top.png", { fullPage: false });
      const o17 = page.locator("#item-o17");
      await o17.scrollIntoViewIfNeeded();
      // The three choices and the save button are big enough for a thumb (at least 44 px high).
      for (const choice of ["pass", "fail", "unchecked"]) {
        const box = await o17.locator(`label.oit-choice-${choice} span`).boundingBox();
        expect(box?.height, `${choice} choice`).toBeGreaterThanOrEqual(44);
        expect(box?.width, `${choice} choice`).toBeGreaterThanOrEqual(90);
      }
      const save = o17.getByRole("button", { name: "บันทึกข้อ o17" });
      expect((await save.boundingBox())?.height).toBeGreaterThanOrEqual(44);
      await o17.evaluate((element) => element.scrollIntoView({ block: "start" }));
      await saveScreenshot(page, "oit-checklist-phone-item.png", { fullPage: false });
      await expectAccessible(page, "the phone");
      expectNoProblems(problems);

      // A javascript: link is refused (400) and the message sits in the item; nothing else changes.
      await o17.locator("label.oit-choice-pass").tap();
      await page.locator("#o17-evidenceUrls").fill("javascript:alert(1)");
      await save.tap();
      const error = o17.locator(".field-error");
      await error.waitFor({ state: "visible" });
      expect(await error.innerText()).toContain("http:// หรือ https://");
      expect(await o17.getByRole("alert").innerText()).toContain("ยังไม่ได้บันทึกข้อมูล");
      expect(await page.locator("#o17-evidenceUrls").inputValue()).toBe("javascript:alert(1)");
      expect(await text(page, "status-o17")).toBe("ไม่ผ่าน");
      await o17.evaluate((element) => element.scrollIntoView({ block: "start" }));
      await saveScreenshot(page, "oit-checklist-phone-error.png", { fullPage: false });
      await expectNoHorizontalOverflow(page, "the phone, after an error");
      // The refused post is the only failed response; no script error.
      expectNoPageErrors({ ...problems, consoleErrors: problems.consoleErrors.filter((e) => !e.includes("400")) });
      expect(problems.failedResponses.every((r) => r.startsWith("400 "))).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("in English: the same page with English texts", async () => {
    const { context, page, problems } = await signInAndOpen(LAPTOP);
    try {
      await page.goto(`${server!.url}/admin/rounds/${roundId}/oit?lang=en`);
      await page.getByRole("heading", { level: 1, name: /OIT checklist/ }).waitFor({ state: "visible" });
      expect(await page.locator("#item-o1").innerText()).toContain("Organisation structure");
      expect(await page.locator("#item-o1").innerText()).toContain("Must show");
      expect(await text(page, "oit-progress")).toMatch(/^43 of 43 items checked · \d+ passing$/);
      await expectNoHorizontalOverflow(page, "the laptop in English");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });
});
