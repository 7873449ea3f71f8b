/**
 * Our words for what SurveyJS writes (app/text/survey-texts.ts): each names a string survey-core really
 * has, in Thai and English; the checks our survey definitions can trigger are only "required" ones, whose
 * messages are ours; and a model in either language shows our message, not SurveyJS's "Response required.".
 */
import { readFileSync } from "node:fs";
import { Model, Serializer, surveyLocalization } from "survey-core";
import "survey-core/i18n/thai";
import { describe, expect, it } from "vitest";
import { registerSurveyProperties } from "../../app/lib/survey-properties";
import { walkSurveyElements, type SurveyDefinition, type SurveyElement } from "../../app/services/survey-definition";
import { SURVEY_TEXTS } from "../../app/text/survey-texts";

registerSurveyProperties(Serializer);

const FRAMEWORKS = ["ita-2565", "ita-2569"] as const;
const INSTRUMENTS = ["iit", "eit"] as const;

function definition(framework: string, instrument: string): SurveyDefinition & Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../surveys/${framework}/${instrument}.json`, import.meta.url), "utf8")) as SurveyDefinition & Record<string, unknown>;
}

/** Applies the texts as survey-runner.tsx does (it is a React module; this is its loop). */
function applySurveyTexts() {
  for (const [key, text] of Object.entries(SURVEY_TEXTS)) {
    for (const lang of ["th", "en"] as const) {
      const strings = surveyLocalization.locales[lang];
      if (strings) strings[key] = text[lang];
    }
  }
}

describe("our words for SurveyJS's strings", () => {
  it("names only strings survey-core has, each in Thai and in English", () => {
    const english = surveyLocalization.locales["en"] as Record<string, unknown>;
    for (const [key, text] of Object.entries(SURVEY_TEXTS)) {
      expect(typeof english[key], `${key} is a survey-core string`).toBe("string");
      expect(text.th, key).toMatch(/[\u0E00-\u0E7F]/);
      expect(text.en, key).not.toMatch(/[\u0E00-\u0E7F]/);
    }
  });

  it("finds in the definitions no check but a required answer, whose message is ours", () => {
    const seen = new Set<string>();
    for (const framework of FRAMEWORKS) {
      for (const instrument of INSTRUMENTS) {
        const json = definition(framework, instrument);
        // Survey-level settings that would bring other messages (a time limit, a minimum of answers…).
        for (const key of Object.keys(json)) {
          expect(["title", "description", "showProgressBar", "progressBarLocation", "progressBarType", "showQuestionNumbers", "questionsOnPageMode", "checkErrorsMode", "showCompletedPage", "completeText", "pages"], `${framework}/${instrument}: ${key}`).toContain(key);
        }
        for (const page of json.pages ?? []) {
          for (const { element } of walkSurveyElements(page.elements)) {
            const e = element as SurveyElement & Record<string, unknown>;
            expect(["html", "panel", "radiogroup", "comment"], `${framework}/${instrument}: ${e.name}`).toContain(e.type);
            expect(e.validators, `${e.name}: validators would need messages of ours`).toBeUndefined();
            if (e.type === "panel") expect(e.isRequired, `${e.name}: a required panel`).toBeUndefined();
            // The EIT's suggestion: optional, its length held by the text box itself, so it brings no message.
            if (e.type === "comment") {
              expect(e.isRequired, `${e.name}: a required comment`).toBeUndefined();
              expect(e.maxLength, `${e.name}: its length`).toBe(1000);
            }
            if (e.type === "radiogroup") {
              expect(e.isRequired, `${e.name} is required`).toBe(true);
              // Other and none items, comments: each has a message of its own in SurveyJS.
              for (const extra of ["showOtherItem", "hasOther", "showNoneItem", "hasNone", "showCommentArea", "hasComment"]) expect(e[extra], `${e.name}: ${extra}`).toBeUndefined();
              seen.add("requiredError");
            }
          }
        }
      }
    }
    expect([...seen]).toEqual(["requiredError"]);
    expect(SURVEY_TEXTS).toHaveProperty("requiredError");
  });

  it("shows our message for a required question left out, in Thai and in English", () => {
    applySurveyTexts();
    const previous = surveyLocalization.defaultLocale;
    surveyLocalization.defaultLocale = "th";
    try {
      const model = new Model(definition("ita-2565", "eit"));
      model.currentPageNo = 2; // p_e2: one required question
      model.locale = "th";
      expect(model.currentPage.validate(true)).toBe(false);
      const question = model.getQuestionByName("e2");
      expect(question.errors.map((e) => e.getText())).toEqual([SURVEY_TEXTS.requiredError.th]);
      model.locale = "en";
      expect(question.errors.map((e) => e.getText())).toEqual([SURVEY_TEXTS.requiredError.en]);
      expect(SURVEY_TEXTS.requiredError.en).not.toBe("Response required.");
    } finally {
      surveyLocalization.defaultLocale = previous;
    }
  });
});
