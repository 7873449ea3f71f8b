/**
 * The pages work under the Content-Security-Policy (app/server/security-headers.server.ts), in Chromium,
 * against the BUILT server with the demo agency: the respondent survey (answered to the end, so its form
 * is posted under form-action), the kiosk, the sign-in form, the admin dashboard with its Chart.js
 * canvases, and the printable posters. Every page hydrates (React Router's inline scripts carry the
 * nonce), no `securitypolicyviolation` event fires, and there is no console error (Chromium reports a
 * refused script or style there). Screenshots: test-results/screenshots/csp-*.png.
 */
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRoundLinks } from "../../db/queries/links";
import { seedDemo } from "../../app/seed/demo-agency.server";
import { signInOverHttp } from "../support/accounts";
import { launchBrowser, openWatchedPage, stopBrowserSuite } from "../support/browser";
import { expectNoProblems, type PageProblems } from "../support/page-problems";
import { SCREENSHOTS } from "../support/paths";
import { saveScreenshot } from "../support/screenshots";
import { readSurvey } from "../support/survey-definition";
import { tapFormChoice } from "../support/survey-form-page";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb } from "../support/test-db";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const TABLET = { viewport: { width: 1024, height: 768 }, isMobile: true, hasTouch: true } as const;
const LAPTOP = { viewport: { width: 1366, height: 900 } } as const;

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records every CSP violation of the page from its first script on (an init script is not subject to the CSP). */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations!.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
}

async function expectNoViolations(page: Page, problems: PageProblems, where: string): Promise<void> {
  const violations = await page.evaluate(() => window.__cspViolations ?? []);
  expect(violations, `CSP violations on ${where}`).toEqual([]);
  expectNoProblems(problems);
}

/** React Router hydrated the page: its client router exists (only the nonce'd inline scripts make it). */
async function expectHydrated(page: Page, where: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => Boolean((window as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules)), { message: `${where} hydrated` }).toBe(true);
}

describe("pages under the Content-Security-Policy (Chromium, built server)", { timeout: 120_000 }, () => {
  let databasePath = "";
  let roundId = 0;
  let eitToken = "";
  let adminPassword = "";
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const testDb = await createTestDb();
    databasePath = testDb.path;
    const seeded = await seedDemo(testDb.db, { now: new Date() });
    if (!seeded.roundId || !seeded.adminPassword) throw new Error("seedDemo did not create a round");
    roundId = seeded.roundId;
    adminPassword = seeded.adminPassword;
    // A link that takes answers: the demo's open round's (its scored round is closed, issue 11).
    const links = await listRoundLinks(testDb.db, seeded.openRoundId!);
    eitToken = links.find((l) => l.instrument === "eit" && l.status === "active")!.token;
    await testDb.db.destroy();
    server = await startServer({ databasePath });
    browser = await launchBrowser();
  });

  afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

  async function open(options: object, path: string, cookie?: string) {
    if (!browser || !server) throw new Error("not started");
    const { context, page, problems } = await openWatchedPage(browser, server.url, options);
    if (cookie) {
      const [name, value] = cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
    }
    await recordViolations(page);
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.headers()["content-security-policy"], `CSP header on ${path}`).toMatch(/script-src 'self' 'nonce-/);
    return { context, page, problems };
  }

  it("the survey on a phone: renders, is answered to the end and thanks, without a violation", async () => {
    const { context, page, problems } = await open(PHONE, `/s/${eitToken}`);
    await expectHydrated(page, "survey");
    // Its script has run (the count of answers is drawn by it), then every question is answered (the n-th
    // choice in turn, as a person varies them) and the form is sent: a post of the page's form
    // (form-action 'self'), a redirect, and the thanks page.
    await page.getByTestId("form-count").waitFor({ state: "visible" });
    const fields = readSurvey("eit").flatMap((p) => p.fields);
    for (const [index, field] of fields.entries()) await tapFormChoice(page, field, field.choices[index % field.choices.length]!.value);
    await page.getByRole("button", { name: "ส่งคำตอบ", exact: true }).tap();
    await page.waitForURL((url) => url.pathname.endsWith("/thanks"), { timeout: 15_000 });
    await saveScreenshot(page, "csp-survey-thanks.png");
    await expectNoViolations(page, problems, "the survey and its thanks page");
    await context.close();
  });

  it("the kiosk on a tablet renders its first question without a violation", async () => {
    const { context, page, problems } = await open(TABLET, `/k/${eitToken}`);
    await expectHydrated(page, "kiosk");
    await page.locator(".sd-question").first().waitFor({ state: "visible" });
    await saveScreenshot(page, "csp-kiosk.png", { fullPage: false });
    await expectNoViolations(page, problems, "the kiosk");
    await context.close();
  });

  it("the sign-in form hydrates without a violation", async () => {
    const { context, page, problems } = await open(LAPTOP, "/sign-in");
    await expectHydrated(page, "sign-in");
    await expectNoViolations(page, problems, "sign-in");
    await context.close();
  });

  it("the admin dashboard draws its Chart.js charts, and the posters show their QR codes, without a violation", async () => {
    if (!server) throw new Error("not started");
    const { cookie } = await signInOverHttp(server.url, "admin", adminPassword);
    const { context, page, problems } = await open(LAPTOP, `/admin/rounds/${roundId}`, cookie);
    await expectHydrated(page, "dashboard");
    for (const chart of ["indicator-chart", "counter-chart", "monthly-chart"]) {
      await expect
        .poll(
          () =>
            page.locator(`[data-testid="${chart}"] canvas`).evaluate((element) => {
              const canvas = element as HTMLCanvasElement;
              const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
              let painted = 0;
              for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted += 1;
              return painted;
            }),
          { timeout: 15_000, message: `${chart} drawn` },
        )
        .toBeGreaterThan(3_000);
    }
    await saveScreenshot(page, "csp-dashboard.png", { fullPage: false });
    await expectNoViolations(page, problems, "the dashboard");

    await page.goto(`${server.url}/admin/rounds/${roundId}/posters`);
    await expect.poll(() => page.locator(".poster-qr svg").count()).toBeGreaterThan(0);
    await saveScreenshot(page, "csp-posters.png", { fullPage: false });
    await expectNoViolations(page, problems, "the posters");
    await context.close();
  });
});
