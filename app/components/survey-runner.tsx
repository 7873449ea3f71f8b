/**
 * The ONLY importer of survey-react-ui (ARCHITECTURE.md §2). Runs a SurveyJS definition in the
 * browser and posts the answers with a submission id made here, once per filled-in survey, so a
 * retry after a network error can never store the same answers twice.
 *
 * Used by the kiosk (/k/:token, a tablet on a counter: larger type, and the next page comes by itself once
 * the page's questions are answered); the phone page /s/:token is an HTML form drawn by the server and
 * needs no SurveyJS (docs/decisions/respondent-page-html-form.md). The "phone" mode stays for a page that
 * wants SurveyJS at phone size. A kiosk starts
 * a fresh survey by remounting the runner with a new React `key`: a new Model and a new submission id,
 * nothing of the previous visitor left in memory.
 *
 * The runner keeps nothing itself: it reports every change (onProgress, with the answers) and starts from
 * answers given to it (`initial`); the phone page keeps them in the browser (survey-progress.ts).
 */
import { useEffect, useRef, useState } from "react";
import { Model, Serializer, settings, surveyLocalization } from "survey-core";
import "survey-core/i18n/thai";
import { Survey } from "survey-react-ui";
import type { Lang } from "../text/i18n";
import { SURVEY_TEXTS } from "../text/survey-texts";
import { scrubTextAnswers } from "../lib/personal-data";
import { registerSurveyProperties } from "../lib/survey-properties";
import { countAnsweredQuestions, newSubmissionId } from "./survey-progress";

export { newSubmissionId };

registerSurveyProperties(Serializer);

// Our definitions hold Thai under "default"; survey-core assumes "default" is English unless told.
surveyLocalization.defaultLocale = "th";
// Our words over SurveyJS's, in both languages (app/text/survey-texts.ts).
for (const [key, text] of Object.entries(SURVEY_TEXTS)) {
  for (const lang of ["th", "en"] as const) {
    const strings = surveyLocalization.locales[lang];
    if (strings) strings[key] = text[lang];
  }
}
/**
 * The kiosk's automatic next page waits this long after the last answer of a page (SurveyJS's default is
 * 300 ms): long enough for an older visitor to see the choice take before the page changes. Only the
 * kiosk turns the automatic next page on.
 */
settings.autoAdvanceDelay = 700;

export type SurveyRunnerMode = "phone" | "kiosk";

/** Our look on SurveyJS's default theme: Sarabun, larger type, the brand colour. */
const THEME_VARIABLES: Record<string, string> = {
  "--sjs-font-family": '"Sarabun", "Loma", "Garuda", sans-serif',
  "--sjs-font-size": "18px",
  "--sjs-primary-backcolor": "#1d4e89",
  "--sjs-primary-backcolor-dark": "#163d6b",
  "--sjs-primary-backcolor-light": "rgba(29, 78, 137, 0.1)",
  "--sjs-general-backcolor-dim": "#f3f6f9",
};

/**
 * A tablet read at arm's length, often standing: 22 px type (SurveyJS scales its spacing and controls
 * from it); the choice rows are enlarged further in app/styles/app.css (Kiosk).
 */
const KIOSK_THEME_VARIABLES: Record<string, string> = { ...THEME_VARIABLES, "--sjs-font-size": "22px" };

export interface SurveyRunnerProps {
  surveyJson: string;
  lang: Lang;
  /** Sends the answers; resolves true when the server has them (stored or already stored). */
  onSubmit: (submission: { submissionId: string; answers: Record<string, unknown> }) => Promise<boolean>;
  texts: { sending: string; sendFailed: string; sendAgain: string };
  /** "phone" unless told: the kiosk's larger theme. */
  mode?: SurveyRunnerMode;
  /**
   * Called when an answer changes or the page turns, with the page index, the number of answered
   * fields and the answers: the kiosk uses it to know whether anything would be lost by starting again,
   * the phone page to keep the answers in the browser.
   */
  onProgress?: (progress: SurveyProgress) => void;
  /** Answers kept from before (a reload): shown answered, on the page the visitor had reached. */
  initial?: { pageIndex: number; answers: Record<string, unknown> };
  /**
   * The id the answers are sent with, when the page made it already (it asked for the survey's start
   * stamp with it, app/components/start-stamp.ts); otherwise a new one.
   */
  submissionId?: string;
}

export interface SurveyProgress {
  pageIndex: number;
  /** Answered fields (a sub-question counts): 0 means nothing would be lost. */
  answered: number;
  answers: Record<string, unknown>;
}

/**
 * The answers of `saved` that still fit the survey: a field it has, with a value among its choices (a
 * radiogroup). Anything else, say from a hand-edited storage, is left out rather than sent.
 */
function fittingAnswers(survey: Model, saved: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(saved)) {
    const question = survey.getQuestionByName(name);
    if (!question) continue;
    const choices = (question as unknown as { choices?: { value: unknown }[] }).choices;
    if (Array.isArray(choices) && !choices.some((c) => c.value === value)) continue;
    kept[name] = value;
  }
  return kept;
}

export function SurveyRunner({ surveyJson, lang, onSubmit, texts, mode = "phone", onProgress, initial, submissionId: givenId }: SurveyRunnerProps) {
  // useState, not useMemo: the model must survive re-renders, or it resets after completion.
  const [model] = useState(() => {
    const survey = new Model(JSON.parse(surveyJson));
    // The base theme comes from the cached /survey-theme.css, not a <style> in every render.
    survey.generateStylesheet = false;
    survey.applyTheme({ cssVariables: mode === "kiosk" ? KIOSK_THEME_VARIABLES : THEME_VARIABLES, isPanelless: true });
    // The progress counts questions as the page titles number them ("ข้อ 3 จาก 15"), a question of
    // several sub-questions once, where SurveyJS counts fields (19 in the EIT): the text and the bar.
    survey.onGetProgressText.add((_, options) => {
      const { answered, total } = countAnsweredQuestions(survey.getAllQuestions(true));
      options.text = survey.getLocalizationFormatString("questionsProgressText", answered, total);
    });
    survey.getProgress = () => {
      const { answered, total } = countAnsweredQuestions(survey.getAllQuestions(true));
      return total > 0 ? Math.floor((answered * 100) / total) : 100;
    };
    if (mode === "kiosk") {
      // One question per page on a tablet: a tap on the last unanswered choice of a page turns it (never
      // while a required question of the page is unanswered: SurveyJS waits for every one). Never the
      // last page: the visitor sends with ส่งคำตอบ. ย้อนกลับ stays, and the next page comes again only
      // when an answer changes.
      survey.autoAdvanceEnabled = true;
      survey.autoAdvanceAllowComplete = false;
    }
    if (initial) {
      survey.data = fittingAnswers(survey, initial.answers);
      survey.currentPageNo = Math.min(initial.pageIndex, survey.visiblePageCount - 1);
    }
    return survey;
  });
  const [submissionId] = useState(() => givenId ?? newSubmissionId());
  const [state, setState] = useState<"answering" | "sending" | "failed">("answering");

  useEffect(() => {
    model.locale = lang;
    // survey-react-ui renders lang={survey.locale || "en"} on its root, and survey.locale is "" for the
    // default locale (Thai here; surveyjs/survey-library#4660): without this, screen readers would read
    // the Thai questions with an English voice (WCAG 3.1.1).
    model.rootElement?.setAttribute("lang", lang);
  }, [model, lang]);

  // The completion handler is registered once; it must call the latest onSubmit, which knows the
  // language the person switched to.
  const onSubmitRef = useRef(onSubmit);
  onSubmitRef.current = onSubmit;

  const send = async () => {
    setState("sending");
    // The suggestion leaves the device without phone numbers, ids, e-mail or LINE ids (the server removes
    // them again): a kiosk keeps what it has not sent yet in localStorage (app/components/kiosk-queue.ts).
    const ok = await onSubmitRef.current({ submissionId, answers: scrubTextAnswers(model.data) }).catch(() => false);
    if (!ok) setState("failed");
  };

  const onProgressRef = useRef(onProgress);
  onProgressRef.current = onProgress;
  useEffect(() => {
    const report = () => {
      const answers = model.data as Record<string, unknown>;
      onProgressRef.current?.({ pageIndex: model.currentPageNo, answered: Object.keys(answers).length, answers });
    };
    model.onValueChanged.add(report);
    model.onCurrentPageChanged.add(report);
    return () => {
      model.onValueChanged.remove(report);
      model.onCurrentPageChanged.remove(report);
    };
  }, [model]);

  useEffect(() => {
    const onComplete = () => void send();
    model.onComplete.add(onComplete);
    return () => model.onComplete.remove(onComplete);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- send reads onSubmit through a ref
  }, [model]);

  return (
    <>
      {state === "answering" && <Survey model={model} />}
      {state === "sending" && (
        <p className="survey-loading" role="status">
          {texts.sending}
        </p>
      )}
      {state === "failed" && (
        <div className="card" role="alert">
          <p>{texts.sendFailed}</p>
          <button type="button" className="button" onClick={() => void send()}>
            {texts.sendAgain}
          </button>
        </div>
      )}
    </>
  );
}
