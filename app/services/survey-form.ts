/**
 * The respondent page's HTML form, as data: what app/components/survey-form.tsx draws from a SurveyJS
 * definition (surveys/<framework>/eit.json, iit.json, read by ./survey-definition.ts), and how a posted
 * form becomes the same submission the JSON endpoint takes (docs/decisions/respondent-page-html-form.md).
 * Pure, and shared by the server (which draws the form and reads the post) and the browser (which draws
 * the same form when it hydrates, and counts the answers given).
 *
 * The element types our definitions use are drawn: html, panel, radiogroup, comment. Any other is left
 * out rather than guessed at; test/unit/survey-form.test.ts fails when a definition starts to use one.
 */
import type { Lang } from "../text/i18n";
import { readSurveyText, type SurveyDefinition, type SurveyElement, type SurveyText } from "./survey-definition";
import { countAnsweredItems } from "../lib/answered-count";

export interface FormChoice {
  /** As the definition has it (a number in ours); the form posts its String(). */
  value: unknown;
  text: SurveyText;
}

/** One field the visitor answers. */
export interface FormQuestion {
  kind: "choice" | "text";
  name: string;
  title: SurveyText;
  description: SurveyText;
  required: boolean;
  /** The framework item (e.g. "e1" for e1_1 and e1_2): a question of sub-questions counts once. */
  item: string | null;
  choices: FormChoice[];
  /** SurveyJS's colCount: 2 puts short choices (มี / ไม่มี) side by side. */
  columns: number;
  maxLength: number | null;
  rows: number;
}

export type FormBlock =
  | { kind: "html"; html: SurveyText }
  | { kind: "panel"; name: string; title: SurveyText; questions: FormQuestion[] }
  | { kind: "question"; question: FormQuestion };

/** A SurveyJS page: a section of the one HTML form. */
export interface FormSection {
  name: string;
  title: SurveyText;
  blocks: FormBlock[];
}

export interface SurveyForm {
  title: SurveyText;
  description: SurveyText;
  submitText: SurveyText;
  sections: FormSection[];
  /** Every field in the order shown. */
  questions: FormQuestion[];
}

/** Field names the form itself uses beside the answers: never a question's name. */
export const FORM_META_FIELDS = ["submissionId", "startStamp", "accessCode"] as const;

function toQuestion(element: SurveyElement & Record<string, unknown>): FormQuestion | null {
  if (!element.name) return null;
  const common = {
    name: element.name,
    title: element.title,
    description: element.description as SurveyText,
    required: element.isRequired === true,
    item: typeof element.itaItem === "string" ? element.itaItem : null,
  };
  if (element.type === "radiogroup") {
    const choices = (element.choices ?? []).map((c) => (typeof c === "object" && c !== null ? { value: c.value, text: c.text ?? String(c.value) } : { value: c, text: String(c) }));
    return { ...common, kind: "choice", choices, columns: typeof element.colCount === "number" ? element.colCount : 1, maxLength: null, rows: 0 };
  }
  if (element.type === "comment") {
    return {
      ...common,
      kind: "text",
      choices: [],
      columns: 1,
      maxLength: typeof element.maxLength === "number" ? element.maxLength : null,
      rows: typeof element.rows === "number" ? element.rows : 4,
    };
  }
  return null;
}

/** The element types drawn; test/unit/survey-form.test.ts checks every shipped definition uses no other. */
export const DRAWN_ELEMENT_TYPES = new Set(["html", "panel", "radiogroup", "comment"]);

/** The form of a SurveyJS definition (pure). */
export function buildSurveyForm(definition: SurveyDefinition & { completeText?: SurveyText }): SurveyForm {
  const questions: FormQuestion[] = [];
  const sections = (definition.pages ?? []).map((page, index): FormSection => {
    const blocks: FormBlock[] = [];
    for (const raw of page.elements ?? []) {
      const element = raw as SurveyElement & Record<string, unknown>;
      if (element.type === "html") blocks.push({ kind: "html", html: element.html });
      else if (element.type === "panel") {
        const inner = (element.elements ?? []).map((e) => toQuestion(e as SurveyElement & Record<string, unknown>)).filter((q) => q !== null);
        questions.push(...inner);
        blocks.push({ kind: "panel", name: element.name ?? `panel${index}`, title: element.title, questions: inner });
      } else {
        const question = toQuestion(element);
        if (question) {
          questions.push(question);
          blocks.push({ kind: "question", question });
        }
      }
    }
    return { name: page.name ?? `page${index}`, title: page.title, blocks };
  });
  return { title: definition.title, description: definition.description, submitText: definition.completeText, sections, questions };
}

const forms = new Map<string, SurveyForm>();

/** The form of a definition's JSON text, built once per text (the page renders it on every view). */
export function surveyFormOf(surveyJson: string): SurveyForm {
  let form = forms.get(surveyJson);
  if (!form) {
    form = buildSurveyForm(JSON.parse(surveyJson) as SurveyDefinition);
    forms.set(surveyJson, form);
  }
  return form;
}

/** The text of a choice or title in `lang`. */
export function formText(text: SurveyText, lang: Lang): string {
  return readSurveyText(text, lang);
}

/** The answers as the form holds them: field name → the posted string (a choice's String(value), or text). */
export type FormValues = Record<string, string>;

/**
 * The answers of a posted form as the JSON endpoint takes them: a choice's value back to the definition's
 * own (the number 3 for "3"), the text of a text field as written, an empty text left out (as SurveyJS
 * leaves it out). A value no choice has, a name no question has, and a field sent twice go through as they
 * came (a repeated field as the list of its values), for the one validation to refuse
 * (app/services/validate-answers.ts): this never decides what is valid.
 */
export function answersFromForm(form: SurveyForm, params: URLSearchParams): Record<string, unknown> {
  const questions = new Map(form.questions.map((q) => [q.name, q]));
  // Entries, then Object.fromEntries: a field named "__proto__" becomes an answer like any other (for the
  // validation to refuse), not the object's prototype.
  const answers: [string, unknown][] = [];
  const meta = new Set<string>(FORM_META_FIELDS);
  for (const name of new Set(params.keys())) {
    if (meta.has(name)) continue;
    const all = params.getAll(name);
    const question = questions.get(name);
    if (all.length > 1) {
      answers.push([name, all]);
      continue;
    }
    const posted = all[0]!;
    if (question?.kind === "text") {
      if (posted.trim() !== "") answers.push([name, posted]);
      continue;
    }
    const choice = question?.choices.find((c) => String(c.value) === posted);
    answers.push([name, choice ? choice.value : posted]);
  }
  return Object.fromEntries(answers);
}

/** The values to draw a form with again, from a post: the last value of each field (strings only). */
export function valuesFromForm(params: URLSearchParams): FormValues {
  return Object.fromEntries(params);
}

/**
 * How many of the form's questions (ข้อ) are answered, of how many, by the rule of app/lib/answered-count.ts
 * (the same as the SurveyJS kiosk's count).
 */
export function countAnsweredInForm(form: SurveyForm, isAnswered: (name: string) => boolean): { answered: number; total: number } {
  return countAnsweredItems(form.questions.map((q) => ({ name: q.name, item: q.item || null, required: q.required, answered: isAnswered(q.name) })));
}
