/**
 * Our words for what SurveyJS itself writes around the questions (its buttons, its progress text and the
 * messages of the checks it runs), Thai first, in one place. app/components/survey-runner.tsx puts them in
 * survey-core's `th` and `en` locales, over SurveyJS's own: its `th` is partly machine-translated, and its
 * English says "Response required." where a visitor should be told what to do.
 *
 * The checks our definitions can trigger (surveys/<framework>/iit.json, eit.json): only `isRequired` on
 * radiogroups, one or several in a page (a panel of sub-questions is not itself required, and no
 * question has `validators`); test/unit/survey-texts.test.ts fails when a definition starts to use
 * another, so that its message gets our words here first. `requiredErrorInPanel` is here for a required
 * panel (none yet) because SurveyJS's English for it is as curt.
 *
 * `{0}` and `{1}` are SurveyJS's own placeholders (it fills them), not ours (fill.ts).
 */
export const SURVEY_TEXTS = {
  pagePrevText: { th: "ย้อนกลับ", en: "Previous" },
  pageNextText: { th: "ถัดไป", en: "Next" },
  completeText: { th: "ส่งคำตอบ", en: "Submit" },
  /** The progress bar: questions (ข้อ) as the page titles number them, not answer fields (survey-runner.tsx). */
  questionsProgressText: { th: "ตอบแล้ว {0} จาก {1} ข้อ", en: "Answered {0} of {1} questions" },
  requiredError: { th: "กรุณาเลือกคำตอบของข้อนี้", en: "Please choose an answer to this question." },
  requiredErrorInPanel: { th: "กรุณาเลือกคำตอบให้ครบทุกข้อ", en: "Please answer every part of this question." },
} as const satisfies Record<string, { th: string; en: string }>;

export type SurveyTextKey = keyof typeof SURVEY_TEXTS;
