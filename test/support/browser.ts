/** Debian's Chromium driven by playwright-core (Playwright's own browser download does not work here). */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { type PageProblems, watchPage } from "./page-problems";
import { guardRouteDiscovery } from "./route-discovery-guard";
import type { RunningServer } from "./server";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/** The screens of the admin browser tests: a laptop, and a phone held upright; no animation, so screenshots are stable. */
export const LAPTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 }, reducedMotion: "reduce" };
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  reducedMotion: "reduce",
};

/**
 * Chromium for a browser suite. Its pages never navigate while React Router's route discovery is
 * fetching (test/support/route-discovery-guard.ts): every browser test gets that, none has to ask.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return guardRouteDiscovery(browser);
}

/** A new context (a device: viewport, touch…) with one page, watched for problems from its first request. */
export async function openWatchedPage(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions,
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  return { context, page, problems: watchPage(page, origin) };
}

/**
 * Ends a browser suite, whatever part of it started: closes the browser, stops the server and deletes the
 * folder of its test database (createTestDb's temporary folder).
 */
export async function stopBrowserSuite(suite: { browser?: Browser; server?: RunningServer; databasePath: string }): Promise<void> {
  await suite.browser?.close();
  await suite.server?.stop();
  if (suite.databasePath) rmSync(dirname(suite.databasePath), { recursive: true, force: true });
}
