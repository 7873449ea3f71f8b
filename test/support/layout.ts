/** Layout checks from the outside, on what the browser really laid out. */
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Nothing is wider than the screen: no sideways scrolling of the page. */
export async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.document, `page wider than the screen on ${where}`).toBeLessThanOrEqual(widths.viewport);
}
