/**
 * The round dashboard in Chromium against the BUILT server (ARCHITECTURE.md §3.8), on the demo agency
 * plus a fourth counter with 3 answers (hidden below k = 5, with its complement). A signed-in viewer
 * comes through the sign-in form and sees the charts drawn (each canvas has painted pixels, in the level colours of the badges, with Sarabun loaded for the Thai labels), the weak areas
 * listed (asset borrowing i20, indicator 8 work improvement), on a laptop and on a phone without
 * sideways scrolling of the page, in Thai and in English; no page error, no console error, no request
 * leaving the server. Another agency's round and a bad id answer 404. Screenshots go to
 * test-results/screenshots/dashboard-*.png for a person to look at.
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertLink } from "../../db/queries/links";
import { insertCounter, insertUnit } from "../../db/queries/organizations";
import { getRoundWithOrganization } from "../../db/queries/rounds";
import { getFramework } from "../../app/lib/frameworks.server";
import { storeResponse } from "../../app/services/submit-response.server";
import { signInOverHttp } from "../support/accounts";
import { expectAccessible } from "../support/axe";
import { LAPTOP, openWatchedPage, PHONE, stopBrowserSuite } from "../support/browser";
import { signInThroughForm, startDemoBrowserSuite } from "../support/demo-suite";
import { createRoundFixture, makeAnswers, newSubmissionId } from "../support/fixtures";
import { expectNoHorizontalOverflow } from "../support/layout";
import { expectNoProblems } from "../support/page-problems";
import { saveScreenshot } from "../support/screenshots";
import type { RunningServer } from "../support/server";

const USERNAME = "mayor";
const SMALL_COUNTER_ANSWERS = 3;

const CHARTS = ["indicator-chart", "counter-chart", "monthly-chart"] as const;

interface CanvasPaint {
  width: number;
  height: number;
  /** Pixels with any opacity: Chart.js leaves the background transparent. */
  painted: number;
  /** Painted pixels per colour of interest (within a small tolerance: anti-aliasing). */
  colours: Record<string, number>;
}

/** Reads the pixels of the chart under `[data-testid=testId]` (getImageData: what was really drawn). */
async function readCanvas(page: Page, testId: string, colours: string[]): Promise<CanvasPaint> {
  return page.locator(`[data-testid="${testId}"] canvas`).evaluate((element, hexes) => {
    const canvas = element as HTMLCanvasElement;
    const context = canvas.getContext("2d");
    if (!context || canvas.width === 0 || canvas.height === 0) return { width: canvas.width, height: canvas.height, painted: 0, colours: {} };
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const wanted = hexes.map((hex) => [hex, Number.parseInt(hex.slice(1, 3), 16), Number.parseInt(hex.slice(3, 5), 16), Number.parseInt(hex.slice(5, 7), 16)] as const);
    const counts: Record<string, number> = Object.fromEntries(hexes.map((h) => [h, 0]));
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! === 0) continue;
      painted += 1;
      if (data[i + 3]! < 250) continue;
      for (const [hex, r, g, b] of wanted) {
        if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 12) counts[hex]! += 1;
      }
    }
    return { width: canvas.width, height: canvas.height, painted, colours: counts };
  }, colours);
}

/** Waits until every chart has painted a good share of pixels (fonts load first, see use-chart.ts). */
async function expectChartsDrawn(page: Page, where: string) {
  for (const chart of CHARTS) {
    await expect
      .poll(async () => (await readCanvas(page, chart, [])).painted, { timeout: 15_000, message: `${chart} drawn on ${where}` })
      .toBeGreaterThan(3_000);
  }
}

describe("the round dashboard (Chromium, built server)", { timeout: 120_000 }, () => {
  let databasePath = "";
  let roundId = 0;
  let otherRoundId = 0;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const framework = getFramework("ita-2565");
  const levelColour = (code: string) => framework.levels.find((l) => l.code === code)!.color;

  beforeAll(async () => {
    ({ databasePath, roundId, server, browser } = await startDemoBrowserSuite({
      users: { [USERNAME]: "viewer" },
      prepare: async ({ db, roundId: demoRoundId, organization: demo }) => {
        // A fourth counter with 3 answers only: hidden, and with it the smallest other counter (60).
        const unitId = await insertUnit(db, { organization_id: demo.id, name_th: "กองสาธารณสุข", name_en: "Public Health Division", created_at: "2026-01-01" });
        const counterId = await insertCounter(db, {
          organization_id: demo.id,
          unit_id: unitId,
          name_th: "จุดบริการนอกสถานที่",
          name_en: "Mobile service point",
          created_at: "2026-01-01",
        });
        const linkId = await insertLink(db, { round_id: demoRoundId, instrument: "eit", counter_id: counterId, token: "smallcounterxxxxxxxx", created_at: "2026-01-01" });
        const round = await getRoundWithOrganization(db, demoRoundId);
        if (!round) throw new Error("no demo round");
        for (let n = 0; n < SMALL_COUNTER_ANSWERS; n++) {
          await storeResponse(db, {
            submissionId: newSubmissionId(),
            roundId: demoRoundId,
            linkId,
            instrument: "eit",
            frameworkId: "ita-2565",
            answeredOn: round.startsOn,
            answers: makeAnswers("eit", (i) => i + n),
          });
        }
        otherRoundId = (await createRoundFixture(db, "other-agency")).roundId;
      },
    }));
  });

  afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

  /** Opens the dashboard signed out, is sent to the sign-in form, signs in there, and comes back. */
  async function signInAndOpen(options: BrowserContextOptions) {
    if (!browser || !server) throw new Error("not started");
    const { context, page, problems } = await openWatchedPage(browser, server.url, options);
    const path = `/admin/rounds/${roundId}`;
    await page.goto(`${server.url}${path}`);
    await signInThroughForm(page, USERNAME);
    await page.waitForURL((url) => url.pathname === path);
    await page.getByRole("heading", { level: 1, name: /แดชบอร์ดผลการประเมิน/ }).waitFor({ state: "visible" });
    return { context, page, problems };
  }

  it("on a laptop: charts drawn in the level colours, weak areas, sample, counters, months, links", async () => {
    const { context, page, problems } = await signInAndOpen(LAPTOP);
    try {
      expect(await page.locator("html").getAttribute("lang")).toBe("th");
      await expectChartsDrawn(page, "the laptop");
      // Sarabun is loaded for Thai, so the canvas labels are drawn in it (use-chart.ts waits for it).
      expect(await page.evaluate(() => document.fonts.check('14px "Sarabun"', "การใช้ทรัพย์สินของราชการ"))).toBe(true);

      // The bars are coloured like the badges: the demo has indicators at A (e.g. 1) and C (8, work improvement).
      const indicatorPaint = await readCanvas(page, "indicator-chart", [levelColour("A"), levelColour("C")]);
      expect(indicatorPaint.colours[levelColour("A")], "A-level bars").toBeGreaterThan(500);
      expect(indicatorPaint.colours[levelColour("C")], "C-level bar of indicator 8").toBeGreaterThan(200);

      // The demo's OIT checklist is fully checked (app/seed/demo-agency.server.ts): the total is the full ITA score, OIT is
      // scored (73.41 as in the reference document) and its progress says 43 of 43.
      expect(await page.getByTestId("total-score").innerText()).toMatch(/^\d{2,3}\.\d{2}$/);
      expect(await page.locator(".dash-total-label").innerText()).toBe("คะแนนรวม ITA");
      expect(await page.getByText("ยังไม่ได้ประเมิน OIT", { exact: false }).count()).toBe(0);
      expect(await page.getByTestId("instrument-oit").innerText()).toContain("73.41");
      expect(await page.getByTestId("instrument-oit-progress").innerText()).toContain("ตรวจ OIT แล้ว 43 จาก 43 ข้อ");

      // Weak areas: i20 (asset borrowing) with its full question, and indicator 8.
      const weak = page.getByTestId("weak-areas");
      const i20 = weak.locator('li[data-code="i20"]');
      await expect(i20.isVisible()).resolves.toBe(true);
      expect(await i20.innerText()).toContain("ขั้นตอนการขออนุญาตเพื่อยืมทรัพย์สินของราชการ");
      await expect(weak.locator('li[data-kind="indicator"][data-code="8"]').isVisible()).resolves.toBe(true);
      expect(await weak.locator('li[data-kind="indicator"][data-code="8"]').innerText()).toContain("การปรับปรุงการทำงาน");
      expect(await weak.locator("li").count()).toBeGreaterThanOrEqual(3);
      // Grouped by what fixes them: indicators, then questions, then the OIT items not met (which, at
      // score 0, would otherwise all come before the first indicator).
      const groups = await weak.locator(".dash-weak-group").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-group")));
      expect(groups).toEqual(["weakIndicators", "weakQuestions", "weakChecklist"]);
      const kindsIn = async (group: string) =>
        new Set(await weak.locator(`[data-group="${group}"] li`).evaluateAll((items) => items.map((i) => i.getAttribute("data-kind"))));
      expect(await kindsIn("weakIndicators")).toEqual(new Set(["indicator"]));
      expect([...(await kindsIn("weakQuestions"))].every((kind) => kind === "item" || kind === "field")).toBe(true);
      await expect(weak.locator('[data-group="weakQuestions"] li[data-code="i20"]').isVisible()).resolves.toBe(true);
      expect(await kindsIn("weakChecklist")).toEqual(new Set(["checklist-item"]));
      const checklistGroup = weak.locator('[data-group="weakChecklist"]');
      expect(await checklistGroup.locator("h3").innerText()).toContain("รายการ OIT ที่ยังไม่ผ่าน");
      expect(await checklistGroup.getByRole("link", { name: "ไปที่รายการตรวจ OIT" }).getAttribute("href")).toMatch(/\/admin\/rounds\/\d+\/oit$/);

      // Sample: the demo has 42 IIT answers (minimum 30) and 230 EIT (minimum 70).
      expect(await page.getByTestId("sample-iit").innerText()).toContain("42");
      expect(await page.getByTestId("sample-eit").innerText()).toContain(String(230 + SMALL_COUNTER_ANSWERS));
      expect(await page.getByTestId("sample-eit-remaining").innerText()).toContain("ครบตามขั้นต่ำแล้ว");

      // The demo's three counters and the small one: 90 and 80 answers shown; 3 hidden, and 60 with it
      // (or 3 = total − 90 − 80 − 60). Twelve months, all shown (each has 13 answers or more).
      const counterRows = page.locator('[data-testid="counter-table"] tbody tr');
      expect(await counterRows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")))).toEqual(["shown", "shown", "complement", "small"]);
      expect(await counterRows.nth(3).innerText()).toContain("ซ่อน: ผู้ตอบน้อยกว่า 5 คน");
      expect(await counterRows.nth(3).innerText()).not.toMatch(/\d+\.\d\d/);
      expect(await counterRows.nth(2).innerText()).toContain("ซ่อน: เพื่อไม่ให้คำนวณย้อนหากลุ่มที่ซ่อนได้");
      expect(await page.locator('[data-testid="month-table"] tbody tr[data-status="shown"]').count()).toBe(12);
      expect(await page.locator('[data-testid="month-table"] tbody tr').count()).toBe(12);
      expect(await page.locator('[data-testid="month-table"] tbody th').first().innerText()).toMatch(/^ต\.ค\. \d{2}$/);

      // Links to the results table and the exports: a viewer's export is the EIT alone, and the links say so.
      expect(await page.getByRole("link", { name: "ตารางผลการประเมินโดยละเอียด" }).getAttribute("href")).toBe(`/admin/rounds/${roundId}/results`);
      const csv = page.getByRole("link", { name: "ดาวน์โหลดคำตอบ EIT (CSV)" });
      expect(await csv.getAttribute("href")).toBe(`/admin/rounds/${roundId}/responses.csv`);
      expect(await csv.getAttribute("title")).toContain("เฉพาะผู้ดูแลระบบ");
      expect(await page.getByRole("link", { name: "ดาวน์โหลดคำตอบ EIT (Excel)" }).getAttribute("href")).toBe(`/admin/rounds/${roundId}/responses.xlsx`);

      await expectNoHorizontalOverflow(page, "the laptop");
      await expectAccessible(page, "the laptop");
      await saveScreenshot(page, "dashboard-laptop.png");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("on a phone: charts drawn and resized to the screen, tables scroll inside their box, the page does not", async () => {
    const { context, page, problems } = await signInAndOpen(PHONE);
    try {
      await expectChartsDrawn(page, "the phone");
      for (const chart of CHARTS) {
        const box = await page.getByTestId(chart).boundingBox();
        expect(box, chart).not.toBeNull();
        expect(box!.x, `${chart} left edge`).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, `${chart} right edge`).toBeLessThanOrEqual(390);
        const paint = await readCanvas(page, chart, []);
        // A device pixel ratio of 2: the canvas is drawn at the box's size, not at a desktop width.
        expect(paint.width).toBeLessThanOrEqual(Math.ceil(box!.width * 2) + 2);
      }
      await expectNoHorizontalOverflow(page, "the phone");
      const wrapper = page.locator(".table-scroll").first();
      const scroll = await wrapper.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
      expect(scroll.client).toBeLessThanOrEqual(390);
      await expect(page.getByTestId("weak-areas").locator('li[data-code="i20"]').isVisible()).resolves.toBe(true);
      await saveScreenshot(page, "dashboard-phone.png");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("switches to English and redraws the charts", async () => {
    const { context, page, problems } = await signInAndOpen(LAPTOP);
    try {
      await expectChartsDrawn(page, "Thai");
      await page.getByRole("link", { name: "English", exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("lang") === "en");
      await page.getByRole("heading", { level: 1, name: /Score dashboard/ }).waitFor({ state: "visible" });
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      await expectChartsDrawn(page, "English");
      expect(await page.getByTestId("weak-areas").locator('li[data-code="i20"]').innerText()).toContain("borrowing");
      expect(await page.locator('[data-testid="month-table"] tbody th').first().innerText()).toMatch(/^Oct \d{4}$/);
      await saveScreenshot(page, "dashboard-laptop-en.png");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("answers 404 for another agency's round and for a bad id, and sends a signed-out visitor to sign in", async () => {
    if (!server) throw new Error("not started");
    const signedOut = await fetch(`${server.url}/admin/rounds/${roundId}`, { redirect: "manual" });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(`/admin/rounds/${roundId}`)}`);
    const { cookie } = await signInOverHttp(server.url, USERNAME);
    const own = await fetch(`${server.url}/admin/rounds/${roundId}`, { headers: { cookie } });
    expect(own.status).toBe(200);
    const html = await own.text();
    expect(html).toContain("แดชบอร์ดผลการประเมิน");
    expect(html).toContain("i20");
    for (const path of [`/admin/rounds/${otherRoundId}`, "/admin/rounds/999999", "/admin/rounds/abc"]) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
      expect(response.status, path).toBe(404);
      await response.text();
    }
  });
});
