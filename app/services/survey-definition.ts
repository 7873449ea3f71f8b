/**
 * Reads a SurveyJS definition (surveys/<framework>/iit.json, eit.json) as plain data, without
 * survey-core: SurveyJS runs in the browser only (ARCHITECTURE.md §4), yet the server draws the first
 * screen, the dashboard quotes the questions as respondents read them, and browser tests answer what the
 * definition says. They all read it here, so they agree on its shape, its texts and its order. Pure.
 *
 * The shape covers what our definitions use (pages of html, panel and radiogroup elements, and the
 * custom properties of app/lib/survey-properties.ts); anything else is passed over, not guessed at.
 */
import type { Localized } from "../scoring/framework";
import type { Lang } from "../text/i18n";

/** A SurveyJS localizable string: a plain string, or {default: Thai, en: English}. */
export type SurveyText = string | { default?: string; en?: string } | undefined;

export interface SurveyChoice {
  value: unknown;
  text?: SurveyText;
}

export interface SurveyElement {
  type: string;
  name?: string;
  title?: SurveyText;
  /** The markup of an html element: the framework's own data, trusted as SurveyJS trusts it. */
  html?: SurveyText;
  /** A panel's elements. */
  elements?: SurveyElement[];
  choices?: (SurveyChoice | string | number)[];
  /** The framework item an answer question belongs to, e.g. "i20" (app/lib/survey-properties.ts). */
  itaItem?: string;
}

export interface SurveyPage {
  name?: string;
  title?: SurveyText;
  elements?: SurveyElement[];
}

export interface SurveyDefinition {
  title?: SurveyText;
  description?: SurveyText;
  pages?: SurveyPage[];
}

/** A text in one language: Thai is SurveyJS's default locale, English falls back to it; "" for none. */
export function readSurveyText(text: SurveyText, lang: Lang): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  return (lang === "en" ? text.en : undefined) ?? text.default ?? "";
}

/** A text in both languages; null when it has no Thai (default) text. */
export function localizeSurveyText(text: SurveyText): Localized | null {
  if (typeof text === "string") return { th: text, en: text };
  if (!text?.default) return null;
  return { th: readSurveyText(text, "th"), en: readSurveyText(text, "en") };
}

/** One element met by `walkSurveyElements`, with the panel that holds it (null at the page's top). */
export interface SurveyElementVisit {
  element: SurveyElement;
  panel: SurveyElement | null;
}

/**
 * Every element under `elements`, panels included, depth first in the order SurveyJS shows them: a
 * panel comes before its own elements.
 */
export function* walkSurveyElements(elements: readonly SurveyElement[] | undefined, panel: SurveyElement | null = null): Generator<SurveyElementVisit> {
  for (const element of elements ?? []) {
    yield { element, panel };
    if (element.elements) yield* walkSurveyElements(element.elements, element);
  }
}

/**
 * Item code → the question as respondents read it: the title of the panel that holds its sub-items, or
 * the question's own title when it has none (e.g. i20). The first question of an item decides.
 */
export function listQuestionWording(definition: SurveyDefinition): Map<string, Localized> {
  const wording = new Map<string, Localized>();
  for (const page of definition.pages ?? []) {
    for (const { element, panel } of walkSurveyElements(page.elements)) {
      if (element.elements || !element.itaItem || wording.has(element.itaItem)) continue;
      const title = localizeSurveyText((panel ?? element).title);
      if (title) wording.set(element.itaItem, title);
    }
  }
  return wording;
}

/** The wording of one answer field as respondents read it. */
export interface FieldWording {
  /** The framework item the field belongs to, e.g. "i1". */
  item: string;
  /** The question: the title of the panel that holds the sub-items, or the field's own title. */
  question: Localized;
  /** The sub-item's own title when the field sits in a panel of sub-items; null for a question without them. */
  subItem: Localized | null;
}

/**
 * Field name (the storage and export code, e.g. "i1_1", "e11") → its wording, from the same definition
 * the respondent page renders, so a results page or an export never words a question differently from
 * the form.
 */
export function listFieldWording(definition: SurveyDefinition): Map<string, FieldWording> {
  const wording = new Map<string, FieldWording>();
  for (const page of definition.pages ?? []) {
    for (const { element, panel } of walkSurveyElements(page.elements)) {
      if (element.elements || !element.itaItem || !element.name || wording.has(element.name)) continue;
      const own = localizeSurveyText(element.title);
      const question = localizeSurveyText((panel ?? element).title);
      if (!question) continue;
      wording.set(element.name, { item: element.itaItem, question, subItem: panel ? own : null });
    }
  }
  return wording;
}
