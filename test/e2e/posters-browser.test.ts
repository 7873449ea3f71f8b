/**
 * The QR posters and the links page in Chromium against the BUILT server, signed in as a manager of the
 * demo agency (three counters) plus a counter with a long Thai name: in print media there is one A4 page
 * per counter (page.pdf), every poster fits its page (nothing cut), the print button is hidden, and each
 * poster's QR code, read from a screenshot by zbarimg, says that counter's PERMANENT URL (/c/:token, issue
 * 11: a poster outlives its round). Screenshots go to
 * test-results/screenshots/ for a person to look at (Thai shaping, sizes, layout).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeCounters } from "../../app/services/counters.server";
import { getOrganizationBySlug } from "../../db/queries/organizations";
import { listRoundLinkDetails } from "../../db/queries/links";
import { listOrganizationPermanentLinks } from "../../db/queries/permanent-links";
import { seedDemo } from "../../app/seed/demo-agency.server";
import { createTestUser, signInOverHttp } from "../support/accounts";
import { launchBrowser, stopBrowserSuite } from "../support/browser";
import { expectNoPageErrors, watchPage } from "../support/page-problems";
import { ROOT, SCREENSHOTS } from "../support/paths";
import { saveScreenshot } from "../support/screenshots";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb } from "../support/test-db";

const LONG_NAME = "งานรับชำระภาษีที่ดินและสิ่งปลูกสร้าง ภาษีป้าย และค่าธรรมเนียมใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ";
/** The printable area of an A4 page with 15 mm margins (180 × 267 mm) in CSS px (96 per inch): print media then lays out as on paper. */
const A4_CONTENT = { width: 680, height: 1009 } as const;
const LAPTOP = { viewport: { width: 1280, height: 900 } } as const;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

let databasePath = "";
let server: RunningServer;
let browser: Browser;
let cookie = "";
let roundId = 0;
let eitLinks: { linkId: number; token: string; counterId: number | null; counterNameTh: string | null }[] = [];
/** Counter id → the permanent token its poster prints. */
let permanentTokens = new Map<number, string>();

beforeAll(async () => {
  const t = await createTestDb();
  databasePath = t.path;
  const seeded = await seedDemo(t.db, { now: new Date() });
  // The open round: a new counter gets its link there, not in the demo's closed round (issue 11).
  roundId = seeded.openRoundId!;
  const organization = (await getOrganizationBySlug(t.db, "demo"))!;
  const userId = await createTestUser(t.db, organization.id, "poster-manager", "manager");
  const unit = await t.db.selectFrom("unit").where("organization_id", "=", organization.id).select("id").orderBy("id").executeTakeFirstOrThrow();
  await changeCounters(t.db, { organizationId: organization.id, userId }, { intent: "counter-create", unitId: String(unit.id), nameTh: LONG_NAME, nameEn: "Land, building and sign taxes; health-hazard business licences" }, new Date());
  eitLinks = (await listRoundLinkDetails(t.db, roundId)).filter((l) => l.instrument === "eit");
  permanentTokens = new Map((await listOrganizationPermanentLinks(t.db, organization.id)).filter((l) => l.kind === "counter").map((l) => [l.counterId!, l.token]));
  await t.db.destroy();
  server = await startServer({ databasePath });
  cookie = (await signInOverHttp(server.url, "poster-manager")).cookie;
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

async function signedInContext(options: object): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const name = cookie.slice(0, cookie.indexOf("="));
  const value = cookie.slice(cookie.indexOf("=") + 1);
  await context.addCookies([{ name, value, url: server.url }]);
  return context;
}

function countPdfPages(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

function decodePng(path: string): string[] {
  return execFileSync("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
    .split("\n")
    .filter((line) => line !== "");
}

describe("QR posters", () => {
  it("prints one A4 page per counter, each poster whole, with a QR code that scans to its counter's URL", async () => {
    // The demo's counters (three today) and the long-named one, each with one active EIT link.
    expect(eitLinks.length).toBeGreaterThanOrEqual(2);
    expect(eitLinks.at(-1)!.counterNameTh).toBe(LONG_NAME);
    const count = eitLinks.length;
    const context = await signedInContext(LAPTOP);
    const page = await context.newPage();
    const problems = watchPage(page, server.url);
    const response = await page.goto(`${server.url}/admin/rounds/${roundId}/posters`);
    expect(response?.status()).toBe(200);
    await page.evaluate(() => document.fonts.ready);
    await expect.poll(() => page.evaluate(() => document.fonts.check('600 20px "Sarabun"', "ก"))).toBe(true);
    await saveScreenshot(page, "poster-screen.png");

    await page.setViewportSize(A4_CONTENT);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".poster-toolbar").evaluate((el) => getComputedStyle(el).display)).toBe("none");
    const posters = page.locator(".poster");
    expect(await posters.count()).toBe(count);
    for (let i = 0; i < count; i++) {
      const poster = posters.nth(i);
      const shot = join(SCREENSHOTS, `poster-${i + 1}.png`);
      await poster.screenshot({ path: shot });
      // Nothing cut: the content fits the sheet (overflow is hidden, so an overflow would be lost).
      const fit = await poster.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, width: el.scrollWidth, clientWidth: el.clientWidth }));
      expect(fit.scroll, `poster ${i + 1} height`).toBeLessThanOrEqual(fit.client + 1);
      expect(fit.width, `poster ${i + 1} width`).toBeLessThanOrEqual(fit.clientWidth + 1);
      // The QR code is large: at least 100 mm wide (≈ 378 CSS px).
      const qr = await poster.locator(".poster-qr").boundingBox();
      expect(qr!.width).toBeGreaterThan(370);
      const link = eitLinks[i]!;
      const permanentToken = permanentTokens.get(link.counterId!);
      expect(permanentToken, `counter ${link.counterId} has a permanent link`).toBeDefined();
      expect(decodePng(shot)).toEqual([`${server.url}/c/${permanentToken}`]);
      expect(await poster.locator(".poster-counter").innerText()).toBe(link.counterNameTh);
      expect(await poster.locator(".poster-url-text").innerText()).toBe(`${server.url.replace("http://", "")}/c/${permanentToken}`);
      await expect.poll(() => poster.innerText()).toContain("ไม่ระบุตัวตน");
    }
    await saveScreenshot(page, "poster-print.png");

    const pdf = await page.pdf({ format: "A4" });
    writeFileSync(join(ROOT, "test-results", "posters.pdf"), pdf);
    expect(countPdfPages(pdf)).toBe(count);
    expectNoPageErrors(problems);
    await context.close();
  });

  it("prints just one poster with ?link=", async () => {
    const context = await signedInContext({ viewport: { width: 1000, height: 1200 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/rounds/${roundId}/posters?link=${eitLinks[1]!.linkId}`);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".poster").count()).toBe(1);
    expect(countPdfPages(await page.pdf({ format: "A4" }))).toBe(1);
    await context.close();
  });
});

describe("the links page", () => {
  for (const [device, options] of [
    ["laptop", LAPTOP],
    ["phone", PHONE],
  ] as const) {
    it(`shows every link with its QR code on a ${device}, without horizontal scrolling`, async () => {
      const context = await signedInContext(options);
      const page = await context.newPage();
      const problems = watchPage(page, server.url);
      const response = await page.goto(`${server.url}/admin/rounds/${roundId}/links`);
      expect(response?.status()).toBe(200);
      await page.evaluate(() => document.fonts.ready);
      // Lazy images below the fold load once scrolled to: scroll through, then back.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 400) {
          window.scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 30));
        }
        window.scrollTo(0, 0);
      });
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>("img.link-qr")].every((img) => img.complete && img.naturalWidth > 0));
      expect(await page.locator("img.link-qr").count()).toBe(eitLinks.length + 1); // the IIT link and every EIT link
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await saveScreenshot(page, `links-${device}.png`);
      expectNoPageErrors(problems);
      await context.close();
    });
  }

  it("shows the counters page on a phone without horizontal scrolling", async () => {
    const context = await signedInContext(PHONE);
    const page = await context.newPage();
    const problems = watchPage(page, server.url);
    await page.goto(`${server.url}/admin/counters`);
    await page.evaluate(() => document.fonts.ready);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, "counters-phone.png");
    expectNoPageErrors(problems);
    await context.close();
  });
});
