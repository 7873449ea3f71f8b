/**
 * Visitors' suggestions in Chromium against the BUILT server (issue 15, items 3 and 4), on the demo
 * agency's open round. A visitor on a phone answers the EIT and, at its end, writes a suggestion
 * with a phone number in it (the page says in Thai, and in English, that such details are removed); four
 * more visitors at the same counter answer over HTTP, their suggestions carrying a phone number, an
 * e-mail address and a LINE id. With four answered the manager's suggestions page shows nothing; the
 * fifth releases all five, and the page shows them without any of those details. The manager searches,
 * marks the visitor's suggestion acted on with a note, and turns another into a measure that links back
 * to it; the page in English. The server's log holds neither the suggestions nor the search.
 * Screenshots: test-results/screenshots/suggestions-*.png.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unseal } from "../../app/services/answer-pool/seal.server";
import { PERSONAL_DATA_MARKER } from "../../app/lib/personal-data";
import { listRoundLinks } from "../../db/queries/links";
import { expectAccessible } from "../support/axe";
import { LAPTOP, openWatchedPage, PHONE, stopBrowserSuite } from "../support/browser";
import { signInThroughForm, startDemoBrowserSuite } from "../support/demo-suite";
import { makeAnswers, newSubmissionId } from "../support/fixtures";
import { expectNoHorizontalOverflow } from "../support/layout";
import { expectNoProblems } from "../support/page-problems";
import { saveScreenshot } from "../support/screenshots";
import type { RunningServer } from "../support/server";
import { unhurried } from "../support/start-stamps";
import { withDatabase } from "../support/stored-responses";
import { readSurvey } from "../support/survey-definition";
import { chosenAnswers, fieldsOf, serveStartStampsFromLongAgo, tapFormChoice, tickedAnswers } from "../support/survey-form-page";

const USERNAME = "suggestions-manager";
const WRITTEN = "ที่จอดรถไม่พอ ต้องวนหาที่จอดนานมาก อยากให้เพิ่มที่จอดรถด้านหลังอาคาร ติดต่อกลับได้ที่ 081-234-5678 ครับ";
const OTHERS = [
  "รอคิวนานเกินไป ควรมีระบบคิวออนไลน์ อีเมลผม somchai.k@example.co.th",
  "เจ้าหน้าที่บริการดีมากกกก ยิ้มแย้ม ขอบคุณครับ 555+",
  "ที่จอดรถมอเตอร์ไซค์ไม่มีหลังคา ไลน์ somchai_99",
  "ห้องน้ำควรสะอาดกว่านี้ โทร ๐๙๘-๗๖๕-๔๓๒๑",
];
const REMOVED = ["081-234-5678", "0812345678", "somchai.k@example.co.th", "somchai_99", "๐๙๘-๗๖๕-๔๓๒๑"];

describe("visitors' suggestions (Chromium, built server)", { timeout: 240_000 }, () => {
  let databasePath = "";
  let roundId = 0;
  let token = "";
  let linkId = 0;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ({ databasePath, openRoundId: roundId, server, browser } = await startDemoBrowserSuite({
      users: { [USERNAME]: "manager" },
      prepare: async ({ db, openRoundId }) => {
        const eit = (await listRoundLinks(db, openRoundId)).find((l) => l.instrument === "eit" && l.status === "active");
        if (!eit) throw new Error("the demo's open round has no active EIT link");
        ({ token, linkId } = eit);
      },
    }));
  });

  afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

  /** The suggestions sealed in the pool at the visitor's counter, opened with the test's pool key. */
  const waitingSuggestions = () =>
    withDatabase(databasePath, async (db) =>
      (await db.selectFrom("answer_pool").where("link_id", "=", linkId).select("sealed").execute()).map((row) => unseal<{ suggestion?: string }>(row.sealed).suggestion ?? null),
    );

  async function anotherVisitor(n: number, suggestion: string) {
    const answers = { ...makeAnswers("eit", (i, o) => (i + n) % o), eit_suggestion: suggestion };
    const response = await fetch(`${server!.url}/s/${token}/answers`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers })),
    });
    expect(response.status, `visitor ${n}`).toBe(200);
  }

  async function openSuggestions(page: Page, query = "") {
    await page.goto(`${server!.url}/admin/rounds/${roundId}/suggestions${query}`);
    await page.locator(".suggestions-page").waitFor({ state: "visible" });
  }

  it("a visitor writes a suggestion at the end of the EIT; it waits for five, then the manager reads, searches, marks and makes a measure of it", async () => {
    if (!browser || !server) throw new Error("not started");
    expect(await waitingSuggestions(), "nothing waits at this counter yet").toEqual([]);

    // --- the visitor, on a phone
    const visitor = await openWatchedPage(browser, server.url, PHONE);
    try {
      await serveStartStampsFromLongAgo(visitor.page);
      await visitor.page.goto(`${server.url}/s/${token}`);
      await visitor.page.getByTestId("form-count").waitFor({ state: "visible" });
      const pages = readSurvey("eit");
      expect(pages.at(-1)).toMatchObject({ name: "p_suggestion", firstElement: "eit_suggestion", fields: [] });
      const fields = fieldsOf(pages);
      const answers = chosenAnswers(fields);
      for (const field of fields) await tapFormChoice(visitor.page, field, answers[field.name]!);
      const question = visitor.page.locator("#q-eit_suggestion");
      const box = question.locator("textarea");
      // What the page says before anything is written: optional, not scored, details removed.
      expect(await question.innerText()).toContain("ข้อเสนอแนะเพิ่มเติม");
      expect(await question.innerText()).toContain("หมายเลขโทรศัพท์ เลขประจำตัวประชาชน อีเมล หรือไลน์ไอดี ระบบจะลบออกก่อนบันทึก");
      expect(await box.getAttribute("maxlength")).toBe("1000");
      const size = await box.boundingBox();
      expect(size!.height, "a large box to type in").toBeGreaterThanOrEqual(100);
      await box.tap();
      await box.fill(WRITTEN);
      await expectNoHorizontalOverflow(visitor.page, "the suggestion page");
      await expectAccessible(visitor.page, "the suggestion page");
      await question.scrollIntoViewIfNeeded();
      await saveScreenshot(visitor.page, "suggestions-1-visitor.png", { fullPage: false });
      // In English: the question and what is removed, the text and the answers kept as given.
      await visitor.page.getByRole("link", { name: "English", exact: true }).tap();
      await visitor.page.waitForURL((url) => url.searchParams.get("lang") === "en");
      await expect.poll(() => question.innerText()).toContain("Any other suggestions");
      expect(await question.innerText()).toContain("Phone numbers, citizen ID numbers, e-mail addresses and LINE IDs are removed");
      expect(await box.inputValue()).toBe(WRITTEN);
      expect(await tickedAnswers(visitor.page)).toEqual(answers);
      await question.scrollIntoViewIfNeeded();
      await saveScreenshot(visitor.page, "suggestions-1-visitor-en.png", { fullPage: false });
      await visitor.page.getByRole("link", { name: "ภาษาไทย", exact: true }).tap();
      await visitor.page.waitForURL((url) => url.searchParams.get("lang") === "th");
      await expect.poll(() => question.innerText()).toContain("ข้อเสนอแนะเพิ่มเติม");
      // The privacy notice says what becomes of a suggestion.
      const notice = visitor.page.getByTestId("privacy-notice");
      await notice.locator("summary").tap();
      expect(await visitor.page.getByTestId("privacy-suggestion").innerText()).toContain("หลังลบหมายเลขโทรศัพท์ เลขประจำตัวประชาชน อีเมล และไลน์ไอดีออกแล้ว");
      await notice.locator("summary").tap();
      // The answers kept in the browser meanwhile hold the suggestion without the number.
      const kept = await visitor.page.evaluate((t) => localStorage.getItem(`prongsai:progress:${t}:eit`), token);
      expect(kept).not.toContain("081-234-5678");
      await visitor.page.getByRole("button", { name: "ส่งคำตอบ", exact: true }).tap();
      await visitor.page.waitForURL((url) => url.pathname === `/s/${token}/thanks`);
      expectNoProblems(visitor.problems);
    } finally {
      await visitor.context.close();
    }
    // Sealed in the pool without the number: the server removed it (the form is posted as written).
    expect(await waitingSuggestions()).toEqual([WRITTEN.replace("081-234-5678", PERSONAL_DATA_MARKER)]);

    // --- three more visitors: four wait, and the manager's page shows none of them
    for (const [n, text] of OTHERS.slice(0, 3).entries()) await anotherVisitor(n + 1, text);
    expect(await waitingSuggestions()).toHaveLength(4);
    const manager = await openWatchedPage(browser, server.url, LAPTOP);
    const { page } = manager;
    try {
      await page.goto(`${server.url}/admin/rounds/${roundId}/suggestions`);
      await signInThroughForm(page, USERNAME);
      await page.waitForURL((url) => url.pathname === `/admin/rounds/${roundId}/suggestions`);
      await page.locator(".suggestions-page").waitFor({ state: "visible" });
      expect(await page.getByTestId("no-suggestions").innerText()).toContain("ยังไม่มีข้อเสนอแนะ");
      expect(await page.getByTestId("suggestion").count()).toBe(0);
      await saveScreenshot(page, "suggestions-2-waiting.png", { fullPage: false });

      // --- the fifth releases all five
      await anotherVisitor(4, OTHERS[3]!);
      expect(await waitingSuggestions()).toEqual([]);
      await openSuggestions(page);
      const cards = page.getByTestId("suggestion");
      expect(await cards.count()).toBe(5);
      const texts = await page.getByTestId("suggestion-text").allInnerTexts();
      const body = await page.locator("main").innerText();
      for (const gone of REMOVED) expect(body, gone).not.toContain(gone);
      expect(texts.filter((text) => text.includes(PERSONAL_DATA_MARKER))).toHaveLength(4);
      expect(texts).toContain(WRITTEN.replace("081-234-5678", PERSONAL_DATA_MARKER));
      expect(await page.getByTestId("suggestion-count").innerText()).toBe("ข้อเสนอแนะทั้งหมด 5 รายการ");
      // The words that come up most: ที่จอดรถ first (two suggestions), elongation undone, laughter and the marker not counted.
      const words = await page.getByTestId("top-words").locator("li").allInnerTexts();
      expect(words[0]).toBe("ที่จอดรถ 2");
      expect(words.join(" ")).not.toMatch(/มากกก|555|ลบ|บุคคล/);
      expect(await page.getByTestId("words-by-counter").innerText()).toContain("ที่จอดรถ");
      await expectNoHorizontalOverflow(page, "the suggestions page");
      await expectAccessible(page, "the suggestions page");
      await saveScreenshot(page, "suggestions-3-list.png");

      // --- a search
      await page.locator('input[name="q"]').fill("ที่จอดรถ");
      await page.getByRole("button", { name: "ค้นหา", exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("q") === "ที่จอดรถ");
      await expect.poll(() => page.getByTestId("suggestion").count()).toBe(2);
      expect(await page.getByTestId("suggestion-count").innerText()).toBe("ตรงกับการค้นหา 2 จาก 5 รายการ");
      expect(await page.locator(".suggestion-text mark").first().innerText()).toBe("ที่จอดรถ");
      await saveScreenshot(page, "suggestions-4-search.png");

      // --- the visitor's suggestion marked acted on, with a note
      const mine = page.getByTestId("suggestion").filter({ hasText: "ต้องวนหาที่จอดนานมาก" });
      await mine.locator("summary").click();
      await mine.getByLabel("ดำเนินการแล้ว", { exact: true }).check();
      await mine.locator('textarea[name="note"]').fill("ตีเส้นที่จอดรถด้านหลังอาคารเพิ่ม 12 ช่อง เดือนนี้");
      await mine.getByRole("button", { name: "บันทึก", exact: true }).click();
      await page.getByTestId("marked").waitFor({ state: "visible" });
      expect(new URL(page.url()).searchParams.get("q")).toBe("ที่จอดรถ");
      const marked = page.getByTestId("suggestion").filter({ hasText: "ต้องวนหาที่จอดนานมาก" });
      expect(await marked.locator(".suggestion-status").getAttribute("data-status")).toBe("acted");
      expect(await marked.getByTestId("suggestion-note").innerText()).toBe("ตีเส้นที่จอดรถด้านหลังอาคารเพิ่ม 12 ช่อง เดือนนี้");
      await saveScreenshot(page, "suggestions-5-marked.png");

      // --- another turned into a measure
      await openSuggestions(page, "?q=คิว");
      const queue = page.getByTestId("suggestion").first();
      await queue.locator("summary").click();
      await queue.getByRole("link", { name: "สร้างมาตรการจากข้อเสนอแนะนี้" }).click();
      await page.waitForURL((url) => url.pathname === `/admin/rounds/${roundId}/measures/edit` && url.searchParams.has("suggestion"));
      const source = page.getByTestId("from-suggestion");
      await source.waitFor({ state: "visible" });
      expect(await source.innerText()).toContain("รอคิวนานเกินไป ควรมีระบบคิวออนไลน์");
      expect(await source.innerText()).not.toContain("somchai.k@example.co.th");
      expect(await page.locator('textarea[name="title"]').inputValue()).toContain("รอคิวนานเกินไป ควรมีระบบคิวออนไลน์");
      await page.locator('input[name="unit"]').first().check();
      await saveScreenshot(page, "suggestions-6-measure-form.png");
      await page.getByRole("button", { name: "บันทึกมาตรการ", exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/admin/rounds/${roundId}/measures` && url.searchParams.has("saved"));
      const measureId = new URL(page.url()).searchParams.get("saved");
      expect(await page.locator(`#measure-${measureId}`).innerText()).toContain("รอคิวนานเกินไป ควรมีระบบคิวออนไลน์");
      // The suggestion links to it, acted on.
      await openSuggestions(page, "?q=คิว");
      const linked = page.getByTestId("suggestion").first();
      expect(await linked.locator(".suggestion-status").getAttribute("data-status")).toBe("acted");
      await linked.getByTestId("suggestion-measure").click();
      await page.waitForURL((url) => url.pathname === `/admin/rounds/${roundId}/measures/edit` && url.searchParams.get("measure") === measureId);
      expect(await page.getByTestId("made-from-suggestions").innerText()).toContain("รอคิวนานเกินไป");

      // --- in English
      await openSuggestions(page, "?lang=en");
      await page.getByRole("heading", { level: 1, name: /Visitors' suggestions/ }).waitFor({ state: "visible" });
      expect(await page.getByTestId("suggestion-count").innerText()).toBe("5 suggestions in all");
      expect(await page.locator("main").innerText()).toContain("Words that come up most");
      expect(await page.locator(".suggestion-status[data-status=acted]").first().innerText()).toBe("Acted on");
      await expectNoHorizontalOverflow(page, "the suggestions page in English");
      await saveScreenshot(page, "suggestions-7-english.png");
      expectNoProblems(manager.problems);
      // The server's log: no line per answer, no suggestion, no search (query strings are never logged).
      const log = server.output();
      expect(log).toContain('"path":"/admin/rounds/');
      for (const text of ["081-234-5678", "ที่จอดรถ", "somchai", "ต้องวนหา", "%E0%B8", "q="]) expect(log, text).not.toContain(text);
    } finally {
      await manager.context.close();
    }
  });
});
