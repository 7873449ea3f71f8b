import { useCallback, useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { Version as surveyCoreVersion } from "survey-core";
import surveyCssUrl from "survey-core/survey-core.fontless.min.css?url";
import { AccessCodeForm } from "../../components/access-code-form";
import { AgencyContact } from "../../components/agency-contact";
import { PrivacyNotice } from "../../components/privacy-notice";
import { LanguageSwitch } from "../../components/language-switch";
import { RespondentErrorBoundary } from "../../components/respondent-error-boundary";
import { newSubmissionId, type SurveyProgress, SurveyRunner } from "../../components/survey-runner";
import { fetchStartStamp } from "../../components/start-stamp";
import { scrubTextAnswers } from "../../lib/personal-data";
import {
  browserProgressStorage,
  clearProgress,
  type ProgressStorage,
  progressDay,
  progressKey,
  readProgress,
  type StoredProgress,
  sweepStaleProgress,
  writeProgress,
} from "../../components/survey-progress";
import { defineTexts, pick, t } from "../../text/i18n";
import { loadRespondentPage } from "../../services/respondent-page.server";
import type { Route } from "./+types/survey";

/**
 * A note in this browser that it already answered this link today: shown as a gentle reminder, never
 * a block (phones are shared), and never sent to the server.
 */
function answeredKey(token: string): string {
  return `prongsai:answered:${token}`;
}

function wasAnsweredToday(token: string): boolean {
  try {
    return localStorage.getItem(answeredKey(token)) === progressDay();
  } catch {
    return false; // storage blocked (private mode): no note
  }
}

function rememberAnswered(token: string): void {
  try {
    localStorage.setItem(answeredKey(token), progressDay());
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

const say = defineTexts({
  restored: {
    th: "คำตอบที่ท่านตอบไว้ก่อนหน้านี้ในวันนี้ยังอยู่ ตอบต่อจากเดิมได้เลย",
    en: "The answers you gave earlier today are still here: carry on where you left off.",
  },
  startOver: { th: "ล้างคำตอบและเริ่มใหม่", en: "Clear the answers and start again" },
});

/**
 * One filling-in of the survey on this page: its id (the start stamp is asked for it, and the answers are
 * sent with it) and the answers kept from earlier today, if any. `key` remounts the runner to start over.
 */
interface Attempt {
  key: number;
  submissionId: string;
  kept: StoredProgress | null;
}

export default function SurveyPage({ loaderData }: Route.ComponentProps) {
  const { lang, token, instrument, organization, contact, retentionMonths, counter, surveyTitle, surveyJson, firstScreenHtml, needsCode } = loaderData;
  const navigate = useNavigate();
  // SurveyJS runs in the browser only; the server sends the page frame and the definition. Everything
  // of this browser (the answers kept, the id, the notes) is read after hydration: the page's HTML is
  // cached and the same for everyone (docs/decisions/respondent-page-cache.md).
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const submissionId = attempt?.submissionId ?? null;
  const startStamp = useRef<string | null>(null);
  const [accessCode, setAccessCode] = useState<string | null>(null);
  const [answeredToday, setAnsweredToday] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  // The answers in progress, kept in this browser for this link (app/components/survey-progress.ts).
  const storage = useRef<ProgressStorage | null>(null);
  const storeKey = progressKey(token, instrument);
  /** Whether leaving now would lose answers: at least one given, and not yet accepted by the server. */
  const unsent = useRef(false);
  const accepted = useRef(false);

  useEffect(() => {
    storage.current = browserProgressStorage();
    const today = progressDay();
    sweepStaleProgress(storage.current, today);
    const kept = readProgress(storage.current, storeKey, today);
    unsent.current = kept !== null && Object.keys(kept.answers).length > 0;
    // The kept survey goes on under its own id: if its answers reached the server but the reply did not,
    // sending them again is recognised and stored once (docs/decisions/client-submission-id.md).
    setAttempt({ key: 0, submissionId: kept?.submissionId ?? newSubmissionId(), kept });
    setAnsweredToday(wasAnsweredToday(token));
  }, [token, storeKey]);

  // The survey's start stamp, asked for as soon as its id is known (the server measures how long it took:
  // app/components/start-stamp.ts); a survey continued after a reload asks again, for the same id.
  useEffect(() => {
    if (!submissionId) return;
    let current = true;
    startStamp.current = null;
    void fetchStartStamp(token, submissionId).then((stamp) => {
      if (current) startStamp.current = stamp;
    });
    return () => {
      current = false;
    };
  }, [token, submissionId]);

  // Leaving with answers not yet sent asks first (the answers are kept anyway, but a visitor who closes
  // the tab may not come back today).
  useEffect(() => {
    const ask = (event: BeforeUnloadEvent) => {
      if (!unsent.current || accepted.current) return;
      event.preventDefault();
      // Chromium before 119 and WebKit ask only when returnValue is set.
      event.returnValue = true;
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, []);

  const keep = useCallback(
    (progress: SurveyProgress) => {
      if (!submissionId || accepted.current) return;
      unsent.current = progress.answered > 0;
      if (progress.answered === 0) clearProgress(storage.current, storeKey);
      // The suggestion's personal data is removed before it is kept, as before it is sent.
      else writeProgress(storage.current, storeKey, { day: progressDay(), submissionId, pageIndex: progress.pageIndex, answers: scrubTextAnswers(progress.answers) });
    },
    [submissionId, storeKey],
  );

  const startOver = () => {
    clearProgress(storage.current, storeKey);
    unsent.current = false;
    setAttempt((previous) => ({ key: (previous?.key ?? 0) + 1, submissionId: newSubmissionId(), kept: null }));
  };

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
      // Not accepted: the answers stay kept in the browser, and the runner offers to send again.
      const body = (await response.json().catch(() => null)) as { message?: string; messageEn?: string } | null;
      if (body?.message) setSubmitError(lang === "th" ? body.message : (body.messageEn ?? body.message));
      return false;
    }
    // The server has them (stored, or already stored): nothing in progress any more.
    accepted.current = true;
    clearProgress(storage.current, storeKey);
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
        {attempt?.kept && (!needsCode || accessCode) && (
          <div className="note survey-restored" role="status">
            <p>{say(lang, "restored")}</p>
            <button type="button" className="link-button" onClick={startOver}>
              {say(lang, "startOver")}
            </button>
          </div>
        )}
        {attempt && needsCode && !accessCode ? (
          <AccessCodeForm token={token} lang={lang} onAccepted={setAccessCode} />
        ) : attempt ? (
          <SurveyRunner
            key={attempt.key}
            submissionId={attempt.submissionId}
            initial={attempt.kept ?? undefined}
            onProgress={keep}
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
