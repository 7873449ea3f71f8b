/**
 * A SurveyJS survey in the browser, as a respondent meets it: the questions shown, tapping a choice, and
 * going through every page to the Thai (or English) submit button, with what each page must show on a
 * phone checked on the way.
 */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { expectNoHorizontalOverflow } from "./layout";
import type { Choice, Field, SurveyPageDef } from "./survey-definition";

/** WCAG 2.1 SC 2.5.5 (target size, AAA) and Apple's HIG: 44×44 CSS px. */
const MIN_TARGET = 44;

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

// --- what a page shows, checked from the outside

/**
 * The language a screen reader uses for the questions: the nearest lang= above them. SurveyJS puts its
 * own lang= on its root, which must follow the language shown (WCAG 3.1.1), not stay "en".
 */
export async function expectSurveyLanguage(page: Page, lang: "th" | "en", where: string) {
  const effective = await page.locator(".sd-root-modern .sd-page").evaluate((e) => e.closest("[lang]")?.getAttribute("lang"));
  expect(effective, `language of the questions on ${where}`).toBe(lang);
  expect(await page.locator("html").getAttribute("lang"), `language of the page on ${where}`).toBe(lang);
}

async function boxesOf(locator: Locator): Promise<{ text: string; width: number; height: number }[]> {
  return locator.evaluateAll((elements) =>
    elements.map((element) => {
      const rect = element.getBoundingClientRect();
      return { text: (element.textContent ?? "").trim(), width: rect.width, height: rect.height };
    }),
  );
}

/** Every tappable choice on the page (the whole label SurveyJS renders around the hidden radio) is ≥ 44×44. */
export async function expectLargeTargets(page: Page, where: string) {
  const labels = page.locator(".sd-page [role=radiogroup] label");
  const boxes = await boxesOf(labels);
  expect(boxes.length, `no answer choice found on ${where}`).toBeGreaterThan(0);
  const small = boxes.filter((b) => b.width < MIN_TARGET || b.height < MIN_TARGET);
  expect(small, `answer choices smaller than ${MIN_TARGET}×${MIN_TARGET} px on ${where}`).toEqual([]);
  return boxes;
}

// --- a person answering

export interface Respondent {
  page: Page;
  /** field → the value of the choice tapped. */
  answers: Map<string, number>;
  /** How many choices were tapped, in order (to vary the answers deterministically). */
  tapped: number;
}

/**
 * Answers every radiogroup the page shows by tapping the text of a choice (the 1st, 2nd, 3rd… choice in
 * turn, so both ends of every scale are used), and checks the radio under the finger became checked.
 */
async function answerPage(respondent: Respondent, fieldsByName: Map<string, Field>, expected: Field[]) {
  const { page } = respondent;
  const names = await visibleQuestionNames(page);
  expect(names).toEqual(expected.map((f) => f.name));
  for (const name of names) {
    const field = fieldsByName.get(name);
    expect(field, `a question ${name} not in the survey definition`).toBeDefined();
    if (!field) continue;
    const choice = field.choices[respondent.tapped % field.choices.length];
    if (!choice) throw new Error(`${name} has no choices`);
    await tapChoice(page, name, choice);
    respondent.answers.set(name, choice.value);
    respondent.tapped += 1;
  }
}

export interface FillOptions {
  /** Called on each page once its questions are answered, before moving on. */
  onPage?: (index: number, definition: SurveyPageDef, respondent: Respondent) => Promise<void>;
  /** Switch to English on the last page and submit with "Submit". */
  submitInEnglish?: boolean;
  /** Start at this page (shown already), going on with the answers of `respondent`. */
  from?: number;
  respondent?: Respondent;
  /** Stop on reaching this page (after ถัดไป on the one before it), without submitting. */
  until?: number;
}

/**
 * Goes through every page with ถัดไป and submits with ส่งคำตอบ; returns what was tapped. On each page,
 * what a phone must show: nothing wider than the screen, the questions in Thai, choices large enough.
 */
export async function fillSurvey(page: Page, pages: SurveyPageDef[], options: FillOptions = {}): Promise<Respondent> {
  const fieldsByName = new Map(pages.flatMap((p) => p.fields.map((f) => [f.name, f] as const)));
  const respondent: Respondent = options.respondent ?? { page, answers: new Map(), tapped: 0 };
  for (const [index, definition] of pages.entries()) {
    if (index < (options.from ?? 0)) continue;
    if (options.until !== undefined && index >= options.until) break;
    await waitForSurveyPage(page, definition);
    await answerPage(respondent, fieldsByName, definition.fields);
    await expectNoHorizontalOverflow(page, definition.name);
    await expectSurveyLanguage(page, "th", definition.name);
    if (definition.fields.length > 0) await expectLargeTargets(page, definition.name);
    await options.onPage?.(index, definition, respondent);
    const last = index === pages.length - 1;
    if (last) {
      await expect(page.getByRole("button", { name: "ถัดไป", exact: true }).isVisible()).resolves.toBe(false);
      if (options.submitInEnglish) {
        // The thank-you page must follow a language switched to just before sending.
        await page.getByRole("link", { name: "English", exact: true }).tap();
        await page.waitForURL((url) => url.searchParams.get("lang") === "en");
        await page.getByRole("button", { name: "Submit", exact: true }).tap();
      } else {
        await page.getByRole("button", { name: "ส่งคำตอบ", exact: true }).tap();
      }
    } else {
      await page.getByRole("button", { name: "ถัดไป", exact: true }).tap();
    }
  }
  return respondent;
}
