import { useEffect, useState } from "react";
import { data, useNavigate } from "react-router";
import { Version as surveyCoreVersion } from "survey-core";
import surveyCssUrl from "survey-core/survey-core.fontless.min.css?url";
import { LanguageSwitch } from "../../components/language-switch";
import { SurveyRunner } from "../../components/survey-runner";
import { getDb } from "../../lib/db.server";
import { getSurveyJson } from "../../lib/frameworks.server";
import { getRequestLang, langCookieHeader, pick, t } from "../../lib/i18n";
import { requireAcceptingLink } from "../../services/submit-response.server";
import { HttpError } from "../../lib/http";
import type { Route } from "./+types/survey";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: surveyCssUrl },
  { rel: "stylesheet", href: `/survey-theme.css?v=${surveyCoreVersion}` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = getRequestLang(request);
  try {
    const link = await requireAcceptingLink(getDb(), params.token);
    return data(
      {
        lang,
        token: link.token,
        instrument: link.instrument,
        organization: { th: link.organizationNameTh, en: link.organizationNameEn },
        counter: link.counterNameTh ? { th: link.counterNameTh, en: link.counterNameEn ?? link.counterNameTh } : null,
        surveyJson: getSurveyJson(link.frameworkId, link.instrument),
      },
      { headers: { ...langCookieHeader(request), "Cache-Control": "no-store" } },
    );
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) throw data({ lang }, { status: 404 });
    throw error;
  }
}

export function meta({ data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  const instrument = t(data.lang, data.instrument === "iit" ? "instrumentIit" : "instrumentEit");
  return [{ title: `${instrument} · ${pick(data.lang, data.organization)}` }];
}

export default function SurveyPage({ loaderData }: Route.ComponentProps) {
  const { lang, token, instrument, organization, counter, surveyJson } = loaderData;
  const navigate = useNavigate();
  // SurveyJS runs in the browser only; the server sends the page frame and the definition.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  const submit = async (submission: { submissionId: string; answers: Record<string, unknown> }) => {
    const response = await fetch(`/s/${encodeURIComponent(token)}/answers`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(submission),
    });
    if (!response.ok) return false;
    const body = (await response.json()) as { thanksUrl: string };
    navigate(`${body.thanksUrl}?lang=${lang}`, { replace: true });
    return true;
  };

  return (
    <div className="respondent">
      <header className="topbar">
        <h1 className="topbar-title">
          <span className="org">{pick(lang, organization)}</span>
          <span>{counter ? pick(lang, counter) : t(lang, instrument === "iit" ? "instrumentIit" : "instrumentEit")}</span>
        </h1>
        <LanguageSwitch lang={lang} />
      </header>
      <main className="survey-shell">
        {mounted ? (
          <SurveyRunner
            surveyJson={surveyJson}
            lang={lang}
            onSubmit={submit}
            texts={{ sending: t(lang, "sending"), sendFailed: t(lang, "sendFailed"), sendAgain: t(lang, "sendAgain") }}
          />
        ) : (
          <p className="survey-loading" role="status">
            {t(lang, "loadingSurvey")}
          </p>
        )}
        <noscript>
          <p className="alert">{t(lang, "noScript")}</p>
        </noscript>
      </main>
    </div>
  );
}
