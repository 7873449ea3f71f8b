/**
 * The survey definitions (surveys/ita-2565/{iit,eit}.json), read as data: what each page holds and what
 * each choice's Thai and English text and value are, so a browser test answers what the definition says.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths";

type Localized = string | { default: string; en?: string };

export interface Choice {
  value: number;
  th: string;
  en: string;
}

export interface Field {
  name: string;
  title: { th: string; en: string };
  choices: Choice[];
}

export interface SurveyPageDef {
  name: string;
  /** The name of the first element SurveyJS renders with data-name (an html block or a question). */
  firstElement: string;
  fields: Field[];
}

interface SurveyElementJson {
  type: string;
  name: string;
  title?: Localized;
  choices?: { value: number; text: Localized }[];
  elements?: SurveyElementJson[];
}

function th(text: Localized | undefined): string {
  return typeof text === "string" ? text : (text?.default ?? "");
}

function en(text: Localized | undefined): string {
  return typeof text === "string" ? text : (text?.en ?? text?.default ?? "");
}

/** The pages of an instrument of ita-2565, in order, each with its radiogroup fields. */
export function readSurvey(instrument: "iit" | "eit"): SurveyPageDef[] {
  const json = JSON.parse(readFileSync(join(ROOT, "surveys", "ita-2565", `${instrument}.json`), "utf8")) as {
    pages: { name: string; elements: SurveyElementJson[] }[];
  };
  return json.pages.map((page) => {
    const fields: Field[] = [];
    const leaves: string[] = [];
    const walk = (elements: SurveyElementJson[]) => {
      for (const element of elements) {
        if (element.elements) walk(element.elements);
        else leaves.push(element.name);
        if (element.type === "radiogroup") {
          fields.push({
            name: element.name,
            title: { th: th(element.title), en: en(element.title) },
            choices: (element.choices ?? []).map((c) => ({ value: c.value, th: th(c.text), en: en(c.text) })),
          });
        }
      }
    };
    walk(page.elements);
    return { name: page.name, firstElement: leaves[0] ?? "", fields };
  });
}
