/**
 * The kiosk (/k/:token) on a tablet, in Chromium, against the BUILT server with the demo agency: visitors
 * answer by tapping the Thai text of choices (exact match: "มาก" is not "มากที่สุด"), the thank-you
 * screen comes at once and goes back to the first page by itself (never sooner than the minimum interval),
 * a half-answered survey left alone is discarded after a warning, the language switches in place, the
 * back button goes nowhere, and with the network down completed answers wait in the browser and are
 * kept exactly once when it returns, even if the page is reloaded with an entry already kept. A page turns
 * by itself once its questions are answered (never past an unanswered one, never the last page), back
 * still works, and nothing of a visitor is kept in the browser's storage (issue 15).
 *
 * What the server keeps (issue 12): an EIT answer set waits sealed in the answer pool until its counter's
 * link has five counted ones, and then the five enter the responses together. So each visitor's answers
 * are read back unsealed from the pool (listPooledAnswers), and other visitors at the same counter answer
 * over HTTP, as the survey page sends, until the group of five is released and the answers are responses.
 *
 * The tablet is enrolled first, as a manager does it (issue 14; docs/decisions/kiosk-enrolment.md): signed
 * in on the tablet, the counters page's "ลงทะเบียนแท็บเล็ตนี้เป็นตู้ kiosk" opens the kiosk, and the counters
 * page lists the tablet (screenshot kiosk-0-enrolled-counters.png). Every kiosk page of this file opens
 * in a browser holding that enrolment cookie: only an enrolled tablet's answers are free of the burst flag.
 *
 * Time is Playwright's fake clock (page.clock): the kiosk's timings are the production ones
 * (app/lib/kiosk-settings.ts) and the test jumps over them (see jump()), and over the time a visitor
 * takes to read each page's questions (READING_MS_PER_FIELD). The server measures how long a survey took
 * from a start stamp the kiosk asks for at the visitor's first touch, on its own clock, which the page's
 * fake clock does not move: the test answers those requests with stamps from long ago
 * (test/support/start-stamps.ts; test/e2e/kiosk-enrolment.test.ts checks the server's own). Offline, the
 * kiosk gets none, and the server believes the enrolled tablet's own measure. On the way: no page error,
 * no console error, no request leaving the server, no link on the page, no sideways scrolling, targets
 * at least 56 px. Screenshots go to test-results/screenshots/kiosk-*.png for a person to look at.
 */
import { mkdirSync } from "node:fs";
import type { Browser, Cookie, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueStorageKey } from "../../app/components/kiosk-queue";
import {
  KIOSK_IDLE_SECONDS,
  KIOSK_IDLE_WARNING_SECONDS,
  KIOSK_MIN_INTERVAL_SECONDS,
  KIOSK_THANKS_SECONDS,
} from "../../app/lib/kiosk-settings";
import { listRoundLinks, updateRoundLinkStatus } from "../../db/queries/links";
import { seedDemo } from "../../app/seed/demo-agency.server";
import { createTestUser } from "../support/accounts";
import { expectAccessible } from "../support/axe";
import { launchBrowser, openWatchedPage, stopBrowserSuite } from "../support/browser";
import { signInThroughForm } from "../support/demo-suite";
import { countKept, makeAnswers, newSubmissionId } from "../support/fixtures";
import { expectNoHorizontalOverflow } from "../support/layout";
import { expectNoProblems } from "../support/page-problems";
import { SCREENSHOTS } from "../support/paths";
import { saveScreenshot } from "../support/screenshots";
import { type RunningServer, startServer } from "../support/server";
import { answerStartStampsFromLongAgo, startStampFor } from "../support/start-stamps";
import { listPooledAnswers, listResponsesOfSubmissions, withDatabase } from "../support/stored-responses";
import { type Field, readSurvey, type SurveyPageDef } from "../support/survey-definition";
import { radiogroupOf, tapChoice, visibleQuestionNames, waitForSurveyPage } from "../support/survey-page";
import { createTestDb } from "../support/test-db";

const LANDSCAPE = { viewport: { width: 1024, height: 768 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 } as const;
const PORTRAIT = { viewport: { width: 800, height: 1280 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 } as const;
/** Larger than the phone page's 44–48 px: a tablet at arm's length, often used standing. */
const MIN_TARGET = 56;

const THANKS_MS = KIOSK_THANKS_SECONDS * 1000;
const INTERVAL_MS = KIOSK_MIN_INTERVAL_SECONDS * 1000;
const IDLE_MS = KIOSK_IDLE_SECONDS * 1000;
const WARNING_MS = KIOSK_IDLE_WARNING_SECONDS * 1000;

// --- what a page shows, checked from the outside

/** What the visitor sees: the tablet's screen, not the whole scrollable page (the header is sticky). */
const screenshot = (page: Page, name: string) => saveScreenshot(page, name, { fullPage: false });

/** Nothing wider than the tablet, and no way out: not one link on the page. */
async function expectKioskFrame(page: Page, where: string) {
  await expectNoHorizontalOverflow(page, where);
  expect(await page.locator("a[href]").count(), `links on ${where}`).toBe(0);
}

/** Every answer choice, navigation button and kiosk button the page shows is at least MIN_TARGET high and wide. */
async function expectLargeTargets(page: Page, where: string) {
  const boxes = await page
    .locator(".sd-page [role=radiogroup] label, .sd-navigation input, .sd-navigation button, .sd-action-bar button, .kiosk-button")
    .evaluateAll((elements) =>
      elements
        .map((element) => {
          const rect = element.getBoundingClientRect();
          return { text: (element.textContent || (element as HTMLInputElement).value || "").trim(), width: rect.width, height: rect.height };
        })
        .filter((box) => box.width > 0 && box.height > 0),
    );
  expect(boxes.filter((b) => b.text !== "").length, `no targets found on ${where}`).toBeGreaterThan(1);
  const small = boxes.filter((b) => b.width < MIN_TARGET || b.height < MIN_TARGET);
  expect(small, `targets smaller than ${MIN_TARGET}×${MIN_TARGET} px on ${where}`).toEqual([]);
}

// --- a visitor answering

/** Taps the choice at `offset + i` (mod the scale) of the i-th field given; returns field → value tapped. */
async function answerFields(page: Page, fields: Field[], answers: Map<string, number>, offset: number) {
  for (const [i, field] of fields.entries()) {
    const choice = field.choices[(offset + answers.size + i) % field.choices.length];
    if (!choice) throw new Error(`${field.name} has no choices`);
    await tapChoice(page, field.name, choice);
    answers.set(field.name, choice.value);
  }
}

/**
 * How long a visitor reads each question, on the fake clock: the test taps in moments what a person answers
 * in minutes, and a survey sent in less than a second per question is flagged as noise and not counted
 * (app/services/response-quality.ts). Well inside the idle time, which each tap starts again.
 */
const READING_MS_PER_FIELD = 2_000;

/**
 * Goes through every page and submits with ส่งคำตอบ, the clock moving on by the reading time of each
 * page's questions before they are tapped; returns what was tapped. The welcome page goes on with ถัดไป;
 * a last page without a choice (the EIT's optional suggestion) sends with ส่งคำตอบ;
 * a page of questions turns by itself once its last question is answered (issue 15: the kiosk's automatic
 * next page), and the last page never does: it waits for ส่งคำตอบ.
 */
async function fillKiosk(
  page: Page,
  pages: SurveyPageDef[],
  options: { offset?: number; onPage?: (definition: SurveyPageDef) => Promise<void> } = {},
): Promise<Map<string, number>> {
  const answers = new Map<string, number>();
  for (const [index, definition] of pages.entries()) {
    await waitForSurveyPage(page, definition);
    const next = pages[index + 1];
    const lastField = definition.fields.at(-1);
    if (!lastField) {
      // The welcome page goes on; the EIT's last page (its optional suggestion, left empty) sends.
      await options.onPage?.(definition);
      await page.getByRole("button", { name: next ? "ถัดไป" : "ส่งคำตอบ", exact: true }).tap();
      continue;
    }
    expect(await visibleQuestionNames(page)).toEqual(definition.fields.map((f) => f.name));
    await jump(page, definition.fields.length * READING_MS_PER_FIELD);
    await answerFields(page, definition.fields.slice(0, -1), answers, options.offset ?? 0);
    await options.onPage?.(definition);
    const choice = lastField.choices[((options.offset ?? 0) + answers.size) % lastField.choices.length]!;
    if (next) {
      // The last answer of the page turns it: no ถัดไป to tap.
      await radiogroupOf(page, lastField.name).getByText(choice.th, { exact: true }).tap();
      answers.set(lastField.name, choice.value);
      await waitForSurveyPage(page, next);
    } else {
      // The last page stays, answered, until the visitor sends.
      await tapChoice(page, lastField.name, choice);
      answers.set(lastField.name, choice.value);
      await page.waitForTimeout(1_000);
      await waitForSurveyPage(page, definition);
      await expect(page.getByRole("heading", { name: THANKS_HEADING }).count()).resolves.toBe(0);
      await page.getByRole("button", { name: "ส่งคำตอบ", exact: true }).tap();
    }
  }
  return answers;
}

const THANKS_HEADING = "ขอบคุณที่ตอบแบบสอบถาม";

/** One visitor's answer set, as sent: field → value. */
interface Visitor {
  submissionId: string;
  answers: Record<string, number>;
}

/**
 * Moves the page's fake clock `ms` forward. Not a bare fastForward while time flows: Playwright 1.56's
 * clock drives natural time with a real timer whose run ends by setting the clock to its own target, so
 * a run still in flight when a fastForward ends can set the clock back by the whole jump (seen here: the
 * kiosk froze for the length of the jump in about one suite run in four). So: pause (a 300 ms step),
 * let an in-flight run finish, jump the rest while paused, and let time flow again.
 */
async function jump(page: Page, ms: number) {
  const pauseStep = 300;
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + pauseStep);
  await page.waitForTimeout(50);
  await page.clock.fastForward(ms - pauseStep);
  await page.clock.resume();
}

async function expectFirstPage(page: Page, pages: SurveyPageDef[]) {
  const first = pages[0];
  if (!first) throw new Error("no pages");
  await waitForSurveyPage(page, first);
  await expect(page.getByRole("heading", { name: THANKS_HEADING }).count()).resolves.toBe(0);
  expect(await page.locator(".sd-page input[type=radio]:checked").count(), "nothing selected on the first page").toBe(0);
}

// --- the suite

describe("the kiosk on a tablet (Chromium, built server, fake clock)", { timeout: 180_000 }, () => {
  let databasePath = "";
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let roundId = 0;
  let eit = { linkId: 0, token: "" };
  let iit = { linkId: 0, token: "" };
  let pausedToken = "";
  let eitCounterId = 0;
  /** The tablet's enrolment cookie, set by the counters page in the first test. */
  let enrolment: Cookie | undefined;
  const eitPages = readSurvey("eit");
  const iitPages = readSurvey("iit");

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const testDb = await createTestDb();
    databasePath = testDb.path;
    const seeded = await seedDemo(testDb.db, { now: new Date() });
    // The demo's open round: its last fiscal year's round is closed and takes no answers (issue 11).
    if (!seeded.openRoundId) throw new Error("seedDemo did not create an open round");
    roundId = seeded.openRoundId;
    const links = await listRoundLinks(testDb.db, seeded.openRoundId);
    const eitLinks = links.filter((l) => l.instrument === "eit" && l.status === "active");
    const iitLink = links.find((l) => l.instrument === "iit" && l.status === "active");
    const [first, second] = eitLinks;
    if (!first || !second || !iitLink) throw new Error("the demo round needs two active EIT links and an IIT link");
    eit = first;
    eitCounterId = first.counterId ?? 0;
    iit = iitLink;
    // A manager of the demo agency, who enrols the tablet.
    const organization = await testDb.db.selectFrom("organization").select("id").executeTakeFirstOrThrow();
    await createTestUser(testDb.db, organization.id, "kiosk-manager", "manager");
    // A second counter's link, paused: the kiosk must answer it with the same 404 as /s/.
    await updateRoundLinkStatus(testDb.db, seeded.openRoundId, second.linkId, "paused");
    pausedToken = second.token;
    await testDb.db.destroy();
    server = await startServer({ databasePath });
    browser = await launchBrowser();
  });

  afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

  /** The answer sets waiting, sealed, at the kiosk's counter link for its group of five (issue 12). */
  const waitingHere = async () => (await listPooledAnswers(databasePath)).filter((p) => p.linkId === eit.linkId);
  /** Responses and pool rows: everything the server keeps of answers. */
  const keptCount = () => withDatabase(databasePath, countKept);

  const responsesOf = (submissionIds: string[]) => listResponsesOfSubmissions(databasePath, submissionIds);

  /**
   * Another visitor at the kiosk's counter, sent over HTTP as the survey page sends one: the answers vary
   * with `n` and their start stamp is from long ago, so they are not flagged as noise and count towards
   * the group of five.
   * (All of this file's EIT answers come from 127.0.0.1: ten, within the burst limit for one address.)
   */
  async function anotherVisitor(n: number): Promise<Visitor> {
    if (!server) throw new Error("not started");
    const visitor = { submissionId: newSubmissionId(), answers: makeAnswers("eit", (i, o) => (i + n) % o) };
    const response = await fetch(`${server.url}/s/${eit.token}/answers`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...visitor, startStamp: startStampFor(visitor.submissionId) }),
    });
    expect(response.status, `visitor ${n}`).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, stored: true });
    return visitor;
  }

  /**
   * The kiosk's own visitors and `others` make the counter's group of five: the server released them
   * together, each stored once, as sent, and counted (no flag); nothing waits at the counter any more.
   */
  async function expectReleased(kiosk: Visitor[], others: Visitor[]) {
    const group = [...kiosk, ...others];
    expect(group).toHaveLength(5);
    expect(await waitingHere(), "the whole group left the pool").toEqual([]);
    const stored = await responsesOf(group.map((v) => v.submissionId));
    expect(stored.map((r) => r.submissionId).sort()).toEqual(group.map((v) => v.submissionId).sort());
    for (const visitor of group) {
      const response = stored.find((r) => r.submissionId === visitor.submissionId);
      expect(response).toMatchObject({ roundId, linkId: eit.linkId, instrument: "eit", flag: null });
      expect(JSON.parse(response?.answers ?? "{}"), visitor.submissionId).toEqual(visitor.answers);
    }
  }

  /** With `serverStamps`, the kiosk's start stamps are the server's own (its real clock), not from long ago. */
  async function openKiosk(token: string, device: typeof LANDSCAPE | typeof PORTRAIT = LANDSCAPE, { serverStamps = false } = {}) {
    if (!browser || !server) throw new Error("not started");
    if (!enrolment) throw new Error("the tablet is not enrolled: the enrolment test runs first");
    const { context, page, problems } = await openWatchedPage(browser, server.url, device);
    // The enrolled tablet (its cookie from the counters page), whose visitors take their time.
    await context.addCookies([enrolment]);
    if (!serverStamps) await answerStartStampsFromLongAgo(page);
    // The kiosk's own timers and countdowns run on this clock; time flows normally between jumps.
    await page.clock.install();
    await page.goto(`${server.url}/k/${token}`);
    await page.locator(".kiosk .sd-root-modern .sd-page").waitFor({ state: "visible" });
    return { context, page, problems };
  }

  async function queueEntries(page: Page, token: string): Promise<{ submissionId: string }[]> {
    return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "[]") as { submissionId: string }[], queueStorageKey(token));
  }

  it("is enrolled as the counter's kiosk by a manager signed in on the tablet, from the counters page, which then lists it", async () => {
    if (!browser || !server) throw new Error("not started");
    const tablet = await openWatchedPage(browser, server.url, LANDSCAPE);
    try {
      await tablet.page.goto(`${server.url}/admin/counters`);
      await signInThroughForm(tablet.page, "kiosk-manager");
      await tablet.page.waitForURL((url) => url.pathname === "/admin/counters");
      const row = tablet.page.locator(`li[data-counter-id="${eitCounterId}"]`);
      await row.getByText("ลงทะเบียนแท็บเล็ตนี้เป็นตู้ kiosk…", { exact: true }).tap();
      await row.getByLabel("ชื่อเครื่อง").fill("แท็บเล็ตหน้าจุดบริการ");
      await row.getByRole("button", { name: "ลงทะเบียนแท็บเล็ตนี้", exact: true }).tap();
      // /kiosk sends the tablet on to its counter's kiosk in the open round.
      await tablet.page.waitForURL((url) => url.pathname === `/k/${eit.token}`);
      await tablet.page.locator(".kiosk .sd-root-modern .sd-page").waitFor({ state: "visible" });
      expect(await tablet.page.locator(".kiosk-not-enrolled").count(), "an enrolled tablet").toBe(0);
      const cookies = await tablet.context.cookies();
      enrolment = cookies.find((c) => c.name === "prongsai_kiosk");
      expect(enrolment).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
      // The manager was signed out of the tablet: no session left on it.
      expect(cookies.find((c) => c.name === "prongsai_session")).toBeUndefined();
      expectNoProblems(tablet.problems);
    } finally {
      await tablet.context.close();
    }

    // The manager, at their own desk, sees the tablet listed under its counter.
    const desk = await openWatchedPage(browser, server.url, { viewport: { width: 1280, height: 900 } });
    try {
      await desk.page.goto(`${server.url}/admin/counters`);
      await signInThroughForm(desk.page, "kiosk-manager");
      await desk.page.waitForURL((url) => url.pathname === "/admin/counters");
      const listed = desk.page.locator(`li[data-counter-id="${eitCounterId}"] .counter-kiosks`);
      await expect(listed.innerText()).resolves.toMatch(/แท็บเล็ตหน้าจุดบริการ[\s\S]*ลงทะเบียนเมื่อ .* โดย kiosk-manager[\s\S]*ยังไม่เคยส่งคำตอบ/);
      await expect(listed.getByText("ยกเลิกการลงทะเบียน…", { exact: true }).isVisible()).resolves.toBe(true);
      await listed.scrollIntoViewIfNeeded();
      await saveScreenshot(desk.page, "kiosk-0-enrolled-counters.png");
      await expectAccessible(desk.page, "the counters page with an enrolled kiosk");
      expectNoProblems(desk.problems);
    } finally {
      await desk.context.close();
    }
  });

  it("answers the unknown and the paused link with the same 404 as the phone page", async () => {
    if (!server) throw new Error("not started");
    for (const token of ["noSuchToken123", pausedToken]) {
      const kiosk = await fetch(`${server.url}/k/${token}`);
      const phone = await fetch(`${server.url}/s/${token}`);
      expect(kiosk.status, token).toBe(404);
      expect(phone.status, token).toBe(404);
      const html = await kiosk.text();
      expect(html).toContain(token === pausedToken ? "ขณะนี้ปิดรับคำตอบชั่วคราว" : "ไม่พบหน้านี้");
      expect(await phone.text()).toContain(token === pausedToken ? "ขณะนี้ปิดรับคำตอบชั่วคราว" : "ไม่พบหน้านี้");
    }
  });

  it("completes an EIT: thank-you at once, kept as tapped (released with the counter's group of five), then back to an empty first page by itself; never sooner than the minimum interval", async () => {
    const { context, page, problems } = await openKiosk(eit.token);
    try {
      expect(await page.locator("html").getAttribute("lang")).toBe("th");
      await expect(page.getByRole("button", { name: "เต็มจอ", exact: true }).isVisible()).resolves.toBe(true);
      await expectKioskFrame(page, "the first page");
      await expectLargeTargets(page, "the first page");
      await screenshot(page, "kiosk-1-first-page.png");
      await expectAccessible(page, "the first page");

      expect(await waitingHere(), "nothing waits at this counter yet").toEqual([]);
      const answers = await fillKiosk(page, eitPages, {
        onPage: async (definition) => {
          if (definition.name !== "p_e1") return;
          await expectKioskFrame(page, "p_e1");
          await expectLargeTargets(page, "p_e1");
          await page.evaluate(() => window.scrollTo(0, 0));
          await screenshot(page, "kiosk-2-question.png");
          await expectAccessible(page, "p_e1");
        },
      });
      expect(answers.size).toBe(19);

      // The thank-you screen comes at once, whatever the network does; the countdown runs to the
      // later of the thank-you time and the minimum interval.
      await page.getByRole("heading", { name: THANKS_HEADING }).waitFor({ state: "visible" });
      const resetSeconds = Math.max(KIOSK_THANKS_SECONDS, KIOSK_MIN_INTERVAL_SECONDS);
      await expect(page.getByRole("timer").innerText()).resolves.toMatch(new RegExp(`ในอีก (${resetSeconds}|${resetSeconds - 1}) วินาที`));
      await expect(page.getByRole("button", { name: "เริ่มใหม่ทันที", exact: true }).isVisible()).resolves.toBe(true);
      await expectKioskFrame(page, "the thank-you screen");
      await expectLargeTargets(page, "the thank-you screen");
      await screenshot(page, "kiosk-3-thanks.png");
      await expectAccessible(page, "the thank-you screen");

      // Kept once, as tapped, and counted (not noise): sealed in the pool until the counter has five (issue 12).
      await expect.poll(async () => (await waitingHere()).length, { timeout: 10_000 }).toBe(1);
      const [kept] = await waitingHere();
      expect(kept).toMatchObject({ roundId, linkId: eit.linkId, flag: null });
      expect(kept?.answers).toEqual(Object.fromEntries(answers));
      expect(await responsesOf([kept!.submissionId]), "not a response yet").toEqual([]);
      await expect.poll(() => queueEntries(page, eit.token)).toEqual([]);

      // Past the thank-you time but inside the minimum interval: the kiosk holds, "กรุณารอสักครู่".
      await jump(page, THANKS_MS + 500);
      await page.getByText("กรุณารอสักครู่", { exact: true }).waitFor({ state: "visible" });
      await expect(page.getByRole("heading", { name: THANKS_HEADING }).isVisible()).resolves.toBe(true);
      await screenshot(page, "kiosk-4-please-wait.png");

      // The interval is over: back to the first page by itself, nothing selected, nothing more stored.
      await jump(page, INTERVAL_MS - THANKS_MS);
      await expectFirstPage(page, eitPages);
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
      await waitForSurveyPage(page, eitPages[1]!);
      expect(await page.locator(".sd-page input[type=radio]:checked").count(), "a fresh survey").toBe(0);
      await page.getByRole("button", { name: "ย้อนกลับ", exact: true }).tap();

      // A second visitor presses "เริ่มใหม่ทันที" at once: the interval still holds, then the kiosk resets.
      const second = await fillKiosk(page, eitPages, { offset: 1 });
      await page.getByRole("heading", { name: THANKS_HEADING }).waitFor({ state: "visible" });
      await page.getByRole("button", { name: "เริ่มใหม่ทันที", exact: true }).tap();
      await page.getByText("กรุณารอสักครู่", { exact: true }).waitFor({ state: "visible" });
      await expect(page.getByRole("heading", { name: THANKS_HEADING }).isVisible()).resolves.toBe(true);
      await jump(page, INTERVAL_MS);
      await expectFirstPage(page, eitPages);

      await expect.poll(async () => (await waitingHere()).length, { timeout: 10_000 }).toBe(2);
      const keptSecond = (await waitingHere()).find((p) => p.submissionId !== kept!.submissionId);
      expect(keptSecond).toMatchObject({ roundId, linkId: eit.linkId, flag: null });
      expect(keptSecond?.answers).toEqual(Object.fromEntries(second));
      const kiosk = [kept!, keptSecond!].map(({ submissionId, answers }) => ({ submissionId, answers }));

      // Three more visitors at this counter: with four waiting nothing is a response yet; the fifth
      // releases the group, and both kiosk visitors' answers are responses, as tapped.
      const others = [await anotherVisitor(1), await anotherVisitor(2)];
      expect(await waitingHere()).toHaveLength(4);
      expect(await responsesOf([...kiosk, ...others].map((v) => v.submissionId)), "four wait: nothing released").toEqual([]);
      others.push(await anotherVisitor(3));
      await expectReleased(kiosk, others);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("discards a half-answered survey after a warning; a touch keeps it; the language switches in place; back goes nowhere", async () => {
    const { context, page, problems } = await openKiosk(eit.token);
    try {
      const keptBefore = await keptCount();
      const startUrl = page.url();
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
      const p1 = eitPages[1]!;
      await waitForSurveyPage(page, p1);
      // One of the page's two questions: the page waits for the other (it would turn by itself once both
      // are answered).
      const answered = p1.fields.slice(0, 1);
      const answers = new Map<string, number>();
      await answerFields(page, answered, answers, 0);
      expect(answers.size).toBe(1);

      // The back button: nothing happens, the answers stay.
      await page.goBack().catch(() => undefined);
      await page.waitForTimeout(300);
      expect(new URL(page.url()).pathname).toBe(`/k/${eit.token}`);
      for (const field of answered) {
        await expect(radiogroupOf(page, field.name).getByRole("radio", { checked: true }).count()).resolves.toBe(1);
      }

      // English, in place: no navigation, no ?lang=, the same answers.
      await page.getByRole("button", { name: "English", exact: true }).tap();
      const title = page.locator(`.sd-question[data-name="${p1.fields[0]!.name}"] .sd-question__title`);
      await expect.poll(() => title.innerText()).toContain(p1.fields[0]!.title.en);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(new URL(page.url()).search).toBe("");
      for (const field of answered) {
        const choice = field.choices.find((c) => c.value === answers.get(field.name));
        await expect(radiogroupOf(page, field.name).getByRole("radio", { name: choice!.en, exact: true }).isChecked()).resolves.toBe(true);
      }
      await page.getByRole("button", { name: "ภาษาไทย", exact: true }).tap();
      await expect.poll(() => title.innerText()).toContain(p1.fields[0]!.title.th);

      // Left alone: the warning comes first; a touch keeps the answers.
      await jump(page, IDLE_MS - WARNING_MS + 500);
      const warning = page.getByRole("alertdialog", { name: "ยังตอบอยู่ไหม?" });
      await warning.waitFor({ state: "visible" });
      await expect(warning.innerText()).resolves.toMatch(/ในอีก (10|9) วินาที/);
      await screenshot(page, "kiosk-5-idle-warning.png");
      await expectAccessible(page, "the idle warning");
      await warning.tap();
      await warning.waitFor({ state: "hidden" });
      for (const field of answered) {
        await expect(radiogroupOf(page, field.name).getByRole("radio", { checked: true }).count()).resolves.toBe(1);
      }

      // Left alone again, past the warning: back to an empty first page, in Thai, nothing stored.
      await page.getByRole("button", { name: "English", exact: true }).tap();
      await jump(page, IDLE_MS - WARNING_MS + 500);
      await warning.or(page.getByRole("alertdialog", { name: "Are you still there?" })).waitFor({ state: "visible" });
      await jump(page, WARNING_MS);
      await expectFirstPage(page, eitPages);
      expect(await page.locator("html").getAttribute("lang")).toBe("th");
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
      await waitForSurveyPage(page, p1);
      expect(await page.locator(".sd-page input[type=radio]:checked").count(), "the discarded answers are gone").toBe(0);
      expect(page.url()).toBe(startUrl);
      expect(await keptCount(), "nothing kept: no response, nothing waiting in the pool").toBe(keptBefore);
      expect(await queueEntries(page, eit.token)).toEqual([]);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("turns the page by itself once a page's questions are answered, never past an unanswered one nor the last page; back still works; keeps nothing of a visitor in the browser's storage", async () => {
    const { context, page, problems } = await openKiosk(eit.token);
    const progressKeys = () =>
      page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("prongsai:progress:")));
    try {
      // What the phone page may have left on this tablet for this link (someone opened /s/… on it) is
      // removed when the kiosk opens: the kiosk never shows it.
      await page.evaluate((token) => {
        const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Bangkok" }).format(new Date());
        localStorage.setItem(`prongsai:progress:${token}:eit`, JSON.stringify({ day, submissionId: "0123456789abcdef0123456789abcdef", pageIndex: 2, answers: { e1_1: 4, e1_2: 4, e2: 4 } }));
      }, eit.token);
      await page.reload();
      await page.locator(".kiosk .sd-root-modern .sd-page").waitFor({ state: "visible" });
      await expectFirstPage(page, eitPages);
      expect(await progressKeys()).toEqual([]);

      const [, p1, p2, p3] = eitPages as [SurveyPageDef, SurveyPageDef, SurveyPageDef, SurveyPageDef];
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
      await waitForSurveyPage(page, p1);
      // p_e1 has two required sub-questions: one answered, the page stays.
      const [e1a, e1b] = p1.fields as [Field, Field];
      await tapChoice(page, e1a.name, e1a.choices[2]!);
      await jump(page, 3_000);
      await waitForSurveyPage(page, p1);
      expect(await visibleQuestionNames(page)).toEqual([e1a.name, e1b.name]);
      // ถัดไป without the other: our message, in Thai.
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
      const error = page.locator(`.sd-question[data-name="${e1b.name}"] .sd-question__erbox`);
      await expect.poll(() => error.innerText()).toBe("กรุณาเลือกคำตอบของข้อนี้");
      await expect(page.locator(`.sd-question[data-name="${e1a.name}"] .sd-question__erbox`).count()).resolves.toBe(0);
      await screenshot(page, "kiosk-7-required.png");
      // The other answered: the next page comes by itself.
      await radiogroupOf(page, e1b.name).getByText(e1b.choices[3]!.th, { exact: true }).tap();
      await waitForSurveyPage(page, p2);
      const e2 = p2.fields[0]!;
      await radiogroupOf(page, e2.name).getByText(e2.choices[0]!.th, { exact: true }).tap();
      await waitForSurveyPage(page, p3);
      await expect(page.locator(".sd-progress__text").first().innerText()).resolves.toBe("ตอบแล้ว 2 จาก 15 ข้อ");

      // Back: the answers are there, and the page stays until the visitor goes on.
      await page.getByRole("button", { name: "ย้อนกลับ", exact: true }).tap();
      await waitForSurveyPage(page, p2);
      await expect(radiogroupOf(page, e2.name).getByRole("radio", { name: e2.choices[0]!.th, exact: true }).isChecked()).resolves.toBe(true);
      await jump(page, 3_000);
      await waitForSurveyPage(page, p2);
      await page.getByRole("button", { name: "ย้อนกลับ", exact: true }).tap();
      await waitForSurveyPage(page, p1);
      await expect(radiogroupOf(page, e1a.name).getByRole("radio", { name: e1a.choices[2]!.th, exact: true }).isChecked()).resolves.toBe(true);
      await expect(radiogroupOf(page, e1b.name).getByRole("radio", { name: e1b.choices[3]!.th, exact: true }).isChecked()).resolves.toBe(true);
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
      await waitForSurveyPage(page, p2);
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
      await waitForSurveyPage(page, p3);

      // Nothing of this visitor in the browser's storage: no progress, no answers anywhere.
      expect(await progressKeys()).toEqual([]);
      const stored = await page.evaluate(() => Object.values(localStorage).join("\n"));
      expect(stored).not.toContain(e1a.name);

      // Left alone: the reset, and still nothing kept; a new visitor finds an empty survey.
      await jump(page, IDLE_MS - WARNING_MS + 500);
      await page.getByRole("alertdialog", { name: "ยังตอบอยู่ไหม?" }).waitFor({ state: "visible" });
      await jump(page, WARNING_MS);
      await expectFirstPage(page, eitPages);
      expect(await progressKeys()).toEqual([]);
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
      await waitForSurveyPage(page, p1);
      expect(await page.locator(".sd-page input[type=radio]:checked").count(), "nothing of the previous visitor").toBe(0);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("offline: two completed surveys wait in the browser (รอส่ง 2 รายการ) and are kept exactly once when the network returns, even after a reload", async () => {
    const { context, page, problems } = await openKiosk(eit.token, PORTRAIT);
    try {
      // The group of the first EIT test was released: nothing waits at the counter.
      expect(await waitingHere(), "nothing waits at this counter").toEqual([]);
      const keptBefore = await keptCount();
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await context.setOffline(true);
      await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);

      const first = await fillKiosk(page, eitPages, {
        offset: 2,
        onPage: async (definition) => {
          if (definition.name !== "p_e4") return;
          await expectKioskFrame(page, "p_e4 in portrait");
          await expectLargeTargets(page, "p_e4 in portrait");
          await page.evaluate(() => window.scrollTo(0, 0));
          await screenshot(page, "kiosk-2b-question-portrait.png");
        },
      });
      await page.getByRole("heading", { name: THANKS_HEADING }).waitFor({ state: "visible" });
      await page.getByText("รอส่ง 1 รายการ", { exact: true }).waitFor({ state: "visible" });
      await jump(page, INTERVAL_MS + 500);
      await expectFirstPage(page, eitPages);

      const second = await fillKiosk(page, eitPages, { offset: 3 });
      await page.getByRole("heading", { name: THANKS_HEADING }).waitFor({ state: "visible" });
      await page.getByText("รอส่ง 2 รายการ", { exact: true }).waitFor({ state: "visible" });
      await expectKioskFrame(page, "the thank-you screen with answers waiting");
      await screenshot(page, "kiosk-6-waiting.png");
      await jump(page, INTERVAL_MS + 500);
      await expectFirstPage(page, eitPages);
      await expect(page.getByText("รอส่ง 2 รายการ", { exact: true }).isVisible()).resolves.toBe(true);

      const queued = await queueEntries(page, eit.token);
      expect(queued).toHaveLength(2);
      const tapped = [
        { submissionId: queued[0]!.submissionId, answers: Object.fromEntries(first) },
        { submissionId: queued[1]!.submissionId, answers: Object.fromEntries(second) },
      ];
      expect(await waitingHere(), "nothing reached the server").toEqual([]);

      // The network returns: both are sent, kept once each (waiting for the counter's group of five),
      // and the counter goes away.
      await context.setOffline(false);
      await expect.poll(async () => (await waitingHere()).length, { timeout: 15_000 }).toBe(2);
      await page.locator(".kiosk-pending").waitFor({ state: "detached" });
      await expect.poll(() => queueEntries(page, eit.token)).toEqual([]);
      const expectWaiting = async (where: string) => {
        const waiting = await waitingHere();
        expect(waiting.map((p) => p.submissionId).sort(), where).toEqual(tapped.map((v) => v.submissionId).sort());
        for (const visitor of tapped) {
          const row = waiting.find((p) => p.submissionId === visitor.submissionId);
          expect(row, where).toMatchObject({ roundId, linkId: eit.linkId, flag: null });
          expect(row?.answers, where).toEqual(visitor.answers);
        }
        expect(await keptCount(), `${where}: two kept, nothing else`).toBe(keptBefore + 2);
      };
      await expectWaiting("after the network returned");

      /**
       * The reply to a send was lost, so `visitor`'s entry is still in the queue at a reload: sent again,
       * acknowledged (200), removed from the queue, and kept no second time.
       */
      const resendAtReload = async (visitor: { submissionId: string }) => {
        const entry = queued.find((e) => e.submissionId === visitor.submissionId);
        await page.evaluate(
          ({ key, entry }) => localStorage.setItem(key, JSON.stringify([entry])),
          { key: queueStorageKey(eit.token), entry: { ...entry, queuedAt: new Date().toISOString() } },
        );
        const resent = page.waitForResponse((r) => r.url().endsWith(`/s/${eit.token}/answers`) && r.request().method() === "POST");
        await page.reload();
        await page.locator(".kiosk .sd-root-modern .sd-page").waitFor({ state: "visible" });
        expect((await resent).status()).toBe(200);
        await expect.poll(() => queueEntries(page, eit.token)).toEqual([]);
        await page.locator(".kiosk-pending").waitFor({ state: "detached" });
      };
      // While it waits in the pool.
      await resendAtReload(tapped[0]!);
      await expectWaiting("after a repeat of a waiting entry");

      // Three more visitors at the counter release the group: each kiosk entry is one response, as tapped.
      const others = [await anotherVisitor(4), await anotherVisitor(5), await anotherVisitor(6)];
      await expectReleased(tapped, others);
      // Once released, a repeat is still recognised: nothing stored twice.
      await resendAtReload(tapped[1]!);
      await expectReleased(tapped, others);
      expect(await keptCount()).toBe(keptBefore + 5);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("runs an IIT link too: the anonymity statement, 51 fields, kept once (sealed in the pool for its group of five); the server's own start stamp says it took seconds: too fast", async () => {
    const { context, page, problems } = await openKiosk(iit.token, LANDSCAPE, { serverStamps: true });
    try {
      await expect(page.getByRole("heading", { name: "ก่อนเริ่มตอบ" }).isVisible()).resolves.toBe(true);
      const before = new Set((await listPooledAnswers(databasePath)).map((p) => p.submissionId));
      // The kiosk asks the server for the survey's start stamp at the visitor's first touch, and sends it back.
      // Thirty pages, each turning by itself a moment after its last answer: longer than Playwright's 30 s default.
      const stampAnswered = page.waitForResponse((r) => new URL(r.url()).pathname === `/s/${iit.token}/start`, { timeout: 150_000 });
      const answersSent = page.waitForRequest((r) => new URL(r.url()).pathname === `/s/${iit.token}/answers` && r.method() === "POST", { timeout: 150_000 });
      const answers = await fillKiosk(page, iitPages);
      expect(answers.size).toBe(51);
      await page.getByRole("heading", { name: THANKS_HEADING }).waitFor({ state: "visible" });
      const added = async () => (await listPooledAnswers(databasePath)).filter((p) => !before.has(p.submissionId));
      await expect.poll(async () => (await added()).length, { timeout: 10_000 }).toBe(1);
      const [stored] = await added();
      expect(stored?.linkId).toBe(iit.linkId);
      expect(stored?.answers).toEqual(Object.fromEntries(answers));
      const stamp = await stampAnswered;
      expect(stamp.status()).toBe(200);
      const { startStamp } = (await stamp.json()) as { startStamp: string };
      expect(JSON.parse((await answersSent).postData() ?? "{}")).toMatchObject({ submissionId: stored?.submissionId, startStamp });
      // 51 questions tapped in the seconds the test takes (the tablet's fake clock says minutes, and its own
      // measure goes along, but with a stamp the server's measure decides): too fast, kept but not counted.
      expect(stored?.flag).toBe("too-fast");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });
});
