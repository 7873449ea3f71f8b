/**
 * The ONLY importer of survey-react-ui (ARCHITECTURE.md §2). Runs a SurveyJS definition in the
 * browser and posts the answers with a submission id made here, once per filled-in survey, so a
 * retry after a network error can never store the same answers twice.
 *
 * Two modes: "phone" (the respondent page /s/:token) and "kiosk" (/k/:token, a tablet on a counter:
 * larger type). A kiosk starts a fresh survey by remounting the runner with a new React `key`: a new
 * Model and a new submission id, nothing of the previous visitor left in memory.
 */
import { useEffect, useRef, useState } from "react";
import { Model, Serializer, surveyLocalization } from "survey-core";
import "survey-core/i18n/thai";
import { Survey } from "survey-react-ui";
import type { Lang } from "../text/i18n";
import { scrubTextAnswers } from "../lib/personal-data";
import { registerSurveyProperties } from "../lib/survey-properties";

registerSurveyProperties(Serializer);

// Our definitions hold Thai under "default"; survey-core assumes "default" is English unless told.
surveyLocalization.defaultLocale = "th";
// survey-core's Thai strings are partly machine-translated; these are the ones a respondent sees.
Object.assign(surveyLocalization.locales["th"] ?? {}, {
  questionsProgressText: "ตอบแล้ว {0} จาก {1} ข้อ",
  pagePrevText: "ย้อนกลับ",
  pageNextText: "ถัดไป",
  completeText: "ส่งคำตอบ",
  requiredError: "กรุณาเลือกคำตอบของข้อนี้",
  requiredErrorInPanel: "กรุณาเลือกคำตอบให้ครบทุกข้อ",
});

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

/** A random id of 32 hex digits; crypto.randomUUID needs HTTPS, which a counter's LAN may lack. */
export function newSubmissionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface SurveyRunnerProps {
  surveyJson: string;
  lang: Lang;
  /** Sends the answers; resolves true when the server has them (stored or already stored). */
  onSubmit: (submission: { submissionId: string; answers: Record<string, unknown> }) => Promise<boolean>;
  texts: { sending: string; sendFailed: string; sendAgain: string };
  /** "phone" unless told: the kiosk's larger theme. */
  mode?: SurveyRunnerMode;
  /**
   * Called when an answer changes or the page turns, with the page index and the number of answered
   * fields: the kiosk uses it to know whether anything would be lost by starting again.
   */
  onProgress?: (progress: SurveyProgress) => void;
  /**
   * The id the answers are sent with, when the page made it already (it asked for the survey's start
   * stamp with it, app/components/start-stamp.ts); otherwise a new one.
   */
  submissionId?: string;
}

export interface SurveyProgress {
  pageIndex: number;
  answered: number;
}

export function SurveyRunner({ surveyJson, lang, onSubmit, texts, mode = "phone", onProgress, submissionId: givenId }: SurveyRunnerProps) {
  // useState, not useMemo: the model must survive re-renders, or it resets after completion.
  const [model] = useState(() => {
    const survey = new Model(JSON.parse(surveyJson));
    // The base theme comes from the cached /survey-theme.css, not a <style> in every render.
    survey.generateStylesheet = false;
    survey.applyTheme({ cssVariables: mode === "kiosk" ? KIOSK_THEME_VARIABLES : THEME_VARIABLES, isPanelless: true });
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
    const report = () => onProgressRef.current?.({ pageIndex: model.currentPageNo, answered: Object.keys(model.data).length });
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
