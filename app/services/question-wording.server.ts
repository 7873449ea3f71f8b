/**
 * The questions as respondents read them, for the pages and files that name them by code (the dashboard's
 * weak areas, the results by question, the exports' list of questions): read once per framework from the
 * same SurveyJS definitions (surveys/<framework>/iit.json, eit.json) the respondent page renders
 * (./survey-definition.ts), so no page words a question differently from the form.
 */
import { getSurveyJson } from "../lib/frameworks.server";
import type { Localized } from "../scoring/framework";
import { listFieldWording, listQuestionWording, type FieldWording, type SurveyDefinition } from "./survey-definition";

interface FrameworkWording {
  /** Item code → the question. */
  items: Map<string, Localized>;
  /** Field name → the question and its sub-item. */
  fields: Map<string, FieldWording>;
}

const cache = new Map<string, FrameworkWording>();

function read(frameworkId: string): FrameworkWording {
  const cached = cache.get(frameworkId);
  if (cached) return cached;
  const items = new Map<string, Localized>();
  const fields = new Map<string, FieldWording>();
  for (const instrument of ["iit", "eit"] as const) {
    const survey = JSON.parse(getSurveyJson(frameworkId, instrument)) as SurveyDefinition;
    for (const [item, title] of listQuestionWording(survey)) if (!items.has(item)) items.set(item, title);
    for (const [field, wording] of listFieldWording(survey)) if (!fields.has(field)) fields.set(field, wording);
  }
  const wording = { items, fields };
  cache.set(frameworkId, wording);
  return wording;
}

/** Item code ("i20") → the question as respondents read it. */
export function getQuestionWording(frameworkId: string): Map<string, Localized> {
  return read(frameworkId).items;
}

/** Field name ("i1_1", "e11") → the question and, for a sub-item, its own wording. */
export function getFieldWording(frameworkId: string): Map<string, FieldWording> {
  return read(frameworkId).fields;
}
