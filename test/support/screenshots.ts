/** Screenshots of a page, saved to test-results/screenshots/ for a person to look at. */
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { SCREENSHOTS } from "./paths";

/**
 * Saves `name` once the page's fonts are loaded (Thai drawn in Sarabun, not a fallback): the whole
 * scrollable page, or with `fullPage: false` only what the screen shows.
 */
export async function saveScreenshot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage });
}

/** Saves `name`: only the element `locator` finds (a section of a long page), once the page's fonts are loaded. */
export async function saveElementScreenshot(locator: Locator, name: string): Promise<void> {
  await locator.page().evaluate(() => document.fonts.ready.then(() => undefined));
  await locator.screenshot({ path: join(SCREENSHOTS, name) });
}
