/** Layout checks from the outside, on what the browser really laid out. */
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Nothing is wider than the screen: no sideways scrolling of the page. */
export async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.document, `page wider than the screen on ${where}`).toBeLessThanOrEqual(widths.viewport);
}

/**
 * No visible element reaches past the screen's right edge, even where an ancestor hides the overflow
 * (scrollWidth misses those): e.g. a fieldset kept wide by a file input's own width. Elements inside a box
 * that scrolls sideways on purpose (.table-scroll) are left out.
 */
export async function expectNothingCutOff(page: Page, where: string): Promise<void> {
  const cut = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      if (element.closest(".table-scroll")) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right > width + 1) found.push(`<${element.tagName.toLowerCase()} class="${element.getAttribute("class") ?? ""}"> right ${Math.round(box.right)} > ${width}`);
    }
    return found.slice(0, 5);
  });
  expect(cut, `cut off at the right on ${where}`).toEqual([]);
}
