/**
 * A respondent on a phone, in Chromium, against the BUILT server (ARCHITECTURE.md §3.8): opens the IIT
 * link and an EIT counter link of the demo agency, answers every question of the page's HTML form (issue
 * 18: docs/decisions/respondent-page-html-form.md) by tapping the visible text of a choice, sends,
 * lands on the thank-you page, and the database holds exactly the answers that were tapped: sealed in the
 * answer pool until their group has five (issue 12: the round for the IIT, the counter's link for the
 * EIT), and for the EIT, once four more visitors have answered at that counter, as a response. On the way:
 * no page error, no console error, no request leaving the server (fonts are self-hosted), no horizontal
 * overflow on a 390 px screen, answer choices whole rows at least 48 px high (WCAG 2.5.5), their outline
 * 3:1 against the page (WCAG 1.4.11), no serious or critical axe-core violation, and the English switch
 * keeps the answers already given. Issue 15: the answers in progress survive a reload in the browser's own
 * storage (for the day, cleared once sent, asked about before leaving), the count names questions as the
 * section titles do, the EIT is named a satisfaction survey in both languages. Screenshots go to
 * test-results/screenshots/ for a person to look at (Thai shaping, tone marks, layout).
 * test/e2e/respondent-form-browser.test.ts: the same form without JavaScript, and with it arriving half-way.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRoundLinks } from "../../db/queries/links";
import { expectAccessible } from "../support/axe";
import { openWatchedPage, stopBrowserSuite } from "../support/browser";
import { startDemoBrowserSuite } from "../support/demo-suite";
import { makeAnswers, newSubmissionId } from "../support/fixtures";
import { unhurried } from "../support/start-stamps";
import { expectNoHorizontalOverflow } from "../support/layout";
import { expectNoProblems } from "../support/page-problems";
import { SCREENSHOTS } from "../support/paths";
import { saveScreenshot } from "../support/screenshots";
import type { RunningServer } from "../support/server";
import { getLastResponseId, listPooledAnswers, listResponsesAfterId, listResponsesOfSubmissions } from "../support/stored-responses";
import { type Field, readSurvey } from "../support/survey-definition";
import { expectLargeChoiceRows, serveStartStampsFromLongAgo, tapFormChoice, tickedAnswers } from "../support/survey-form-page";
import { bangkokDate } from "../../app/text/dates";

/** The number of answer fields of each instrument (ITA-METHOD.md; also test/integration/survey-definitions). */
const FIELD_COUNT = { iit: 51, eit: 19 } as const;

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

// --- what a page shows, checked from the outside

/**
 * The outline of every unchecked choice row stands out from the page behind it, 3:1 (WCAG 1.4.11): the
 * row is what a visitor taps, and its border shows where it is.
 */
async function expectVisibleChoiceOutlines(page: Page, where: string) {
  const rows = await page.locator("label.choice:not(:has(input:checked))").evaluateAll((elements) => {
    const rgb = (css: string) => (css.match(/rgba?\(([^)]+)\)/)?.[1] ?? "").split(",").map((x) => Number.parseFloat(x));
    const luminance = (css: string) => {
      const [r = 0, g = 0, b = 0] = rgb(css).map((c) => c / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const opaqueBackground = (element: Element | null): string => {
      for (let e = element; e; e = e.parentElement) {
        const color = getComputedStyle(e).backgroundColor;
        if (rgb(color)[3] !== 0 && color !== "transparent") return color;
      }
      return "rgb(255, 255, 255)";
    };
    return elements.map((e) => {
      const border = getComputedStyle(e).borderTopColor;
      return { border, againstPage: contrast(border, opaqueBackground(e.parentElement)) };
    });
  });
  expect(rows.length, `no unchecked choice on ${where}`).toBeGreaterThan(0);
  for (const row of rows) expect(row.againstPage, `choice outline ${row.border} on ${where}`).toBeGreaterThanOrEqual(3);
}

/** Answers `fields` (the n-th choice in turn, so both ends of each scale are used); returns what was tapped. */
async function answerFields(page: Page, fields: Field[], answers: Map<string, number>, lang: "th" | "en" = "th") {
  for (const field of fields) {
    const value = field.choices[answers.size % field.choices.length]!.value;
    await tapFormChoice(page, field, value, lang);
    answers.set(field.name, value);
  }
}

// --- the suite

describe("a respondent on a phone (Chromium, built server)", { timeout: 120_000 }, () => {
  let databasePath = "";
  let roundId = 0;
  let links: { iit: { linkId: number; token: string }; eit: { linkId: number; token: string }; otherEit: { linkId: number; token: string } };
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // Answers go to the demo's open round (its last fiscal year's round is closed: issue 11).
    ({ databasePath, openRoundId: roundId, server, browser } = await startDemoBrowserSuite({
      prepare: async ({ db, openRoundId: demoRoundId }) => {
        const roundLinks = await listRoundLinks(db, demoRoundId);
        const iit = roundLinks.find((l) => l.instrument === "iit" && l.status === "active");
        const [eit, otherEit] = roundLinks.filter((l) => l.instrument === "eit" && l.status === "active");
        if (!iit || !eit || !otherEit) throw new Error("the demo round needs an active IIT link and two active EIT links");
        links = { iit, eit, otherEit };
      },
    }));
  });

  afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

  const lastResponseId = () => getLastResponseId(databasePath);
  const responsesAfter = (id: number) => listResponsesAfterId(databasePath, id);

  /**
   * With `unhurried`, the visitor took minutes: the test taps in seconds what a visitor answers in minutes,
   * and the server measures the duration from the start stamp the page carries (a survey sent in less
   * than a second per question is flagged as noise and not counted), so the page is served with a stamp
   * from long ago (test/support/survey-form-page.ts). Waits for the page's script (its count of answers).
   */
  async function openPhone(path: string, { unhurried = false }: { unhurried?: boolean } = {}) {
    if (!browser || !server) throw new Error("not started");
    const { context, page, problems } = await openWatchedPage(browser, server.url, PHONE);
    if (unhurried) await serveStartStampsFromLongAgo(page);
    await page.goto(`${server.url}${path}`);
    await page.getByTestId("form-count").waitFor({ state: "visible" });
    // No SurveyJS on the phone page: no script of it, no style of it.
    expect(await page.locator(".sd-root-modern").count()).toBe(0);
    const inlineCss = await page.evaluate(() => [...document.querySelectorAll("style")].reduce((n, s) => n + (s.textContent ?? "").length, 0));
    expect(inlineCss, "inline <style> bytes").toBeLessThan(10_000);
    return { context, page, problems };
  }

  const countText = (page: Page) => page.getByTestId("form-count").innerText();
  const send = (page: Page, name = "ส่งคำตอบ") => page.getByRole("button", { name, exact: true }).tap();

  async function expectThanks(page: Page, token: string, lang: "th" | "en" = "th") {
    await page.waitForURL((url) => url.pathname === `/s/${token}/thanks`);
    const heading = lang === "th" ? "ขอบคุณที่ตอบแบบสอบถาม" : "Thank you for your answers";
    await page.getByRole("heading", { level: 1, name: heading }).waitFor({ state: "visible" });
    expect(await page.locator("html").getAttribute("lang")).toBe(lang);
    await expectNoHorizontalOverflow(page, "thanks");
  }

  /**
   * Answers wait sealed in the pool for a group of five (issue 12): exactly one new set there, as tapped.
   * Returns it (its submission id is the one the survey page sent).
   */
  async function expectPooled(before: Set<string>, linkId: number, answers: Map<string, number>) {
    const added = (await listPooledAnswers(databasePath)).filter((p) => !before.has(p.submissionId));
    expect(added, "exactly one new answer set waiting").toHaveLength(1);
    expect(added[0]).toMatchObject({ linkId, roundId });
    expect(added[0]!.answers).toEqual(Object.fromEntries(answers));
    return added[0]!;
  }
  const pooledIds = async () => new Set((await listPooledAnswers(databasePath)).map((p) => p.submissionId));
  const waitingAt = async (linkId: number) => (await listPooledAnswers(databasePath)).filter((p) => p.linkId === linkId);

  const responsesOf = (submissionIds: string[]) => listResponsesOfSubmissions(databasePath, submissionIds);

  /**
   * Another visitor at the counter of `token`, sent over HTTP as the survey page sends one: the answers vary
   * with `n` and their start stamp is from long ago, so they are not flagged as noise and count towards the
   * group of five.
   */
  async function anotherVisitor(token: string, n: number): Promise<{ submissionId: string; answers: Record<string, number> }> {
    if (!server) throw new Error("not started");
    const visitor = { submissionId: newSubmissionId(), answers: makeAnswers("eit", (i, o) => (i + n) % o) };
    const response = await fetch(`${server.url}/s/${token}/answers`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(unhurried(visitor)),
    });
    expect(response.status, `visitor ${n}`).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, stored: true });
    return visitor;
  }

  it("answers the IIT: anonymity statement, 51 fields tapped, thank-you page, kept (sealed, waiting for its group) as tapped", async () => {
    const pages = readSurvey("iit");
    const before = await lastResponseId();
    const pooledBefore = await pooledIds();
    const { context, page, problems } = await openPhone(`/s/${links.iit.token}`, { unhurried: true });
    try {
      // The form opens with the anonymity statement, before any question.
      await expect(page.getByRole("heading", { name: "ก่อนเริ่มตอบ" }).isVisible()).resolves.toBe(true);
      await expect(page.getByText("ไม่ระบุตัวตน", { exact: true }).isVisible()).resolves.toBe(true);
      expect(await page.locator("html").getAttribute("lang")).toBe("th");
      expect(await countText(page)).toBe("ตอบแล้ว 0 จาก 30 ข้อ");
      await saveScreenshot(page, "iit-1-anonymity.png", { fullPage: false });
      await expectAccessible(page, "the IIT form");
      // The privacy notice (issue 12): folded under the survey, opened by a tap, true to the code.
      const notice = page.getByTestId("privacy-notice");
      await notice.locator("summary").click();
      const text = await notice.innerText();
      expect(text).toContain("เก็บแบบเข้ารหัสจนมีผู้ตอบครบกลุ่มละ 5 คน");
      expect(text).toContain("ไม่เก็บ: ชื่อ หมายเลข IP ข้อมูลอุปกรณ์ หรือเวลาที่ตอบ");
      expect(text).toContain("เก็บไว้ 24 เดือนหลังสิ้นสุดรอบการประเมิน");
      await notice.screenshot({ path: join(SCREENSHOTS, "iit-privacy-notice.png") });
      await notice.locator("summary").click();

      const answers = new Map<string, number>();
      for (const definition of pages) {
        await answerFields(page, definition.fields, answers);
        if (definition.name === "p_i1") {
          await page.locator("#q-i1_1").scrollIntoViewIfNeeded();
          await saveScreenshot(page, "iit-2-question-scale.png", { fullPage: false });
        } else if (definition.name === "p_i4") {
          await page.locator("#q-i4_1").scrollIntoViewIfNeeded();
          await saveScreenshot(page, "iit-3-question-yes-no.png", { fullPage: false });
        }
      }
      await expectLargeChoiceRows(page, "the IIT form");
      await expectNoHorizontalOverflow(page, "the IIT form");
      expect(answers.size).toBe(FIELD_COUNT.iit);
      expect([...answers.keys()]).toEqual(pages.flatMap((p) => p.fields.map((f) => f.name)));
      // Both ends of each scale were used.
      expect(new Set(answers.values())).toEqual(new Set([0, 1, 2, 3, 4]));
      expect(await countText(page)).toBe("ตอบแล้ว 30 จาก 30 ข้อ");
      await send(page);

      await expectThanks(page, links.iit.token);
      // The thank-you page says the answers count with a group of five.
      await expect(page.getByTestId("iit-group-note").isVisible()).resolves.toBe(true);
      await saveScreenshot(page, "iit-4-thanks.png");
      await expectAccessible(page, "the thank-you page");
      const kept = await expectPooled(pooledBefore, links.iit.linkId, answers);
      expect(kept.flag).toBeNull();
      // Not a response yet: nothing moved on any page of results.
      expect(await responsesAfter(before)).toEqual([]);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("answers an EIT counter link: switches to English and back without losing answers, submits in English, 19 fields stored (with the counter's group of five)", async () => {
    const pages = readSurvey("eit");
    expect(await waitingAt(links.eit.linkId), "nothing waits at this counter yet").toEqual([]);
    const pooledBefore = await pooledIds();
    const { context, page, problems } = await openPhone(`/s/${links.eit.token}`, { unhurried: true });
    try {
      const answers = new Map<string, number>();
      const firstPages = pages.slice(0, 4);
      for (const definition of firstPages) await answerFields(page, definition.fields, answers);
      await page.locator("#q-e1_1").scrollIntoViewIfNeeded();
      await saveScreenshot(page, "eit-1-question.png", { fullPage: false });
      await expectAccessible(page, "the EIT form");
      await expectVisibleChoiceOutlines(page, "the EIT form");
      // The privacy notice in Thai, on the phone (issue 12): the EIT's own words, true to the code.
      const privacy = page.getByTestId("privacy-notice");
      await privacy.locator("summary").tap();
      const privacyText = await privacy.innerText();
      expect(privacyText).toContain("จนจุดให้บริการนี้มีผู้ตอบครบกลุ่มละ 5 คน");
      expect(privacyText).toContain("คำตอบที่รออยู่จะไม่ถูกนับ");
      expect(privacyText).toContain("ซึ่งเปลี่ยนครั้งละอย่างน้อย 5 คน");
      await privacy.screenshot({ path: join(SCREENSHOTS, "eit-privacy-notice.png") });
      await privacy.locator("summary").tap();

      const first = pages[1]!.fields[0]!;
      const title = page.locator(`#q-${first.name} > legend`);
      expect(await title.innerText()).toContain(first.title.th);
      // English: the question text changes, the answers stay.
      await page.getByRole("link", { name: "English", exact: true }).tap();
      await page.waitForURL((url) => url.searchParams.get("lang") === "en");
      await expect.poll(() => title.innerText()).toContain(first.title.en);
      expect(first.title.en).not.toBe(first.title.th);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await tickedAnswers(page)).toEqual(Object.fromEntries(answers));
      expect(await countText(page)).toBe("Answered 3 of 15 questions");
      await expectNoHorizontalOverflow(page, "the EIT in English");
      await expectLargeChoiceRows(page, "the EIT in English");
      await page.locator(`#q-${first.name}`).scrollIntoViewIfNeeded();
      await saveScreenshot(page, "eit-2-question-english.png", { fullPage: false });

      // And back to Thai, still answered; the rest answered in Thai.
      await page.getByRole("link", { name: "ภาษาไทย", exact: true }).tap();
      await page.waitForURL((url) => url.searchParams.get("lang") === "th");
      await expect.poll(() => title.innerText()).toContain(first.title.th);
      expect(await tickedAnswers(page)).toEqual(Object.fromEntries(answers));
      for (const definition of pages.slice(4)) await answerFields(page, definition.fields, answers);
      expect(answers.size).toBe(FIELD_COUNT.eit);
      expect([...answers.keys()]).toEqual(pages.flatMap((p) => p.fields.map((f) => f.name)));

      // Sent in English: the thank-you page follows the language switched to just before.
      await page.getByRole("link", { name: "English", exact: true }).tap();
      await page.waitForURL((url) => url.searchParams.get("lang") === "en");
      await expect.poll(() => countText(page)).toBe("Answered 15 of 15 questions");
      await send(page, "Submit");
      await expectThanks(page, links.eit.token, "en");
      // The thank-you page says the answers count once five have answered at this counter.
      expect(await page.getByTestId("eit-group-note").innerText()).toContain("once five people have answered at this service point");
      await saveScreenshot(page, "eit-3-thanks.png");
      await expectAccessible(page, "the EIT thank-you page in English");
      // As the privacy notice says.
      const notice = page.getByTestId("privacy-notice");
      await notice.locator("summary").click();
      expect(await notice.innerText()).toContain("kept encrypted until five people have answered at this service point");

      // Kept as tapped and counted (not noise), sealed in the pool: not a response yet.
      const kept = await expectPooled(pooledBefore, links.eit.linkId, answers);
      expect(kept.flag).toBeNull();
      expect(await responsesOf([kept.submissionId])).toEqual([]);

      // Four more visitors at this counter: with four waiting nothing is a response yet; the fifth releases
      // the group, and the visitor's 19 answers are a response of this counter's link, as tapped.
      const others: { submissionId: string; answers: Record<string, number> }[] = [];
      for (const n of [1, 2, 3]) others.push(await anotherVisitor(links.eit.token, n));
      expect(await waitingAt(links.eit.linkId)).toHaveLength(4);
      expect(await responsesOf([kept, ...others].map((v) => v.submissionId)), "four wait: nothing released").toEqual([]);
      others.push(await anotherVisitor(links.eit.token, 4));
      expect(await waitingAt(links.eit.linkId), "the whole group left the pool").toEqual([]);
      const group = [{ submissionId: kept.submissionId, answers: Object.fromEntries(answers) }, ...others];
      const stored = await responsesOf(group.map((v) => v.submissionId));
      expect(stored, "the group of five, each once").toHaveLength(5);
      for (const visitor of group) {
        const response = stored.find((r) => r.submissionId === visitor.submissionId);
        expect(response).toMatchObject({ roundId, linkId: links.eit.linkId, instrument: "eit", flag: null });
        expect(JSON.parse(response?.answers ?? "{}"), visitor.submissionId).toEqual(visitor.answers);
      }
      expect(Object.keys(JSON.parse(stored.find((r) => r.submissionId === kept.submissionId)!.answers))).toHaveLength(FIELD_COUNT.eit);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  // --- answers in progress, kept in the browser (issue 15; docs/decisions/answers-in-progress-in-the-browser.md)

  /** The answers in progress this browser keeps for a link's EIT, as stored (null: none). */
  const storedProgress = (page: Page, token: string) =>
    page.evaluate((key) => {
      const text = localStorage.getItem(key);
      return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
    }, `prongsai:progress:${token}:eit`);

  it("keeps the answers in progress in this browser: 7 questions survive a reload (ตอบแล้ว 7 จาก 15 ข้อ), leaving asks first, sending clears them, the next visit the same day starts empty", async () => {
    const pages = readSurvey("eit");
    const { token, linkId } = links.otherEit;
    const pooledBefore = await pooledIds();
    const { context, page, problems } = await openPhone(`/s/${token}`, { unhurried: true });
    // Leaving a page with answers not sent asks first: each question is recorded, and answered "leave".
    const asked: string[] = [];
    page.on("dialog", (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    try {
      // The count agrees with the section titles ("ข้อ 1 จาก 15"): questions, not the 19 fields.
      expect(await countText(page)).toBe("ตอบแล้ว 0 จาก 15 ข้อ");
      expect(await storedProgress(page, token), "nothing kept before an answer").toBeNull();

      // Seven questions (e1 … e7: eleven fields, e1, e4 and e6 have sub-questions).
      const answers = new Map<string, number>();
      for (const definition of pages.slice(0, 8)) await answerFields(page, definition.fields, answers);
      expect(answers.size).toBe(11);
      expect(await countText(page)).toBe("ตอบแล้ว 7 จาก 15 ข้อ");
      const kept = await storedProgress(page, token);
      // The day in Bangkok and nothing finer: no time of day, no stamp, no code.
      expect(Object.keys(kept ?? {}).sort()).toEqual(["answers", "day", "pageIndex", "submissionId"]);
      expect(kept).toMatchObject({ day: bangkokDate(new Date()), answers: Object.fromEntries(answers) });
      expect(JSON.stringify(kept)).not.toMatch(/\d{1,2}:\d{2}|T\d{2}/);
      expect(asked).toEqual([]);

      // A reload (the tab dropped, the wrong button): asked first, and the seven are all there.
      await page.reload();
      expect(asked).toEqual(["beforeunload"]);
      await expect.poll(() => countText(page)).toBe("ตอบแล้ว 7 จาก 15 ข้อ");
      expect(await tickedAnswers(page)).toEqual(Object.fromEntries(answers));
      await expect(page.getByText("คำตอบที่ท่านตอบไว้ก่อนหน้านี้ในวันนี้ยังอยู่", { exact: false }).isVisible()).resolves.toBe(true);
      await saveScreenshot(page, "eit-progress-after-reload.png", { fullPage: false });
      await expectAccessible(page, "the EIT restored after a reload");

      // The rest, and send: the server has all nineteen, under the id kept with them; nothing kept any more.
      for (const definition of pages.slice(8)) await answerFields(page, definition.fields, answers);
      await send(page);
      await page.waitForURL((url) => url.pathname === `/s/${token}/thanks`);
      expect(answers.size).toBe(FIELD_COUNT.eit);
      const pooled = await expectPooled(pooledBefore, linkId, answers);
      expect(pooled.submissionId, "sent under the id kept before the reload").toBe(kept?.submissionId);
      await expect.poll(() => storedProgress(page, token), { message: "cleared once the server accepted the answers" }).toBeNull();
      expect(asked, "the thank-you page came without a question").toEqual(["beforeunload"]);

      // A second visit the same day: an empty survey, with the gentle note that this device answered today.
      await page.goto(`${server!.url}/s/${token}`);
      await expect.poll(() => countText(page)).toBe("ตอบแล้ว 0 จาก 15 ข้อ");
      await expect(page.getByText("เครื่องนี้ได้ตอบแบบสอบถามนี้ไปแล้วในวันนี้", { exact: false }).isVisible()).resolves.toBe(true);
      await expect(page.locator(".survey-restored").count()).resolves.toBe(0);

      // Leaving half-way asks first; coming back finds the answer, and a sub-question alone is not a question answered.
      const e1 = pages[1]!.fields[0]!;
      await tapFormChoice(page, e1, e1.choices[3]!.value);
      await expect.poll(() => storedProgress(page, token)).toMatchObject({ answers: { [e1.name]: e1.choices[3]!.value } });
      await page.goto(`${server!.url}/`);
      expect(asked).toEqual(["beforeunload", "beforeunload"]);
      await page.goto(`${server!.url}/s/${token}`);
      await expect.poll(() => tickedAnswers(page)).toEqual({ [e1.name]: e1.choices[3]!.value });
      expect(await countText(page)).toBe("ตอบแล้ว 0 จาก 15 ข้อ");

      // "Start again" (a shared phone, another person): an empty survey and nothing kept.
      await page.getByRole("button", { name: "ล้างคำตอบและเริ่มใหม่", exact: true }).tap();
      await expect.poll(() => storedProgress(page, token)).toBeNull();
      expect(await tickedAnswers(page)).toEqual({});

      // Progress from an earlier day is discarded: another day, another visit.
      await tapFormChoice(page, e1, e1.choices[0]!.value);
      await expect.poll(() => storedProgress(page, token)).not.toBeNull();
      await page.evaluate((key) => {
        const kept = JSON.parse(localStorage.getItem(key) ?? "{}") as { day: string };
        localStorage.setItem(key, JSON.stringify({ ...kept, day: "2026-01-01" }));
      }, `prongsai:progress:${token}:eit`);
      await page.goto(`${server!.url}/s/${token}`);
      await expect.poll(() => countText(page)).toBe("ตอบแล้ว 0 จาก 15 ข้อ");
      expect(await storedProgress(page, token), "yesterday's answers are gone").toBeNull();
      expect(await tickedAnswers(page)).toEqual({});
      await expect(page.locator(".survey-restored").count()).resolves.toBe(0);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("names the EIT for visitors as a satisfaction survey, in Thai and in English", async () => {
    const { token } = links.otherEit;
    const { context, page, problems } = await openPhone(`/s/${token}`);
    try {
      const heading = page.locator(".survey-form-title");
      expect(await heading.innerText()).toBe("แบบประเมินความพึงพอใจต่อการให้บริการ");
      expect(await page.title()).toMatch(/^แบบประเมินความพึงพอใจต่อการให้บริการ · /);
      const body = await page.locator("body").innerText();
      expect(body, "the NACC's name of the instrument is not for visitors").not.toContain("ผู้มีส่วนได้ส่วนเสียภายนอก");
      expect(body).not.toContain("(EIT)");
      await page.getByRole("link", { name: "English", exact: true }).tap();
      await page.waitForURL((url) => url.searchParams.get("lang") === "en");
      await expect.poll(() => heading.innerText()).toBe("Service satisfaction survey");
      await expect.poll(() => page.title()).toMatch(/^Service satisfaction survey · /);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });
});
