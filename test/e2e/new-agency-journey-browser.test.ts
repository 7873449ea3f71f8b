/**
 * The whole journey of a new agency (issue 11, "What must be shown"), in Chromium against the BUILT
 * server started as a real installation (`start` with DEMO_AGENCY=off) on an empty database.
 *
 * Year one (the real clock: FY 2570): the host operator creates the agency and reads its first admin's
 * one-time password; the admin signs in, fills the settings with a logo (a renamed PDF is refused beside
 * the field, nothing changed), adds a unit and two counters, creates the FY 2570 round, and prints the
 * posters: each shows the logo and its QR code, read from a screenshot by zbarimg, is the counter's
 * PERMANENT URL, the one the poster prints. A visitor on a phone answers the EIT through that URL, a
 * staff member on a phone the IIT through the agency's permanent staff link; both answers wait sealed in
 * the pool for their group of five (issue 12: no figure moves by one person; the EIT's group is the
 * counter's link, the IIT's the round), as their thank-you pages say, and the dashboard shows neither.
 * Four more visitors answer at that counter (over HTTP, as the survey page sends): the group of five is
 * released and the dashboard counts the five EIT answers, while the IIT answer still waits.
 *
 * The next fiscal year: the server is started again on the same database and port with its clock moved
 * to 5 October 2027 (FY 2571; test/support/shifted-clock.mjs, no clock hook in the app). The admin closes
 * the FY 2570 round and creates FY 2571 from it; the SAME printed URL now records into the new round
 * (the visitor's answers wait at the new round's link of that counter, and with four more visitors there
 * the new round counts five), the old round still counts exactly its five EIT answers, and an answer
 * posted to the old round's per-round link is refused with 410 and writes no row, in the pool or elsewhere.
 *
 * Why a browser, end to end: each step is a page a person uses (a multipart form, React Router's client
 * navigation with two kinds of session, a printed QR code, SurveyJS on a phone), and the promise of the
 * issue — a poster printed once works for years — only shows across two fiscal years of the real server.
 * Screenshots of every step go to test-results/screenshots/journey-*.png for a person to look at.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOperator } from "../../app/auth/operator-session.server";
import { DEMO_LOGO_PNG } from "../../app/seed/demo-logo";
import type { Db } from "../../db/client.server";
import { countResponses } from "../../db/queries/responses";
import type { Database } from "../../db/schema";
import { LAPTOP, launchBrowser, openWatchedPage, PHONE, stopBrowserSuite } from "../support/browser";
import { countKept, countRows, makeAnswers, newSubmissionId } from "../support/fixtures";
import { answerStartStampsFromLongAgo, unhurried } from "../support/start-stamps";
import { expectNoProblems, type PageProblems } from "../support/page-problems";
import { SCREENSHOTS } from "../support/paths";
import { saveScreenshot } from "../support/screenshots";
import { type RunningServer, shiftedClockEnv, startServer } from "../support/server";
import { readSurvey } from "../support/survey-definition";
import { serveStartStampsFromLongAgo, stampFormFromLongAgo, tapFormChoice } from "../support/survey-form-page";
import { createTestDb } from "../support/test-db";

const OPERATOR = "host1";
const SLUG = "ban-suan";
const ADMIN = `${SLUG}-admin`;
/** The password the host operator chooses in place of the one the command line printed. */
const OPERATOR_CHOSEN_PASSWORD = "ผู้ดูแลเครื่องของจังหวัดลำปาง 2570";
/** The password the agency's first admin chooses in place of the operator's one-time one. */
const ADMIN_CHOSEN_PASSWORD = "ทุ่งนาเขียวขจี ริมคลอง 2570";
/** What the admin types into the settings (Thai first: the default language of every page). */
const SETTINGS = {
  nameTh: "เทศบาลตำบลบ้านสวน",
  nameEn: "Ban Suan Subdistrict Municipality",
  type: "tambon-municipality-m",
  provinceTh: "ลำปาง",
  districtTh: "เกาะคา",
  contactTh: "สอบถามโทร 0 5482 1234 ต่อ 101 (ในเวลาราชการ)",
  contactEn: "Questions: 0 5482 1234 ext. 101 (office hours)",
};
const UNIT = "กองคลัง";
const COUNTERS = ["งานจัดเก็บรายได้ (ชำระภาษี)", "งานทะเบียนพาณิชย์"];
const HEAD_COUNT = 40;
/** Year two: 5 October 2027, 10:00 in Bangkok, early in fiscal year B.E. 2571. */
const NEXT_YEAR = new Date("2027-10-05T03:00:00Z");

/**
 * The server's database, read-only, for what the pages do not show (rows that must not appear): the
 * server keeps writing it, and the test must not.
 */
async function readDatabase<T>(path: string, use: (db: Db) => Promise<T>): Promise<T> {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(path, { readonly: true, fileMustExist: true }) }) });
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}

/** The QR codes zbarimg reads in a PNG (QR only: a poster's text must not read as another symbology). */
function decodeQr(png: string): string[] {
  return execFileSync("zbarimg", ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", png], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
    .split("\n")
    .filter((line) => line !== "");
}

/** Waits until the <img> has loaded a picture (a broken or refused one has naturalWidth 0). */
async function expectImageLoaded(page: Page, selector: string, where: string): Promise<void> {
  const images = page.locator(selector);
  await expect.poll(() => images.count(), { message: `images ${selector} on ${where}` }).toBeGreaterThan(0);
  for (const image of await images.all()) {
    await expect.poll(() => image.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth), { message: `${selector} loaded on ${where}` }).toBeGreaterThan(0);
  }
}

/**
 * Opens `url` on a phone and answers the whole survey there as a person does, and sends it. A survey sent
 * in less than a second per question is flagged as noise and left out of the counts
 * (app/services/response-quality.ts), and the test taps in seconds what a person answers in minutes: the
 * server measures the duration from the start stamp the page carries, so the page is given a stamp from
 * long ago (test/support/survey-form-page.ts). Returns the phone (on its way to the thank-you page),
 * where the link led and the survey's title bar there, and what was tapped. `screenshot.page`: after the
 * answers of that many SurveyJS pages of the definition, the top of the page.
 */
async function answerOnPhone(browser: Browser, origin: string, url: string, instrument: "iit" | "eit", screenshot?: { page: number; name: string }) {
  const phone = await openWatchedPage(browser, origin, PHONE);
  await serveStartStampsFromLongAgo(phone.page);
  await phone.page.goto(url);
  const landedOn = phone.page.url();
  await phone.page.getByTestId("form-count").waitFor({ state: "visible" });
  // The permanent link redirects to the survey page, whose document page.route does not see.
  await stampFormFromLongAgo(phone.page);
  const title = await phone.page.locator(".topbar-title").innerText();
  const pages = readSurvey(instrument);
  const answers = new Map<string, number>();
  for (const [index, definition] of pages.entries()) {
    if (index === screenshot?.page) {
      // The top of the page as the phone shows it: whose survey this is, and the first answers.
      await phone.page.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(phone.page, screenshot.name, { fullPage: false });
    }
    for (const [i, field] of definition.fields.entries()) {
      const value = field.choices[(answers.size + i) % field.choices.length]!.value;
      await tapFormChoice(phone.page, field, value);
      answers.set(field.name, value);
    }
  }
  await phone.page.getByRole("button", { name: "ส่งคำตอบ", exact: true }).tap();
  return { ...phone, landedOn, title, answers };
}

/**
 * More visitors at a counter, over HTTP as the survey page sends their answers to the round's link of that
 * counter (`roundUrl`, /s/…): varied answers (by `n`) started long before (their start stamp), so none is
 * flagged as noise.
 */
async function visitorsAnswer(roundUrl: string, ns: number[]): Promise<void> {
  for (const n of ns) {
    const response = await fetch(`${roundUrl}/answers`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers: makeAnswers("eit", (i, o) => (i + n) % o) })),
    });
    expect(response.status, `visitor ${n} at ${roundUrl}`).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, stored: true });
  }
}

/**
 * What waits in the answer pool of a round (issue 12): per answer set, its instrument, the token of the
 * link it came through and whether it was flagged as noise (the answers themselves are sealed).
 */
async function listWaiting(path: string, roundId: number) {
  return readDatabase(path, (db) =>
    db
      .selectFrom("answer_pool")
      .innerJoin("link", "link.id", "answer_pool.link_id")
      .where("answer_pool.round_id", "=", roundId)
      .select(["answer_pool.instrument as instrument", "link.token as token", "answer_pool.flagged as flagged"])
      .orderBy("answer_pool.instrument")
      .execute(),
  );
}

/** The token of a per-round survey link, from its URL (…/s/<token>). */
const tokenOf = (roundUrl: string) => new URL(roundUrl).pathname.split("/")[2]!;

/** Opens a round's dashboard and returns the counts its sample rows show. */
async function dashboardSamples(page: Page, origin: string, roundId: number): Promise<{ eit: string; iit: string }> {
  await page.goto(`${origin}/admin/rounds/${roundId}`);
  await page.getByRole("heading", { level: 1, name: /แดชบอร์ดผลการประเมิน/ }).waitFor();
  return { eit: await sampleCount(page, "eit"), iit: await sampleCount(page, "iit") };
}

/** The count a dashboard's sample row shows (data-testid sample-iit / sample-eit). */
async function sampleCount(page: Page, instrument: "iit" | "eit"): Promise<string> {
  return page.locator(`[data-testid="sample-${instrument}"] .dash-sample-count`).innerText();
}

/**
 * A refusal the test caused on purpose (a form answered 400), taken out of the page's problems: it
 * must be exactly that response and the console line Chromium writes for it, and nothing else.
 */
async function takeExpectedRefusal(problems: PageProblems, status: number, path: string): Promise<void> {
  const url = new RegExp(`^${status} http://[^/]+${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  expect(problems.failedResponses).toEqual([expect.stringMatching(url)]);
  await expect.poll(() => problems.consoleErrors.length).toBe(1);
  expect(problems.consoleErrors[0]).toMatch(new RegExp(`status of ${status} `));
  problems.failedResponses.length = 0;
  problems.consoleErrors.length = 0;
}

describe("a new agency's journey over two fiscal years (Chromium, built server)", { timeout: 300_000 }, () => {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  let databasePath = "";
  let operatorPassword = "";
  let files = "";

  /** What year one leaves for the next: the printed URL, the old round and its per-round EIT link. */
  let yearOne:
    | { adminPassword: string; roundId: number; posterUrl: string; posterCounter: string; eitToken: string; staffToken: string; port: number }
    | undefined;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    files = mkdtempSync(join(tmpdir(), "prongsai-journey-"));
    const t = await createTestDb();
    databasePath = t.path;
    operatorPassword = (await createOperator(t.db, OPERATOR, new Date())).password;
    // Only the handle: the file stays for the server (stopBrowserSuite removes its folder at the end).
    await t.db.destroy();
    // `start` as `npm start` runs a real installation: no demo agency, and it says how to begin.
    server = await startServer({ databasePath, command: "start", env: { DEMO_AGENCY: "off" } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await stopBrowserSuite({ browser, server, databasePath });
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it("year one: the operator creates the agency, its admin sets it up and prints posters, a visitor and a staff member answer", async () => {
    const url = server!.url;
    // The empty installation: the start printed how to create the first agency, and there is none.
    expect(server!.output()).toContain("The database has no agency yet (DEMO_AGENCY=off)");
    expect(await readDatabase(databasePath, (db) => db.selectFrom("organization").select("id").execute())).toEqual([]);

    // 1. The host operator creates the agency and reads its first admin's one-time password.
    const operator = await openWatchedPage(browser!, url, LAPTOP);
    await operator.page.goto(`${url}/operator`);
    await operator.page.waitForURL(/\/operator\/sign-in/);
    await operator.page.locator('input[name="username"]').fill(OPERATOR);
    await operator.page.locator('input[name="password"]').fill(operatorPassword);
    await operator.page.locator('button[type="submit"]').click();
    // The command line printed that password: the operator chooses their own first (issue 14).
    await operator.page.waitForURL((u) => u.pathname === "/operator/account");
    await operator.page.locator('input[name="current"]').fill(operatorPassword);
    await operator.page.locator('input[name="next"]').fill(OPERATOR_CHOSEN_PASSWORD);
    await operator.page.locator('input[name="confirm"]').fill(OPERATOR_CHOSEN_PASSWORD);
    await operator.page.getByRole("button", { name: "บันทึกรหัสผ่านใหม่" }).click();
    await operator.page.getByTestId("password-changed").waitFor();
    await operator.page.goto(`${url}/operator`);
    await operator.page.waitForURL((u) => u.pathname === "/operator");
    const createAgency = operator.page.locator("form", { has: operator.page.locator('button[name="intent"][value="create"]') });
    await createAgency.locator('input[name="slug"]').fill(SLUG);
    await createAgency.locator('input[name="nameTh"]').fill(SETTINGS.nameTh);
    await createAgency.locator('button[name="intent"][value="create"]').click();
    const secret = operator.page.locator("code.secret");
    await secret.waitFor();
    const adminPassword = (await secret.innerText()).trim();
    expect(adminPassword).toMatch(/^\S{12,}$/);
    expect(await operator.page.getByText(ADMIN).count()).toBeGreaterThan(0);
    await saveScreenshot(operator.page, "journey-01-operator-agency-created.png");
    expectNoProblems(operator.problems);
    await operator.context.close();

    // 2. The admin signs in and fills the settings with a logo.
    const admin = await openWatchedPage(browser!, url, LAPTOP);
    const { page } = admin;
    await page.goto(`${url}/sign-in`);
    await page.locator('input[name="username"]').fill(ADMIN);
    await page.locator('input[name="password"]').fill(adminPassword);
    await page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click();
    // The operator has seen that password: the admin must choose their own before anything else.
    await page.waitForURL((u) => u.pathname === "/admin/account");
    expect(await page.locator("html").getAttribute("lang")).toBe("th");
    await page.getByTestId("must-change").waitFor();
    await page.goto(`${url}/admin/settings`);
    await page.waitForURL((u) => u.pathname === "/admin/account");
    const choose = async (next: string) => {
      await page.locator('input[name="current"]').fill(adminPassword);
      await page.locator('input[name="next"]').fill(next);
      await page.locator('input[name="confirm"]').fill(next);
      await page.getByRole("button", { name: "บันทึกรหัสผ่านใหม่" }).click();
    };
    await choose("unbelievable"); // 12 letters, but among the most common: refused in Thai beside the field
    await page.locator("#next-error").waitFor();
    expect(await page.locator("#next-error").innerText()).toContain("ใช้กันมากที่สุด");
    await takeExpectedRefusal(admin.problems, 400, "/admin/account.data");
    await choose(ADMIN_CHOSEN_PASSWORD);
    await page.getByTestId("password-changed").waitFor();
    await saveScreenshot(page, "journey-02-password-chosen.png");
    await page.goto(`${url}/admin`);
    await page.waitForURL((u) => u.pathname === "/admin");

    await page.getByRole("navigation").getByRole("link", { name: "ตั้งค่าหน่วยงาน" }).click();
    await page.waitForURL((u) => u.pathname === "/admin/settings");
    const settingsForm = page.locator("form.settings-form");
    await settingsForm.waitFor();
    expect(await page.getByText("ยังไม่มีโลโก้").count()).toBe(1);
    for (const name of ["nameTh", "nameEn", "provinceTh", "districtTh", "contactTh", "contactEn"] as const) {
      await settingsForm.locator(`input[name="${name}"]`).fill(SETTINGS[name]);
    }
    await settingsForm.locator('select[name="type"]').selectOption(SETTINGS.type);
    const logoPath = join(files, "seal.png");
    writeFileSync(logoPath, DEMO_LOGO_PNG);
    await settingsForm.locator('input[name="logo"]').setInputFiles(logoPath);
    await settingsForm.getByRole("button", { name: "บันทึกการตั้งค่า" }).click();
    await expect.poll(() => page.getByRole("status").innerText()).toContain("บันทึกการตั้งค่าแล้ว");
    expect(await page.getByRole("status").innerText()).toContain("และเปลี่ยนโลโก้แล้ว");
    await expectImageLoaded(page, ".settings-logo img", "the settings page");
    const logoSrc = await page.locator(".settings-logo img").getAttribute("src");
    expect(logoSrc).toMatch(new RegExp(`^/logo/${SLUG}\\?v=`));
    for (const name of ["nameTh", "nameEn", "provinceTh", "districtTh", "contactTh", "contactEn"] as const) {
      expect(await settingsForm.locator(`input[name="${name}"]`).inputValue(), name).toBe(SETTINGS[name]);
    }
    expect(await settingsForm.locator('select[name="type"]').inputValue()).toBe(SETTINGS.type);
    await saveScreenshot(page, "journey-02-settings-saved.png");

    // A PDF renamed logo.png, with another name typed beside it: refused beside the logo field, nothing saved.
    const pdfPath = join(files, "logo.png");
    writeFileSync(pdfPath, "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    await settingsForm.locator('input[name="nameTh"]').fill("ชื่อที่ไม่ควรถูกบันทึก");
    await settingsForm.locator('input[name="logo"]').setInputFiles(pdfPath);
    await settingsForm.getByRole("button", { name: "บันทึกการตั้งค่า" }).click();
    const logoError = page.locator("#logo-error");
    await logoError.waitFor();
    expect(await logoError.innerText()).toBe("ไฟล์โลโก้ต้องเป็นรูปภาพ PNG หรือ JPEG (ตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์)");
    // Beside the logo field: inside its label, and the file input says it is the invalid one.
    expect(await page.locator("label", { has: page.locator('input[name="logo"]') }).locator("#logo-error").count()).toBe(1);
    expect(await settingsForm.locator('input[name="logo"]').getAttribute("aria-invalid")).toBe("true");
    await saveScreenshot(page, "journey-02-settings-pdf-refused.png");
    await takeExpectedRefusal(admin.problems, 400, "/admin/settings.data");
    // Nothing changed: the stored page still has the saved name and the same logo.
    await page.reload();
    await settingsForm.waitFor();
    expect(await settingsForm.locator('input[name="nameTh"]').inputValue()).toBe(SETTINGS.nameTh);
    expect(await page.locator(".settings-logo img").getAttribute("src")).toBe(logoSrc);
    await expectImageLoaded(page, ".settings-logo img", "the settings page after the refused PDF");

    // 3. A unit and two counters.
    await page.getByRole("navigation").getByRole("link", { name: "ส่วนราชการและจุดให้บริการ" }).click();
    await page.waitForURL((u) => u.pathname === "/admin/counters");
    const addUnit = page.locator("form", { has: page.locator('button[value="unit-create"]') });
    await addUnit.locator('input[name="nameTh"]').fill(UNIT);
    await addUnit.locator('input[name="nameEn"]').fill("Finance Division");
    await addUnit.locator('button[value="unit-create"]').click();
    const unitCard = page.locator("section.counter-unit", { has: page.getByRole("heading", { name: UNIT }) });
    await unitCard.waitFor();
    for (const [index, name] of COUNTERS.entries()) {
      // The form stays open after a counter is added (the page is the same): a second click would close it.
      const adder = unitCard.locator("details.counter-add");
      if (!(await adder.evaluate((d) => (d as HTMLDetailsElement).open))) await adder.locator("> summary").click();
      const addCounter = unitCard.locator("details.counter-add form");
      await addCounter.locator('input[name="nameTh"]').fill(name);
      await addCounter.locator('button[value="counter-create"]').click();
      await expect.poll(() => unitCard.locator("li.counter-row").count()).toBe(index + 1);
    }
    expect(await unitCard.locator("li.counter-row strong").allInnerTexts()).toEqual(COUNTERS);
    await saveScreenshot(page, "journey-03-counters.png");

    // 4. The FY 2570 round: today's fiscal year is the form's default; both counters, open IIT link.
    await page.getByRole("navigation").getByRole("link", { name: "รอบการประเมิน", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/admin");
    const createRound = page.locator("form", { has: page.locator('input[name="intent"][value="create"]') });
    expect(await createRound.locator('input[name="fiscalYear"]').inputValue()).toBe("2570");
    expect(await createRound.locator('input[name="startsOn"]').inputValue()).toBe("2026-10-01");
    expect(await createRound.locator('input[name="endsOn"]').inputValue()).toBe("2027-09-30");
    await createRound.locator('input[name="staffHeadCount"]').fill(String(HEAD_COUNT));
    await createRound.locator('input[name="accessMode"][value="open"]').check();
    for (const name of COUNTERS) {
      const box = createRound.getByRole("checkbox", { name });
      await box.check();
      expect(await box.isChecked()).toBe(true);
    }
    await createRound.getByRole("button", { name: "สร้างรอบการประเมิน" }).click();
    await page.waitForURL((u) => u.pathname === "/admin" && u.searchParams.has("created"));
    const roundId = Number(new URL(page.url()).searchParams.get("created"));
    expect(roundId).toBeGreaterThan(0);
    await page.getByRole("status").filter({ hasText: "สร้างรอบการประเมินแล้ว" }).waitFor();
    const roundCard = page.locator("section.card", { has: page.getByRole("heading", { name: /พ\.ศ\. 2570/ }) });
    expect(await roundCard.getByRole("heading").first().innerText()).toContain("(เปิดรับคำตอบ)");
    await saveScreenshot(page, "journey-04-round-created.png");

    // The links page: what the admin sees of the permanent links (the staff link is printed from here).
    await roundCard.getByRole("link", { name: "ลิงก์และ QR code" }).click();
    await page.waitForURL((u) => u.pathname === `/admin/rounds/${roundId}/links`);
    const staffCard = page.locator('section.link-card[data-instrument="iit"]');
    const staffUrl = await staffCard.getByTestId("permanent-url").innerText();
    expect(staffUrl).toMatch(new RegExp(`^${url}/staff/[A-Za-z0-9_-]+$`));
    const staffRoundUrl = await staffCard.getByTestId("survey-url").innerText();
    /** Counter name → its permanent URL and this round's own EIT link, as the links page shows them. */
    const counterLinks = new Map<string, { permanent: string; roundUrl: string }>();
    for (const card of await page.locator('section.link-card[data-instrument="eit"]').all()) {
      const name = (await card.locator("h3").evaluate((h) => h.firstChild?.textContent ?? "")).trim();
      counterLinks.set(name, { permanent: await card.getByTestId("permanent-url").innerText(), roundUrl: await card.getByTestId("survey-url").innerText() });
    }
    expect([...counterLinks.keys()].sort()).toEqual([...COUNTERS].sort());
    for (const { permanent, roundUrl } of counterLinks.values()) {
      expect(permanent).toMatch(new RegExp(`^${url}/c/[A-Za-z0-9_-]+$`));
      expect(roundUrl).toMatch(new RegExp(`^${url}/s/[A-Za-z0-9_-]+$`));
    }
    await saveScreenshot(page, "journey-04-links.png");

    // 5. The posters: one per counter, each with the logo, its QR code the counter's permanent URL.
    const postersHref = await page.getByRole("link", { name: "พิมพ์โปสเตอร์ QR ทุกจุดให้บริการ" }).getAttribute("href");
    expect(postersHref).toBe(`/admin/rounds/${roundId}/posters`);
    await page.goto(`${url}${postersHref}`);
    await page.locator(".poster").first().waitFor();
    expect(await page.getByTestId("poster-count").innerText()).toBe("2");
    const posters = page.locator("article.poster");
    expect(await posters.count()).toBe(2);
    await expectImageLoaded(page, "article.poster .poster-logo", "the posters");
    await saveScreenshot(page, "journey-05-posters.png");
    const printedUrls = new Map<string, string>();
    for (let i = 0; i < 2; i++) {
      const poster = posters.nth(i);
      const counter = await poster.locator(".poster-counter").innerText();
      expect(await poster.locator(".poster-org").innerText()).toBe(SETTINGS.nameTh);
      const shot = join(SCREENSHOTS, `journey-05-poster-${i + 1}.png`);
      await poster.screenshot({ path: shot });
      const decoded = decodeQr(shot);
      expect(decoded, `the QR code of ${counter}`).toEqual([counterLinks.get(counter)?.permanent]);
      // The URL printed under the QR code is the same one, without its scheme.
      expect(`http://${await poster.getByTestId("poster-url").innerText()}`).toBe(decoded[0]);
      printedUrls.set(counter, decoded[0]!);
    }
    expect([...printedUrls.keys()].sort()).toEqual([...COUNTERS].sort());
    expectNoProblems(admin.problems);

    // 6. A visitor at the first counter scans its poster with a phone and answers the EIT.
    const posterCounter = COUNTERS[0]!;
    const posterUrl = printedUrls.get(posterCounter)!;
    const eitRoundUrl = counterLinks.get(posterCounter)!.roundUrl;
    const visitor = await answerOnPhone(browser!, url, posterUrl, "eit", { page: 1, name: "journey-06-visitor-question.png" });
    // The permanent link sent the visitor to this round's link of that counter.
    expect(visitor.landedOn).toBe(eitRoundUrl);
    expect(visitor.title).toContain(posterCounter);
    expect(visitor.answers.size).toBe(19);
    await visitor.page.waitForURL((u) => u.href.startsWith(`${eitRoundUrl}/thanks`));
    await visitor.page.getByRole("heading", { level: 1, name: "ขอบคุณที่ตอบแบบสอบถาม" }).waitFor();
    expect(await visitor.page.getByTestId("agency-contact").innerText()).toBe(SETTINGS.contactTh);
    expect(await visitor.page.getByTestId("eit-group-note").innerText()).toContain("เมื่อจุดให้บริการนี้มีผู้ตอบครบกลุ่มละ 5 คน");
    await saveScreenshot(visitor.page, "journey-06-visitor-thanks.png");
    expectNoProblems(visitor.problems);
    await visitor.context.close();

    // 7. A staff member opens the permanent staff link on a phone and answers the IIT.
    const staff = await answerOnPhone(browser!, url, staffUrl, "iit", { page: 0, name: "journey-07-staff-first-page.png" });
    expect(staff.landedOn).toBe(staffRoundUrl);
    expect(staff.answers.size).toBe(51);
    await staff.page.waitForURL((u) => u.href.startsWith(`${staffRoundUrl}/thanks`));
    await staff.page.getByRole("heading", { level: 1, name: "ขอบคุณที่ตอบแบบสอบถาม" }).waitFor();
    expect(await staff.page.getByTestId("agency-contact").innerText()).toBe(SETTINGS.contactTh);
    expect(await staff.page.getByTestId("iit-group-note").innerText()).toContain("ครบกลุ่มละ 5 คน");
    await saveScreenshot(staff.page, "journey-07-staff-thanks.png");
    expectNoProblems(staff.problems);
    await staff.context.close();

    // 8. Both answers wait, sealed, each for its group of five: the visitor's at the counter's link of this
    // round, the staff member's in the round's IIT group; both counted (not flagged). The dashboard shows neither.
    const eitToken = tokenOf(eitRoundUrl);
    const staffToken = tokenOf(staffRoundUrl);
    expect(await listWaiting(databasePath, roundId)).toEqual([
      { instrument: "eit", token: eitToken, flagged: 0 },
      { instrument: "iit", token: staffToken, flagged: 0 },
    ]);
    expect(await dashboardSamples(page, url, roundId)).toEqual({ eit: "0", iit: "0" });

    // Three more visitors at that counter: four wait, still nothing shows. The fifth completes the group,
    // and the dashboard counts the five EIT answers at once; the IIT answer still waits for its group.
    await visitorsAnswer(eitRoundUrl, [1, 2, 3]);
    expect((await listWaiting(databasePath, roundId)).filter((w) => w.token === eitToken)).toHaveLength(4);
    expect(await dashboardSamples(page, url, roundId)).toEqual({ eit: "0", iit: "0" });
    await visitorsAnswer(eitRoundUrl, [4]);
    expect(await listWaiting(databasePath, roundId)).toEqual([{ instrument: "iit", token: staffToken, flagged: 0 }]);
    expect(await readDatabase(databasePath, (db) => countResponses(db, roundId, "eit"))).toBe(5);
    expect(await dashboardSamples(page, url, roundId)).toEqual({ eit: "5", iit: "0" });
    // The screen's worth (the counts are there): with so few answers the full page is a long list of weak areas.
    await saveScreenshot(page, "journey-08-dashboard.png", { fullPage: false });
    expectNoProblems(admin.problems);
    await admin.context.close();

    yearOne = {
      adminPassword,
      roundId,
      posterUrl,
      posterCounter,
      eitToken,
      staffToken,
      port: server!.port,
    };
  });

  it("the next fiscal year: a round started from the last one, the same poster URL records into it, the closed round refuses answers (410, no row)", async () => {
    if (!yearOne) throw new Error("year one did not finish: nothing to carry into the next fiscal year");
    // The same installation next October: the server started again on the same database and address
    // (the posters print it), its clock in FY 2571.
    await server!.stop();
    server = undefined;
    server = await startServer({
      databasePath,
      command: "start",
      port: yearOne.port,
      env: { DEMO_AGENCY: "off", ...shiftedClockEnv(NEXT_YEAR) },
    });
    const url = server.url;

    const admin = await openWatchedPage(browser!, url, LAPTOP);
    const { page } = admin;
    await page.goto(`${url}/sign-in`);
    await page.locator('input[name="username"]').fill(ADMIN);
    await page.locator('input[name="password"]').fill(ADMIN_CHOSEN_PASSWORD);
    await page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/admin");

    // The FY 2570 round, closed by the admin if it still shows open (its period ended on 30 September).
    const oldCard = page.locator("section.card", { has: page.getByRole("heading", { name: /พ\.ศ\. 2570/ }) });
    const oldHeading = oldCard.getByRole("heading").first();
    if ((await oldHeading.innerText()).includes("(เปิดรับคำตอบ)")) {
      await oldCard.getByRole("button", { name: "ปิดรอบนี้" }).click();
      await page.waitForURL((u) => u.searchParams.get("closed") === String(yearOne!.roundId));
      await page.getByRole("status").filter({ hasText: "ปิดรอบการประเมินแล้ว" }).waitFor();
    }
    expect(await oldHeading.innerText()).toContain("(ปิดแล้ว)");

    // The create form starts from the previous round: the server's clock says FY 2571.
    const createRound = page.locator("form", { has: page.locator('input[name="intent"][value="create"]') });
    expect(await createRound.locator('input[name="fiscalYear"]').inputValue()).toBe("2571");
    expect(await createRound.locator('input[name="startsOn"]').inputValue()).toBe("2027-10-01");
    expect(await createRound.locator('input[name="staffHeadCount"]').inputValue()).toBe(String(HEAD_COUNT));
    for (const name of COUNTERS) expect(await createRound.getByRole("checkbox", { name }).isChecked(), name).toBe(true);
    const fromPrevious = createRound.getByRole("checkbox", { name: /เริ่มจากรอบก่อนหน้า/ });
    await fromPrevious.check();
    expect(await fromPrevious.isChecked()).toBe(true);
    await createRound.getByRole("button", { name: "สร้างรอบการประเมิน" }).click();
    await page.waitForURL((u) => u.pathname === "/admin" && u.searchParams.has("created"));
    const newRoundId = Number(new URL(page.url()).searchParams.get("created"));
    expect(newRoundId).not.toBe(yearOne.roundId);
    await page.getByRole("status").filter({ hasText: "สร้างรอบการประเมินแล้ว" }).waitFor();
    const newCard = page.locator("section.card", { has: page.getByRole("heading", { name: /พ\.ศ\. 2571/ }) });
    expect(await newCard.getByRole("heading").first().innerText()).toContain("(เปิดรับคำตอบ)");
    expect(await oldHeading.innerText()).toContain("(ปิดแล้ว)");
    await saveScreenshot(page, "journey-09-next-year-rounds.png");

    // The new round's own link of the poster's counter, as its links page shows it.
    await page.goto(`${url}/admin/rounds/${newRoundId}/links`);
    const newCounterCard = page.locator('section.link-card[data-instrument="eit"]', { has: page.getByRole("heading", { name: yearOne.posterCounter }) });
    expect(await newCounterCard.getByTestId("permanent-url").innerText()).toBe(yearOne.posterUrl);
    const newRoundUrl = await newCounterCard.getByTestId("survey-url").innerText();
    expect(newRoundUrl).not.toContain(yearOne.eitToken);

    // The visitor scans the same poster: the same URL, now into the FY 2571 round.
    const visitor = await answerOnPhone(browser!, url, yearOne.posterUrl, "eit");
    expect(visitor.landedOn).toBe(newRoundUrl);
    expect(visitor.answers.size).toBe(19);
    await visitor.page.waitForURL((u) => u.href.startsWith(`${newRoundUrl}/thanks`));
    await visitor.page.getByRole("heading", { level: 1, name: "ขอบคุณที่ตอบแบบสอบถาม" }).waitFor();
    expect(await visitor.page.getByTestId("eit-group-note").innerText()).toContain("ครบกลุ่มละ 5 คน");
    await saveScreenshot(visitor.page, "journey-10-visitor-next-year-thanks.png");
    expectNoProblems(visitor.problems);
    await visitor.context.close();

    // The answer went to the new round: it waits at the new round's link of that counter (one of five).
    const newToken = tokenOf(newRoundUrl);
    expect(await listWaiting(databasePath, newRoundId)).toEqual([{ instrument: "eit", token: newToken, flagged: 0 }]);
    expect(await dashboardSamples(page, url, newRoundId)).toEqual({ eit: "0", iit: "0" });
    // Four more visitors at that counter this year: the new round counts its five.
    await visitorsAnswer(newRoundUrl, [1, 2, 3, 4]);
    expect(await listWaiting(databasePath, newRoundId)).toEqual([]);
    expect(await dashboardSamples(page, url, newRoundId)).toEqual({ eit: "5", iit: "0" });
    await saveScreenshot(page, "journey-11-dashboard-2571.png", { fullPage: false });
    // The old round still counts exactly its own five; its staff member's answer still waits: the round
    // closed before a group of five was complete.
    expect(await dashboardSamples(page, url, yearOne.roundId)).toEqual({ eit: "5", iit: "0" });
    expect(await listWaiting(databasePath, yearOne.roundId)).toEqual([{ instrument: "iit", token: yearOne.staffToken, flagged: 0 }]);
    expectNoProblems(admin.problems);
    await admin.context.close();

    // An answer posted to the closed round's own link, as the survey page sends one: 410, no row.
    // Responses and tallies, everything kept (the pool too), and the old round's responses.
    const counts = async (db: Db) => ({ ...(await countRows(db)), kept: await countKept(db), oldRound: await countResponses(db, yearOne!.roundId) });
    const before = await readDatabase(databasePath, counts);
    expect(before.oldRound).toBe(5);
    const refused = await fetch(`${url}/s/${yearOne.eitToken}/answers`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers: makeAnswers("eit") })),
    });
    expect(refused.status).toBe(410);
    const body = (await refused.json()) as { message?: string };
    expect(body.message).toMatch(/[\u0E00-\u0E7F]/);
    expect(await readDatabase(databasePath, counts)).toEqual(before);
  });
});
