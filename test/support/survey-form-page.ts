/**
 * The respondent page's HTML form (app/components/survey-form.tsx) from the outside, for browser tests:
 * answering a question by tapping the words of a choice, reading what is ticked, and serving the page with
 * a start stamp from long ago (the page carries its stamp: app/services/form-view.server.ts).
 */
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { startStampFor } from "./start-stamps";
import type { Field, SurveyPageDef } from "./survey-definition";

/** The radio fields of a survey, in order. */
export function fieldsOf(pages: SurveyPageDef[]): Field[] {
  return pages.flatMap((p) => p.fields);
}

/** A value for every field: choice `(i + offset) % n` of the i-th field, so answers differ between fields. */
export function chosenAnswers(fields: Field[], offset = 0): Record<string, number> {
  return Object.fromEntries(fields.map((field, i) => [field.name, field.choices[(i + offset) % field.choices.length]!.value]));
}

/** Taps the words of the choice `value` of `field`, as a person does, in `lang`. */
export async function tapFormChoice(page: Page, field: Field, value: number, lang: "th" | "en" = "th"): Promise<void> {
  const choice = field.choices.find((c) => c.value === value);
  if (!choice) throw new Error(`${field.name} has no choice ${value}`);
  await page.locator(`#q-${field.name} label.choice`).filter({ hasText: new RegExp(`^\\s*${escapeRegExp(choice[lang])}\\s*$`) }).click();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Field name → the value of its ticked radio, for every field with one ticked. */
export async function tickedAnswers(page: Page): Promise<Record<string, number>> {
  const ticked = await page.locator('form[data-testid="survey-form"] input[type="radio"]:checked').evaluateAll((inputs) =>
    inputs.map((input) => [(input as HTMLInputElement).name, Number((input as HTMLInputElement).value)] as const),
  );
  return Object.fromEntries(ticked);
}

/** The value of one of the form's hidden fields. */
export async function hiddenValue(page: Page, name: string): Promise<string> {
  return (await page.locator(`form[data-testid="survey-form"] input[name="${name}"]`).getAttribute("value")) ?? "";
}

/**
 * Serves the respondent pages (GET /s/:token) with their start stamp replaced by one from long ago for
 * the same submission id: the test ticks in seconds what a person answers in minutes, and the server would
 * count such answers as too fast. The page's HTML is otherwise the server's, byte for byte.
 */
export async function serveStartStampsFromLongAgo(target: Page | BrowserContext): Promise<void> {
  await target.route(/\/s\/[A-Za-z0-9_-]+(\?[^#]*)?$/, async (route) => {
    if (route.request().method() !== "GET") return route.fallback();
    const response = await route.fetch();
    const html = await response.text();
    const id = /name="submissionId" value="([A-Za-z0-9-]+)"/.exec(html)?.[1];
    const stamp = /name="startStamp" value="([^"]+)"/.exec(html)?.[1];
    // Everywhere: in the form, and in the data React hydrates it from.
    const body = id && stamp ? html.split(stamp).join(startStampFor(id)) : html;
    await route.fulfill({ response, body });
  });
  // The page asks for a stamp for a kept or new id (after a reload, or to start again): from long ago too.
  await target.route(/\/s\/[^/]+\/start$/, async (route) => {
    const submissionId = new URLSearchParams(route.request().postData() ?? "").get("submissionId") ?? "";
    await route.fulfill({ status: 200, contentType: "application/json", headers: { "Cache-Control": "no-store" }, json: { startStamp: startStampFor(submissionId) } });
  });
}

/** Every choice row at least 48 px high and as wide as the form (a whole row is the tap target). */
export async function expectLargeChoiceRows(page: Page, where: string): Promise<void> {
  const boxes = await page.locator("label.choice").evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect()).map((r) => ({ width: r.width, height: r.height })));
  expect(boxes.length, `choices on ${where}`).toBeGreaterThan(0);
  for (const box of boxes) {
    expect(box.height, `a choice row's height on ${where}`).toBeGreaterThanOrEqual(48);
    expect(box.width, `a choice row's width on ${where}`).toBeGreaterThanOrEqual(120);
  }
}

/**
 * Puts a start stamp from long ago for the form's own submission id into the page, which JavaScript runs
 * on: for a page reached through a redirect (a permanent link), whose document page.route does not see.
 */
export async function stampFormFromLongAgo(page: Page): Promise<void> {
  const submissionId = await page.locator('form[data-testid="survey-form"] input[name="submissionId"]').evaluate((input) => (input as HTMLInputElement).value);
  await page.locator('form[data-testid="survey-form"] input[name="startStamp"]').evaluate((input, stamp) => ((input as HTMLInputElement).value = stamp), startStampFor(submissionId));
}
