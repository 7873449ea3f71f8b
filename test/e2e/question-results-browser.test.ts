/**
 * Results by question (issue 15, item 5) in Chromium against the BUILT server: an agency whose two rounds
 * of ita-2565 were answered through the respondent's path (test/support/question-data.ts), and the demo.
 * A viewer signs in through the form and reads, on the round's detailed results page, every question's
 * answers per option as a stacked bar whose legend counts add up to the question's answers, the change
 * against the previous round, the EIT counter × question table with the weak cells marked; chooses one
 * month with the range form and sees every view change with it (compared with the month before); switches
 * to English; on a phone the page does not scroll sideways, the table scrolls inside its box. On the demo,
 * whose answers were not stored in whole groups, a month shows what may be shown and says why the rest is
 * hidden. Screenshots of the question view and the table, Thai and English, laptop and phone, go to
 * test-results/screenshots/question-results-*.png.
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertLink } from "../../db/queries/links";
import { insertCounter, insertUnit } from "../../db/queries/organizations";
import { getRoundWithOrganization } from "../../db/queries/rounds";
import { storeResponse } from "../../app/services/submit-response.server";
import { createTestUser } from "../support/accounts";
import { makeAnswers, newSubmissionId } from "../support/fixtures";
import { expectAccessible } from "../support/axe";
import { LAPTOP, openWatchedPage, PHONE, stopBrowserSuite } from "../support/browser";
import { signInThroughForm, startDemoBrowserSuite } from "../support/demo-suite";
import { expectNoHorizontalOverflow } from "../support/layout";
import { expectNoProblems } from "../support/page-problems";
import { createQuestionAgency, type QuestionAgency } from "../support/question-data";
import { saveElementScreenshot, saveScreenshot } from "../support/screenshots";
import type { RunningServer } from "../support/server";

const VIEWER = "question-viewer";
const DEMO_VIEWER = "demo-viewer";

describe("results by question (Chromium, built server)", { timeout: 180_000 }, () => {
  let databasePath = "";
  let demoRoundId = 0;
  let agency: QuestionAgency;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ({ databasePath, roundId: demoRoundId, server, browser } = await startDemoBrowserSuite({
      users: { [DEMO_VIEWER]: "viewer" },
      prepare: async ({ db, roundId, organization }) => {
        // A fourth demo counter with 3 answers, stored around the pool as the demo's are: hidden in the
        // counter × question table, with the smallest other counter as its complement.
        const unitId = await insertUnit(db, { organization_id: organization.id, name_th: "กองสาธารณสุข", name_en: "Public Health Division", created_at: "2026-01-01" });
        const counterId = await insertCounter(db, { organization_id: organization.id, unit_id: unitId, name_th: "จุดบริการนอกสถานที่", name_en: "Mobile service point", created_at: "2026-01-01" });
        const linkId = await insertLink(db, { round_id: roundId, instrument: "eit", counter_id: counterId, token: "qsmallcounterxxxxxxx", created_at: "2026-01-01" });
        const round = (await getRoundWithOrganization(db, roundId))!;
        for (let n = 0; n < 3; n++) {
          await storeResponse(db, { submissionId: newSubmissionId(), roundId, linkId, instrument: "eit", frameworkId: "ita-2565", answeredOn: round.startsOn, answers: makeAnswers("eit", (i) => i + n) });
        }
        agency = await createQuestionAgency(db, { slug: "question-agency" });
        await createTestUser(db, agency.organizationId, VIEWER, "viewer");
      },
    }));
  });

  afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

  async function open(options: BrowserContextOptions, path: string, username = VIEWER) {
    if (!browser || !server) throw new Error("not started");
    const { context, page, problems } = await openWatchedPage(browser, server.url, options);
    await page.goto(`${server.url}${path}`);
    await signInThroughForm(page, username);
    await page.waitForURL((url) => url.pathname === path.split("?")[0]);
    await page.getByTestId("question-results").waitFor({ state: "visible" });
    return { context, page, problems };
  }

  /** Every bar's legend: its counts add up to its field's answers, which are its question's. */
  async function expectLegendsAddUp(page: Page): Promise<number> {
    const fields = await page.locator(".qr-field").evaluateAll((nodes) =>
      nodes.map((n) => ({
        field: n.getAttribute("data-field"),
        answers: Number(n.getAttribute("data-answers")),
        counts: [...n.querySelectorAll(".qr-legend li")].map((li) => Number(li.getAttribute("data-count"))),
        question: Number((n.closest(".qr-question")?.querySelector('[data-testid="answers"]')?.textContent ?? "").replace(/[^\d]/g, "")),
      })),
    );
    for (const f of fields) {
      expect(f.counts.reduce((a, b) => a + b, 0), f.field ?? "").toBe(f.answers);
      expect(f.answers, f.field ?? "").toBe(f.question);
    }
    return fields.length;
  }

  const resultsPath = () => `/admin/rounds/${agency.current.roundId}/results`;

  it("on a laptop, in Thai: the bars, the change against the previous round, the counter × question table with weak cells", async () => {
    const { context, page, problems } = await open(LAPTOP, resultsPath());
    try {
      expect(await page.locator("html").getAttribute("lang")).toBe("th");
      await page.getByRole("heading", { level: 2, name: "ผลรายข้อคำถาม" }).waitFor();
      expect(await page.getByTestId("range-label").innerText()).toContain("ทั้งรอบ");
      const comparison = page.getByTestId("comparison");
      expect(await comparison.getAttribute("data-kind")).toBe("previous-round");
      expect(await comparison.innerText()).toContain("ปีงบประมาณ พ.ศ. 2568");
      // All 70 answer fields of ita-2565 have a bar whose counts add up.
      expect(await expectLegendsAddUp(page)).toBe(70);
      expect(await page.locator(".qr-question").count()).toBe(45);
      // The option wording is on the page, Thai, with the counts.
      const e11 = page.locator("#q-e11");
      expect(await e11.innerText()).toContain("มากที่สุด");
      expect(await e11.getByTestId("change").innerText()).toMatch(/เปลี่ยนแปลง [↑↓]? ?[+−]?\d+\.\d\d \(เดิม \d+\.\d\d\)/);
      // Three counters, the poor one with weak cells, marked by a sign as well as a colour.
      const table = page.getByTestId("counter-question-table");
      expect(await table.locator("thead th").allInnerTexts()).toEqual(["ข้อคำถาม", "งานทะเบียนราษฎร", "จุดชำระภาษี", "กองช่าง (ขออนุญาตก่อสร้าง)"]);
      expect(await table.locator("tbody tr[data-item]").count()).toBe(15);
      const weak = table.locator('td[data-weak="true"]');
      expect(await weak.count()).toBeGreaterThan(3);
      expect(await weak.first().innerText()).toMatch(/^▼ \d+\.\d\d$/);
      await expectNoHorizontalOverflow(page, "the laptop");
      await expectAccessible(page, "the laptop");
      // The section's head as the screen shows it: the range form, what is compared, the first bars.
      await page.locator("#qr-title").scrollIntoViewIfNeeded();
      await page.evaluate(() => document.getElementById("qr-title")!.scrollIntoView({ block: "start" }));
      await saveScreenshot(page, "question-results-top-laptop.png", { fullPage: false });
      await saveElementScreenshot(page.getByTestId("questions-eit"), "question-results-eit-laptop.png");
      await saveElementScreenshot(page.getByTestId("counter-question"), "question-results-counters-laptop.png");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("a month chosen in the form changes every view: the bars, the scores, the comparison (the month before) and the table", async () => {
    const { context, page, problems } = await open(LAPTOP, resultsPath());
    try {
      const wholeEit = await page.getByTestId("figures-eit").innerText();
      const wholeCell = await page.getByTestId("counter-question-table").locator("tbody tr[data-item] td").first().innerText();
      await page.locator('select[name="from"]').selectOption({ label: "มกราคม 2569" });
      await page.locator('select[name="to"]').selectOption({ label: "มกราคม 2569" });
      await page.getByRole("button", { name: "แสดงช่วงนี้" }).click();
      await page.waitForURL((url) => url.searchParams.get("from") === "2026-01" && url.searchParams.get("to") === "2026-01");
      await expect.poll(() => page.getByTestId("range-label").innerText()).toBe("แสดง: ม.ค. 69");
      expect(await page.getByTestId("comparison").getAttribute("data-kind")).toBe("previous-month");
      expect(await page.getByTestId("comparison").innerText()).toContain("ธ.ค. 68");
      expect(await page.getByTestId("figures-eit").innerText()).not.toBe(wholeEit);
      expect(await page.getByTestId("counter-question-table").locator("tbody tr[data-item] td").first().innerText()).not.toBe(wholeCell);
      expect(await expectLegendsAddUp(page)).toBe(70);
      // The form shows the months chosen.
      expect(await page.locator('select[name="from"]').inputValue()).toBe("2026-01");
      await saveElementScreenshot(page.getByTestId("question-results"), "question-results-month-laptop.png");
      // Back to the whole round.
      await page.getByRole("link", { name: "ทั้งรอบ", exact: true }).click();
      await expect.poll(() => page.getByTestId("range-label").innerText()).toContain("ทั้งรอบ");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("in English", async () => {
    const { context, page, problems } = await open(LAPTOP, resultsPath());
    try {
      await page.getByRole("link", { name: "English", exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("lang") === "en");
      await page.getByRole("heading", { level: 2, name: "Results by question" }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.locator("#q-e11").innerText()).toContain("Very much");
      expect(await page.getByTestId("range-label").innerText()).toContain("Oct 2025 – Sep 2026");
      expect(await page.getByTestId("counter-question-table").locator("thead th").first().innerText()).toBe("Question");
      await expectNoHorizontalOverflow(page, "the laptop in English");
      await saveElementScreenshot(page.getByTestId("questions-eit"), "question-results-eit-laptop-en.png");
      await saveElementScreenshot(page.getByTestId("counter-question"), "question-results-counters-laptop-en.png");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("on a phone: no sideways scrolling of the page, the table scrolls in its box with the questions in view", async () => {
    const { context, page, problems } = await open(PHONE, resultsPath());
    try {
      await expectNoHorizontalOverflow(page, "the phone");
      // A phone browser zooms out a page wider than itself (innerWidth grows with it): the page's own width must fit.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const box = page.locator(".qr-table-scroll");
      const sizes = await box.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth, right: e.getBoundingClientRect().right }));
      expect(sizes.client).toBeLessThanOrEqual(390);
      expect(sizes.right).toBeLessThanOrEqual(390);
      // Every bar fits the screen.
      const bars = await page.locator(".qr-bar").evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().right));
      expect(Math.max(...bars)).toBeLessThanOrEqual(390);
      await saveElementScreenshot(page.getByTestId("counter-question"), "question-results-counters-phone.png");
      await saveElementScreenshot(page.locator("#q-e1"), "question-results-e1-phone.png");
      await saveElementScreenshot(page.locator(".qr-range").first(), "question-results-range-phone.png");
      await page.getByRole("link", { name: "English", exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("lang") === "en");
      await page.getByRole("heading", { level: 2, name: "Results by question" }).waitFor();
      await expectNoHorizontalOverflow(page, "the phone in English");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await saveElementScreenshot(page.getByTestId("counter-question"), "question-results-counters-phone-en.png");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("on the demo, whose answers were not stored in whole groups: a month shows what may be shown and says why the rest is hidden", async () => {
    const path = `/admin/rounds/${demoRoundId}/results`;
    const { context, page, problems } = await open(LAPTOP, path, DEMO_VIEWER);
    try {
      // The whole round: everything, the counter table too, where the counter of 3 answers is hidden ("–¹")
      // with the smallest other counter ("–²"), so that the question's total cannot give it away.
      expect(await page.getByTestId("questions-iit").getAttribute("data-status")).toBe("shown");
      expect(await page.getByTestId("counter-question").getAttribute("data-status")).toBe("shown");
      const table = page.getByTestId("counter-question-table");
      expect(await table.locator("thead th[data-status]").evaluateAll((cells) => cells.map((c) => c.getAttribute("data-status")))).toEqual(["shown", "shown", "complement", "small"]);
      expect(await table.locator('tbody tr[data-item="e1"] td').allInnerTexts()).toEqual([expect.stringMatching(/^\d+\.\d\d$/), expect.stringMatching(/\d+\.\d\d$/), "–2", "–1"]);
      // Neither the small counter's count nor its complement's: the total minus the others would give it.
      expect(await table.locator("tbody tr.qr-answers-row td").allInnerTexts()).toEqual(["90", "80", "–2", "น้อยกว่า 5"]);
      expect(await page.getByTestId("counter-question-key").innerText()).toContain("ซ่อน: ผู้ตอบน้อยกว่า 5 คน");
      await saveElementScreenshot(page.getByTestId("counter-question"), "question-results-counters-hidden.png");
      expect(await page.getByTestId("comparison").getAttribute("data-kind")).toBe("none");
      // One month: the demo's staff answers are a few a month, so the IIT of one month is hidden, and why.
      await page.goto(`${server!.url}${path}?from=${await firstMonth(page)}&to=${await firstMonth(page)}`);
      await page.getByTestId("question-results").waitFor();
      expect(await page.getByTestId("questions-iit").getAttribute("data-status")).not.toBe("shown");
      expect(await page.getByTestId("hidden-iit").innerText()).toMatch(/ซ่อน|ยังไม่มีผู้ตอบ/);
      await saveElementScreenshot(page.getByTestId("question-results").locator(".qr-instrument").first(), "question-results-demo-month-hidden.png");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });
});

async function firstMonth(page: Page): Promise<string> {
  return page.locator('select[name="from"] option').first().getAttribute("value") as Promise<string>;
}
