/** A SurveyJS page in the browser, as a respondent meets it: the questions shown and tapping a choice. */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import type { Choice, SurveyPageDef } from "./survey-definition";

/** The choices of one question. */
export function radiogroupOf(page: Page, field: string): Locator {
  return page.locator(`.sd-question[data-name="${field}"] [role=radiogroup]`);
}

/** The questions SurveyJS shows on the current page, by their field name, in page order. */
export async function visibleQuestionNames(page: Page): Promise<string[]> {
  return page
    .locator(".sd-page .sd-question[data-name]:has([role=radiogroup])")
    .evaluateAll((elements) => elements.map((e) => e.getAttribute("data-name") ?? ""));
}

/** Waits until the page of the definition is shown (its first element is visible). */
export async function waitForSurveyPage(page: Page, definition: SurveyPageDef): Promise<void> {
  await page.locator(`.sd-page [data-name="${definition.firstElement}"]`).waitFor({ state: "visible" });
}

/** Taps the Thai text of a choice and checks the radio under the finger became the one checked. */
export async function tapChoice(page: Page, field: string, choice: Choice): Promise<void> {
  const group = radiogroupOf(page, field);
  // getByText exact: "มาก" must not match "มากที่สุด", nor "มี" match "ไม่มี".
  await group.getByText(choice.th, { exact: true }).tap();
  await expect.poll(() => group.getByRole("radio", { name: choice.th, exact: true }).isChecked()).toBe(true);
  const checked = await group.getByRole("radio", { checked: true }).count();
  expect(checked, `${field}: exactly one choice checked`).toBe(1);
}
