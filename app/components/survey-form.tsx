/**
 * The respondent page's survey as a plain HTML form (docs/decisions/respondent-page-html-form.md), drawn
 * by the server from the SurveyJS definition (app/services/survey-form.ts) and answerable before any
 * script has arrived, or with none: radio buttons and a text box in a <form method="post"> to the page's
 * own address, whose action validates it as the JSON endpoint does (app/routes/public/survey.tsx).
 *
 * Uncontrolled inputs only (defaultChecked, defaultValue): what a visitor ticks before the scripts arrive
 * stays ticked when React hydrates, and the small enhancement (./survey-form-progress.ts) reads the form
 * itself. No `required` attribute: the browser would stop the post with its own bubble in its own language;
 * the server's Thai message beside the question is the one check (required questions carry
 * aria-required and a visible mark instead).
 */
import { memo, type Ref } from "react";
import { type FormQuestion, formText, type FormValues, type SurveyForm as SurveyFormData } from "../services/survey-form";
import { defineTexts, type Lang, pick, t } from "../text/i18n";
import { SURVEY_TEXTS } from "../text/survey-texts";

/** A message in both languages, as HttpError and checkAnswers give them. */
export interface BothLanguages {
  th: string;
  en: string;
}

/** What the page's action found wrong, for the form drawn again. */
export interface FormErrors {
  /** The whole submission's message (the top of the summary). */
  summary: BothLanguages;
  /** Field name (or "accessCode") → the message beside it. */
  fields: Record<string, BothLanguages>;
}

const say = defineTexts({
  required: { th: "ต้องตอบ", en: "required" },
  summaryTitle: { th: "กรุณาแก้ไขก่อนส่ง", en: "Please correct this before sending" },
  optional: { th: "ไม่บังคับ", en: "optional" },
  goTo: { th: "ไปที่ข้อนี้", en: "Go to this question" },
});

export function questionAnchor(name: string): string {
  return `q-${name}`;
}

function errorId(name: string): string {
  return `e-${name}`;
}

export interface SurveyFormProps {
  form: SurveyFormData;
  lang: Lang;
  /** Where the form posts: the page's own address. */
  action: string;
  submissionId: string;
  startStamp: string;
  /** An IIT round with access codes: the code is a field of the form. */
  needsCode: boolean;
  values: FormValues;
  errors: FormErrors | null;
  formRef?: Ref<HTMLFormElement>;
}

export function SurveyForm({ form, lang, action, submissionId, startStamp, needsCode, values, errors, formRef }: SurveyFormProps) {
  const fieldError = (name: string) => (errors ? errors.fields[name] : undefined);
  const wordedQuestions = new Map(form.questions.map((q) => [q.name, q]));
  const errorNames = errors ? Object.keys(errors.fields) : [];
  return (
    <form ref={formRef} method="post" action={action} className="survey-form" noValidate data-testid="survey-form">
      <h2 className="survey-form-title">{formText(form.title, lang)}</h2>
      {formText(form.description, lang) && <p className="muted">{formText(form.description, lang)}</p>}
      {errors && (
        <div className="form-error-summary" id="errors" role="alert" tabIndex={-1} data-testid="error-summary">
          <h2>{say(lang, "summaryTitle")}</h2>
          <p>{pick(lang, errors.summary)}</p>
          {errorNames.length > 0 && (
            <ul>
              {errorNames.map((name) => (
                <li key={name}>
                  <a href={`#${questionAnchor(name)}`}>
                    {name === "accessCode" ? t(lang, "codeLabel") : formText(wordedQuestions.get(name)?.title, lang) || name}
                  </a>
                  {": "}
                  {pick(lang, errors.fields[name]!)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ViewFields submissionId={submissionId} startStamp={startStamp} />
      {needsCode && (
        <div className={`form-question${fieldError("accessCode") ? " has-error" : ""}`} id={questionAnchor("accessCode")}>
          <label className="code-field">
            <span className="question-title">{t(lang, "codeTitle")}</span>
            <span className="muted">{t(lang, "codeLead")}</span>
            {fieldError("accessCode") && (
              <span className="field-error" id={errorId("accessCode")}>
                {pick(lang, fieldError("accessCode")!)}
              </span>
            )}
            <span>{t(lang, "codeLabel")}</span>
            <input
              name="accessCode"
              defaultValue={values.accessCode ?? ""}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={32}
              aria-required="true"
              aria-invalid={fieldError("accessCode") ? true : undefined}
              aria-describedby={fieldError("accessCode") ? errorId("accessCode") : undefined}
            />
          </label>
        </div>
      )}
      {form.sections.map((section) => (
        <section key={section.name} className="form-section" aria-label={formText(section.title, lang) || undefined}>
          {formText(section.title, lang) && <h3 className="form-section-title">{formText(section.title, lang)}</h3>}
          {section.blocks.map((block, index) => {
            if (block.kind === "html") {
              // The framework's own markup (surveys/), trusted as SurveyJS trusts it (survey-definition.ts).
              return <div key={index} className="form-html" dangerouslySetInnerHTML={{ __html: formText(block.html, lang) }} />;
            }
            if (block.kind === "question") return <Question key={block.question.name} question={block.question} lang={lang} values={values} error={fieldError(block.question.name)} />;
            const panelErrors = block.questions.some((q) => fieldError(q.name));
            return (
              <fieldset key={block.name} className={`form-panel${panelErrors ? " has-error" : ""}`}>
                <legend className="question-title">{formText(block.title, lang)}</legend>
                {block.questions.map((question) => (
                  <Question key={question.name} question={question} lang={lang} values={values} error={fieldError(question.name)} sub />
                ))}
              </fieldset>
            );
          })}
        </section>
      ))}
      <button type="submit" className="button survey-submit">
        {formText(form.submitText, lang) || pick(lang, SURVEY_TEXTS.completeText)}
      </button>
    </form>
  );
}

/**
 * The view's submission id and start stamp. A hidden input's value is its default, which React sets again
 * on every update of the element: memo keeps it from updating, so that the id the page's script puts in
 * (answers kept from earlier, a fresh start: ./survey-form-progress.ts) stays. The props never change.
 */
const ViewFields = memo(function ViewFields({ submissionId, startStamp }: { submissionId: string; startStamp: string }) {
  return (
    <>
      <input type="hidden" name="submissionId" defaultValue={submissionId} />
      <input type="hidden" name="startStamp" defaultValue={startStamp} />
    </>
  );
});

function Question({ question, lang, values, error, sub = false }: { question: FormQuestion; lang: Lang; values: FormValues; error?: BothLanguages; sub?: boolean }) {
  const title = formText(question.title, lang);
  const description = formText(question.description, lang);
  const described = error ? errorId(question.name) : undefined;
  const mark = question.required ? (
    <span className="required-mark" title={say(lang, "required")}>
      {" *"}
      <span className="visually-hidden">({say(lang, "required")})</span>
    </span>
  ) : (
    <span className="muted"> ({say(lang, "optional")})</span>
  );
  if (question.kind === "text") {
    return (
      <div className={`form-question${error ? " has-error" : ""}${sub ? " sub-question" : ""}`} id={questionAnchor(question.name)}>
        <label>
          <span className="question-title">
            {title}
            {mark}
          </span>
          {description && <span className="question-description">{description}</span>}
          {error && (
            <span className="field-error" id={described}>
              {pick(lang, error)}
            </span>
          )}
          <textarea
            name={question.name}
            rows={question.rows}
            maxLength={question.maxLength ?? undefined}
            defaultValue={values[question.name] ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
          />
        </label>
      </div>
    );
  }
  return (
    <fieldset
      className={`form-question${error ? " has-error" : ""}${sub ? " sub-question" : ""}`}
      id={questionAnchor(question.name)}
      aria-describedby={described}
      aria-invalid={error ? true : undefined}
    >
      <legend className="question-title">
        {title}
        {question.required && mark}
      </legend>
      {description && <p className="question-description">{description}</p>}
      {error && (
        <p className="field-error" id={described} data-testid={`error-${question.name}`}>
          {pick(lang, error)}
        </p>
      )}
      <div className={`choices${question.columns > 1 ? " choices-row" : ""}`}>
        {question.choices.map((choice) => {
          const value = String(choice.value);
          return (
            <label key={value} className="choice">
              <input type="radio" name={question.name} value={value} defaultChecked={values[question.name] === value} />
              <span>{formText(choice.text, lang) || value}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
