import { useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { Version as surveyCoreVersion } from "survey-core";
import surveyCssUrl from "survey-core/survey-core.fontless.min.css?url";
import { AccessCodeForm } from "../../components/access-code-form";
import { AgencyContact } from "../../components/agency-contact";
import { PrivacyNotice } from "../../components/privacy-notice";
import { LanguageSwitch } from "../../components/language-switch";
import { RespondentErrorBoundary } from "../../components/respondent-error-boundary";
import { newSubmissionId, SurveyRunner } from "../../components/survey-runner";
import { fetchStartStamp } from "../../components/start-stamp";
import { pick, t } from "../../text/i18n";
import { loadRespondentPage } from "../../services/respondent-page.server";
import type { Route } from "./+types/survey";

/**
 * A note in this browser that it already answered this link today: shown as a gentle reminder, never
 * a block (phones are shared), and never sent to the server.
 */
function answeredKey(token: string): string {
  return `prongsai:answered:${token}`;
}

function localDay(): string {
  const now = new Date();
  return `${now.getFullYear()}-${now.getMonth() + 1}-${now.getDate()}`;
}

function wasAnsweredToday(token: string): boolean {
  try {
    return localStorage.getItem(answeredKey(token)) === localDay();
  } catch {
    return false; // storage blocked (private mode): no note
  }
}

function rememberAnswered(token: string): void {
  try {
    localStorage.setItem(answeredKey(token), localDay());
  } catch {
    // storage blocked: nothing to remember
  }
}

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: surveyCssUrl },
  { rel: "stylesheet", href: `/survey-theme.css?v=${surveyCoreVersion}` },
];

export function loader({ request, params }: Route.LoaderArgs) {
  return loadRespondentPage(request, params.token);
}

export { RespondentErrorBoundary as ErrorBoundary };

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  return [{ title: `${pick(data.lang, data.surveyTitle)} · ${pick(data.lang, data.organization)}` }];
}

export default function SurveyPage({ loaderData }: Route.ComponentProps) {
  const { lang, token, instrument, organization, contact, retentionMonths, counter, surveyTitle, surveyJson, firstScreenHtml, needsCode } = loaderData;
  const navigate = useNavigate();
  // SurveyJS runs in the browser only; the server sends the page frame and the definition.
  const [mounted, setMounted] = useState(false);
  // The survey's id, made here so that its start stamp can be asked for at once (the server measures how
  // long it took: app/components/start-stamp.ts); the runner sends the answers with it.
  const [submissionId] = useState(newSubmissionId);
  const startStamp = useRef<string | null>(null);
  const [accessCode, setAccessCode] = useState<string | null>(null);
  const [answeredToday, setAnsweredToday] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  useEffect(() => {
    setMounted(true);
    setAnsweredToday(wasAnsweredToday(token));
  }, [token]);
  useEffect(() => {
    let current = true;
    void fetchStartStamp(token, submissionId).then((stamp) => {
      if (current) startStamp.current = stamp;
    });
    return () => {
      current = false;
    };
  }, [token, submissionId]);

  const submit = async (submission: { submissionId: string; answers: Record<string, unknown> }) => {
    setSubmitError(null);
    const response = await fetch(`/s/${encodeURIComponent(token)}/answers`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        ...submission,
        ...(accessCode ? { accessCode } : {}),
        ...(startStamp.current ? { startStamp: startStamp.current } : {}),
      }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { message?: string; messageEn?: string } | null;
      if (body?.message) setSubmitError(lang === "th" ? body.message : (body.messageEn ?? body.message));
      return false;
    }
    rememberAnswered(token);
    const body = (await response.json()) as { thanksUrl: string };
    navigate(`${body.thanksUrl}?lang=${lang}`, { replace: true });
    return true;
  };

  return (
    <div className="respondent">
      <header className="topbar">
        <h1 className="topbar-title">
          <span className="org">{pick(lang, organization)}</span>
          <span>{counter ? pick(lang, counter) : pick(lang, surveyTitle)}</span>
        </h1>
        <LanguageSwitch lang={lang} />
      </header>
      <main className="survey-shell">
        {answeredToday && (
          <p className="note" role="status">
            {t(lang, "answeredToday")}
          </p>
        )}
        {submitError && (
          <p className="alert" role="alert">
            {submitError}
          </p>
        )}
        {mounted && needsCode && !accessCode ? (
          <AccessCodeForm token={token} lang={lang} onAccepted={setAccessCode} />
        ) : mounted ? (
          <SurveyRunner
            submissionId={submissionId}
            surveyJson={surveyJson}
            lang={lang}
            onSubmit={submit}
            texts={{ sending: t(lang, "sending"), sendFailed: t(lang, "sendFailed"), sendAgain: t(lang, "sendAgain") }}
          />
        ) : (
          <>
            {/* Until SurveyJS runs: its first screen drawn by the server (survey-first-screen.server.ts),
                so a phone on a slow network reads the welcome while ~450 KB of scripts arrive. A round
                with access codes opens on the code form instead. */}
            {!needsCode && <div className="page page-narrow" dangerouslySetInnerHTML={{ __html: firstScreenHtml }} />}
            <p className="survey-loading" role="status">
              {t(lang, "loadingSurvey")}
            </p>
          </>
        )}
        <noscript>
          <p className="alert">{t(lang, "noScript")}</p>
        </noscript>
      </main>
      <PrivacyNotice lang={lang} instrument={instrument} organization={organization} contact={contact} retentionMonths={retentionMonths} />
      <AgencyContact lang={lang} contact={contact} />
    </div>
  );
}
