import { data } from "react-router";
import { Version as surveyCoreVersion } from "survey-core";
import surveyCssUrl from "survey-core/survey-core.fontless.min.css?url";
import { KioskApp } from "../../components/kiosk-app";
import { getDb } from "../../lib/db.server";
import { getSurveyJson } from "../../lib/frameworks.server";
import { HttpError } from "../../lib/http";
import { getRequestLang, langCookieHeader, pick, t } from "../../lib/i18n";
import { requireAcceptingLink } from "../../services/submit-response.server";
import type { Route } from "./+types/kiosk";

/**
 * The kiosk: the survey of a link on a tablet at the counter (app/components/kiosk-app.tsx). The same
 * token and the same answers endpoint as /s/:token; an unknown or paused link is the same 404.
 */
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
        needsCode: link.instrument === "iit" && link.accessMode === "codes",
      },
      { headers: { ...langCookieHeader(request), "Cache-Control": "no-store" } },
    );
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) throw data({ lang }, { status: 404 });
    throw error;
  }
}

/** The kiosk never needs fresh loader data while it runs (and must not fetch any when offline). */
export function shouldRevalidate() {
  return false;
}

export function meta({ data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  const instrument = t(data.lang, data.instrument === "iit" ? "instrumentIit" : "instrumentEit");
  return [{ title: `${instrument} · ${pick(data.lang, data.organization)}` }];
}

export default function KioskPage({ loaderData }: Route.ComponentProps) {
  return <KioskApp {...loaderData} />;
}
