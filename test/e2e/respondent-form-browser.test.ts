/**
 * Issue 18: the respondent page is an HTML form that works before (and without) JavaScript
 * (docs/decisions/respondent-page-html-form.md). In Chromium, against the BUILT server, on a phone:
 *
 * - JavaScript off: a visitor answers the whole EIT but one required question, sends, and is shown the
 *   form again (400) with the Thai error beside that question, a summary at the top, and every answer
 *   given still ticked; answers it, sends, is thanked; exactly one answer set is stored, with the answers
 *   ticked, and the same post sent again stores nothing more.
 * - JavaScript on: the same, and the count of answered questions, the kept answers cleared once sent and
 *   the note that this device answered today.
 * - JavaScript arriving half-way: the scripts are held back while the first answers are given, then let
 *   through: the answers given are kept (still ticked, counted, kept in the browser) and sent with the rest.
 *
 * The EIT's answers wait in the answer pool until five have answered at the counter (answer-pool.md):
 * "stored" is checked there and among the responses. Screenshots go to test-results/screenshots/.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionCookie, getSessionUser } from "../../app/auth/session.server";
import { formatCode, generateAccessCodes } from "../../app/services/access-codes.server";
import { listRoundLinks } from "../../db/queries/links";
import { createTestUser } from "../support/accounts";
import { expectAccessible } from "../support/axe";
import { openWatchedPage, stopBrowserSuite } from "../support/browser";
import { startDemoBrowserSuite } from "../support/demo-suite";
import { expectNoHorizontalOverflow } from "../support/layout";
import { expectNoPageErrors } from "../support/page-problems";
import { saveScreenshot } from "../support/screenshots";
import type { RunningServer } from "../support/server";
import { listPooledAnswers, listResponsesOfSubmissions } from "../support/stored-responses";
import { readSurvey } from "../support/survey-definition";
import { chosenAnswers, expectLargeChoiceRows, fieldsOf, hiddenValue, serveStartStampsFromLongAgo, tapFormChoice, tickedAnswers } from "../support/survey-form-page";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const EIT_FIELDS = fieldsOf(readSurvey("eit"));
const IIT_FIELDS = fieldsOf(readSurvey("iit"));
/** The required question left out at first. */
const LEFT_OUT = "e5";
const REQUIRED_ERROR_TH = "กรุณาเลือกคำตอบของข้อนี้";

describe("the respondent page's HTML form (Chromium, built server)", { timeout: 180_000 }, () => {
  let databasePath = "";
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let eitToken = "";
  let eitLinkId = 0;
  let iitToken = "";
  let iitLinkId = 0;
  /** Access codes of the open round, which runs the IIT with codes here. */
  let codes: string[] = [];

  beforeAll(async () => {
    ({ databasePath, server, browser } = await startDemoBrowserSuite({
      prepare: async ({ db, openRoundId, organization }) => {
        const links = await listRoundLinks(db, openRoundId);
        const eit = links.find((l) => l.instrument === "eit" && l.status === "active");
        const iit = links.find((l) => l.instrument === "iit" && l.status === "active");
        if (!eit || !iit) throw new Error("the demo round needs an active EIT and IIT link");
        ({ token: eitToken, linkId: eitLinkId } = eit);
        ({ token: iitToken, linkId: iitLinkId } = iit);
        await db.updateTable("round").set({ access_mode: "codes" }).where("id", "=", openRoundId).execute();
        const userId = await createTestUser(db, organization.id, "form-codes-admin", "admin");
        const cookie = (await createSessionCookie(db, userId, new Date())).split(";")[0]!;
        const admin = (await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } })))!;
        codes = (await generateAccessCodes(db, admin, openRoundId, 2, new Date())).map(formatCode);
      },
    }));
  });

  afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

  async function open(options: { javaScript: boolean }) {
    if (!browser || !server) throw new Error("not started");
    const watched = await openWatchedPage(browser, server.url, { ...PHONE, javaScriptEnabled: options.javaScript });
    await serveStartStampsFromLongAgo(watched.page);
    return watched;
  }

  /** Everything stored under `submissionId`: waiting in the pool or released as a response. */
  async function storedUnder(submissionId: string) {
    const pooled = (await listPooledAnswers(databasePath)).filter((p) => p.submissionId === submissionId);
    const responses = await listResponsesOfSubmissions(databasePath, [submissionId]);
    return { pooled, responses, count: pooled.length + responses.length };
  }

  async function poolSizeOfLink(): Promise<number> {
    return (await listPooledAnswers(databasePath)).filter((p) => p.linkId === eitLinkId).length;
  }

  /** Answers every field of `answers` but `skip`, tapping the Thai words. */
  async function answer(page: Page, answers: Record<string, number>, skip: readonly string[] = []) {
    for (const field of EIT_FIELDS) if (!skip.includes(field.name)) await tapFormChoice(page, field, answers[field.name]!);
  }

  /**
   * Sends with one required question left out and checks the form drawn again: 400, the Thai error beside
   * the question, the summary at the top linking to it, every answer and the suggestion kept, nothing stored.
   */
  async function sendWithOneLeftOut(page: Page, answers: Record<string, number>, screenshot: string) {
    const submissionId = await hiddenValue(page, "submissionId");
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/s/${eitToken}`), page.getByRole("button", { name: "ส่งคำตอบ" }).click()]);
    expect(response.status()).toBe(400);
    await page.waitForURL(/#errors$/);
    const summary = page.getByTestId("error-summary");
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toContain("คำตอบไม่ครบ");
    const leftOutTitle = EIT_FIELDS.find((f) => f.name === LEFT_OUT)!.title.th;
    expect(await summary.locator("a").first().textContent()).toBe(leftOutTitle);
    expect(await summary.locator("a").first().getAttribute("href")).toBe(`#q-${LEFT_OUT}`);
    // Beside the question: inside its own fieldset, above its choices.
    const error = page.locator(`#q-${LEFT_OUT} .field-error`);
    expect(await error.textContent()).toBe(REQUIRED_ERROR_TH);
    expect(await page.locator(".field-error").count()).toBe(1);
    const { [LEFT_OUT]: _left, ...given } = answers;
    expect(await tickedAnswers(page)).toEqual(given);
    expect(await page.locator('textarea[name="eit_suggestion"]').inputValue()).toBe("ขอที่จอดรถเพิ่ม");
    // The same survey goes on under the same id, so that sending it twice stores it once.
    expect(await hiddenValue(page, "submissionId")).toBe(submissionId);
    expect((await storedUnder(submissionId)).count).toBe(0);
    await saveScreenshot(page, `${screenshot}-summary.png`, { fullPage: false });
    await page.locator(`#q-${LEFT_OUT}`).scrollIntoViewIfNeeded();
    await saveScreenshot(page, `${screenshot}-beside.png`, { fullPage: false });
    return submissionId;
  }

  async function expectThanked(page: Page) {
    await page.waitForURL(new RegExp(`/s/${eitToken}/thanks`));
    await expect.poll(() => page.getByRole("heading", { name: "ขอบคุณที่ตอบแบบสอบถาม" }).isVisible()).toBe(true);
  }

  async function expectStoredOnce(submissionId: string, answers: Record<string, number>) {
    const stored = await storedUnder(submissionId);
    expect(stored.count).toBe(1);
    if (stored.pooled[0]) {
      expect(stored.pooled[0].answers).toEqual(answers);
      // The stamp from long ago was carried by the page and sent back: not counted as too fast.
      expect(stored.pooled[0].flag).toBeNull();
      expect(stored.pooled[0].linkId).toBe(eitLinkId);
    }
  }

  it("with JavaScript off: answers the whole EIT, is told beside the question left out, completes, is thanked, stored once", async () => {
    const { context, page, problems } = await open({ javaScript: false });
    try {
      const before = await poolSizeOfLink();
      await page.goto(`${server!.url}/s/${eitToken}`);
      // No script runs: whatever the page shows is the server's HTML.
      expect(await page.evaluate(() => typeof (window as unknown as Record<string, unknown>).__reactRouterContext)).toBe("undefined");
      const form = page.getByTestId("survey-form");
      expect(await form.getAttribute("method")).toBe("post");
      expect(await page.locator("fieldset.form-question").count()).toBe(EIT_FIELDS.length);
      expect(await page.getByTestId("form-count").count()).toBe(0);
      await expectLargeChoiceRows(page, "the EIT form without JavaScript");
      await expectNoHorizontalOverflow(page, "the EIT form without JavaScript");
      await saveScreenshot(page, "form-nojs-eit-top.png", { fullPage: false });

      const answers = chosenAnswers(EIT_FIELDS, 1);
      await answer(page, answers, [LEFT_OUT]);
      await page.locator('textarea[name="eit_suggestion"]').fill("ขอที่จอดรถเพิ่ม");
      const submissionId = await sendWithOneLeftOut(page, answers, "form-nojs-eit-error");

      await tapFormChoice(page, EIT_FIELDS.find((f) => f.name === LEFT_OUT)!, answers[LEFT_OUT]!);
      const body = new URLSearchParams();
      for (const [name, value] of await page.locator("form[data-testid=survey-form] :is(input[type=hidden], input:checked, textarea)").evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value] as const))) body.append(name, value);
      await page.getByRole("button", { name: "ส่งคำตอบ" }).click();
      await expectThanked(page);
      await saveScreenshot(page, "form-nojs-eit-thanks.png", { fullPage: false });
      await expectStoredOnce(submissionId, answers);
      expect(await poolSizeOfLink()).toBe(before + 1);

      // The same post again (a double tap, a resend after a lost reply): thanked, nothing more stored.
      const again = await context.request.post(`${server!.url}/s/${eitToken}`, { form: Object.fromEntries(body), maxRedirects: 0 });
      expect(again.status()).toBe(303);
      expect(again.headers().location).toBe(`/s/${eitToken}/thanks?lang=th`);
      await expectStoredOnce(submissionId, answers);
      expect(await poolSizeOfLink()).toBe(before + 1);
      expect(problems.pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("in English without JavaScript: the error beside the question is in English", async () => {
    const { context, page } = await open({ javaScript: false });
    try {
      await page.goto(`${server!.url}/s/${eitToken}?lang=en`);
      const answers = chosenAnswers(EIT_FIELDS, 2);
      for (const field of EIT_FIELDS) if (field.name !== LEFT_OUT) await tapFormChoice(page, field, answers[field.name]!, "en");
      await page.getByRole("button", { name: "Submit" }).click();
      await page.waitForURL(/#errors$/);
      expect(await page.locator(`#q-${LEFT_OUT} .field-error`).textContent()).toBe("Please choose an answer to this question.");
      expect(await tickedAnswers(page)).toEqual(Object.fromEntries(Object.entries(answers).filter(([name]) => name !== LEFT_OUT)));
    } finally {
      await context.close();
    }
  });

  it("with JavaScript on: the same, with the count, the kept answers cleared once sent and the note for today", async () => {
    const { context, page, problems } = await open({ javaScript: true });
    try {
      await page.goto(`${server!.url}/s/${eitToken}`);
      const count = page.getByTestId("form-count");
      await expect.poll(() => count.textContent()).toBe("ตอบแล้ว 0 จาก 15 ข้อ");
      const answers = chosenAnswers(EIT_FIELDS, 3);
      await answer(page, answers, [LEFT_OUT]);
      await page.locator('textarea[name="eit_suggestion"]').fill("ขอที่จอดรถเพิ่ม");
      await expect.poll(() => count.textContent()).toBe("ตอบแล้ว 14 จาก 15 ข้อ");
      const kept = await page.evaluate((token) => localStorage.getItem(`prongsai:progress:${token}:eit`), eitToken);
      expect(JSON.parse(kept ?? "null")?.answers?.e1_1).toBe(answers.e1_1);
      await expectAccessible(page, "the EIT form with JavaScript");
      const submissionId = await sendWithOneLeftOut(page, answers, "form-js-eit-error");

      // Drawn again after the refused post: counted, and kept under the same id.
      await expect.poll(() => count.textContent()).toBe("ตอบแล้ว 14 จาก 15 ข้อ");
      await tapFormChoice(page, EIT_FIELDS.find((f) => f.name === LEFT_OUT)!, answers[LEFT_OUT]!);
      await expect.poll(() => count.textContent()).toBe("ตอบแล้ว 15 จาก 15 ข้อ");
      await page.getByRole("button", { name: "ส่งคำตอบ" }).click();
      await expectThanked(page);
      await expectStoredOnce(submissionId, answers);
      await expect.poll(() => page.evaluate((token) => localStorage.getItem(`prongsai:progress:${token}:eit`), eitToken)).toBeNull();

      // Back on the survey: empty, and the gentle note that this device answered today.
      await page.goto(`${server!.url}/s/${eitToken}`);
      await expect.poll(() => page.getByText("เครื่องนี้ได้ตอบแบบสอบถามนี้ไปแล้วในวันนี้", { exact: false }).isVisible()).toBe(true);
      expect(await tickedAnswers(page)).toEqual({});
      expect(await hiddenValue(page, "submissionId")).not.toBe(submissionId);
      // Chromium logs the refused post's 400 as a failed load; nothing else.
      expect(problems.pageErrors).toEqual([]);
      expect(problems.consoleErrors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("with JavaScript arriving half-way: the answers given before it arrived are kept and sent", async () => {
    const { context, page, problems } = await open({ javaScript: true });
    try {
      // The page's scripts are held back until half the survey is answered (a phone on a slow network).
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\.js(\?|$)/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${server!.url}/s/${eitToken}`, { waitUntil: "commit" });
      await page.getByTestId("survey-form").waitFor({ state: "visible" });
      const answers = chosenAnswers(EIT_FIELDS, 0);
      const firstHalf = EIT_FIELDS.slice(0, 8);
      for (const field of firstHalf) await tapFormChoice(page, field, answers[field.name]!);
      expect(await page.getByTestId("form-count").count()).toBe(0);
      await saveScreenshot(page, "form-halfway-before-scripts.png", { fullPage: false });

      release();
      // Hydrated: the count appears, and counts what was ticked before (e1 has two parts, e4 three).
      const count = page.getByTestId("form-count");
      await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe("ตอบแล้ว 5 จาก 15 ข้อ");
      expect(await tickedAnswers(page)).toEqual(Object.fromEntries(firstHalf.map((f) => [f.name, answers[f.name]])));
      const kept = JSON.parse((await page.evaluate((token) => localStorage.getItem(`prongsai:progress:${token}:eit`), eitToken)) ?? "null") as { answers: Record<string, number>; submissionId: string } | null;
      expect(kept?.answers).toEqual(Object.fromEntries(firstHalf.map((f) => [f.name, answers[f.name]])));

      for (const field of EIT_FIELDS.slice(8)) await tapFormChoice(page, field, answers[field.name]!);
      await expect.poll(() => count.textContent()).toBe("ตอบแล้ว 15 จาก 15 ข้อ");
      const submissionId = await hiddenValue(page, "submissionId");
      expect(kept?.submissionId).toBe(submissionId);
      await page.getByRole("button", { name: "ส่งคำตอบ" }).click();
      await expectThanked(page);
      await expectStoredOnce(submissionId, answers);
      expectNoPageErrors(problems);
    } finally {
      await context.close();
    }
  });

  it("a reload keeps the answers under the same id; starting again empties the form under a new one", async () => {
    const { context, page, problems } = await open({ javaScript: true });
    try {
      await page.goto(`${server!.url}/s/${eitToken}`);
      const count = page.getByTestId("form-count");
      await expect.poll(() => count.textContent()).toBe("ตอบแล้ว 0 จาก 15 ข้อ");
      const answers = chosenAnswers(EIT_FIELDS, 2);
      for (const field of EIT_FIELDS.slice(0, 3)) await tapFormChoice(page, field, answers[field.name]!);
      await expect.poll(() => count.textContent()).toBe("ตอบแล้ว 2 จาก 15 ข้อ");
      const firstId = await hiddenValue(page, "submissionId");
      page.on("dialog", (dialog) => void dialog.accept());
      await page.reload();
      await expect.poll(() => count.textContent()).toBe("ตอบแล้ว 2 จาก 15 ข้อ");
      expect(await tickedAnswers(page)).toEqual(Object.fromEntries(EIT_FIELDS.slice(0, 3).map((f) => [f.name, answers[f.name]])));
      await expect.poll(() => page.locator('input[name="submissionId"]').evaluate((i) => (i as HTMLInputElement).value)).toBe(firstId);
      await expect.poll(() => page.getByText("คำตอบที่ท่านตอบไว้ก่อนหน้านี้ในวันนี้ยังอยู่").isVisible()).toBe(true);
      await saveScreenshot(page, "form-js-restored.png", { fullPage: false });

      await page.getByRole("button", { name: "ล้างคำตอบและเริ่มใหม่" }).click();
      await expect.poll(() => count.textContent()).toBe("ตอบแล้ว 0 จาก 15 ข้อ");
      expect(await tickedAnswers(page)).toEqual({});
      expect(await page.locator('input[name="submissionId"]').evaluate((i) => (i as HTMLInputElement).value)).not.toBe(firstId);
      expect(await page.evaluate((token) => localStorage.getItem(`prongsai:progress:${token}:eit`), eitToken)).toBeNull();
      expectNoPageErrors(problems);
    } finally {
      await context.close();
    }
  });
  it("the IIT with access codes, without JavaScript: the code is a field of the form, a wrong or used one is told beside it, the slip's ?code= fills it in", async () => {
    const { context, page } = await open({ javaScript: false });
    try {
      const answers = chosenAnswers(IIT_FIELDS, 1);
      await page.goto(`${server!.url}/s/${iitToken}`);
      const code = page.locator('input[name="accessCode"]');
      expect(await code.inputValue()).toBe("");
      for (const field of IIT_FIELDS) await tapFormChoice(page, field, answers[field.name]!);
      await code.fill("ABCD-EFGH");
      await page.getByRole("button", { name: "ส่งคำตอบ" }).click();
      await page.waitForURL(/#errors$/);
      expect(await page.locator("#q-accessCode .field-error").textContent()).toBe("รหัสไม่ถูกต้อง กรุณาตรวจสอบรหัสบนบัตรอีกครั้ง");
      expect(await page.locator(".field-error").count()).toBe(1);
      expect(await tickedAnswers(page)).toEqual(answers);
      await page.locator("#q-accessCode").scrollIntoViewIfNeeded();
      await saveScreenshot(page, "form-nojs-iit-code-wrong.png", { fullPage: false });
      const submissionId = await hiddenValue(page, "submissionId");
      expect((await storedUnder(submissionId)).count).toBe(0);

      await code.fill(codes[0]!);
      await page.getByRole("button", { name: "ส่งคำตอบ" }).click();
      await page.waitForURL(new RegExp(`/s/${iitToken}/thanks`));
      const stored = await storedUnder(submissionId);
      expect(stored.count).toBe(1);
      expect(stored.pooled[0]).toMatchObject({ linkId: iitLinkId, answers, flag: null });

      // The slip's QR code brings the code in ?code=; a code used already is told beside the field.
      await page.goto(`${server!.url}/s/${iitToken}?code=${encodeURIComponent(codes[0]!)}`);
      expect(await code.inputValue()).toBe(codes[0]);
      for (const field of IIT_FIELDS) await tapFormChoice(page, field, answers[field.name]!);
      const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "ส่งคำตอบ" }).click()]);
      expect(refused.status()).toBe(409);
      await page.waitForURL(/#errors$/);
      expect(await page.locator("#q-accessCode .field-error").textContent()).toBe("รหัสนี้ถูกใช้ตอบแบบสอบถามไปแล้ว รหัสแต่ละชุดใช้ได้เพียงครั้งเดียว");
    } finally {
      await context.close();
    }
  });
});
