/**
 * The measures plan in Chromium against the BUILT server, on the demo agency (app/seed/demo-agency.server.ts: four measures
 * modelled on the reference plan, one done, one in progress with notes, one overdue; proposals for the
 * weak spots the plan does not answer yet). A manager signs in through the form; on a laptop and on a
 * phone the list shows the status and the overdue mark, the page does not scroll sideways, and axe-core
 * finds nothing serious. In the form the manager adds a step, types several lines of Thai, removes a step,
 * picks a due date (shown in the Buddhist Era), saves, reloads: every field is as typed. A proposal is
 * accepted with one click, another dismissed and brought back. The dashboard names the overdue measure.
 * Screenshots: test-results/screenshots/measures-*.png.
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible } from "../support/axe";
import { LAPTOP, openWatchedPage, PHONE, stopBrowserSuite } from "../support/browser";
import { signInThroughForm, startDemoBrowserSuite } from "../support/demo-suite";
import { expectNoHorizontalOverflow } from "../support/layout";
import { expectNoProblems } from "../support/page-problems";
import { saveScreenshot } from "../support/screenshots";
import type { RunningServer } from "../support/server";

const USERNAME = "manager-demo";

describe("the measures plan (Chromium, built server)", { timeout: 180_000 }, () => {
  let databasePath = "";
  let roundId = 0;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ({ databasePath, roundId, server, browser } = await startDemoBrowserSuite({ users: { [USERNAME]: "manager" } }));
  });

  afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

  async function signInAndOpen(options: BrowserContextOptions, path = `/admin/rounds/${roundId}/measures`) {
    if (!browser || !server) throw new Error("not started");
    const opened = await openWatchedPage(browser, server.url, options);
    const { page } = opened;
    await page.goto(`${server.url}${path}`);
    await signInThroughForm(page, USERNAME);
    await page.waitForURL((url) => url.pathname === path.split("?")[0]);
    // The URL changes before the page is drawn (client navigation): wait for the page itself.
    await page.locator(path.endsWith("/measures") ? ".measures-page" : ".dashboard").waitFor({ state: "visible" });
    return opened;
  }

  async function expectListShowsThePlan(page: Page) {
    const cards = page.locator(".measure-card");
    expect(await cards.count()).toBe(4);
    expect(await cards.locator(".measure-status").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))).toEqual(["done", "in-progress", "planned", "planned"]);
    const overdue = cards.nth(2);
    expect(await overdue.getAttribute("class")).toContain("measure-card-overdue");
    expect(await overdue.getByTestId("overdue").innerText()).toMatch(/^เลยกำหนด \(\d{1,2} .+ 25\d\d\)$/);
    expect(await page.getByTestId("overdue-count").innerText()).toContain("1");
    expect(await cards.nth(1).locator(".measure-latest").innerText()).toContain("e-service");
    expect(await page.locator(".proposal-card").count()).toBeGreaterThan(0);
  }

  it("on a laptop: the plan with statuses and the overdue mark, and the proposals", async () => {
    const { context, page, problems } = await signInAndOpen(LAPTOP);
    try {
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toContain("มาตรการส่งเสริมคุณธรรมและความโปร่งใส");
      await expectListShowsThePlan(page);
      await expectNoHorizontalOverflow(page, "the laptop");
      await expectAccessible(page, "the measures page on a laptop");
      await saveScreenshot(page, "measures-laptop.png");
      // The English switch: the interface in English, the agency's own Thai texts as written.
      await page.goto(`${server!.url}/admin/rounds/${roundId}/measures?lang=en`);
      await page.getByRole("heading", { level: 1, name: /Integrity and transparency measures/ }).waitFor({ state: "visible" });
      expect(await page.locator(".measure-card").first().innerText()).toContain("How it is carried out");
      expect(await page.getByTestId("overdue").innerText()).toMatch(/^Overdue \(due \d{1,2} [A-Z][a-z]{2} 20\d\d\)$/);
      await expectNoHorizontalOverflow(page, "the laptop in English");
      await saveScreenshot(page, "measures-laptop-en.png", { fullPage: false });
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("on a phone: the same plan, one column, no sideways scrolling", async () => {
    const { context, page, problems } = await signInAndOpen(PHONE);
    try {
      await expectListShowsThePlan(page);
      await expectNoHorizontalOverflow(page, "the phone");
      await saveScreenshot(page, "measures-phone.png");
      await page.locator(".measure-card").nth(1).getByRole("link", { name: "แก้ไข / บันทึกความคืบหน้า" }).click();
      await page.waitForURL((url) => url.pathname.endsWith("/measures/edit"));
      await page.locator(".measure-form").waitFor({ state: "visible" });
      await expectNoHorizontalOverflow(page, "the phone's measure form");
      await saveScreenshot(page, "measures-edit-phone.png");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("edits a measure with steps added and removed and several lines of Thai; a reload keeps every field", async () => {
    const { context, page, problems } = await signInAndOpen(LAPTOP);
    try {
      await page.locator(".measure-card").nth(1).getByRole("link", { name: "แก้ไข / บันทึกความคืบหน้า" }).click();
      await page.waitForURL((url) => url.pathname.endsWith("/measures/edit"));
      await page.locator(".measure-form").waitFor({ state: "visible" });
      const editUrl = page.url();
      const steps = page.locator('textarea[name="step"]');
      expect(await steps.count()).toBe(7);

      const title = "การปรับปรุงระบบการทำงาน\nและการให้บริการที่โปร่งใส";
      await page.locator('textarea[name="title"]').fill(title);
      // Remove step 3 ("เพิ่มช่องทาง social network"), then add a step of three lines.
      await page.getByRole("button", { name: "ลบขั้นตอนที่ 3" }).click();
      expect(await steps.count()).toBe(6);
      await page.getByRole("button", { name: "+ เพิ่มขั้นตอน" }).click();
      expect(await steps.count()).toBe(7);
      const newStep = "ติดประกาศขั้นตอนและระยะเวลาแล้วเสร็จ ณ จุดให้บริการ\n- งานทะเบียน\n- งานจัดเก็บรายได้";
      await steps.nth(6).fill(newStep);
      await page.locator('input[name="period"]').fill("ตลอดปี ๖๘ (ทบทวนทุกไตรมาส)");
      await page.locator('input[name="dueOn"]').fill("2026-09-30");
      expect(await page.getByTestId("due-be").innerText()).toBe("ตรงกับ 30 ก.ย. 2569");
      const followUp = "๑.รายงานผลการดำเนินงานให้ผู้บริหารได้รับทราบ\n๒.ประชาสัมพันธ์ผ่านเว็บไซต์หลักของเทศบาล";
      await page.locator('textarea[name="followUp"]').fill(followUp);
      await page.locator('input[name="unit"]').nth(1).check(); // กองคลัง as well
      await page.locator("summary", { hasText: "ตัวชี้วัดที่ 7" }).click();
      await page.getByLabel("ข้อ e8 ช่องทางรับฟังคำติชมและความคิดเห็น").check();
      await page.getByLabel("ดำเนินการแล้วเสร็จ").check();
      const before = (await steps.evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value))) as string[];
      await page.getByRole("button", { name: "บันทึกมาตรการ" }).click();
      await page.waitForURL((url) => url.pathname.endsWith("/measures") && url.searchParams.has("saved"));
      await page.getByText("บันทึกมาตรการแล้ว").waitFor({ state: "visible" });
      await saveScreenshot(page, "measures-after-edit-laptop.png", { fullPage: false });

      await page.goto(editUrl);
      await page.locator(".measure-form").waitFor({ state: "visible" });
      expect(await page.locator('textarea[name="title"]').inputValue()).toBe(title);
      const after = await page.locator('textarea[name="step"]').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
      expect(after).toEqual(before);
      expect(after).toHaveLength(7);
      expect(after).not.toContain("เพิ่มช่องทาง social network");
      expect(after[6]).toBe(newStep);
      expect(await page.locator('input[name="period"]').inputValue()).toBe("ตลอดปี ๖๘ (ทบทวนทุกไตรมาส)");
      expect(await page.locator('input[name="dueOn"]').inputValue()).toBe("2026-09-30");
      expect(await page.locator('textarea[name="followUp"]').inputValue()).toBe(followUp);
      expect(await page.locator('input[name="unit"]:checked').count()).toBe(2);
      expect(await page.locator('input[name="target"]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(["e8", "8", "e11", "e12", "e13", "e14", "e15"]);
      expect(await page.locator('input[name="status"]:checked').inputValue()).toBe("done");

      // A progress note, several lines, dated today by default.
      await page.locator('textarea[name="text"]').fill("สำรวจความพึงพอใจครบทุกจุดบริการแล้ว\nผลเฉลี่ย ร้อยละ ๘๗");
      await page.getByRole("button", { name: "เพิ่มบันทึกความคืบหน้า" }).click();
      await page.waitForURL((url) => url.searchParams.has("noted"));
      await page.getByText("เพิ่มบันทึกความคืบหน้าแล้ว").waitFor({ state: "visible" });
      expect(await page.locator(".note-list li").last().innerText()).toContain("สำรวจความพึงพอใจครบทุกจุดบริการแล้ว\nผลเฉลี่ย ร้อยละ ๘๗");
      await expectAccessible(page, "the measure form");
      await saveScreenshot(page, "measures-edit-laptop.png");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("accepts a proposal with one click, dismisses another and brings it back", async () => {
    const { context, page, problems } = await signInAndOpen(LAPTOP);
    try {
      const proposals = page.locator(".proposal-card");
      const first = proposals.filter({ has: page.getByRole("button", { name: "รับข้อเสนอ" }) }).first();
      const code = (await first.getAttribute("data-code"))!;
      const count = await proposals.count();
      await first.getByRole("button", { name: "รับข้อเสนอ" }).click();
      await page.waitForURL((url) => url.searchParams.has("accepted"));
      await page.getByText("รับข้อเสนอเป็นมาตรการแล้ว", { exact: false }).waitFor({ state: "visible" });
      expect(await page.locator(".measure-card").count()).toBe(5);
      expect(await page.locator(`.proposal-card[data-code="${code}"]`).count()).toBe(0);

      const next = page.locator(".proposal-card").first();
      const dismissed = (await next.getAttribute("data-code"))!;
      await next.getByRole("button", { name: "ข้าม" }).click();
      await page.waitForURL((url) => url.searchParams.get("dismissed") === dismissed);
      await page.getByText(`ข้ามข้อเสนอของ ${dismissed} แล้ว`, { exact: false }).waitFor({ state: "visible" });
      expect(await page.locator(`.proposal-card[data-code="${dismissed}"]`).count()).toBe(0);
      const restore = page.locator(`.dismissed-list li[data-code="${dismissed}"]`);
      await restore.getByRole("button", { name: "นำกลับมาเสนอ" }).click();
      await page.waitForURL((url) => url.searchParams.get("restored") === dismissed);
      await page.getByText(`นำข้อเสนอของ ${dismissed} กลับมาแล้ว`).waitFor({ state: "visible" });
      expect(await page.locator(`.proposal-card[data-code="${dismissed}"]`).count()).toBe(1);
      expect(await page.locator(".proposal-card").count()).toBeLessThan(count);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("names the overdue measure on the dashboard, with a link to it", async () => {
    const { context, page, problems } = await signInAndOpen(LAPTOP, `/admin/rounds/${roundId}`);
    try {
      const overdue = page.getByTestId("overdue-measures");
      expect(await overdue.innerText()).toContain("การจัดทำและเผยแพร่ขั้นตอนการขอยืมทรัพย์สินของทางราชการ");
      expect(await overdue.getByRole("link").first().getAttribute("href")).toMatch(new RegExp(`^/admin/rounds/${roundId}/measures#measure-\\d+$`));
      expect(await page.getByRole("link", { name: "มาตรการและความคืบหน้า", exact: true }).getAttribute("href")).toBe(`/admin/rounds/${roundId}/measures`);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });
});
