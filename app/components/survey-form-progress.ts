/**
 * What JavaScript adds to the respondent page's HTML form (./survey-form.tsx) once it has arrived — the
 * form works without it (docs/decisions/respondent-page-html-form.md): the answers in progress kept in
 * this browser for the link and day (./survey-progress.ts, answers-in-progress-in-the-browser.md) and
 * put back after a reload, the count "ตอบแล้ว X จาก Y ข้อ", the note that this device answered today, the
 * question before leaving with answers not sent, and a fresh start.
 *
 * It reads and writes the form's own inputs (they are uncontrolled), so what a visitor ticked before the
 * scripts arrived is kept, counted and stored like the rest. The form is still sent by the browser's own
 * post: the thanks page clears what was kept (markSending / takeSending).
 */
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { scrubTextAnswers } from "../lib/personal-data";
import { answersFromForm, countAnsweredInForm, type SurveyForm } from "../services/survey-form";
import { fetchStartStamp } from "./start-stamp";
import {
  browserProgressStorage,
  clearProgress,
  markSending,
  newSubmissionId,
  type ProgressStorage,
  progressDay,
  progressKey,
  readProgress,
  sweepStaleProgress,
  wasAnsweredToday,
  writeProgress,
} from "./survey-progress";

export interface FormProgressState {
  /** Null until the script runs (the server draws no count). */
  count: { answered: number; total: number } | null;
  answeredToday: boolean;
  /** Answers of earlier today were put back into the form. */
  restored: boolean;
}

function sessionStorageOrNull(): ProgressStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function formParams(element: HTMLFormElement): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(element)) if (typeof value === "string") params.append(name, value);
  return params;
}

function setHidden(element: HTMLFormElement, name: string, value: string): void {
  const input = element.elements.namedItem(name);
  if (input instanceof HTMLInputElement) input.value = value;
}

/**
 * Puts kept answers into the fields the visitor has not answered yet (what was ticked before the script
 * ran wins). A kept value no choice has is passed over. Returns whether anything was put back.
 */
function restoreInto(element: HTMLFormElement, form: SurveyForm, answers: Record<string, unknown>): boolean {
  let restored = false;
  for (const question of form.questions) {
    if (!(question.name in answers)) continue;
    const value = answers[question.name];
    const field = element.elements.namedItem(question.name);
    if (question.kind === "text") {
      if (field instanceof HTMLTextAreaElement && field.value === "" && typeof value === "string") {
        field.value = value;
        restored = true;
      }
      continue;
    }
    const radios = field instanceof RadioNodeList ? Array.from(field) : field instanceof HTMLInputElement ? [field] : [];
    if (radios.some((r) => r instanceof HTMLInputElement && r.checked)) continue;
    const match = radios.find((r): r is HTMLInputElement => r instanceof HTMLInputElement && r.value === String(value));
    if (match) {
      match.checked = true;
      restored = true;
    }
  }
  return restored;
}

/**
 * `drawnAfterPost`: the form is the server's answer to a post it refused (its values are what was sent):
 * those are kept as they are, not mixed with older kept answers.
 */
export function useFormProgress(options: { formRef: RefObject<HTMLFormElement | null>; form: SurveyForm; token: string; instrument: string; drawnAfterPost: boolean }) {
  const { formRef, form, token, instrument, drawnAfterPost } = options;
  const [state, setState] = useState<FormProgressState>({ count: null, answeredToday: false, restored: false });
  const storage = useRef<ProgressStorage | null>(null);
  const storeKey = progressKey(token, instrument);
  const unsent = useRef(false);
  const sending = useRef(false);

  /** Counts the answers, and keeps them (scrubbed, as they would be sent) under the form's submission id. */
  const keep = useCallback(() => {
    const element = formRef.current;
    if (!element || sending.current) return;
    const params = formParams(element);
    const answers = answersFromForm(form, params);
    // Only the questions' answers are kept: the code and the stamp are not (survey-progress.ts).
    for (const name of ["submissionId", "startStamp", "accessCode"]) delete answers[name];
    const count = countAnsweredInForm(form, (name) => name in answers);
    unsent.current = Object.keys(answers).length > 0;
    setState((s) => ({ ...s, count }));
    const submissionId = params.get("submissionId") ?? "";
    if (!unsent.current || !/^[A-Za-z0-9-]{16,64}$/.test(submissionId)) clearProgress(storage.current, storeKey);
    else writeProgress(storage.current, storeKey, { day: progressDay(), submissionId, pageIndex: 0, answers: scrubTextAnswers(answers) });
  }, [form, formRef, storeKey]);

  /** A new survey under a new id: the form emptied, the kept answers dropped, a start stamp asked for it. */
  const switchToId = useCallback(
    (element: HTMLFormElement, submissionId: string) => {
      setHidden(element, "submissionId", submissionId);
      setHidden(element, "startStamp", "");
      void fetchStartStamp(token, submissionId).then((stamp) => {
        if (stamp && formRef.current?.elements.namedItem("submissionId") instanceof HTMLInputElement && (formRef.current.elements.namedItem("submissionId") as HTMLInputElement).value === submissionId) {
          setHidden(formRef.current, "startStamp", stamp);
        }
      });
    },
    [token, formRef],
  );

  useEffect(() => {
    const element = formRef.current;
    if (!element) return;
    storage.current = browserProgressStorage();
    const today = progressDay();
    sweepStaleProgress(storage.current, today);
    const kept = drawnAfterPost ? null : readProgress(storage.current, storeKey, today);
    let restored = false;
    if (kept && Object.keys(kept.answers).length > 0) {
      restored = restoreInto(element, form, kept.answers);
      // The kept survey goes on under its own id: if its answers reached the server but the reply did
      // not, sending them again is recognised and stored once (docs/decisions/client-submission-id.md).
      // The page's own id and stamp are dropped; a stamp is asked for the kept id.
      switchToId(element, kept.submissionId);
    }
    setState((s) => ({ ...s, answeredToday: wasAnsweredToday(storage.current, token, today), restored }));
    keep();
    element.addEventListener("change", keep);
    element.addEventListener("input", keep);
    const onSubmit = () => {
      sending.current = true;
      markSending(sessionStorageOrNull(), token);
    };
    element.addEventListener("submit", onSubmit);
    // Leaving with answers not yet sent asks first (they are kept anyway, but a visitor who closes the tab
    // may not come back today).
    const ask = (event: BeforeUnloadEvent) => {
      if (!unsent.current || sending.current) return;
      event.preventDefault();
      // Chromium before 119 and WebKit ask only when returnValue is set.
      event.returnValue = true;
    };
    window.addEventListener("beforeunload", ask);
    // A page shown again from the back-forward cache after a send can be answered again.
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) sending.current = false;
    };
    window.addEventListener("pageshow", onShow);
    return () => {
      element.removeEventListener("change", keep);
      element.removeEventListener("input", keep);
      element.removeEventListener("submit", onSubmit);
      window.removeEventListener("beforeunload", ask);
      window.removeEventListener("pageshow", onShow);
    };
    // Once per form: the language switch re-renders the same form, whose inputs keep their state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formRef, storeKey]);

  /** ล้างคำตอบและเริ่มใหม่: every answer cleared (not reset: reset would bring back a refused post's values). */
  const startOver = useCallback(() => {
    const element = formRef.current;
    if (!element) return;
    for (const field of Array.from(element.elements)) {
      if (field instanceof HTMLInputElement && field.type === "radio") field.checked = false;
      else if (field instanceof HTMLTextAreaElement) field.value = "";
    }
    clearProgress(storage.current, storeKey);
    switchToId(element, newSubmissionId());
    setState((s) => ({ ...s, restored: false }));
    keep();
    element.scrollIntoView({ block: "start" });
  }, [formRef, storeKey, keep, switchToId]);

  return { ...state, startOver };
}
