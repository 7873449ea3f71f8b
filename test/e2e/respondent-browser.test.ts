/**
 * A respondent on a phone, in Chromium, against the BUILT server (ARCHITECTURE.md §3.8): opens the IIT
 * link and an EIT counter link of the demo agency, answers every question by tapping the visible text
 * of a choice, goes through the pages with the Thai buttons, submits, lands on the thank-you page, and
 * the database holds exactly the answers that were tapped: sealed in the answer pool until their group has
 * five (issue 12: the round for the IIT, the counter's link for the EIT), and for the EIT, once four more
 * visitors have answered at that counter, as a response. On the way: no page error, no console error,
 * no request leaving the server (fonts are self-hosted), no horizontal overflow on a 390 px screen,
 * answer choices at least 44×44 CSS px (WCAG 2.5.5), no serious or critical axe-core violation, and the
 * English switch keeps the answers already given. Issue 15: the answers in progress survive a reload in
 * the browser's own storage (for the day, cleared once sent, asked about before leaving), the progress
 * counts questions as the page titles do, the EIT is named a satisfaction survey in both languages, and a
 * required question left out says so in our words. Screenshots go to test-results/screenshots/ for a
 * person to look at (Thai shaping, tone marks, layout).
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRoundLinks } from "../../db/queries/links";
import { expectAccessible } from "../support/axe";
import { openWatchedPage, stopBrowserSuite } from "../support/browser";
import { startDemoBrowserSuite } from "../support/demo-suite";
import { makeAnswers, newSubmissionId } from "../support/fixtures";
import { answerStartStampsFromLongAgo, unhurried } from "../support/start-stamps";
import { expectNoHorizontalOverflow } from "../support/layout";
import { expectNoProblems } from "../support/page-problems";
import { SCREENSHOTS } from "../support/paths";
import { saveScreenshot } from "../support/screenshots";
import type { RunningServer } from "../support/server";
import { getLastResponseId, listPooledAnswers, listResponsesAfterId, listResponsesOfSubmissions } from "../support/stored-responses";
import { readSurvey } from "../support/survey-definition";
import { expectLargeTargets, expectSurveyLanguage, fillSurvey, radiogroupOf, waitForSurveyPage } from "../support/survey-page";
import { bangkokDate } from "../../app/text/dates";

/** The number of answer fields of each instrument (ITA-METHOD.md; also test/integration/survey-definitions). */
const FIELD_COUNT = { iit: 51, eit: 19 } as const;

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

// --- what a page shows, checked from the outside

/**
 * The ring that shows an unchecked radio is there stands out from what surrounds it, 3:1 (WCAG 1.4.11):
 * against the radio's own fill and against the first opaque background behind it.
 */
async function expectVisibleRadioRings(page: Page, where: string) {
  const rings = await page.locator(".sd-page .sd-radio:not(.sd-radio--checked) .sd-radio__decorator").evaluateAll((elements) => {
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
      const style = getComputedStyle(e);
      const ring = style.boxShadow.match(/rgba?\([^)]+\)/)?.[0] ?? "";
      return {
        ring,
        againstFill: contrast(ring, style.backgroundColor),
        againstPage: contrast(ring, opaqueBackground(e.parentElement)),
      };
    });
  });
  expect(rings.length, `no unchecked radio on ${where}`).toBeGreaterThan(0);
  for (const ring of rings) {
    expect(Math.min(ring.againstFill, ring.againstPage), `radio ring ${ring.ring} on ${where}`).toBeGreaterThanOrEqual(3);
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
   * and the server measures the duration from the start stamp the page asks for when the survey begins
   * (a survey sent in less than a second per question is flagged as noise and not counted), so the
   * page's stamp request is answered with a stamp from long ago (test/support/start-stamps.ts).
   */
  async function openPhone(path: string, { unhurried = false }: { unhurried?: boolean } = {}) {
    if (!browser || !server) throw new Error("not started");
    const { context, page, problems } = await openWatchedPage(browser, server.url, PHONE);
    if (unhurried) await answerStartStampsFromLongAgo(page);
    await page.goto(`${server.url}${path}`);
    // SurveyJS renders in the browser only, after hydration.
    await page.locator(".sd-root-modern .sd-page").waitFor({ state: "visible" });
    // SurveyJS's ~170 KB base theme comes from the cached /survey-theme.css, not inlined per render.
    const inlineCss = await page.evaluate(() => [...document.querySelectorAll("style")].reduce((n, s) => n + (s.textContent ?? "").length, 0));
    expect(inlineCss, "inline <style> bytes").toBeLessThan(10_000);
    return { context, page, problems };
  }

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
    const { context, page, problems } = await openPhone(`/s/${links.iit.token}`);
    try {
      // The first page is the anonymity statement, before any question.
      await expect(page.getByRole("heading", { name: "ก่อนเริ่มตอบ" }).isVisible()).resolves.toBe(true);
      await expect(page.getByText("ไม่ระบุตัวตน", { exact: true }).isVisible()).resolves.toBe(true);
      expect(await page.locator("html").getAttribute("lang")).toBe("th");

      const respondent = await fillSurvey(page, pages, {
        onPage: async (index, definition) => {
          if (index === 0) {
            await saveScreenshot(page, "iit-1-anonymity.png");
            await expectAccessible(page, "the IIT first page");
            // The privacy notice (issue 12): folded under the survey, opened by a tap, true to the code.
            const notice = page.getByTestId("privacy-notice");
            await notice.locator("summary").click();
            const text = await notice.innerText();
            expect(text).toContain("เก็บแบบเข้ารหัสจนมีผู้ตอบครบกลุ่มละ 5 คน");
            expect(text).toContain("ไม่เก็บ: ชื่อ หมายเลข IP ข้อมูลอุปกรณ์ หรือเวลาที่ตอบ");
            expect(text).toContain("เก็บไว้ 24 เดือนหลังสิ้นสุดรอบการประเมิน");
            await notice.screenshot({ path: join(SCREENSHOTS, "iit-privacy-notice.png") });
            await notice.locator("summary").click();
          } else if (definition.name === "p_i1") {
            await saveScreenshot(page, "iit-2-question-scale.png");
            await expectVisibleRadioRings(page, "an IIT scale page");
          } else if (definition.name === "p_i4") {
            await saveScreenshot(page, "iit-3-question-yes-no.png");
            await expectAccessible(page, "an IIT yes/no page");
          }
        },
      });

      expect(respondent.answers.size).toBe(FIELD_COUNT.iit);
      expect([...respondent.answers.keys()]).toEqual(pages.flatMap((p) => p.fields.map((f) => f.name)));
      // Both ends of each scale were used.
      expect(new Set(respondent.answers.values())).toEqual(new Set([0, 1, 2, 3, 4]));

      await expectThanks(page, links.iit.token);
      // The thank-you page says the answers count with a group of five.
      await expect(page.getByTestId("iit-group-note").isVisible()).resolves.toBe(true);
      await saveScreenshot(page, "iit-4-thanks.png");
      await expectAccessible(page, "the thank-you page");
      await expectPooled(pooledBefore, links.iit.linkId, respondent.answers);
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
      const respondent = await fillSurvey(page, pages, {
        submitInEnglish: true,
        onPage: async (index, definition, r) => {
          if (definition.name !== "p_e1") return;
          await saveScreenshot(page, "eit-1-question.png");
          await expectAccessible(page, "the EIT first question page");
          // The privacy notice in Thai, on the phone (issue 12): the EIT's own words, true to the code.
          const privacy = page.getByTestId("privacy-notice");
          await privacy.locator("summary").tap();
          const privacyText = await privacy.innerText();
          expect(privacyText).toContain("จนจุดให้บริการนี้มีผู้ตอบครบกลุ่มละ 5 คน");
          expect(privacyText).toContain("คำตอบที่รออยู่จะไม่ถูกนับ");
          expect(privacyText).toContain("ซึ่งเปลี่ยนครั้งละอย่างน้อย 5 คน");
          await privacy.screenshot({ path: join(SCREENSHOTS, "eit-privacy-notice.png") });
          await privacy.locator("summary").tap();

          const first = definition.fields[0];
          if (!first) throw new Error("p_e1 has no question");
          const title = page.locator(`.sd-question[data-name="${first.name}"] .sd-question__title`);
          expect(await title.innerText()).toContain(first.title.th);

          // English: the question text changes, the answers stay.
          await page.getByRole("link", { name: "English", exact: true }).tap();
          await page.waitForURL((url) => url.searchParams.get("lang") === "en");
          await expect.poll(() => title.innerText()).toContain(first.title.en);
          expect(first.title.en).not.toBe(first.title.th);
          await page.getByRole("button", { name: "Next", exact: true }).waitFor({ state: "visible" });
          await expectSurveyLanguage(page, "en", "p_e1 in English");
          for (const field of definition.fields) {
            const value = r.answers.get(field.name);
            const choice = field.choices.find((c) => c.value === value);
            if (!choice) throw new Error(`${field.name} was not answered`);
            const radio = radiogroupOf(page, field.name).getByRole("radio", { name: choice.en, exact: true });
            expect(await radio.isChecked(), `${field.name} still answered in English`).toBe(true);
          }
          await expectNoHorizontalOverflow(page, "p_e1 in English");
          await expectLargeTargets(page, "p_e1 in English");
          await expectVisibleRadioRings(page, "p_e1 in English");
          await saveScreenshot(page, "eit-2-question-english.png");

          // And back to Thai, still answered, so the rest is answered with the Thai buttons.
          await page.getByRole("link", { name: "ภาษาไทย", exact: true }).tap();
          await page.waitForURL((url) => url.searchParams.get("lang") === "th");
          await expect.poll(() => title.innerText()).toContain(first.title.th);
          await expectSurveyLanguage(page, "th", "p_e1 back in Thai");
          for (const field of definition.fields) {
            const value = r.answers.get(field.name);
            const choice = field.choices.find((c) => c.value === value);
            if (!choice) throw new Error(`${field.name} was not answered`);
            const radio = radiogroupOf(page, field.name).getByRole("radio", { name: choice.th, exact: true });
            expect(await radio.isChecked(), `${field.name} still answered back in Thai`).toBe(true);
          }
        },
      });

      expect(respondent.answers.size).toBe(FIELD_COUNT.eit);
      expect([...respondent.answers.keys()]).toEqual(pages.flatMap((p) => p.fields.map((f) => f.name)));

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
      const kept = await expectPooled(pooledBefore, links.eit.linkId, respondent.answers);
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
      const group = [{ submissionId: kept.submissionId, answers: Object.fromEntries(respondent.answers) }, ...others];
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

  /** SurveyJS's progress text above the questions. */
  const progressText = (page: Page) => page.locator(".sd-progress__text").first().innerText();
  /** The answers in progress this browser keeps for a link's EIT, as stored (null: none). */
  const storedProgress = (page: Page, token: string) =>
    page.evaluate((key) => {
      const text = localStorage.getItem(key);
      return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
    }, `prongsai:progress:${token}:eit`);

  /** Every radio of the page's questions shows the choice `respondent` tapped. */
  async function expectAnswered(page: Page, fields: { name: string; choices: { value: number; th: string }[] }[], answers: Map<string, number>) {
    for (const field of fields) {
      const choice = field.choices.find((c) => c.value === answers.get(field.name));
      if (!choice) throw new Error(`${field.name} was not answered`);
      await expect(radiogroupOf(page, field.name).getByRole("radio", { name: choice.th, exact: true }).isChecked(), `${field.name} kept`).resolves.toBe(true);
    }
  }

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
      // The counts agree with the page titles ("ข้อ 1 จาก 15"): questions, not SurveyJS's 19 fields.
      expect(await progressText(page)).toBe("ตอบแล้ว 0 จาก 15 ข้อ");
      expect(await storedProgress(page, token), "nothing kept before an answer").toBeNull();

      // Seven questions (p_e1 … p_e7: eleven fields, e1, e4 and e6 have sub-questions), then on to the eighth.
      const respondent = await fillSurvey(page, pages, { until: 8 });
      await waitForSurveyPage(page, pages[8]!);
      expect(respondent.answers.size).toBe(11);
      expect(await progressText(page)).toBe("ตอบแล้ว 7 จาก 15 ข้อ");
      const kept = await storedProgress(page, token);
      // The day in Bangkok and nothing finer: no time of day, no stamp, no code.
      expect(Object.keys(kept ?? {}).sort()).toEqual(["answers", "day", "pageIndex", "submissionId"]);
      expect(kept).toMatchObject({ day: bangkokDate(new Date()), pageIndex: 8, answers: Object.fromEntries(respondent.answers) });
      expect(JSON.stringify(kept)).not.toMatch(/\d{1,2}:\d{2}|T\d{2}/);
      expect(asked).toEqual([]);

      // A reload (the tab dropped, the wrong button): asked first, and the seven are all there.
      await page.reload();
      expect(asked).toEqual(["beforeunload"]);
      await page.locator(".sd-root-modern .sd-page").waitFor({ state: "visible" });
      await waitForSurveyPage(page, pages[8]!);
      expect(await progressText(page)).toBe("ตอบแล้ว 7 จาก 15 ข้อ");
      await expect(page.getByText("คำตอบที่ท่านตอบไว้ก่อนหน้านี้ในวันนี้ยังอยู่", { exact: false }).isVisible()).resolves.toBe(true);
      await saveScreenshot(page, "eit-progress-after-reload.png", { fullPage: false });
      await expectAccessible(page, "the EIT restored after a reload");
      for (let index = 7; index >= 1; index--) {
        await page.getByRole("button", { name: "ย้อนกลับ", exact: true }).tap();
        await waitForSurveyPage(page, pages[index]!);
        await expectAnswered(page, pages[index]!.fields, respondent.answers);
      }
      for (let index = 2; index <= 8; index++) {
        await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
        await waitForSurveyPage(page, pages[index]!);
      }

      // The rest, and send: the server has all nineteen, under the id kept with them; nothing kept any more.
      await fillSurvey(page, pages, { from: 8, respondent });
      await page.waitForURL((url) => url.pathname === `/s/${token}/thanks`);
      expect(respondent.answers.size).toBe(FIELD_COUNT.eit);
      const pooled = await expectPooled(pooledBefore, linkId, respondent.answers);
      expect(pooled.submissionId, "sent under the id kept before the reload").toBe(kept?.submissionId);
      expect(await storedProgress(page, token), "cleared once the server accepted the answers").toBeNull();
      expect(asked, "the thank-you page came without a question").toEqual(["beforeunload"]);

      // A second visit the same day: an empty survey, with the gentle note that this device answered today.
      await page.goto(`${server!.url}/s/${token}`);
      await page.locator(".sd-root-modern .sd-page").waitFor({ state: "visible" });
      await waitForSurveyPage(page, pages[0]!);
      expect(await progressText(page)).toBe("ตอบแล้ว 0 จาก 15 ข้อ");
      await expect(page.getByText("เครื่องนี้ได้ตอบแบบสอบถามนี้ไปแล้วในวันนี้", { exact: false }).isVisible()).resolves.toBe(true);
      await expect(page.locator(".survey-restored").count()).resolves.toBe(0);

      // Leaving half-way asks first; coming back finds the answer, and a sub-question alone is not a question answered.
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
      await waitForSurveyPage(page, pages[1]!);
      const e1 = pages[1]!.fields[0]!;
      await radiogroupOf(page, e1.name).getByText(e1.choices[3]!.th, { exact: true }).tap();
      await expect.poll(() => storedProgress(page, token)).toMatchObject({ pageIndex: 1, answers: { [e1.name]: e1.choices[3]!.value } });
      await page.goto(`${server!.url}/`);
      expect(asked).toEqual(["beforeunload", "beforeunload"]);
      await page.goto(`${server!.url}/s/${token}`);
      await waitForSurveyPage(page, pages[1]!);
      await expect(radiogroupOf(page, e1.name).getByRole("radio", { name: e1.choices[3]!.th, exact: true }).isChecked()).resolves.toBe(true);
      expect(await progressText(page)).toBe("ตอบแล้ว 0 จาก 15 ข้อ");

      // "Start again" (a shared phone, another person): an empty survey and nothing kept.
      await page.getByRole("button", { name: "ล้างคำตอบและเริ่มใหม่", exact: true }).tap();
      await waitForSurveyPage(page, pages[0]!);
      expect(await storedProgress(page, token)).toBeNull();
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
      await waitForSurveyPage(page, pages[1]!);
      expect(await page.locator(".sd-page input[type=radio]:checked").count()).toBe(0);

      // Progress from an earlier day is discarded: another day, another visit.
      await radiogroupOf(page, e1.name).getByText(e1.choices[0]!.th, { exact: true }).tap();
      await expect.poll(() => storedProgress(page, token)).not.toBeNull();
      await page.evaluate((key) => {
        const kept = JSON.parse(localStorage.getItem(key) ?? "{}") as { day: string };
        localStorage.setItem(key, JSON.stringify({ ...kept, day: "2026-01-01" }));
      }, `prongsai:progress:${token}:eit`);
      await page.reload();
      await page.locator(".sd-root-modern .sd-page").waitFor({ state: "visible" });
      await waitForSurveyPage(page, pages[0]!);
      expect(await storedProgress(page, token), "yesterday's answers are gone").toBeNull();
      await expect(page.locator(".survey-restored").count()).resolves.toBe(0);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("names the EIT for visitors as a satisfaction survey, in Thai and in English, and leaves out a required answer with our message in both", async () => {
    const pages = readSurvey("eit");
    const { token } = links.otherEit;
    const { context, page, problems } = await openPhone(`/s/${token}`);
    try {
      // SurveyJS's header: the survey's title (a div of its own, not a heading element).
      const heading = page.locator(".sd-root-modern .sd-header__text .sd-title");
      expect(await heading.innerText()).toBe("แบบประเมินความพึงพอใจต่อการให้บริการ");
      expect(await page.title()).toMatch(/^แบบประเมินความพึงพอใจต่อการให้บริการ · /);
      const body = await page.locator("body").innerText();
      expect(body, "the NACC's name of the instrument is not for visitors").not.toContain("ผู้มีส่วนได้ส่วนเสียภายนอก");
      expect(body).not.toContain("(EIT)");

      // ถัดไป with nothing chosen: our Thai message under each required question, not SurveyJS's.
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
      await waitForSurveyPage(page, pages[1]!);
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
      const errors = page.locator(".sd-page .sd-question__erbox");
      await expect.poll(() => errors.allInnerTexts()).toEqual(["กรุณาเลือกคำตอบของข้อนี้", "กรุณาเลือกคำตอบของข้อนี้"]);
      await saveScreenshot(page, "eit-required-th.png", { fullPage: false });

      // In English: the title, and our English message.
      await page.getByRole("link", { name: "English", exact: true }).tap();
      await page.waitForURL((url) => url.searchParams.get("lang") === "en");
      await page.getByRole("button", { name: "Next", exact: true }).tap();
      await expect.poll(() => errors.allInnerTexts()).toEqual(["Please choose an answer to this question.", "Please choose an answer to this question."]);
      expect(await page.locator("body").innerText()).not.toContain("Response required");
      await expect.poll(() => page.title()).toMatch(/^Service satisfaction survey · /);
      await saveScreenshot(page, "eit-required-en.png", { fullPage: false });
      await page.getByRole("button", { name: "Previous", exact: true }).tap();
      await waitForSurveyPage(page, pages[0]!);
      expect(await heading.innerText()).toBe("Service satisfaction survey");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });
});
