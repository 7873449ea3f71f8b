/**
 * The published report in Chromium and as the server's PDF, against the BUILT server, on the demo agency
 * (a year of answers, a checked OIT checklist failing the reference document's items) with the
 * reference document's ten scores entered as the official result of the round's fiscal year, and a
 * measure added and then edited through the measures page's own form posts (multi-line Thai text).
 *
 * The page: signed in as a viewer, Sarabun loaded, no page error and no request leaving the server; the
 * toolbar is hidden in print. The PDF (GET report.pdf, rendered by the server's Chromium): A4 pages,
 * converted to PNG with poppler's pdftoppm into test-results/report-pdf/ for a person to look at (Thai
 * marks, whole tables, the measures table), and its text (pdftotext) holds the agency, ๗๗.๙๙ and every
 * field of the edited measure. Without Chromium the PDF answers 503 with a Thai message, not a 500.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRoundWithOrganization } from "../../db/queries/rounds";
import { type SignedIn, signInOverHttp } from "../support/accounts";
import { expectAccessible } from "../support/axe";
import { stopBrowserSuite } from "../support/browser";
import { startDemoBrowserSuite } from "../support/demo-suite";
import { expectNoProblems, watchPage } from "../support/page-problems";
import { ROOT } from "../support/paths";
import { saveScreenshot } from "../support/screenshots";
import { REFERENCE_SCORES_2565 as REFERENCE } from "../support/reference-scores";
import { type RunningServer, startServer } from "../support/server";

const PDF_DIR = join(ROOT, "test-results", "report-pdf");
const LAPTOP = { viewport: { width: 1280, height: 900 } } as const;

/** The measure as first written, then as edited: every field changes, steps and follow-up span lines. */
const FIRST = {
  title: "การปรับปรุงช่องทางการติดต่อและการถามตอบ",
  steps: ["ปรับปรุงข้อมูลการติดต่อกับเทศบาล", "เพิ่มช่องทางการถามตอบข้อมูลต่าง ๆ"],
  period: "ตลอดปี",
  dueOn: "",
  followUp: "รายงานผลการดำเนินงานให้ผู้บริหารได้รับทราบ",
  status: "planned",
  targets: ["8"],
};
const EDITED = {
  title: "การเปิดเผยผลการจัดซื้อจัดจ้างและการปรับปรุงการให้บริการอย่างโปร่งใส",
  steps: [
    "สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.๑)\nให้ครบทุกเดือนตั้งแต่ตุลาคม",
    "แจ้งขั้นตอนและระยะเวลาแล้วเสร็จของงานบริการ\nที่จุดให้บริการทุกจุด และบนเว็บไซต์หลัก",
    "สำรวจความพึงพอใจของผู้รับบริการทุกไตรมาส",
  ],
  period: "ม.ค.–มี.ค. และตลอดปีงบประมาณ",
  dueOn: "2026-03-31",
  followUp: "รายงานผู้บริหารทุกเดือน\nเผยแพร่ผ่านเว็บไซต์หลักของเทศบาล (ติดตามทางเว็บไซต์หลัก)",
  status: "in-progress",
  targets: ["8", "e15", "o23"],
};

let databasePath = "";
let server: RunningServer;
let browser: Browser;
let manager: SignedIn;
let viewer: SignedIn;
let roundId = 0;
let fiscalYear = 0;
let agencyName = "";
let unitIds: number[] = [];
let measureId = 0;

beforeAll(async () => {
  ({ databasePath, roundId, server, browser } = await startDemoBrowserSuite({
    users: { "report-manager": "manager", "report-viewer": "viewer" },
    prepare: async ({ db, roundId: demoRoundId, organization }) => {
      agencyName = organization.name_th;
      fiscalYear = (await getRoundWithOrganization(db, demoRoundId))!.fiscalYear;
      unitIds = (await db.selectFrom("unit").where("organization_id", "=", organization.id).select("id").orderBy("id").execute()).map((u) => u.id);
    },
  }));
  manager = await signInOverHttp(server.url, "report-manager");
  viewer = await signInOverHttp(server.url, "report-viewer");
  rmSync(PDF_DIR, { recursive: true, force: true });
  mkdirSync(PDF_DIR, { recursive: true });
});

afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

function post(path: string, signedIn: SignedIn, fields: [string, string][]) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { cookie: signedIn.cookie },
    body: new URLSearchParams([["csrf", signedIn.csrf], ...fields]),
    redirect: "manual",
  });
}

function measureFields(measure: typeof FIRST, units: number[]): [string, string][] {
  return [
    ["title", measure.title],
    ...measure.steps.map((s): [string, string] => ["step", s.replace(/\n/g, "\r\n")]), // as a browser posts a textarea
    ...units.map((u): [string, string] => ["unit", String(u)]),
    ["period", measure.period],
    ["dueOn", measure.dueOn],
    ["followUp", measure.followUp.replace(/\n/g, "\r\n")],
    ["status", measure.status],
    ...measure.targets.map((c): [string, string] => ["target", c]),
  ];
}

async function signedInContext(signedIn: SignedIn): Promise<BrowserContext> {
  const context = await browser.newContext(LAPTOP);
  const at = signedIn.cookie.indexOf("=");
  await context.addCookies([{ name: signedIn.cookie.slice(0, at), value: signedIn.cookie.slice(at + 1), url: server.url }]);
  return context;
}

async function fetchPdf(query: string): Promise<Buffer> {
  const response = await fetch(`${server.url}/admin/rounds/${roundId}/report.pdf${query}`, { headers: { cookie: viewer.cookie } });
  expect(response.status, await response.clone().text().catch(() => "")).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pdf");
  expect(response.headers.get("content-disposition")).toMatch(/^inline; filename="ita-measures-\d{4}\.pdf"/);
  return Buffer.from(await response.arrayBuffer());
}

/** Writes the PDF, converts it to PNG pages (poppler's pdftoppm at 80 dpi) and returns the page files and its text. */
function convertPdf(pdf: Buffer, name: string): { pages: string[]; text: string } {
  const file = join(PDF_DIR, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-r", "80", "-png", file, join(PDF_DIR, name)]);
  const pages = readdirSync(PDF_DIR)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png"))
    .sort()
    .map((f) => join(PDF_DIR, f));
  // -raw: in the order the page drew the text, so a table's cells do not interleave.
  const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  return { pages, text };
}

/** Thai has no spaces between words and a PDF wraps lines anywhere: compare texts without whitespace. */
function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => "๐๑๒๓๔๕๖๗๘๙"[Number(d)]!);
}

async function rowText(page: Page, id: number): Promise<string> {
  return page.locator(`[data-measure="${id}"]`).innerText();
}

describe("the published report", () => {
  it("enters the reference result for the round's year and adds a measure through the pages' forms", async () => {
    const official = await post("/admin/official-results", manager, [
      ["intent", "save"],
      ["frameworkId", "ita-2565"],
      ["fiscalYear", String(fiscalYear)],
      ...Object.entries(REFERENCE).map(([code, score]): [string, string] => [`score_${code}`, score]),
    ]);
    expect(official.status).toBe(302);

    const created = await post(`/admin/rounds/${roundId}/measures/edit`, manager, [["intent", "create"], ...measureFields(FIRST, unitIds.slice(0, 1))]);
    expect(created.status, await created.clone().text()).toBe(302);
    measureId = Number(/saved=(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
    expect(measureId).toBeGreaterThan(0);
  });

  it("opens in Chromium for a viewer: Sarabun, the result in Thai digits, the measure; toolbar hidden in print", async () => {
    const context = await signedInContext(viewer);
    const page = await context.newPage();
    const problems = watchPage(page, server.url);
    const response = await page.goto(`${server.url}/admin/rounds/${roundId}/report?source=official`);
    expect(response?.status()).toBe(200);
    await page.evaluate(() => document.fonts.ready);
    await expect.poll(() => page.evaluate(() => document.fonts.check('16px "Sarabun"', "ก่"))).toBe(true);
    await expect.poll(() => page.evaluate(() => document.fonts.check('600 16px "Sarabun"', "ที่"))).toBe(true);
    expect(await page.locator("h1").innerText()).toBe(`มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ${toThaiDigits(String(fiscalYear))}`);
    expect(await page.getByTestId("report-result").innerText()).toContain("มีผลคะแนน ๗๗.๙๙ อยู่ในระดับ B");
    expect(await page.getByTestId("report-source").innerText()).toContain("ผลการประเมินอย่างเป็นทางการ");
    expect(await page.locator('[data-indicator="4"]').getAttribute("data-weak")).toBe("true");
    expect(await page.locator('[data-indicator="8"]').getAttribute("data-weak")).toBe("true");
    expect(await rowText(page, measureId)).toContain(FIRST.title);
    await saveScreenshot(page, "report-screen.png");
    await expectAccessible(page, "the report page");

    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".report-toolbar").evaluate((el) => getComputedStyle(el).display)).toBe("none");
    expect(await page.locator(".report-table tr").first().evaluate((el) => getComputedStyle(el).breakInside)).toBe("avoid");
    expect(await page.locator(".report-table thead").first().evaluate((el) => getComputedStyle(el).display)).toBe("table-header-group");
    expectNoProblems(problems);
    await context.close();
  });

  it("prints the demo round's PDF on the server: A4 pages, the agency, ๗๗.๙๙, the measure", async () => {
    const pdf = await fetchPdf("?source=official");
    const { pages, text } = convertPdf(pdf, "official-th");
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const info = execFileSync("pdfinfo", [join(PDF_DIR, "official-th.pdf")], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(pages.length);
    expect(text).toContain(agencyName);
    expect(squash(text)).toContain("มีผลคะแนน๗๗.๙๙อยู่ในระดับB");
    expect(squash(text)).toContain(squash(FIRST.title));
    // The measures table's header is printed (and repeated on every page it spans).
    expect(squash(text)).toContain("มาตรการ/แนวทางวิธีการดำเนินการผู้รับผิดชอบ");

    // Arabic digits and English print too.
    const english = convertPdf(await fetchPdf("?source=official&lang=en"), "official-en").text;
    expect(squash(english)).toContain(squash("scored 77.99, level B"));
    expect(english).not.toMatch(/[๐-๙]{2}/);
  });

  it("keeps every field of an edited measure, multi-line Thai text included, on the page and in the PDF", async () => {
    const edited = await post(`/admin/rounds/${roundId}/measures/edit`, manager, [["intent", "update"], ["measureId", String(measureId)], ...measureFields(EDITED, unitIds)]);
    expect(edited.status, await edited.clone().text()).toBe(302);

    const context = await signedInContext(viewer);
    const page = await context.newPage();
    const problems = watchPage(page, server.url);
    await page.goto(`${server.url}/admin/rounds/${roundId}/report?source=official`);
    await page.reload();
    await page.evaluate(() => document.fonts.ready);
    const row = await rowText(page, measureId);
    const thai = (s: string) => toThaiDigits(s);
    expect(row).toContain(EDITED.title);
    expect(row).not.toContain(FIRST.title);
    // Line breaks typed in a step or the follow-up stay line breaks (innerText keeps rendered breaks).
    for (const [n, step] of EDITED.steps.entries()) {
      for (const line of step.split("\n")) expect(row).toContain(thai(line));
      expect(row).toContain(`${thai(String(n + 1))}.`);
    }
    expect(row).toContain(thai(EDITED.steps[0]!));
    expect(row).toContain(EDITED.followUp);
    expect(row).toContain(EDITED.period);
    expect(row).toContain("กำหนดแล้วเสร็จ ๓๑ มีนาคม ๒๕๖๙");
    expect(row).toContain("สถานะ: กำลังดำเนินการ");
    expect(row).toContain("ตัวชี้วัดที่ ๘ การปรับปรุงการทำงาน");
    expect(row).toContain("e15");
    expect(row).toContain("o23");
    const units = await page.locator(`[data-measure="${measureId}"] td:nth-child(3) p`).allInnerTexts();
    expect(units.length).toBe(unitIds.length);
    await page.locator(`[data-measure="${measureId}"]`).scrollIntoViewIfNeeded();
    await saveScreenshot(page, "report-measures-screen.png");
    expectNoProblems(problems);
    await context.close();

    // The edit form shows what was saved, line breaks included.
    const form = await (await fetch(`${server.url}/admin/rounds/${roundId}/measures/edit?measure=${measureId}`, { headers: { cookie: manager.cookie } })).text();
    expect(form).toContain(EDITED.steps[1]);
    expect(form).toContain(EDITED.followUp);

    // Printed again: the PDF holds every field.
    const { pages, text } = convertPdf(await fetchPdf("?source=official"), "edited-th");
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const flat = squash(text);
    for (const part of [EDITED.title, ...EDITED.steps, EDITED.period, EDITED.followUp, "กำหนดแล้วเสร็จ ๓๑ มีนาคม ๒๕๖๙", "สถานะ: กำลังดำเนินการ"]) {
      expect(flat).toContain(squash(thai(part)));
    }
    expect(flat).not.toContain(squash(FIRST.title));
  });

  it("answers 404 for a round that is not the agency's and 400 for an unknown choice, before any Chromium starts", async () => {
    const response = await fetch(`${server.url}/admin/rounds/${roundId + 1000}/report.pdf`, { headers: { cookie: viewer.cookie } });
    expect(response.status).toBe(404);
    const bad = await fetch(`${server.url}/admin/rounds/${roundId}/report.pdf?digits=roman`, { headers: { cookie: viewer.cookie } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("ค่า digits ต้องเป็น thai หรือ arabic");
    const badPage = await fetch(`${server.url}/admin/rounds/${roundId}/report?source=guess`, { headers: { cookie: viewer.cookie } });
    expect(badPage.status).toBe(400);
  });
});

describe("without Chromium", () => {
  it("answers 503 with a clear Thai and English message, not a 500", async () => {
    const other = await startServer({ databasePath, env: { CHROMIUM_PATH: "/nonexistent/chromium" } });
    try {
      const signedIn = await signInOverHttp(other.url, "report-viewer");
      const response = await fetch(`${other.url}/admin/rounds/${roundId}/report.pdf`, { headers: { cookie: signedIn.cookie } });
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain("ยังไม่ได้ติดตั้งโปรแกรม Chromium");
      expect(html).toContain("This server has no Chromium");
      expect(html).toContain(`/admin/rounds/${roundId}/report?`);
      // The printable page itself still works.
      const page = await fetch(`${other.url}/admin/rounds/${roundId}/report`, { headers: { cookie: signedIn.cookie } });
      expect(page.status).toBe(200);
    } finally {
      await other.stop();
    }
  });
});
