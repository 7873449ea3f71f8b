import { useRef, useState } from "react";
import { data, redirect } from "react-router";
import { AgencyContact } from "../../components/agency-contact";
import { PrivacyNotice } from "../../components/privacy-notice";
import { LanguageSwitch } from "../../components/language-switch";
import { RespondentErrorBoundary } from "../../components/respondent-error-boundary";
import { type FormErrors, SurveyForm } from "../../components/survey-form";
import { useFormProgress } from "../../components/survey-form-progress";
import { requestInfoContext } from "../../lib/request-context";
import { type HttpError, readBodyLimited } from "../../lib/http";
import { AccessCodeRefused } from "../../services/access-codes.server";
import { answerFormPost, methodNotAllowed } from "../../services/answers-endpoint.server";
import { newFormView } from "../../services/form-view.server";
import { loadRespondentPage } from "../../services/respondent-page.server";
import { type FormValues, surveyFormOf, type SurveyForm as SurveyFormData } from "../../services/survey-form";
import { defineTexts, getRequestLang, pick, t } from "../../text/i18n";
import { SURVEY_TEXTS } from "../../text/survey-texts";
import type { Route } from "./+types/survey";

/**
 * The respondent page /s/:token: the survey as a plain HTML form drawn by the server from the SurveyJS
 * definition, answerable before (and without) any script, posted to this page's own address
 * (docs/decisions/respondent-page-html-form.md). The kiosk (/k/:token) keeps SurveyJS.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const page = await loadRespondentPage(request, params.token);
  // A slip's QR code brings its access code in ?code= (such a page is never cached: its query is not ?lang=).
  const code = new URL(request.url).searchParams.get("code");
  return data(
    {
      ...page.data,
      // From the page cache as placeholders it fills per copy, or fresh for this render.
      formView: context.get(requestInfoContext).formView ?? newFormView(),
      code: code && /^[A-Za-z0-9-]{1,32}$/.test(code) ? code : null,
    },
    page.init ?? undefined,
  );
}

function bothLanguages(pair: { th: string; en: string }) {
  return { th: pair.th, en: pair.en };
}

/**
 * The errors of a refused post, beside the questions they belong to: a required question left out is told
 * in the words the kiosk's SurveyJS uses (SURVEY_TEXTS.requiredError), any other in the validation's own
 * words; a refused access code beside the code field. A name the form has no question for (a post not made
 * by this form) stays in the summary only.
 */
function formErrorsOf(error: HttpError, form: SurveyFormData, values: FormValues): FormErrors {
  const fields: FormErrors["fields"] = {};
  const names = new Set(form.questions.map((q) => q.name));
  for (const [name, message] of Object.entries(error.fields ?? {})) {
    if (!names.has(name)) continue;
    fields[name] = values[name] === undefined || values[name] === "" ? bothLanguages(SURVEY_TEXTS.requiredError) : bothLanguages(message);
  }
  if (error instanceof AccessCodeRefused) fields.accessCode = { th: error.messageTh, en: error.messageEn };
  return { summary: { th: error.messageTh, en: error.messageEn }, fields };
}

/**
 * POST /s/:token, the form sent (with or without JavaScript): the checks, limits and messages of the JSON
 * endpoint (answerFormPost), then 303 to the thanks — a repeat of a stored submission id too — or the form
 * drawn again with what was sent, the errors beside the questions and a summary at the top (the form's
 * action ends in #errors, so the browser shows it), with the error's own 4xx status.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  // React Router calls the action for PUT, PATCH and DELETE too: the form is sent with POST only.
  // (Thrown as route data: the page's error boundary answers it, as React Router's own 405 of a route
  // without an action was.)
  if (request.method !== "POST") throw data(methodNotAllowed().toApiError(), { status: 405, headers: { Allow: "GET, POST" } });
  const lang = getRequestLang(request);
  // An unknown, paused or closed link answers its page (404, 410, 403), as the loader does.
  const page = await loadRespondentPage(request, params.token);
  const form = surveyFormOf(page.data.surveyJson);
  const answer = await answerFormPost({
    token: params.token,
    form,
    clientAddress: context.get(requestInfoContext).clientAddress,
    readBody: (limitBytes) => readBodyLimited(request, limitBytes),
    cookie: request.headers.get("cookie") ?? undefined,
  });
  if (answer.ok) return redirect(`/s/${encodeURIComponent(params.token)}/thanks?lang=${lang}`, { status: 303, headers: { "Cache-Control": "no-store" } });
  // The link stopped taking answers between the two reads: its page, as the loader draws it.
  if (answer.error.status === 404 || answer.error.status === 410 || answer.error.status === 403) await loadRespondentPage(request, params.token);
  return data(
    { errors: formErrorsOf(answer.error, form, answer.values), values: answer.values },
    { status: answer.error.status, headers: { "Cache-Control": "no-store" } },
  );
}

export { RespondentErrorBoundary as ErrorBoundary };

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  return [{ title: `${pick(data.lang, data.surveyTitle)} · ${pick(data.lang, data.organization)}` }];
}

const say = defineTexts({
  restored: {
    th: "คำตอบที่ท่านตอบไว้ก่อนหน้านี้ในวันนี้ยังอยู่ ตอบต่อจากเดิมได้เลย",
    en: "The answers you gave earlier today are still here: carry on where you left off.",
  },
  startOver: { th: "ล้างคำตอบและเริ่มใหม่", en: "Clear the answers and start again" },
});

const WELL_FORMED_ID = /^[A-Za-z0-9-]{16,64}$/;

export default function SurveyPage({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, token, instrument, organization, contact, retentionMonths, counter, surveyTitle, surveyJson, needsCode, formView, code } = loaderData;
  const form = surveyFormOf(surveyJson);
  const formRef = useRef<HTMLFormElement>(null);
  const progress = useFormProgress({ formRef, form, token, instrument, drawnAfterPost: actionData !== undefined });
  // A refused post is drawn again under the id it was sent with, so that sending it again stores it once.
  const values: FormValues = actionData?.values ?? (code ? { accessCode: code } : {});
  const postedId = actionData?.values.submissionId;
  const sentWithIt = postedId !== undefined && WELL_FORMED_ID.test(postedId);
  // Fixed for the life of the page: a hidden field's value follows its default, so a new view from the
  // loader (the language switch) must not replace the id the visitor's answers are kept and sent under.
  const [{ submissionId, startStamp }] = useState(() =>
    sentWithIt ? { submissionId: postedId, startStamp: actionData?.values.startStamp ?? "" } : formView,
  );

  return (
    <div className="respondent">
      <header className="topbar">
        <h1 className="topbar-title">
          <span className="org">{pick(lang, organization)}</span>
          <span>{counter ? pick(lang, counter) : pick(lang, surveyTitle)}</span>
        </h1>
        <LanguageSwitch lang={lang} />
      </header>
      <main className="survey-shell page page-narrow">
        {progress.answeredToday && (
          <p className="note" role="status">
            {t(lang, "answeredToday")}
          </p>
        )}
        {progress.restored && (
          <div className="note survey-restored" role="status">
            <p>{say(lang, "restored")}</p>
            <button type="button" className="link-button" onClick={progress.startOver}>
              {say(lang, "startOver")}
            </button>
          </div>
        )}
        {progress.count && (
          <p className="form-count" aria-live="polite" data-testid="form-count">
            {pick(lang, SURVEY_TEXTS.questionsProgressText).replace("{0}", String(progress.count.answered)).replace("{1}", String(progress.count.total))}
          </p>
        )}
        <SurveyForm
          form={form}
          lang={lang}
          // #errors: after a refused post the browser opens the page at the summary, whose links lead to each question.
          action={`/s/${encodeURIComponent(token)}?lang=${lang}#errors`}
          submissionId={submissionId}
          startStamp={startStamp}
          needsCode={needsCode}
          values={values}
          errors={actionData?.errors ?? null}
          formRef={formRef}
        />
      </main>
      <PrivacyNotice lang={lang} instrument={instrument} organization={organization} contact={contact} retentionMonths={retentionMonths} />
      <AgencyContact lang={lang} contact={contact} />
    </div>
  );
}
