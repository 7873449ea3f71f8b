/**
 * The survey definitions (surveys/ita-2565/{iit,eit}.json), read as data: what each page holds and what
 * each choice's Thai and English text and value are, so a browser test answers what the definition says.
 * Read through app/services/survey-definition.ts, the reader the server uses.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readSurveyText, walkSurveyElements, type SurveyDefinition } from "../../app/services/survey-definition";
import { ROOT } from "./paths";

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

/** The pages of an instrument of ita-2565, in order, each with its radiogroup fields. */
export function readSurvey(instrument: "iit" | "eit"): SurveyPageDef[] {
  const json = JSON.parse(readFileSync(join(ROOT, "surveys", "ita-2565", `${instrument}.json`), "utf8")) as SurveyDefinition;
  return (json.pages ?? []).map((page) => {
    const fields: Field[] = [];
    const leaves: string[] = [];
    for (const { element } of walkSurveyElements(page.elements)) {
      if (!element.elements) leaves.push(element.name ?? "");
      if (element.type === "radiogroup") {
        fields.push({
          name: element.name ?? "",
          title: { th: readSurveyText(element.title, "th"), en: readSurveyText(element.title, "en") },
          choices: (element.choices ?? []).map((c) => {
            if (typeof c !== "object") throw new Error(`${element.name}: a choice without a value and a text`);
            return { value: c.value as number, th: readSurveyText(c.text, "th"), en: readSurveyText(c.text, "en") };
          }),
        });
      }
    }
    return { name: page.name ?? "", firstElement: leaves[0] ?? "", fields };
  });
}
